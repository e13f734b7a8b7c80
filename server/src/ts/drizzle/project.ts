/**
 * Where a Drizzle schema lives: `drizzle.config.*` (its `schema` entry files or folders, `out`, `dialect`),
 * and the files reached from there through imports and re-exports. Relative specifiers and the project's
 * own workspace packages (`@acme/db/schema`) are followed; packages from node_modules are not.
 */
import * as path from 'node:path';
import { parseSource, property, stringValue, unwrap, type t } from '../parse';

export interface FileHost {
  readFile(fsPath: string): string | undefined;
  readDir(fsPath: string): { name: string; isDir: boolean }[];
}

export interface DrizzleConfig {
  file: string;
  /** Entry files and folders, absolute (globs reduced to their folder). */
  schema: string[];
  /** The migrations folder, absolute. */
  out: string;
  dialect?: string;
}

const CONFIG = /^drizzle\.config\.(ts|js|mjs|cjs|mts|cts)$/;
const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs'];

/**
 * Reads a drizzle.config.* object literal. drizzle-kit resolves `schema` and `out` against the folder it
 * runs in, the package root (nearest package.json); a config beside its package.json reads the same.
 */
export function readDrizzleConfig(file: string, text: string, host?: FileHost): DrizzleConfig | undefined {
  const parsed = parseSource(file, text);
  if (!parsed) return undefined;
  let obj: t.ObjectExpression | undefined;
  for (const st of parsed.program.body) {
    let e: t.Node | undefined | null = st.type === 'ExportDefaultDeclaration' ? st.declaration : st.type === 'ExpressionStatement' ? st.expression : undefined;
    if (e && e.type === 'AssignmentExpression') e = e.right;
    if (!e) continue;
    e = unwrap(e);
    if (e.type === 'CallExpression' && e.arguments[0]) e = unwrap(e.arguments[0]);
    if (e.type === 'ObjectExpression') obj = e;
  }
  if (!obj) return undefined;
  const dir = host ? packageRoot(path.dirname(file), host) : path.dirname(file);
  const schemaNode = property(obj, 'schema')?.value;
  const u = schemaNode && unwrap(schemaNode);
  const written = u?.type === 'ArrayExpression' ? u.elements.map((e) => stringValue(e)) : [stringValue(u)];
  const schema = written.filter((s): s is string => s !== undefined).map((s) => path.resolve(dir, globBase(s)));
  const out = path.resolve(dir, stringValue(property(obj, 'out')?.value) ?? 'drizzle');
  const dialect = stringValue(property(obj, 'dialect')?.value) ?? stringValue(property(obj, 'driver')?.value);
  return { file, schema, out, ...(dialect !== undefined ? { dialect } : {}) };
}

function packageRoot(dir: string, host: FileHost): string {
  let d = dir;
  for (let i = 0; i < 6; i++) {
    if (host.readFile(path.join(d, 'package.json')) !== undefined) return d;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return dir;
}

/** `./src/db/schema/*.ts` -> `./src/db/schema`; a plain path stays. */
function globBase(p: string): string {
  const i = p.search(/[*?{[]/);
  if (i < 0) return p;
  return p.slice(0, p.lastIndexOf('/', i) + 1) || '.';
}

/** The drizzle.config.* files directly in `dir`. */
export function configsIn(dir: string, host: FileHost): DrizzleConfig[] {
  const found: DrizzleConfig[] = [];
  for (const e of host.readDir(dir)) {
    if (e.isDir || !CONFIG.test(e.name)) continue;
    const file = path.join(dir, e.name);
    const text = host.readFile(file);
    const c = text === undefined ? undefined : readDrizzleConfig(file, text, host);
    if (c) found.push(c);
  }
  return found;
}

/** drizzle.config.* in `dir` or its parents (up to the repository root), nearest first. */
export function findDrizzleConfigs(dir: string, host: FileHost, max = 8): DrizzleConfig[] {
  const found: DrizzleConfig[] = [];
  let d = dir;
  for (let i = 0; i < max; i++) {
    const entries = host.readDir(d);
    found.push(...configsIn(d, host));
    const parent = path.dirname(d);
    if (parent === d || entries.some((e) => e.name === '.git')) break;
    d = parent;
  }
  return found;
}

/** The project's workspace packages by name (`@dokploy/server` -> its folder), from the nearest repository root. */
function workspacePackages(from: string, host: FileHost): Map<string, string> {
  const map = new Map<string, string>();
  let d = path.dirname(from);
  let root: string | undefined;
  // The repository root is the highest folder with a package.json: where the workspace lists its packages.
  for (let i = 0; i < 10; i++) {
    if (host.readFile(path.join(d, 'package.json')) !== undefined) root = d;
    if (host.readDir(d).some((e) => e.name === '.git')) break;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  if (!root) return map;
  for (const group of ['packages', 'apps', 'libs']) {
    for (const e of host.readDir(path.join(root, group))) {
      if (!e.isDir) continue;
      const dir = path.join(root, group, e.name);
      const text = host.readFile(path.join(dir, 'package.json'));
      const name = text && /"name"\s*:\s*"([^"]+)"/.exec(text)?.[1];
      if (name) map.set(name, dir);
    }
  }
  return map;
}

export class ModuleFiles {
  private packages: Map<string, string> | undefined;
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly host: FileHost) {}

  /** The file a specifier written in `from` refers to, when it is one of the project's own files. */
  resolve(from: string, specifier: string): string | undefined {
    const key = `${path.dirname(from)}\u0000${specifier}`;
    if (this.cache.has(key)) return this.cache.get(key);
    let found: string | undefined;
    if (specifier.startsWith('.')) found = this.file(path.resolve(path.dirname(from), specifier));
    else {
      this.packages ??= workspacePackages(from, this.host);
      const m = /^(@[^/]+\/[^/]+|[^@/][^/]*)(?:\/(.*))?$/.exec(specifier);
      const dir = m && this.packages.get(m[1]);
      if (dir) {
        const sub = m[2] ?? '';
        found = this.file(path.join(dir, sub)) ?? this.file(path.join(dir, 'src', sub));
      }
    }
    this.cache.set(key, found);
    return found;
  }

  /** `x` -> `x.ts`, `x/index.ts`, or `x.js` written for `x.ts` (ESM style). */
  private file(p: string): string | undefined {
    const candidates = [p, ...EXTENSIONS.map((e) => p + e), ...EXTENSIONS.map((e) => path.join(p, 'index' + e))];
    if (/\.(m|c)?js$/.test(p)) candidates.push(p.replace(/\.(m|c)?js$/, '.ts'), p.replace(/\.(m|c)?js$/, '.mts'));
    for (const c of candidates) {
      if (!EXTENSIONS.some((e) => c.endsWith(e))) continue;
      const dir = path.dirname(c);
      if (this.host.readDir(dir).some((e) => !e.isDir && e.name === path.basename(c))) return c;
    }
    return undefined;
  }

  /** Every script file of a folder (for a config whose `schema` names a folder or a glob). */
  filesIn(dir: string): string[] {
    const out: string[] = [];
    for (const e of this.host.readDir(dir)) {
      const p = path.join(dir, e.name);
      if (e.isDir) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) out.push(...this.filesIn(p));
      } else if (EXTENSIONS.some((x) => e.name.endsWith(x)) && !e.name.endsWith('.d.ts')) out.push(p);
    }
    return out.sort();
  }

  entry(p: string): string[] {
    const f = this.file(p);
    if (f) return [f];
    return this.filesIn(p);
  }
}
