/**
 * The reports of a design rule that reads one table at a time (`checkTable`), kept per table object. A replay
 * shares the tables a statement did not change between its states, and an edit replays from the statement it
 * touched: the tables before it (half a large file, on average) are the same objects in the new schema, so
 * their reports are read back instead of worked out again. Only a table that can no longer change in place is
 * remembered (model/snapshot.ts `settled`: every later change copies it first), so its object stands for its
 * content; the tables of a schema that changes in place (a Prisma model, a replay without states) are checked
 * each time, as they are new objects each time anyway.
 */
import type { Schema, Table } from '../model/schema';
import { settled } from '../model/snapshot';
import type { Report, Rule, TableContext } from '../rules/types';

const NONE: readonly Report[] = Object.freeze([]);

/** Counts for tests: tables a rule ran on, tables whose reports were read back (never reset by the code). */
export const tableReportWork = { checked: 0, kept: 0 };

/** One run of a rule: the schema's tables in order, and the reports of each. */
interface Run {
  /** Undefined where the table could still change in place: its reports are not read back. */
  tables: (Table | undefined)[];
  reports: (readonly Report[])[];
}

export class TableReports {
  /**
   * Per rule and everything else its reports depend on (`key`): its last run. Only the last run's: a map held weakly
   * by table would keep every report until a full collection (a weak map's values outlive the young generation's
   * collections), and a keystroke's run would leave a whole file's reports to it. A table is looked up at its place
   * in the last run's order, not hashed: the tables an edit did not reach keep their places (a map keeps the order
   * tables were added in), and one that moved is only worked out again.
   */
  private readonly byKey = new Map<string, Run>();

  /** `rule.checkTable` over every table of `schema`, in order, each report handed to `report`. */
  run(rule: Rule, key: string, ctx: Omit<TableContext, 'report'>, schema: Schema, report: (r: Report) => void): void {
    const last = this.byKey.get(key);
    const n = schema.tables.size;
    const next: Run = { tables: new Array<Table | undefined>(n), reports: new Array<readonly Report[]>(n) };
    let found: Report[] = [];
    const tableCtx: TableContext = { ...ctx, report: (r) => found.push(r) };
    let i = 0;
    // forEach, not an iterator: a keystroke's run walks every table once per rule.
    schema.tables.forEach((table) => {
      let reports: readonly Report[];
      if (last && last.tables[i] === table) {
        reports = last.reports[i];
        tableReportWork.kept++;
      } else {
        tableReportWork.checked++;
        rule.checkTable!(tableCtx, table);
        reports = found.length ? found : NONE;
        if (found.length) found = [];
      }
      next.tables[i] = settled(schema, table) ? table : undefined;
      next.reports[i] = reports;
      for (let k = 0; k < reports.length; k++) report(reports[k]);
      i++;
    });
    // Keys change with the settings: a long session that changes them often starts over now and then.
    if (!last && this.byKey.size >= 500) this.byKey.clear();
    this.byKey.set(key, next);
  }
}
