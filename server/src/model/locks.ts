/**
 * What a DDL statement does to the tables it touches on PostgreSQL: the lock it takes (and what that
 * lock blocks), whether it rewrites or scans the table, and the safer way to get the same result.
 * Version-aware (`pgVersion`): a constant default on ADD COLUMN stopped rewriting the table in 11, a
 * valid `CHECK (col IS NOT NULL)` lets SET NOT NULL skip its scan from 12. The migration rules word
 * their messages from here and the hover shows it for any statement.
 */
import type { Table } from './schema';
import type { AlterAction, StatementInfo } from './statements';
import { article } from './text';
import { alterTypeEffect, utcConversion } from './type-change';

export type LockMode =
  | 'ACCESS SHARE'
  | 'ROW SHARE'
  | 'ROW EXCLUSIVE'
  | 'SHARE UPDATE EXCLUSIVE'
  | 'SHARE'
  | 'SHARE ROW EXCLUSIVE'
  | 'EXCLUSIVE'
  | 'ACCESS EXCLUSIVE';

const STRENGTH: LockMode[] = ['ACCESS SHARE', 'ROW SHARE', 'ROW EXCLUSIVE', 'SHARE UPDATE EXCLUSIVE', 'SHARE', 'SHARE ROW EXCLUSIVE', 'EXCLUSIVE', 'ACCESS EXCLUSIVE'];

/** What holding the lock blocks, for messages: "blocks every read and write". */
export function blocks(mode: LockMode): string {
  switch (mode) {
    case 'ACCESS EXCLUSIVE':
      return 'blocks every read and write on the table';
    case 'EXCLUSIVE':
      return 'blocks writes (reads continue)';
    case 'SHARE ROW EXCLUSIVE':
    case 'SHARE':
      return 'blocks writes (INSERT, UPDATE, DELETE); reads continue';
    case 'SHARE UPDATE EXCLUSIVE':
      return 'blocks neither reads nor writes, only other schema changes, VACUUM and ANALYZE';
    case 'ROW EXCLUSIVE':
      return 'blocks no one on the table itself, but locks every row it changes until commit';
    default:
      return 'blocks almost nothing';
  }
}

export function blocksWrites(mode: LockMode): boolean {
  return STRENGTH.indexOf(mode) >= STRENGTH.indexOf('SHARE');
}

export function blocksReads(mode: LockMode): boolean {
  return mode === 'ACCESS EXCLUSIVE';
}

export interface LockEffect {
  /** What this part of the statement does, as written or summarised (`ADD COLUMN email`). */
  action: string;
  table: string;
  mode: LockMode;
  /** The table (and its indexes) is rewritten: time grows with its size, with the lock held. */
  rewrite: boolean;
  /** The whole table is read (to validate, or to build an index): time grows with its size. */
  scan: boolean;
  /** Why, and anything version-specific. */
  note?: string;
  /** The safer way, when there is one. */
  safer?: string;
}

export interface LockContext {
  pgVersion: number;
  /** A table as it stood before the statement. */
  before(key: string): Table | undefined;
  /** The session time zone, when an earlier statement of the same migration set it (`SET timezone = 'UTC'`). */
  timezone?: string;
}

function actionEffects(table: string, a: AlterAction, ctx: LockContext, key: string): LockEffect[] {
  const AE: LockMode = 'ACCESS EXCLUSIVE';
  switch (a.type) {
    case 'add-column': {
      const out: LockEffect[] = [];
      let rewrite = false;
      let note: string | undefined;
      const volatile = a.default?.volatile;
      if (a.generated === 'identity' || a.generated === 'serial') {
        rewrite = true;
        note = `a${a.generated === 'serial' ? ' serial' : 'n identity'} column gets a value in every existing row, which rewrites the table`;
      } else if (a.generated === 'stored') {
        rewrite = true;
        note = 'a stored generated column is computed for every existing row, which rewrites the table';
      } else if (volatile) {
        rewrite = true;
        note = a.default?.volatileAssumed
          ? `the default calls ${volatile}(), volatile unless declared STABLE or IMMUTABLE: the table is rewritten`
          : `the default calls ${volatile}(), which gives every row its own value: the table is rewritten`;
      } else if (a.default && !a.default.isNull) {
        if (ctx.pgVersion < 11) {
          rewrite = true;
          note = 'before PostgreSQL 11 any default is written into every row: the table is rewritten';
        } else note = 'a non-volatile default is stored once in the catalog (PostgreSQL 11+): no rewrite';
      }
      const scan = a.constraints.some((c) => c.kind === 'check' || c.kind === 'primary' || c.kind === 'unique');
      out.push({
        action: `ADD COLUMN ${a.column}`,
        table,
        mode: AE,
        rewrite,
        scan: scan && !rewrite,
        note,
        safer: rewrite ? 'add the column without the default (or nullable), then fill it in batches' : undefined,
      });
      for (const c of a.constraints) {
        if (c.kind === 'foreign' && c.references) {
          out.push({ action: `REFERENCES ${c.references.name}`, table: c.references.name, mode: 'SHARE ROW EXCLUSIVE', rewrite: false, scan: false });
        }
      }
      return out;
    }
    case 'drop-column':
      return [{ action: `DROP COLUMN ${a.column}`, table, mode: AE, rewrite: false, scan: false, note: 'the column is only marked dropped; its space is reclaimed by later updates' }];
    case 'alter-type': {
      const old = ctx.before(key)?.columns.find((c) => c.name.toLowerCase() === a.column.toLowerCase());
      const effect = alterTypeEffect(a, old?.type, ctx);
      const utc = effect === 'none' && utcConversion(old?.type, a.newType, ctx);
      return [
        {
          action: `ALTER COLUMN ${a.column} TYPE`,
          table,
          mode: AE,
          rewrite: effect === 'rewrite' || effect === undefined,
          scan: effect === 'scan',
          note:
            effect === 'reindex'
              ? `the rows stay as they are, but every index on ${a.column} is rebuilt for the collation ${a.collation}`
              : utc
              ? 'the session time zone is UTC, so the stored values do not change (PostgreSQL 12+): no rewrite'
              : effect === 'none'
              ? 'the new type is binary compatible with the old one: no rewrite'
              : effect === 'scan'
                ? 'the values stay as they are, but every row is read to check the new length limit'
                : effect === undefined
                  ? 'the table and all its indexes are rewritten unless the change is binary compatible (the old type is not known here)'
                  : 'the table and all its indexes are rewritten',
          safer: effect === 'none' ? undefined : 'add a new column, backfill it in batches, switch readers and writers, then drop the old one',
        },
      ];
    }
    case 'set-not-null': {
      const t = ctx.before(key);
      const proven = ctx.pgVersion >= 12 && notNullCheck(t, a.column);
      return [
        {
          action: `ALTER COLUMN ${a.column} SET NOT NULL`,
          table,
          mode: AE,
          rewrite: false,
          scan: !proven,
          note: proven ? `the valid CHECK constraint ${proven} proves there are no NULLs: no scan (PostgreSQL 12+)` : 'every row is read to check for NULLs',
          safer: proven
            ? undefined
            : ctx.pgVersion >= 12
              ? 'first ADD CONSTRAINT ... CHECK (col IS NOT NULL) NOT VALID, then VALIDATE CONSTRAINT (no write lock), then SET NOT NULL'
              : 'keep a validated CHECK (col IS NOT NULL) constraint instead (before PostgreSQL 12 SET NOT NULL always scans)',
        },
      ];
    }
    case 'drop-not-null':
      return [{ action: `ALTER COLUMN ${a.column} DROP NOT NULL`, table, mode: AE, rewrite: false, scan: false }];
    case 'set-default':
      return [{ action: `ALTER COLUMN ${a.column} ${a.default ? 'SET' : 'DROP'} DEFAULT`, table, mode: AE, rewrite: false, scan: false, note: 'only new rows see the change' }];
    case 'add-constraint': {
      const c = a.constraint;
      const name = c.name ? ` ${c.name}` : '';
      if (c.kind === 'foreign') {
        const parent = c.references?.name ?? '';
        return [
          {
            action: `ADD CONSTRAINT${name} FOREIGN KEY`,
            table,
            mode: 'SHARE ROW EXCLUSIVE',
            rewrite: false,
            scan: !c.notValid,
            note: c.notValid ? 'NOT VALID: existing rows are not checked now' : 'every existing row is checked against the referenced table',
            safer: c.notValid ? undefined : 'add it NOT VALID, then VALIDATE CONSTRAINT separately (that takes only SHARE UPDATE EXCLUSIVE)',
          },
          { action: 'the referenced table', table: parent, mode: 'SHARE ROW EXCLUSIVE', rewrite: false, scan: false },
        ];
      }
      if (c.kind === 'check') {
        return [
          {
            action: `ADD CONSTRAINT${name} CHECK`,
            table,
            mode: AE,
            rewrite: false,
            scan: !c.notValid,
            note: c.notValid ? 'NOT VALID: existing rows are not checked now' : 'every row is read to check the condition',
            safer: c.notValid ? undefined : 'add it NOT VALID, then VALIDATE CONSTRAINT separately (that takes only SHARE UPDATE EXCLUSIVE)',
          },
        ];
      }
      if (c.kind === 'primary' || c.kind === 'unique' || c.kind === 'exclusion') {
        const using = !!c.usingIndex;
        return [
          {
            action: `ADD CONSTRAINT${name} ${c.kind === 'primary' ? 'PRIMARY KEY' : c.kind === 'unique' ? 'UNIQUE' : 'EXCLUDE'}`,
            table,
            mode: AE,
            rewrite: false,
            scan: !using,
            note: using ? 'USING INDEX: the existing index becomes the constraint, no build' : 'the index behind the constraint is built while the lock is held',
            safer: using || c.kind === 'exclusion' ? undefined : 'CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX',
          },
        ];
      }
      return [{ action: `ADD CONSTRAINT${name}`, table, mode: AE, rewrite: false, scan: false }];
    }
    case 'validate-constraint':
      return [{ action: `VALIDATE CONSTRAINT ${a.name}`, table, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: true, note: 'reads every row, but reads and writes continue' }];
    case 'drop-constraint':
      return [{ action: `DROP CONSTRAINT ${a.name}`, table, mode: AE, rewrite: false, scan: false }];
    case 'other':
      return [otherAction(table, a.subtype)];
  }
}

function otherAction(table: string, subtype: string): LockEffect {
  const name = subtype.replace(/^AT_/, '');
  switch (subtype) {
    case 'AT_SetStatistics':
    case 'AT_ClusterOn':
    case 'AT_DropCluster':
    case 'AT_SetRelOptions':
    case 'AT_ResetRelOptions':
      return { action: name, table, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: false };
    case 'AT_EnableTrig':
    case 'AT_DisableTrig':
    case 'AT_EnableTrigAll':
    case 'AT_DisableTrigAll':
    case 'AT_EnableTrigUser':
    case 'AT_DisableTrigUser':
    case 'AT_EnableAlwaysTrig':
    case 'AT_EnableReplicaTrig':
      return { action: name, table, mode: 'SHARE ROW EXCLUSIVE', rewrite: false, scan: false };
    case 'AT_SetLogged':
    case 'AT_SetUnLogged':
    case 'AT_SetTableSpace':
    case 'AT_SetAccessMethod':
      return { action: name, table, mode: 'ACCESS EXCLUSIVE', rewrite: true, scan: false, note: 'the table is copied' };
    case 'AT_AttachPartition':
      return { action: 'ATTACH PARTITION', table, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: true, note: 'the partition is scanned to check its rows fit, unless a matching CHECK constraint proves it' };
    case 'AT_DetachPartition':
      return { action: 'DETACH PARTITION', table, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false, safer: 'DETACH PARTITION ... CONCURRENTLY (PostgreSQL 14+)' };
    default:
      return { action: name.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase(), table, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false };
  }
}

/** The name of a valid `CHECK (col IS NOT NULL)` constraint on the table, if there is one. */
export function notNullCheck(t: Table | undefined, column: string): string | undefined {
  const c = t?.checks?.find(
    (x) => !x.notValid && new RegExp(`^\\(?\\s*"?${column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"?\\s+is\\s+not\\s+null\\s*\\)?$`, 'i').test(x.expression.trim()),
  );
  return c ? (c.name ?? 'CHECK (… IS NOT NULL)') : undefined;
}

/** The effects of one statement on the tables it touches (empty when it takes no notable lock). */
export function lockEffects(info: StatementInfo, ctx: LockContext): LockEffect[] {
  switch (info.kind) {
    case 'create-index':
      return info.concurrently
        ? [{ action: 'CREATE INDEX CONCURRENTLY', table: info.table.name, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: true, note: 'reads the table twice and waits for running transactions; reads and writes continue' }]
        : [{ action: 'CREATE INDEX', table: info.table.name, mode: 'SHARE', rewrite: false, scan: true, note: 'the whole build holds the lock', safer: 'CREATE INDEX CONCURRENTLY (outside a transaction)' }];
    case 'drop-index':
      return info.indexes.map((ix) =>
        info.concurrently
          ? { action: `DROP INDEX CONCURRENTLY ${ix.name}`, table: `the table of ${ix.name}`, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: false }
          : { action: `DROP INDEX ${ix.name}`, table: `the table of ${ix.name}`, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false, safer: 'DROP INDEX CONCURRENTLY (outside a transaction)' },
      );
    case 'drop-table':
      return info.tables.map((t) => ({ action: `DROP ${info.objectType.toUpperCase()}`, table: t.name, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false }));
    case 'truncate':
      return info.tables.map((t) => ({
        action: 'TRUNCATE',
        table: t.name,
        mode: 'ACCESS EXCLUSIVE',
        rewrite: false,
        scan: false,
        note: info.cascade ? 'CASCADE also empties every table with a foreign key to it' : undefined,
      }));
    case 'alter-table':
      return info.actions.flatMap((a) => actionEffects(info.table.name, a, ctx, info.table.key));
    case 'rename-table':
      return [{ action: `RENAME TO ${info.newName}`, table: info.table.name, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false, note: 'instant, but every query using the old name fails from then on' }];
    case 'rename-column':
      return [{ action: `RENAME COLUMN ${info.column} TO ${info.newName}`, table: info.table.name, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false, note: 'instant, but every query using the old name fails from then on' }];
    case 'refresh':
      return info.concurrently
        ? [{ action: 'REFRESH MATERIALIZED VIEW CONCURRENTLY', table: info.view.name, mode: 'EXCLUSIVE', rewrite: false, scan: true, note: 'reads continue while the view is recomputed' }]
        : [{ action: 'REFRESH MATERIALIZED VIEW', table: info.view.name, mode: 'ACCESS EXCLUSIVE', rewrite: true, scan: true, note: 'readers wait for the whole recomputation', safer: 'REFRESH ... CONCURRENTLY (needs a unique index on the view)' }];
    case 'reindex':
      return info.concurrently
        ? [{ action: 'REINDEX CONCURRENTLY', table: info.table?.name ?? info.target, mode: 'SHARE UPDATE EXCLUSIVE', rewrite: false, scan: true }]
        : [{ action: 'REINDEX', table: info.table?.name ?? info.target, mode: 'SHARE', rewrite: false, scan: true, note: 'also locks each index exclusively: queries that would use it wait', safer: 'REINDEX ... CONCURRENTLY (PostgreSQL 12+)' }];
    case 'vacuum':
      return info.full
        ? info.tables.map((t) => ({ action: 'VACUUM FULL', table: t.name, mode: 'ACCESS EXCLUSIVE' as LockMode, rewrite: true, scan: true, safer: 'plain VACUUM, or pg_repack' }))
        : [];
    case 'cluster':
      return [{ action: 'CLUSTER', table: info.table?.name ?? 'each clustered table', mode: 'ACCESS EXCLUSIVE', rewrite: true, scan: true, safer: 'pg_repack' }];
    case 'policy':
      return [{ action: `${info.op.toUpperCase()} POLICY ${info.name}`, table: info.table.name, mode: 'ACCESS EXCLUSIVE', rewrite: false, scan: false }];
    case 'trigger':
      return [{ action: 'CREATE TRIGGER', table: info.table.name, mode: 'SHARE ROW EXCLUSIVE', rewrite: false, scan: false }];
    case 'dml':
      if (!info.table || info.op === 'insert') return [];
      return [
        {
          action: info.op.toUpperCase(),
          table: info.table.name,
          mode: 'ROW EXCLUSIVE',
          rewrite: false,
          scan: !info.hasWhere,
          note: info.hasWhere ? 'the rows it changes stay locked until commit' : 'every row is changed, and stays locked until commit',
        },
      ];
  }
  return [];
}

/** The strongest lock among the effects on one table name. */
export function strongest(effects: LockEffect[]): LockEffect | undefined {
  let best: LockEffect | undefined;
  for (const e of effects) if (!best || STRENGTH.indexOf(e.mode) > STRENGTH.indexOf(best.mode)) best = e;
  return best;
}

/** One sentence for a finding: "takes an ACCESS EXCLUSIVE lock on users, which blocks every read and write". */
export function lockSentence(mode: LockMode, table: string): string {
  return `takes ${article(mode)} ${mode} lock on ${table}, which ${blocks(mode)}`;
}

/** Markdown for the hover on a statement: compact, one line per table locked, one per action. */
export function lockMarkdown(effects: LockEffect[]): string {
  const byTable = new Map<string, LockEffect[]>();
  for (const e of effects) byTable.set(e.table, [...(byTable.get(e.table) ?? []), e]);
  const locks = [...byTable].map(([table, list]) => {
    const top = strongest(list)!;
    return `\`${top.mode}\` on \`${table}\`: ${blocks(top.mode)}`;
  });
  // Each lock on its own line: two in one paragraph would run together.
  const lines =
    locks.length === 1
      ? [`**Lock:** ${locks[0]}. Queries that arrive while it waits for the lock queue behind it.`]
      : ['**Locks** (queries that arrive while one waits queue behind it):', ...locks.map((l) => `- ${l}`)];
  lines.push('');
  const modes = new Set(effects.map((e) => e.mode)).size;
  for (const e of effects) {
    const what = [e.rewrite ? 'rewrites the table' : e.scan ? 'reads the whole table' : 'no rewrite, no scan', e.note].filter(Boolean).join('; ');
    lines.push(`- \`${e.action}\`${modes > 1 ? ` (${e.mode})` : ''}: ${what}.`);
  }
  const safer = [...new Set(effects.map((e) => e.safer).filter((s): s is string => !!s))];
  if (safer.length) lines.push('', `**Safer:** ${safer.join('; ')}.`);
  return lines.join('\n');
}
