/**
 * CREATE INDEX: columns and expressions as written, method, partial-index predicate.
 */
import type { IndexStmt } from 'libpg-query';
import type { Declared, SchemaChange } from '../model/schema-change';
import type { Index } from '../model/schema';
import { nodeAs, strings } from './ast';
import { tableName } from './relations';
import type { Site } from './site';
import { elementEnd, findWord, matching, nameEnd, word } from './tokens';

/** Token ranges of the comma-separated elements between the brackets at `open` and `close`. */
function elements(site: Site, open: number, close: number): [number, number][] {
  const out: [number, number][] = [];
  for (let j = open + 1; j < close; ) {
    const end = Math.min(elementEnd(site.tokens, j), close - 1);
    out.push([j, end]);
    j = end + 2;
  }
  return out;
}

/** An expression entry, always in parentheses: `lower(email)` and `(lower(email))` both give `(lower(email))`. */
function expressionText(site: Site, [a, b]: [number, number]): string {
  const tokens = site.tokens;
  if (tokens[a].text === '(') return site.tokenText(a, matching(tokens, a));
  const open = findWord(tokens, a, b, '(');
  return `(${site.tokenText(a, open >= 0 ? matching(tokens, open) : b)})`;
}

/** The predicate after the top-level WHERE that follows the column list, without the `;`. */
function predicate(site: Site, after: number): string | undefined {
  const tokens = site.tokens;
  let depth = 0;
  for (let j = after + 1; j < tokens.length; j++) {
    const t = tokens[j].text;
    if (t === '(') depth++;
    else if (t === ')') depth--;
    else if (depth === 0 && word(tokens, j) === 'where') {
      let last = tokens.length - 1;
      if (tokens[last].text === ';') last--;
      return site.tokenText(j + 1, last) || undefined;
    }
  }
  return undefined;
}

/** CREATE INDEX: the table (a partial stand-in when the history lacks it), then the index on it. */
export function createIndex(site: Site, s: IndexStmt): SchemaChange[] {
  const rel = s.relation;
  const table = tableName(site, rel);
  if (!table || !rel) return [];
  const tokens = site.tokens;
  const relAt = site.at(rel.location);
  const open = relAt >= 0 ? findWord(tokens, nameEnd(tokens, relAt) + 1, tokens.length - 1, '(') : -1;
  const close = open >= 0 ? matching(tokens, open) : -1;
  const params = s.indexParams ?? [];
  const ranges = open >= 0 ? elements(site, open, close) : [];
  const columns: string[] = [];
  const nameParts: string[] = [];
  params.forEach((p, k) => {
    const elem = nodeAs(p, 'IndexElem');
    if (elem?.name) {
      columns.push(elem.name);
      nameParts.push(elem.name);
      return;
    }
    columns.push(ranges.length === params.length ? expressionText(site, ranges[k]) : '(expr)');
    // PostgreSQL names an expression column after its function, else `expr`.
    const fn = strings(nodeAs(elem?.expr, 'FuncCall')?.funcname);
    nameParts.push(fn[fn.length - 1] ?? 'expr');
  });
  const index: Index = { name: s.idxname, kind: s.unique ? 'unique' : 'index', columns, source: site.statementRef() };
  if (s.accessMethod) index.method = s.accessMethod.toLowerCase();
  if (s.whereClause) {
    const where = predicate(site, close >= 0 ? close : relAt);
    if (where) index.where = where;
  }
  // An existing name: IF NOT EXISTS skips, and without it PostgreSQL fails; either way the first stays.
  const declared: Declared = { kind: 'index', index, unlessNamed: true, implicit: { style: 'postgresql', label: 'idx', parts: nameParts } };
  return [{ op: 'ensure-table', table }, { op: 'declare', table: table.key, declared }];
}
