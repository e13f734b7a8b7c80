/**
 * What can still be read of a statement the parser rejected (a template token such as `{{type}}`, a
 * syntax from another version): its leading words. `CREATE TABLE [IF NOT EXISTS] name (` still says that
 * a table of that name exists from here on, even though its columns are unknown.
 */
import type { Rel } from '../model/statements';
import { tableKey } from './names';
import type { Site } from './site';
import { word, type Tokens } from './tokens';

/** A scanner token as an identifier: quoted as written (without its quotes), unquoted folded to lower case. */
function identifier(tokens: Tokens, i: number): string | undefined {
  const t = tokens[i];
  if (!t) return undefined;
  if (t.text.startsWith('"') && t.text.endsWith('"') && t.text.length > 1) return t.text.slice(1, -1).replace(/""/g, '"');
  return /^[\p{L}_][\p{L}\p{N}_$]*$/u.test(t.text) ? t.text.toLowerCase() : undefined;
}

/** The table a rejected `CREATE [TEMP|UNLOGGED] TABLE [IF NOT EXISTS] [schema.]name (` creates, if its head reads. */
export function unreadableCreateTable(site: Site): { table: Rel; ifNotExists: boolean } | undefined {
  const tokens = site.tokens;
  let i = 0;
  if (word(tokens, i) !== 'create') return undefined;
  i++;
  while (/^(global|local|temp|temporary|unlogged)$/.test(word(tokens, i))) i++;
  if (word(tokens, i) !== 'table') return undefined;
  i++;
  let ifNotExists = false;
  if (word(tokens, i) === 'if' && word(tokens, i + 1) === 'not' && word(tokens, i + 2) === 'exists') {
    ifNotExists = true;
    i += 3;
  }
  const first = i;
  const parts: string[] = [];
  for (;;) {
    const name = identifier(tokens, i);
    if (name === undefined) return undefined;
    parts.push(name);
    if (tokens[i + 1]?.text !== '.') break;
    i += 2;
  }
  // Only a column list may follow: `CREATE TABLE {{name}} (...)` or `... AS SELECT` say nothing sure.
  if (tokens[i + 1]?.text !== '(' || parts.length > 2) return undefined;
  const name = parts[parts.length - 1];
  const schema = parts.length > 1 ? parts[0] : undefined;
  const table: Rel = { name, key: tableKey(schema, name), at: site.tokenRef(first, i) };
  if (schema) table.schema = schema;
  return { table, ifNotExists };
}
