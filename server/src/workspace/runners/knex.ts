/**
 * Knex migrations: `exports.up = function (knex)` / `export async function up(knex)`, SQL in `knex.raw(...)`
 * or `knex.schema.raw(...)`, ordered by file name. Knex runs all pending migrations in one transaction
 * unless one of them opts out with `exports.config = { transaction: false }` (then each of the others in its own).
 */
import { imports, isMigrationScript, optsOutOfTransaction, scriptSet } from './scripts';
import type { MigrationRunner } from './types';

const knex: MigrationRunner = {
  info: {
    id: 'knex',
    name: 'Knex',
    usesDown: true,
    behaviour: 'Knex runs each migration in a transaction (all pending ones in one when none opts out)',
    optOut: 'add `exports.config = { transaction: false }` to the migration',
    allPendingInOneTransaction: true,
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !(imports(ctx.head, 'knex') || /\bknex\s*(?:\.\s*schema\s*)?\.\s*raw\s*\(|function\s+up\s*\(\s*knex\b|\(\s*knex\s*(?::\s*Knex\s*)?\)\s*=>/.test(ctx.head)))
      return undefined;
    return scriptSet(ctx, 'knex', (name) => ({ name, direction: 'up', version: name, group: 0 }));
  },
  fileMode(f) {
    if (optsOutOfTransaction(f)) return { mode: 'none', reason: 'the migration sets `config = { transaction: false }`' };
    return { mode: 'transaction', reason: 'Knex runs each migration in a transaction' };
  },
};

export default knex;
