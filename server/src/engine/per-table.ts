/**
 * Design rules marked `perTable` (rules/types.ts): what such a rule reports on a table depends on that table
 * alone, so its reports are kept per table object, and a keystroke that leaves most tables as they were (the
 * same objects: the replay and the Prisma build share what they did not change) runs it only on the tables it
 * rebuilt. Those go to the rule together, in one schema that says which table the rule is at while it walks
 * them: each report belongs to the table it was made at.
 */
import type { Schema, Table } from '../model/schema';
import type { DesignContext, Report, Rule } from '../rules/types';

/** How many tables `perTable` rules ran on, and on how many alone (a report outside the walk), for tests (never reset by the code). */
export const designWork = { tableRuns: 0, alone: 0 };

const NONE: readonly Report[] = [];

/** The enums of the schema a `perTable` rule sees: none (such a rule reads only its tables). */
const NO_ENUMS: Schema['enums'] = new Map();

/** Tables that note which one is being walked, for as long as it is. */
class Walked extends Map<string, Table> {
  at: Table | undefined;

  override *values(): MapIterator<Table> {
    try {
      for (const t of super.values()) {
        this.at = t;
        yield t;
      }
    } finally {
      this.at = undefined;
    }
  }

  override *entries(): MapIterator<[string, Table]> {
    for (const t of this.values()) yield [t.key, t];
  }

  override [Symbol.iterator](): MapIterator<[string, Table]> {
    return this.entries();
  }

  override forEach(fn: (value: Table, key: string, map: Map<string, Table>) => void): void {
    for (const t of this.values()) fn(t, t.key, this);
  }
}

export class PerTableReports {
  private readonly kept = new WeakMap<Table, Map<string, readonly Report[]>>();

  /** The rule's reports on `schema`, in the order a run over the whole schema gives them. `key`: its options, language and version. */
  reports(rule: Rule, key: string, schema: Schema, ctx: DesignContext): Report[] {
    const missing: Table[] = [];
    for (const t of schema.tables.values()) if (!this.kept.get(t)?.has(key)) missing.push(t);
    if (missing.length) this.run(rule, key, missing, ctx);
    const out: Report[] = [];
    for (const t of schema.tables.values()) out.push(...this.kept.get(t)!.get(key)!);
    return out;
  }

  private run(rule: Rule, key: string, tables: Table[], ctx: DesignContext): void {
    designWork.tableRuns += tables.length;
    const walked = new Walked(tables.map((t) => [t.key, t]));
    const found = new Map<Table, Report[]>();
    let astray = false;
    rule.checkSchema!({
      ...ctx,
      schema: { dialect: ctx.dialect, tables: walked, enums: NO_ENUMS },
      report: (r) => {
        const at = walked.at;
        if (!at) astray = true;
        else {
          const list = found.get(at);
          if (list) list.push(r);
          else found.set(at, [r]);
        }
      },
    });
    // A report made outside the walk belongs to no table: the rule runs on each table alone instead.
    if (astray) for (const t of tables) found.set(t, this.alone(rule, t, ctx));
    for (const t of tables) {
      let perKey = this.kept.get(t);
      if (!perKey) {
        perKey = new Map();
        this.kept.set(t, perKey);
      }
      perKey.set(key, found.get(t) ?? NONE);
    }
  }

  private alone(rule: Rule, table: Table, ctx: DesignContext): Report[] {
    designWork.alone++;
    const out: Report[] = [];
    rule.checkSchema!({ ...ctx, schema: { dialect: ctx.dialect, tables: new Map([[table.key, table]]), enums: NO_ENUMS }, report: (r) => out.push(r) });
    return out;
  }
}
