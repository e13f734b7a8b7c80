import { displayName, type Column, type Schema, type Table } from '../model/schema';
import type { NewTimestamp } from '../model/intents';
import { inColumns, isTemporalType, primaryKey, someName, squash, stringList, tables, words } from './support/model';
import { defineRule } from './types';

const CREATED = ['created_at', 'createdAt', 'inserted_at', 'created_on', 'creation_date', 'date_created', 'created'];
const UPDATED = ['updated_at', 'updatedAt', 'modified_at', 'updated_on', 'last_modified', 'date_modified', 'updated', 'modified'];

const APPEND_ONLY = [
  'log', 'event', 'history', 'audit', 'token', 'session', 'call', 'attempt', 'verification', 'snapshot', 'metric', 'stat',
  'view', 'visit', 'click', 'download', 'notification', 'vote', 'reaction', 'engagement', 'like', 'delivery', 'run',
  'execution', 'redemption', 'purchase', 'transaction', 'message', 'invocation', 'attribution', 'payout', 'hash',
];
const NOW = new Set(['now', 'current_timestamp', 'clock_timestamp', 'statement_timestamp', 'transaction_timestamp', 'localtimestamp', 'getdate', 'sysdatetime', 'sysutcdatetime']);

function matcher(names: readonly string[]): (c: Column) => boolean {
  const set = new Set(names.map(squash));
  return (c) => set.has(squash(c.name)) || (!!c.fieldName && c.fieldName !== c.name && set.has(squash(c.fieldName)));
}

/** A timestamp that defaults to the current time records the insert, whatever it is called (`addedAt`, `joinedAt`). */
function stampsInsert(c: Column): boolean {
  return isTemporalType(c) && !c.type.array && !!c.default && NOW.has((c.default.fn ?? c.default.text).toLowerCase().replace(/\(\)$/, ''));
}

/** Tables whose name says rows are written once (`AuditLog`, `webhook_calls`, `VerificationToken`). */
function appendOnly(table: Table, kinds: ReadonlySet<string>): boolean {
  const last = words(table.modelName ?? table.name).pop() ?? '';
  return kinds.has(last) || kinds.has(last.replace(/s$/, '')) || kinds.has(last.replace(/ies$/, 'y'));
}

/**
 * A pure join table: two or more foreign keys and nothing else but its own key and timestamps. Rows
 * are inserted and deleted, never updated, and the pair is the whole fact.
 */
function isJoinTable(table: Table, isTimestamp: (c: Column) => boolean): boolean {
  if (table.foreignKeys.length < 2) return false;
  const pk = primaryKey(table);
  return table.columns.every(
    (c) =>
      table.foreignKeys.some((fk) => inColumns(fk.columns, c.name)) ||
      (pk?.columns.length === 1 && inColumns(pk.columns, c.name)) ||
      isTimestamp(c),
  );
}

/** The names the rest of the schema already uses for the column (`createdAt` mapped to `created_at`...). */
function convention(schema: Schema, matches: (c: Column) => boolean, prisma: boolean, role: 'created' | 'updated'): NewTimestamp {
  const counts = new Map<string, { n: number; ts: NewTimestamp }>();
  for (const t of schema.tables.values()) {
    for (const c of t.columns) {
      if (!matches(c)) continue;
      const key = `${c.name}\u0000${c.fieldName ?? ''}`;
      const entry = counts.get(key) ?? { n: 0, ts: { name: c.name, ...(c.fieldName ? { fieldName: c.fieldName } : {}), role } };
      entry.n++;
      counts.set(key, entry);
    }
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  if (best) return best.ts;
  if (prisma) return { name: role === 'created' ? 'createdAt' : 'updatedAt', role };
  return { name: role === 'created' ? 'created_at' : 'updated_at', role };
}

export default defineRule({
  meta: {
    id: 'require-timestamps',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: true,
    summary: 'Tables should record when each row was created and last updated.',
    why:
      'When a row was created and last changed is the first question in every incident, support request and data ' +
      'repair, and the one that cannot be answered after the fact. The two columns cost 16 bytes a row, make ' +
      'incremental syncs and cache invalidation possible (`WHERE updated_at > $last_run`) and give time-ordered ' +
      'listings a column to index. Pure join tables (only foreign keys, their own key and timestamps) are exempt: ' +
      'their rows are inserted and deleted, never updated. Tables whose name says they are written once (logs, ' +
      'events, tokens, history; an option) need only the creation time. A timestamp defaulting to the current ' +
      'time counts as the creation time whatever its name (`joinedAt`), and a Prisma `@updatedAt` field as the update time.',
    fix:
      'Add the missing columns with defaults, named like the rest of the schema: Prisma `createdAt DateTime ' +
      '@default(now())` and `updatedAt DateTime @default(now()) @updatedAt` (with `@db.Timestamptz(3)` on PostgreSQL; ' +
      'the default lets the column be added to a table that already has rows); SQL `created_at timestamptz NOT NULL ' +
      'DEFAULT now()` and the same for `updated_at`, which in SQL also needs a trigger (or the application) to move ' +
      'it on every update. The names the rule accepts are options.',
    principle: 'Record the facts you cannot reconstruct later.',
    options: {
      createdNames: {
        type: 'string[]',
        default: CREATED,
        description: 'Column or field names that record the creation time (compared without case and underscores).',
      },
      updatedNames: {
        type: 'string[]',
        default: UPDATED,
        description: 'Column or field names that record the last update (compared without case and underscores).',
      },
      appendOnly: {
        type: 'string[]',
        default: APPEND_ONLY,
        description:
          'Last words of table or model names whose rows are written once (`AuditLog`, `webhook_calls`): those need only the creation time.',
      },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Project {\n  id   Int    @id\n  name String\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Project {\n  id        Int      @id\n  name      String\n' +
          '  createdAt DateTime @default(now()) @db.Timestamptz(3)\n  updatedAt DateTime @default(now()) @updatedAt @db.Timestamptz(3)\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE projects (\n  id bigint PRIMARY KEY,\n  name text NOT NULL\n);\n',
        good:
          'CREATE TABLE projects (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n' +
          '  created_at timestamptz NOT NULL DEFAULT now(),\n  updated_at timestamptz NOT NULL DEFAULT now()\n);\n',
      },
    ],
  },

  checkSchema(ctx) {
    if (ctx.dialect === 'mongodb') return;
    const createdName = matcher(stringList(ctx.options.createdNames, CREATED));
    const updatedName = matcher(stringList(ctx.options.updatedNames, UPDATED));
    const isCreated = (c: Column) => createdName(c) || stampsInsert(c);
    const isUpdated = (c: Column) => updatedName(c) || c.updatedAt === true;
    const isTimestamp = (c: Column) => isCreated(c) || isUpdated(c);
    const writeOnce = new Set(stringList(ctx.options.appendOnly, APPEND_ONLY).map((w) => w.toLowerCase()));
    // The schema's convention is read once per run, not once per table that lacks a column.
    const conventions = new Map<string, NewTimestamp>();
    const named = (matches: (c: Column) => boolean, prisma: boolean, role: 'created' | 'updated'): NewTimestamp => {
      const key = `${role}${prisma}`;
      if (!conventions.has(key)) conventions.set(key, convention(ctx.schema, matches, prisma, role));
      return { ...conventions.get(key)! };
    };
    for (const table of tables(ctx.schema, { whole: true })) {
      if (table.columns.length === 0 || isJoinTable(table, isTimestamp)) continue;
      const hasCreated = table.columns.some(isCreated);
      const hasUpdated = table.columns.some(isUpdated) || appendOnly(table, writeOnce);
      if (hasCreated && hasUpdated) continue;
      const prisma = table.origin === 'prisma';
      const missing: NewTimestamp[] = [];
      if (!hasCreated) missing.push(named(createdName, prisma, 'created'));
      if (!hasUpdated) missing.push(named(updatedName, prisma, 'updated'));
      // A name the table already uses for something else cannot be added.
      const taken = new Set(missing.flatMap((m) => [squash(m.fieldName ?? m.name), squash(m.name)]));
      const clash = table.columns.some((c) => someName(c, (n) => taken.has(squash(n))));
      const names = missing.map((m) => m.fieldName ?? m.name);
      const what = names.length === 2 ? `${names[0]} or ${names[1]}` : names[0];
      ctx.report({
        message:
          `${prisma ? 'Model' : 'Table'} ${displayName(table)} has no ${what}: nobody will be able to tell when a row was ` +
          `${!hasCreated && !hasUpdated ? 'created or last changed' : !hasCreated ? 'created' : 'last changed'}. Add ${names.join(' and ')} with a default.`,
        at: table.source,
        fixes: clash ? [] : [{ title: `Add ${names.join(' and ')}`, safe: false, preferred: true, intent: { kind: 'addTimestamps', table, columns: missing } }],
      });
    }
  },
});
