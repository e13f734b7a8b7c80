/**
 * Never edit history. A migration that has run (history, see workspace/migration-age) is replayed for
 * context only: no fix edits it (no quick fix, no fix-all, no fix-on-save), and its migration-safety
 * findings are not shown, since its locks are in the past. A design problem it left in today's schema
 * stays visible where it was introduced, and its fix, when the fix adds statements, writes them to a
 * NEW migration at the end of the set, named as the runner expects (`CREATE INDEX CONCURRENTLY` on
 * PostgreSQL: the table already holds data). When nothing tells new from history (no git, no
 * baseline), fixes stay as they were, but none that edits an existing migration is marked safe.
 */
import * as path from 'node:path';
import { withLazyFixes, withoutFixes, type Finding, type Fix, type TextEdit } from '../model/findings';
import type { Dialect } from '../model/schema';
import { ruleById } from '../rules/registry';
import type { MigrationAge } from '../workspace/migration-age';
import { upFiles, type MigrationSet } from '../workspace/migrations';
import { siblingMigration } from '../workspace/runners';
import { perSet } from '../workspace/set-memo';

export interface HistoryContext {
  uri: string;
  set: MigrationSet;
  age: MigrationAge;
  dialect: Dialect;
  /** The URI of a path, as findings use it. */
  toUri(fsPath: string): string;
  /** The age of another file of the set (by URI). */
  ageOf(uri: string): MigrationAge | undefined;
}

export function applyHistoryPolicy(findings: Finding[], ctx: HistoryContext): Finding[] {
  const setUris = perSet(ctx.set, 'uris', () => new Set(ctx.set.files.map((f) => ctx.toUri(f.fsPath))));
  const history = (uri: string) => setUris.has(uri) && (uri === ctx.uri ? ctx.age : ctx.ageOf(uri))?.status === 'history';
  const out: Finding[] = [];
  for (const f of findings) {
    const category = ruleById(f.rule)?.meta.category;
    if (ctx.age.status === 'history' && category === 'migration') continue;
    out.push(withLazyFixes(withoutFixes(f), () => policyFixes(f, category, history, setUris, ctx)));
  }
  return out;
}

/** The fixes of `f` that history allows: as they are, unsafe, or moved to a new migration. */
function policyFixes(f: Finding, category: string | undefined, history: (uri: string) => boolean, setUris: Set<string>, ctx: HistoryContext): Fix[] {
  const fixes: Fix[] = [];
  for (const fix of f.fixes) {
    if (!fix.edits.some((e) => history(e.uri))) {
      // Unknown age: an edit of a migration that exists may be an edit of history, so never safe.
      const existing = ctx.age.status === 'unknown' || fix.edits.some((e) => e.uri !== ctx.uri && setUris.has(e.uri) && ctx.ageOf(e.uri)?.status !== 'new');
      fixes.push(existing && fix.edits.some((e) => setUris.has(e.uri)) ? { ...fix, safe: false } : fix);
      continue;
    }
    if (category !== 'design') continue;
    const moved = asNewMigration(fix, f.rule, ctx);
    if (moved) fixes.push(moved);
  }
  return fixes;
}

/**
 * A fix that only inserts whole statements into history, as the same statements in a new migration at
 * the end of the set. Fixes that rewrite what history wrote (a column type in its CREATE TABLE) have no
 * such form here; the finding stays, without them.
 */
function asNewMigration(fix: Fix, rule: string, ctx: HistoryContext): Fix | undefined {
  const inserts = fix.edits.every((e) => e.span.start === e.span.end && e.uri === fix.edits[0].uri) && fix.edits.length > 0;
  if (!inserts) return undefined;
  let sql = fix.edits
    .map((e) => e.newText.trim())
    .filter(Boolean)
    .join('\n');
  if (!/;\s*$/.test(sql) || !/^(CREATE|ALTER|DROP|COMMENT)\b/i.test(sql)) return undefined;
  if (ctx.dialect === 'postgresql') sql = sql.replace(/^(\s*CREATE\s+(?:UNIQUE\s+)?INDEX)\s+(?!CONCURRENTLY\b)/gim, '$1 CONCURRENTLY ');
  const ups = upFiles(ctx.set);
  const last = ups[ups.length - 1];
  if (!last) return undefined;
  const made = siblingMigration(ctx.set, last, rule.replace(/-/g, '_'), true);
  if (!made) return undefined;
  const edits: TextEdit[] = made.files.map((f) => ({ uri: ctx.toUri(f.fsPath), span: { start: 0, end: 0 }, newText: f.content.replace('{{SQL}}', sql) }));
  return { title: `${fix.title} in a new migration (${made.name || path.basename(made.files[0].fsPath)})`, edits, safe: false, preferred: fix.preferred };
}
