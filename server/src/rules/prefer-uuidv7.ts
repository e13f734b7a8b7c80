import type { Column, Table } from '../model/schema';
import type { FixProposal } from '../model/intents';
import { counts, inColumns, label } from './support/model';
import { defineRule } from './types';

const RANDOM_SQL = /\b(gen_random_uuid|uuid_generate_v4|uuidv4)\s*\(/i;

/** How the column gets a random (v4) UUID, or undefined. */
function randomUuid(column: Column): { how: string; dbgenerated: boolean } | undefined {
  const d = column.default;
  if (!d?.fn) return undefined;
  const fn = d.fn.toLowerCase();
  const args = d.args ?? [];
  if (column.type.prisma) {
    if (fn === 'uuid' && (args.length === 0 || args[0].trim() === '4')) return { how: `@default(${d.text})`, dbgenerated: false };
    if (fn === 'dbgenerated' && RANDOM_SQL.test(args.join(','))) return { how: `@default(${d.text})`, dbgenerated: true };
    return undefined;
  }
  if (fn === 'gen_random_uuid' || fn === 'uuid_generate_v4' || fn === 'uuidv4') return { how: `DEFAULT ${d.text}`, dbgenerated: true };
  return undefined;
}

function keyed(table: Table, column: Column, alsoUnique: boolean): 'primary key' | 'unique key' | undefined {
  for (const ix of table.indexes) {
    if (!inColumns(ix.columns, column.name) || ix.where) continue;
    if (ix.kind === 'primary') return 'primary key';
  }
  if (alsoUnique && table.indexes.some((ix) => ix.kind === 'unique' && !ix.where && inColumns(ix.columns, column.name))) return 'unique key';
  return undefined;
}

export default defineRule({
  meta: {
    id: 'prefer-uuidv7',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg'],
    fixable: true,
    summary: 'Generate UUID keys as time-ordered v7, not random v4.',
    why:
      'A random (v4) UUID lands on a random page of the key\'s B-tree index, so once the index is larger than memory ' +
      'nearly every insert reads and dirties a different page, pages split half-empty, and WAL volume grows. ' +
      'A UUID v7 starts with a millisecond timestamp: new keys go to the right-hand edge of the index like a sequence, ' +
      'yet stay globally unique and can be generated anywhere. On MySQL/InnoDB the table itself is clustered on the ' +
      'primary key, which makes random keys costlier still.\n\n' +
      'This rule takes no side between integers and UUIDs (see `prefer-bigint-pk` ' +
      'for integer keys); it only flags the random variant of UUID keys. Note that a v7 UUID reveals when the row ' +
      'was created; where that matters, keep v4 (the option `allowRandom` says so once for the whole project).',
    fix:
      'Prisma: `@default(uuid(7))` (Prisma 5.18 and later). PostgreSQL 18 and later: `DEFAULT uuidv7()`. On older ' +
      'PostgreSQL versions generate v7 values in the application or with an extension (e.g. `pg_uuidv7`); the rule ' +
      'explains that instead of offering a fix. Existing keys stay as they are; only new rows get v7 values.',
    principle: 'Keys that arrive in order keep the index compact and the cache warm.',
    options: {
      allowRandom: {
        type: 'boolean',
        default: false,
        description:
          'Accept random (v4) UUID keys: the right choice when ids must not reveal when a row was created. The rule then reports nothing.',
      },
      uniqueColumns: {
        type: 'boolean',
        default: false,
        description: 'Also report random UUID defaults on unique (non-primary) key columns: their indexes scatter in the same way.',
      },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Order {\n  id String @id @default(uuid()) @db.Uuid\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Order {\n  id String @id @default(uuid(7)) @db.Uuid\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE orders (\n  id uuid PRIMARY KEY DEFAULT gen_random_uuid()\n);\n',
        good: 'CREATE TABLE orders (\n  id uuid PRIMARY KEY DEFAULT uuidv7()\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    if (ctx.dialect === 'mongodb' || ctx.options.allowRandom === true) return;
    const alsoUnique = ctx.options.uniqueColumns === true;
    const pg18 = ctx.dialect === 'postgresql' && ctx.pgVersion >= 18;
    for (const column of table.columns) {
      const random = randomUuid(column);
      if (!random) continue;
      const key = keyed(table, column, alsoUnique);
      if (!key) continue;
      const prisma = column.type.prisma !== undefined;
      const fixes: FixProposal[] = [];
      let advice: string;
      if (prisma && !random.dbgenerated) {
        advice = 'Use @default(uuid(7)) (Prisma 5.18+).';
        fixes.push({ title: 'Use @default(uuid(7))', safe: false, preferred: true, intent: { kind: 'changeDefault', table, column, prisma: 'uuid(7)' } });
      } else if (pg18) {
        advice = 'Use uuidv7(), built into PostgreSQL 18.';
        fixes.push({
          title: prisma ? 'Use @default(dbgenerated("uuidv7()"))' : 'Use DEFAULT uuidv7()',
          safe: false,
          preferred: true,
          intent: { kind: 'changeDefault', table, column, prisma: 'dbgenerated("uuidv7()")', sql: 'uuidv7()' },
        });
      } else if (ctx.dialect === 'postgresql') {
        advice =
          `PostgreSQL ${ctx.pgVersion} has no built-in v7 generator (uuidv7() arrives in 18): generate v7 values in the application` +
          `${prisma ? ' (Prisma: @default(uuid(7)))' : ''} or with an extension such as pg_uuidv7.`;
      } else {
        advice = 'Generate v7 values in the application instead.';
      }
      ctx.report({
        message:
          `${label(table, column)} is a ${key} filled with random UUIDs (${random.how}): each insert lands on a random page ` +
          `of the index, which fragments it and thrashes the cache as the table grows. ${advice}`,
        at: column.default?.source ?? column.source,
        fixes,
      });
    }
  },
});
