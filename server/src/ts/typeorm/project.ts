/**
 * Where a TypeORM project's entities live and which engine they are for. The entities are the files of
 * the package (the folder of the nearest package.json) that declare TypeORM columns; the engine is what
 * the package's data source says: `new DataSource({ type: 'postgres', ... })`, `createConnection({...})`,
 * `TypeOrmModule.forRoot({...})` or an `ormconfig.json`. A `type` that is not written as a literal (read
 * from the environment) or data sources of several engines decide nothing.
 */
import * as path from 'node:path';
import type { Dialect } from '../../model/schema';
import type { FileHost } from '../drizzle/project';
import { childNodes, parseSource, property, stringValue, unwrap, type t } from '../parse';
import { mentionsTypeorm } from './read';
import { DEFAULT_NAMING, engineOfType, SNAKE_NAMING, type Naming } from './types';

const SCRIPT = /\.(ts|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist', 'build', 'out', 'coverage', 'migrations', 'migration', '__tests__', 'test', 'tests']);
/** A package bigger than this is not scanned whole (a monorepo root without package.json below it). */
const MAX_FILES = 3000;
const MAX_BYTES = 512 * 1024;

export interface DataSourceType {
  file: string;
  /** The `type` as written (`postgres`), or undefined when it is not a literal. */
  type?: string;
  engine?: Dialect;
  /** Its `entities` list: file globs (absolute) and class names; `unknown` when not written as literals. */
  entities?: EntityList | 'unknown';
  /** The class of its `namingStrategy: new X()`, when it names one. */
  namingStrategy?: string;
}

export interface EntityList {
  globs: string[];
  classes: string[];
}

export interface TypeormProject {
  root: string;
  /** Files with TypeORM entities or base classes, sorted. */
  files: string[];
  dataSources: DataSourceType[];
  /**
   * Which classes are entities, when the data sources list them (`entities: [User, __dirname + '/entity/*.ts']`);
   * undefined when they do not (every `@Entity` class of the package is one).
   */
  isEntity?: (file: string, className: string) => boolean;
  /** The `typeorm` version range the package.json asks for (`^0.3.20`), when it names one. */
  typeormVersion?: string;
  /** How columns are named: `SnakeNamingStrategy` when every data source says so, TypeORM's default otherwise. */
  naming: Naming;
}

/** The nearest folder above `dir` with a package.json (or `dir` itself when there is none). */
export function packageRoot(dir: string, host: FileHost): string {
  let d = dir;
  for (let i = 0; i < 10; i++) {
    if (host.readDir(d).some((e) => e.name === 'package.json')) return d;
    const parent = path.dirname(d);
    if (parent === d) break;
    d = parent;
  }
  return dir;
}

const memo = new WeakMap<FileHost, Map<string, { revision: number; project: TypeormProject }>>();

/** The TypeORM project a file or folder is part of; remembered while the host's revision stays the same. */
export function typeormProject(from: string, host: FileHost & { revision?(): number }): TypeormProject {
  const root = packageRoot(from, host);
  const revision = host.revision?.();
  let perHost = memo.get(host);
  const hit = perHost?.get(root);
  if (hit && revision !== undefined && hit.revision === revision) return hit.project;
  const project = scan(root, host);
  if (revision !== undefined) {
    if (!perHost) memo.set(host, (perHost = new Map()));
    perHost.set(root, { revision, project });
  }
  return project;
}

function scan(root: string, host: FileHost): TypeormProject {
  const files: string[] = [];
  const dataSources: DataSourceType[] = [];
  let seen = 0;
  const visit = (dir: string) => {
    for (const e of host.readDir(dir)) {
      if (seen > MAX_FILES) return;
      const p = path.join(dir, e.name);
      if (e.isDir) {
        if (!SKIP.has(e.name) && !e.name.startsWith('.')) visit(p);
        continue;
      }
      if (/^ormconfig\.json$/.test(e.name) && dir === root) {
        dataSources.push(...ormconfigJson(p, host.readFile(p), root));
        continue;
      }
      if (!SCRIPT.test(e.name) || /\.d\.(m|c)?ts$/.test(e.name)) continue;
      seen++;
      const text = host.readFile(p);
      if (text === undefined || text.length > MAX_BYTES) continue;
      if (mentionsTypeorm(text)) files.push(p);
      if (/\bnew\s+DataSource\s*\(|\bcreateConnection\s*\(|TypeOrmModule\.forRoot\s*\(|\bormconfig\b/.test(text)) dataSources.push(...dataSourcesIn(p, text, root));
    }
  };
  visit(root);
  files.sort();
  const isEntity = entityFilter(dataSources, files);
  const typeormVersion = dependencyVersion(host.readFile(path.join(root, 'package.json')), 'typeorm');
  const strategies = new Set(dataSources.map((d) => d.namingStrategy));
  const naming = strategies.size === 1 && strategies.has('SnakeNamingStrategy') ? SNAKE_NAMING : DEFAULT_NAMING;
  return { root, files, dataSources, naming, ...(isEntity ? { isEntity } : {}), ...(typeormVersion ? { typeormVersion } : {}) };
}

function dependencyVersion(packageJson: string | undefined, name: string): string | undefined {
  try {
    const pkg = JSON.parse(packageJson ?? '') as Record<string, Record<string, unknown> | undefined>;
    const v = ['dependencies', 'devDependencies', 'peerDependencies'].map((k) => pkg?.[k]?.[name]).find((x) => typeof x === 'string');
    return v as string | undefined;
  } catch {
    return undefined;
  }
}

/** `ormconfig.json`: one options object or a list of them. */
function ormconfigJson(file: string, text: string | undefined, root: string): DataSourceType[] {
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    return [];
  }
  return (Array.isArray(json) ? json : [json]).flatMap((o: unknown) => {
    if (!o || typeof o !== 'object') return [];
    const { type, entities } = o as { type?: unknown; entities?: unknown };
    if (typeof type !== 'string') return [];
    const list: EntityList | 'unknown' | undefined =
      entities === undefined ? undefined : Array.isArray(entities) && entities.every((x) => typeof x === 'string') ? { globs: entities.map((g: string) => path.resolve(root, g)), classes: [] } : 'unknown';
    return [{ file, type, ...(engineOfType(type) ? { engine: engineOfType(type) } : {}), ...(list ? { entities: list } : {}) }];
  });
}

/**
 * The data sources' entity lists as one test, or undefined when every `@Entity` class counts: no data source
 * lists its entities, one lists them in a way not written literally, or the globs name no source file
 * (compiled output such as `dist/entity/*.js`) and no class.
 */
function entityFilter(dataSources: DataSourceType[], files: string[]): TypeormProject['isEntity'] {
  const lists = dataSources.map((d) => d.entities);
  if (!lists.length || lists.some((l) => l === undefined || l === 'unknown')) return undefined;
  const globs = (lists as EntityList[]).flatMap((l) => l.globs).map(globToRegExp);
  const classes = new Set((lists as EntityList[]).flatMap((l) => l.classes));
  const posix = (f: string) => f.split(path.sep).join('/');
  if (!classes.size && !files.some((f) => globs.some((g) => g.test(posix(f))))) return undefined;
  return (file, className) => classes.has(className) || globs.some((g) => g.test(posix(file)));
}

/** TypeORM's entity globs (absolute): `*`, `?`, `**`, `{a,b}`, anchored at both ends. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  const g = glob.split(path.sep).join('/');
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*' && g[i + 1] === '*') {
      const slash = g[i + 2] === '/';
      re += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',' && re.lastIndexOf('(?:') > re.lastIndexOf(')')) re += '|';
    else re += c.replace(/[.+^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** The `type` of each data source options object in a file. */
export function dataSourcesIn(file: string, text: string, root = path.dirname(file)): DataSourceType[] {
  const parsed = parseSource(file, text);
  if (!parsed) return [];
  const out: DataSourceType[] = [];
  const visit = (node: t.Node): void => {
    if (node.type === 'NewExpression' || node.type === 'CallExpression') {
      const callee = unwrap(node.callee as t.Node);
      const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
      const arg = node.arguments[0] && unwrap(node.arguments[0]);
      if (/^(DataSource|createConnection|forRoot)$/.test(name) && arg?.type === 'ObjectExpression') {
        const typeNode = property(arg, 'type')?.value;
        const type = stringValue(typeNode);
        const entities = entityList(arg, file, root, parsed.program);
        const strategy = property(arg, 'namingStrategy')?.value;
        const made = strategy && unwrap(strategy);
        // Only the package's own SnakeNamingStrategy is known; a project's class of that name may name otherwise.
        const from = made?.type === 'NewExpression' && made.callee.type === 'Identifier' ? importSource(parsed.program, made.callee.name) : undefined;
        const namingStrategy = from === 'typeorm-naming-strategies' && made?.type === 'NewExpression' && made.callee.type === 'Identifier' ? importedName(parsed.program, made.callee.name) : made ? 'unknown' : undefined;
        if (typeNode) {
          out.push({
            file,
            ...(type !== undefined ? { type } : {}),
            ...(type && engineOfType(type) ? { engine: engineOfType(type) } : {}),
            ...(entities ? { entities } : {}),
            ...(namingStrategy ? { namingStrategy } : {}),
          });
        }
      }
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(parsed.program);
  return out;
}

/**
 * `entities: [User, 'src/entity/*.ts', __dirname + '/entity/*.{ts,js}', path.join(__dirname, '**', '*.entity.ts')]`:
 * globs (TypeORM reads a plain path from the folder it runs in, the package root; `__dirname` is the data
 * source's folder) and classes (by the name they are declared with). `autoLoadEntities` or anything else
 * (a variable, a spread) is `unknown`.
 */
function entityList(options: t.ObjectExpression, file: string, root: string, program: t.Program): EntityList | 'unknown' | undefined {
  if (property(options, 'autoLoadEntities')) return 'unknown';
  const node = property(options, 'entities')?.value;
  if (!node) return undefined;
  const list = unwrap(node);
  if (list.type !== 'ArrayExpression') return 'unknown';
  const out: EntityList = { globs: [], classes: [] };
  for (const e of list.elements) {
    const u = e && e.type !== 'SpreadElement' ? unwrap(e) : undefined;
    if (u?.type === 'Identifier') {
      out.classes.push(importedName(program, u.name));
      continue;
    }
    const glob = u && pathOf(u, path.dirname(file), root);
    if (glob === undefined) return 'unknown';
    out.globs.push(glob);
  }
  return out;
}

/** The module a local identifier is imported from. */
function importSource(program: t.Program, local: string): string | undefined {
  for (const st of program.body) if (st.type === 'ImportDeclaration' && st.specifiers.some((s) => s.local.name === local)) return st.source.value;
  return undefined;
}

/** The name a local identifier is exported as where it comes from (`import { User as U }` -> `User`). */
function importedName(program: t.Program, local: string): string {
  for (const st of program.body) {
    if (st.type !== 'ImportDeclaration') continue;
    for (const s of st.specifiers) if (s.local.name === local && s.type === 'ImportSpecifier') return s.imported.type === 'Identifier' ? s.imported.name : s.imported.value;
  }
  return local;
}

/** A path written as a literal, `__dirname + '...'`, a template on `__dirname`, or `path.join/resolve(__dirname, ...)`. */
function pathOf(node: t.Node, dir: string, root: string): string | undefined {
  const literal = stringValue(node);
  if (literal !== undefined) return path.resolve(root, literal);
  const isDir = (n: t.Node) => n.type === 'Identifier' && n.name === '__dirname';
  if (node.type === 'BinaryExpression' && node.operator === '+' && isDir(node.left)) {
    const rest = stringValue(node.right);
    return rest === undefined ? undefined : dir + rest;
  }
  if (node.type === 'TemplateLiteral' && node.expressions.length === 1 && isDir(node.expressions[0] as t.Node) && !(node.quasis[0].value.cooked ?? '')) {
    return dir + (node.quasis[1].value.cooked ?? '');
  }
  if (node.type === 'CallExpression') {
    const callee = unwrap(node.callee as t.Node);
    const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : '';
    const [first, ...rest] = node.arguments.map((a) => unwrap(a as t.Node));
    const parts = rest.map((r) => stringValue(r));
    if (/^(join|resolve)$/.test(name) && first && isDir(first) && parts.every((p) => p !== undefined)) return path.join(dir, ...(parts as string[]));
  }
  return undefined;
}

/** The one engine the project's data sources name, or why there is none. */
export function dataSourceEngine(project: TypeormProject): { engine: Dialect; source: DataSourceType } | { engine?: undefined; why: string } {
  const named = project.dataSources.filter((d) => d.engine);
  const engines = [...new Set(named.map((d) => d.engine!))];
  if (engines.length === 1 && named.length === project.dataSources.length) return { engine: engines[0], source: named[0] };
  if (engines.length > 1) return { why: `data sources for ${engines.join(', ')}` };
  if (project.dataSources.length) return { why: 'the data source type is not written as a literal' };
  return { why: 'no data source found' };
}
