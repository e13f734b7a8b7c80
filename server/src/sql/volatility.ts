/**
 * Which function calls make a default volatile (every row gets its own value, so adding the column
 * rewrites the table): PostgreSQL's volatile built-ins, and user functions, VOLATILE unless declared otherwise.
 */
import type { Node } from 'libpg-query';
import { nodeAs, strings } from './ast';

/** Functions whose result differs per row: a default with one of them fills each row, rewriting the table. */
export const VOLATILE_FUNCTIONS = new Set([
  'random', 'random_normal', 'gen_random_uuid', 'uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v4', 'uuidv4', 'uuidv7',
  'clock_timestamp', 'timeofday', 'nextval', 'gen_random_bytes', 'setseed', 'txid_current', 'pg_current_xact_id',
]);

/**
 * Built-in functions that are not volatile (stable or immutable), among those seen in defaults. A call
 * to any other function not in VOLATILE_FUNCTIONS is a user function, and CREATE FUNCTION makes
 * functions VOLATILE unless told otherwise.
 */
const NON_VOLATILE = new Set([
  'now', 'statement_timestamp', 'transaction_timestamp', 'timezone', 'date_trunc', 'date_part', 'make_date', 'make_timestamp',
  'make_timestamptz', 'make_interval', 'to_timestamp', 'to_date', 'to_char', 'to_number', 'lower', 'upper', 'trim', 'btrim', 'concat',
  'concat_ws', 'coalesce', 'nullif', 'greatest', 'least', 'length', 'char_length', 'substring', 'replace', 'md5', 'encode', 'decode',
  'jsonb_build_object', 'json_build_object', 'jsonb_build_array', 'json_build_array', 'to_jsonb', 'to_json', 'array_to_json',
  'jsonb_object', 'json_object', 'array_fill', 'array_length', 'current_setting', 'current_database', 'current_schema', 'current_user',
  'session_user', 'int4', 'int8', 'text', 'numeric', 'ltree', 'point', 'tsvector', 'to_tsvector', 'extract', 'round', 'floor', 'ceil',
  'abs', 'string_to_array', 'array_to_string', 'format', 'left', 'right', 'split_part', 'regexp_replace', 'uuid_nil', 'pg_typeof',
]);

/**
 * The volatile function an expression calls, if any (`gen_random_uuid`), and whether that is known
 * (a built-in volatile function) or assumed (a user function, VOLATILE unless declared otherwise).
 */
export function volatileCall(expr: unknown): string | undefined {
  return volatility(expr)?.name;
}

export function volatility(expr: unknown): { name: string; assumed: boolean } | undefined {
  let found: { name: string; assumed: boolean } | undefined;
  const visit = (v: unknown, depth: number) => {
    if ((found && !found.assumed) || !v || typeof v !== 'object' || depth > 60) return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const call = nodeAs(v as Node, 'FuncCall');
    if (call) {
      const name = strings(call.funcname).pop()?.toLowerCase();
      if (name && VOLATILE_FUNCTIONS.has(name)) {
        found = { name, assumed: false };
        return;
      }
      if (name && !NON_VOLATILE.has(name) && !found) found = { name, assumed: true };
    }
    for (const x of Object.values(v)) if (typeof x === 'object') visit(x, depth + 1);
  };
  visit(expr, 0);
  return found;
}
