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
import { engineOfType } from './types';

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
}

export interface TypeormProject {
  root: string;
  /** Files with TypeORM entities or base classes, sorted. */
  files: string[];
  dataSources: DataSourceType[];
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
        const text = host.readFile(p);
        const type = text && /"type"\s*:\s*"([^"]+)"/.exec(text)?.[1];
        if (type) dataSources.push({ file: p, type, ...(engineOfType(type) ? { engine: engineOfType(type) } : {}) });
        continue;
      }
      if (!SCRIPT.test(e.name) || /\.d\.(m|c)?ts$/.test(e.name)) continue;
      seen++;
      const text = host.readFile(p);
      if (text === undefined || text.length > MAX_BYTES) continue;
      if (mentionsTypeorm(text)) files.push(p);
      if (/\bnew\s+DataSource\s*\(|\bcreateConnection\s*\(|TypeOrmModule\.forRoot\s*\(|\bormconfig\b/.test(text)) dataSources.push(...dataSourcesIn(p, text));
    }
  };
  visit(root);
  return { root, files: files.sort(), dataSources };
}

/** The `type` of each data source options object in a file. */
export function dataSourcesIn(file: string, text: string): DataSourceType[] {
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
        if (typeNode) out.push({ file, ...(type !== undefined ? { type } : {}), ...(type && engineOfType(type) ? { engine: engineOfType(type) } : {}) });
      }
    }
    for (const child of childNodes(node)) visit(child);
  };
  visit(parsed.program);
  return out;
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
