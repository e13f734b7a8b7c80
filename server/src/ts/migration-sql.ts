/**
 * The SQL inside a migration written in TypeScript or JavaScript: the literal strings given to the
 * migration tools' raw-SQL calls (TypeORM `queryRunner.query`, Knex `knex.raw` / `knex.schema.raw`,
 * db-migrate `db.runSql`, MikroORM `this.addSql`, slonik and Kysely `sql` tagged templates), each with
 * the direction of the `up` or `down` function that holds it. Nothing is evaluated: a call whose SQL is
 * not written literally is left out.
 *
 * The SQL is laid out as a text of the file's own length (`sqlView`): each string's content at its own
 * offsets, everything else blank (line breaks kept), so statement spans, findings and edits computed on it
 * are offsets into the source file. Escapes (`\``, `\"`, `\n`) are read as the character they stand for,
 * padded with a space on the side outside the quoted name or string they open or close; `${...}`
 * substitutions become a parameter (`$1`) or, where the SQL needs a name there, a quoted identifier.
 * Both kinds of range are `opaque`: an edit must not touch them.
 */
import type { Span } from '../model/text';
import { childNodes, parseSource, spanOf, type t } from './parse';

export type ScriptDirection = 'up' | 'down';

export interface ScriptSqlRegion {
  /** The string's content in the file: between its quotes. */
  span: Span;
  /** `'`, `"` or `` ` ``: what an edit inside it must not contain. */
  quote: "'" | '"' | '`';
  direction: ScriptDirection;
  /** Escapes and `${...}` substitutions: the view differs from the source there. */
  opaque: Span[];
  /** The `${...}` substitutions. */
  placeholders: Span[];
}

export interface ScriptSql {
  regions: ScriptSqlRegion[];
  /** The file's length, the regions' SQL at their offsets, substitutions as parameters (`$1`). */
  sqlView: string;
  /** The same with substitutions as quoted identifiers, for statements that need a name there. */
  nameView: string;
  /** The file's comments (`//`, `/* *\/`), for suppression directives. */
  comments: { span: Span; body: string }[];
  /** `transaction = false` on a TypeORM migration class, `config = { transaction: false }` of Knex, ... */
  transactionOptOut?: Span;
}

/** Methods whose first argument is one SQL text, by the tool that names them. */
const SQL_METHODS = new Set(['query', 'runSql', 'addSql', 'raw']);
/** Objects `raw` is called on that are not a query builder (`sql.raw` in slonik is a fragment). */
const NOT_KNEX = new Set(['sql']);

/** A cheap look at the text: does it call one of the tools' raw-SQL functions with a literal? */
export function mentionsScriptSql(text: string): boolean {
  return /\b(?:queryRunner\s*\.\s*query|\.\s*runSql|\.\s*addSql|knex(?:\s*\.\s*schema)?\s*\.\s*raw)\s*\(|\bsql(?:\s*\.\s*unsafe)?\s*`/.test(text);
}

const cache = new Map<string, { text: string; sql: ScriptSql }>();

export function readScriptSql(fileName: string, text: string): ScriptSql {
  const hit = cache.get(fileName);
  if (hit && hit.text === text) return hit.sql;
  const sql = readUncached(fileName, text);
  if (cache.size > 2000) cache.clear();
  cache.set(fileName, { text, sql });
  return sql;
}

function readUncached(fileName: string, text: string): ScriptSql {
  const parsed = parseSource(fileName, text);
  const regions: ScriptSqlRegion[] = [];
  let transactionOptOut: Span | undefined;
  const comments: ScriptSql['comments'] = [];
  if (parsed) {
    const visit = (node: t.Node, direction: ScriptDirection | undefined): void => {
      const own = directionOf(node) ?? direction;
      if (node.type === 'ClassProperty' && keyName(node.key) === 'transaction' && node.value?.type === 'BooleanLiteral' && !node.value.value) transactionOptOut = spanOf(node);
      if (node.type === 'ClassMethod' && keyName(node.key) === 'isTransactional' && returnsFalse(node.body)) transactionOptOut = spanOf(node);
      if (isKnexConfigOptOut(node)) transactionOptOut = spanOf(node);
      if (own) {
        const literal = sqlArgument(node);
        if (literal) {
          const region = regionOf(literal, own);
          if (region) regions.push(region);
          // A literal's substitutions are opaque: SQL written inside them is not read.
          return;
        }
      }
      for (const child of childNodes(node)) visit(child, own);
    };
    visit(parsed.program, undefined);
    for (const c of parsed.comments) comments.push({ span: { start: c.start ?? 0, end: c.end ?? 0 }, body: c.value.trim() });
  }
  regions.sort((a, b) => a.span.start - b.span.start);
  const out: ScriptSql = { regions, sqlView: layout(text, regions, 'value'), nameView: layout(text, regions, 'name'), comments };
  if (transactionOptOut) out.transactionOptOut = transactionOptOut;
  return out;
}

function keyName(key: t.Node): string | undefined {
  if (key.type === 'Identifier') return key.name;
  if (key.type === 'StringLiteral') return key.value;
  return undefined;
}

function returnsFalse(body: t.BlockStatement): boolean {
  return body.body.some((s) => s.type === 'ReturnStatement' && s.argument?.type === 'BooleanLiteral' && !s.argument.value);
}

/** `exports.config = { transaction: false }` / `export const config = { transaction: false }` (Knex). */
function isKnexConfigOptOut(node: t.Node): boolean {
  let value: t.Node | undefined | null;
  if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && keyName(node.left.property) === 'config') value = node.right;
  else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.id.name === 'config') value = node.init;
  if (value?.type !== 'ObjectExpression') return false;
  return value.properties.some((p) => p.type === 'ObjectProperty' && keyName(p.key) === 'transaction' && p.value.type === 'BooleanLiteral' && !p.value.value);
}

/**
 * The direction a function node gives its body: a method, function or property named `up` or `down`
 * (`async up(queryRunner)`, `export async function up(knex)`, `exports.up = function (db)`, `up: async (pool) =>`).
 */
function directionOf(node: t.Node): ScriptDirection | undefined {
  let name: string | undefined;
  if (node.type === 'ClassMethod' || node.type === 'ObjectMethod') name = node.computed ? undefined : keyName(node.key);
  else if (node.type === 'FunctionDeclaration') name = node.id?.name;
  else if (node.type === 'ObjectProperty' && isFunction(node.value)) name = node.computed ? undefined : keyName(node.key);
  else if (node.type === 'ClassProperty' && node.value && isFunction(node.value)) name = keyName(node.key);
  else if (node.type === 'AssignmentExpression' && isFunction(node.right)) {
    const left = node.left;
    if (left.type === 'MemberExpression' && !left.computed) name = keyName(left.property);
  } else if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && isFunction(node.init)) name = node.id.name;
  return name === 'up' || name === 'down' ? name : undefined;
}

function isFunction(node: t.Node): boolean {
  return node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression';
}

/** The literal SQL of a raw-SQL call or a `sql` tagged template, if `node` is one. */
function sqlArgument(node: t.Node): t.StringLiteral | t.TemplateLiteral | undefined {
  if (node.type === 'TaggedTemplateExpression') {
    const tag = node.tag;
    const isSql =
      (tag.type === 'Identifier' && tag.name === 'sql') ||
      (tag.type === 'MemberExpression' && !tag.computed && tag.object.type === 'Identifier' && tag.object.name === 'sql' && keyName(tag.property) === 'unsafe');
    return isSql ? node.quasi : undefined;
  }
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee;
  if (callee.type !== 'MemberExpression' || callee.computed) return undefined;
  const method = keyName(callee.property);
  if (!method || !SQL_METHODS.has(method)) return undefined;
  if (method === 'raw' && callee.object.type === 'Identifier' && NOT_KNEX.has(callee.object.name)) return undefined;
  // `pool.query(sql`...`)`: the tagged template is read on its own.
  const arg = node.arguments[0];
  if (!arg) return undefined;
  if (arg.type === 'StringLiteral') return arg;
  if (arg.type === 'TemplateLiteral') return arg;
  return undefined;
}

function regionOf(literal: t.StringLiteral | t.TemplateLiteral, direction: ScriptDirection): ScriptSqlRegion | undefined {
  const start = (literal.start ?? 0) + 1;
  const end = (literal.end ?? 0) - 1;
  if (end < start) return undefined;
  const placeholders: Span[] = [];
  if (literal.type === 'TemplateLiteral') {
    for (let i = 0; i + 1 < literal.quasis.length; i++) placeholders.push({ start: literal.quasis[i].end ?? 0, end: literal.quasis[i + 1].start ?? 0 });
  }
  return { span: { start, end }, quote: literal.type === 'TemplateLiteral' ? '`' : (literal.extra?.raw as string | undefined)?.[0] === "'" ? "'" : '"', direction, opaque: [], placeholders };
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: ' ', f: ' ', v: ' ', '0': ' ' };
const QUOTES = new Set(["'", '"', '`']);

/** The file's length of blanks (line breaks kept), with each region's SQL written at its offsets. */
function layout(text: string, regions: ScriptSqlRegion[], mode: 'value' | 'name'): string {
  const out = text.replace(/[^\r\n]/g, ' ').split('');
  let param = 0;
  for (const r of regions) {
    const opaque: Span[] = [];
    let quote: string | undefined;
    let i = r.span.start;
    let p = 0;
    while (i < r.span.end) {
      const ph = r.placeholders[p];
      if (ph && i === ph.start) {
        const len = ph.end - ph.start;
        const fill = mode === 'value' ? `$${++param}` : `"${'_'.repeat(Math.max(1, len - 2))}"`;
        for (let k = 0; k < len; k++) out[i + k] = k < fill.length ? fill[k] : ' ';
        opaque.push({ ...ph });
        i = ph.end;
        p++;
        continue;
      }
      const c = text[i];
      if (c !== '\\') {
        out[i] = c;
        if (QUOTES.has(c)) quote = quote === undefined ? c : quote === c ? undefined : quote;
        i++;
        continue;
      }
      const { value, length } = escapeAt(text, i);
      if (QUOTES.has(value)) {
        // A quote that opens a name or string gets its padding outside, before it; one that closes, after it.
        const opens = quote === undefined;
        quote = opens ? value : quote === value ? undefined : quote;
        for (let k = 0; k < length; k++) out[i + k] = ' ';
        out[opens ? i + length - 1 : i] = value;
      } else {
        for (let k = 0; k < length; k++) out[i + k] = text[i + k] === '\n' || text[i + k] === '\r' ? text[i + k] : ' ';
        if (value) out[i] = value;
      }
      opaque.push({ start: i, end: i + length });
      i += length;
    }
    if (mode === 'value') r.opaque = opaque;
  }
  return out.join('');
}

/**
 * A span of the SQL view as the source shows it: an edge inside an escape or a substitution takes it whole
 * (`"user"` read from `\"user\"` covers both escapes, not `"user\`).
 */
export function scriptSourceSpan(script: ScriptSql, span: Span): Span {
  const r = script.regions.find((x) => x.span.start <= span.start && span.start <= x.span.end);
  if (!r) return span;
  let { start, end } = span;
  for (const o of r.opaque) {
    if (o.start < start && start < o.end) start = o.start;
    if (o.start < end && end < o.end) end = o.end;
  }
  return start === span.start && end === span.end ? span : { start, end };
}

/** The character a JavaScript escape at `i` stands for (empty for a line continuation), and its length. */
function escapeAt(text: string, i: number): { value: string; length: number } {
  const c = text[i + 1] ?? '';
  if (c === '\r') return { value: '', length: text[i + 2] === '\n' ? 3 : 2 };
  if (c === '\n' || c === '\u2028' || c === '\u2029') return { value: '', length: 2 };
  if (Object.hasOwn(SIMPLE_ESCAPES, c) && !(c === '0' && /[0-9]/.test(text[i + 2] ?? ''))) return { value: SIMPLE_ESCAPES[c], length: 2 };
  if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) return { value: String.fromCharCode(parseInt(text.slice(i + 2, i + 4), 16)), length: 4 };
  if (c === 'u') {
    const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(text.slice(i + 2, i + 10));
    if (braced) return { value: oneUnit(parseInt(braced[1], 16)), length: 2 + braced[0].length };
    if (/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return { value: oneUnit(parseInt(text.slice(i + 2, i + 6), 16)), length: 6 };
  }
  return { value: c, length: 2 };
}

/** A code point that does not fit one UTF-16 unit is read as a letter: it only matters inside names or strings. */
function oneUnit(cp: number): string {
  return cp <= 0xffff ? String.fromCharCode(cp) : 'x';
}

/** The name of the first class the file declares or exports (TypeORM orders migrations by it). */
export function migrationClassName(fileName: string, text: string): string | undefined {
  const parsed = parseSource(fileName, text);
  for (const s of parsed?.program.body ?? []) {
    const decl = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (decl?.type === 'ClassDeclaration' && decl.id) return decl.id.name;
  }
  return undefined;
}

/** The string given to an object property `key` anywhere in the file (`migrationsTransactionMode: 'each'`). */
export function stringOption(fileName: string, text: string, key: string): { value: string; span: Span } | undefined {
  if (!text.includes(key)) return undefined;
  const parsed = parseSource(fileName, text);
  let found: { value: string; span: Span } | undefined;
  const visit = (node: t.Node): void => {
    if (found) return;
    if (node.type === 'ObjectProperty' && !node.computed && keyName(node.key) === key && node.value.type === 'StringLiteral') {
      found = { value: node.value.value, span: spanOf(node) };
      return;
    }
    for (const child of childNodes(node)) visit(child);
  };
  if (parsed) visit(parsed.program);
  return found;
}
