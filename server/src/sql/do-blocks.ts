/**
 * The SQL statements inside a `DO` block, read with libpg-query's PL/pgSQL parser, each parsed again as a
 * statement of its own with its exact span in the file. drizzle-kit writes its foreign keys and enums as
 * `DO $$ BEGIN <DDL>; EXCEPTION WHEN duplicate_object THEN null; END $$;`, so the model needs them.
 * Only the statements that run when nothing fails: those of the block, its nested blocks and IF branches,
 * not exception handlers, loops or dynamic `EXECUTE` strings.
 */
import { parsePlPgSQLSync, type DoStmt } from 'libpg-query';
import { nodeAs } from './ast';
import { parseEmbedded, type ParsedStatement } from './parse';
import type { Site } from './site';

const cache = new WeakMap<ParsedStatement, ParsedStatement[]>();

/** SQL texts the function body executes in order (as written, without their `;`). */
function executed(v: unknown, out: string[], depth = 0): void {
  if (!v || typeof v !== 'object' || depth > 40) return;
  if (Array.isArray(v)) {
    for (const x of v) executed(x, out, depth + 1);
    return;
  }
  const o = v as Record<string, any>; // PL/pgSQL JSON: libpg-query does not type it
  if (o.PLpgSQL_stmt_execsql) {
    const q = o.PLpgSQL_stmt_execsql.sqlstmt?.PLpgSQL_expr?.query;
    if (typeof q === 'string') out.push(q);
    return;
  }
  if (o.PLpgSQL_function) return executed(o.PLpgSQL_function.action, out, depth + 1);
  if (o.PLpgSQL_stmt_block) return executed(o.PLpgSQL_stmt_block.body, out, depth + 1);
  if (o.PLpgSQL_stmt_if) {
    const s = o.PLpgSQL_stmt_if;
    executed(s.then_body, out, depth + 1);
    for (const e of s.elsif_list ?? []) executed(e?.PLpgSQL_if_elsif?.stmts, out, depth + 1);
    executed(s.else_body, out, depth + 1);
  }
}

/** The statements a PL/pgSQL `DO` block runs, with spans in the file; empty when they cannot be placed exactly. */
export function doBlockStatements(site: Site): ParsedStatement[] {
  const st = site.st;
  const hit = cache.get(st);
  if (hit) return hit;
  const out: ParsedStatement[] = [];
  cache.set(st, out);
  const s: DoStmt | undefined = nodeAs(st.stmt, 'DoStmt');
  if (!s) return out;
  let body: { text: string; location?: number } | undefined;
  for (const a of s.args ?? []) {
    const d = nodeAs(a, 'DefElem');
    const value = nodeAs(d?.arg, 'String')?.sval;
    if (d?.defname === 'language' && value?.toLowerCase() !== 'plpgsql') return out;
    if (d?.defname === 'as' && value !== undefined) body = { text: value, location: d.location };
  }
  const at = site.at(body?.location);
  if (!body || at < 0) return out;
  // The body's place in the file: a dollar-quoted string is the source text between its tags, as written.
  const token = site.tokenRef(at, at).span;
  const written = st.text.slice(token.start - st.span.start, token.end - st.span.start);
  const tag = /^\$[^$]*\$/.exec(written)?.[0];
  if (!tag || written !== tag + body.text + tag) return out;
  const bodyStart = token.start + tag.length;
  let queries: string[] = [];
  try {
    const fn = parsePlPgSQLSync(st.text) as unknown as { plpgsql_funcs?: unknown[] };
    executed(fn.plpgsql_funcs ?? [], (queries = []));
  } catch {
    return out;
  }
  let cursor = 0;
  for (const q of queries) {
    const k = body.text.indexOf(q, cursor);
    if (k < 0) break;
    cursor = k + q.length;
    out.push(parseEmbedded(q, bodyStart + k, st.span));
  }
  return out;
}
