/**
 * Shared pieces of the runner modules for migrations written in TypeScript or JavaScript: a folder of
 * scripts that look like migrations of the same tool, in the tool's order.
 */
import * as path from 'node:path';
import { readScriptSql } from '../../ts/migration-sql';
import { isScriptFile } from '../script-migrations';
import { flatSet, type ParsedName } from './layout';
import type { DetectContext, RunnerId } from './types';
import type { MigrationSet } from '../migrations';

/** Files that are never migrations beside them (`index.ts` lists them, type declarations). */
const NOT_MIGRATION = /^(index|types?|helpers?|utils?)\.[cm]?[jt]s$/i;

/** `up` exported or defined: `exports.up =`, `export async function up(`, `async up(`, `up: async (`. */
export const DEFINES_UP = /\b(?:exports\.up\s*=|export\s+(?:async\s+)?function\s+up\s*\(|(?:async\s+)?up\s*\(|up\s*:\s*(?:async\s*)?(?:\(|function\b))/;

/** Does the script import or require `module` (a name or a pattern)? */
export function imports(head: string, module: string | RegExp): boolean {
  const name = typeof module === 'string' ? module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : module.source;
  return new RegExp(`(?:from\\s*|require\\(\\s*)['"](?:${name})['"]`).test(head);
}

/**
 * The scripts of `ctx`'s folder that start with a digit (tools name migrations by timestamp), ordered by
 * `parse` (default: the name, digits as numbers), `ctx`'s own file included.
 */
export function scriptSet(ctx: DetectContext, runner: RunnerId, parse?: (name: string) => ParsedName): MigrationSet {
  return flatSet(ctx.dir, ctx.host, runner, (n) => isScriptFile(n) && /^\d/.test(n) && !NOT_MIGRATION.test(n), {
    self: NOT_MIGRATION.test(ctx.base) ? undefined : ctx.base,
    parse: parse ?? ((name) => ({ name, direction: 'up', version: /^\d+/.exec(name)?.[0] ?? '', group: 0 })),
  });
}

/** A script file that is not an index or a declaration file. */
export function isMigrationScript(ctx: DetectContext): boolean {
  return isScriptFile(ctx.base) && !NOT_MIGRATION.test(ctx.base) && DEFINES_UP.test(ctx.head);
}

/** The `transaction = false` (or the tool's like) a migration script declares, if any. */
export function optsOutOfTransaction(f: { text: string; name: string; set: MigrationSet }): boolean {
  return readScriptSql(path.join(f.set.root, f.name), f.text).transactionOptOut !== undefined;
}
