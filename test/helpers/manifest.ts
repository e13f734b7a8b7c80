/**
 * `../shared/corpus/MANIFEST.tsv`: the answer key of the corpus (path, kind, engine, project). Tests read
 * it to know what each file really is; the product never does.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { corpusRoot } from './paths';

export type ManifestKind = 'prisma' | 'sql' | 'source' | 'config';
export type ManifestDialect = 'postgresql' | 'mysql' | 'sqlite' | 'generic' | '-';

export interface ManifestRow {
  /** Path below the corpus root, `/`-separated: `<kind folder>/<project>/<path in repo>`. */
  path: string;
  kind: ManifestKind;
  dialect: ManifestDialect;
  project: string;
  /** The project's folder below the corpus root (`sql/kratos`). */
  root: string;
}

let cache: ManifestRow[] | undefined;

/** Every row; empty when the corpus is absent. */
export function manifest(): ManifestRow[] {
  if (cache) return cache;
  if (!corpusRoot) return (cache = []);
  const lines = fs.readFileSync(path.join(corpusRoot, 'MANIFEST.tsv'), 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const at = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`MANIFEST.tsv has no "${name}" column`);
    return i;
  };
  const [p, k, d, pr] = [at('path'), at('kind'), at('dialect'), at('project')];
  cache = lines
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => {
      const c = l.split('\t');
      return { path: c[p], kind: c[k] as ManifestKind, dialect: c[d] as ManifestDialect, project: c[pr], root: c[p].split('/').slice(0, 2).join('/') };
    });
  return cache;
}

export interface ManifestProject {
  name: string;
  /** Folder below the corpus root. */
  root: string;
  rows: ManifestRow[];
  /** Engines of its SQL, Prisma and source files (generic files left out). */
  engines: string[];
}

export function manifestProjects(): ManifestProject[] {
  const byRoot = new Map<string, ManifestProject>();
  for (const r of manifest()) {
    const p = byRoot.get(r.root) ?? { name: r.project, root: r.root, rows: [], engines: [] };
    p.rows.push(r);
    if (r.dialect !== 'generic' && r.dialect !== '-' && !p.engines.includes(r.dialect)) p.engines.push(r.dialect);
    byRoot.set(r.root, p);
  }
  for (const p of byRoot.values()) p.engines.sort();
  return [...byRoot.values()].sort((a, b) => a.root.localeCompare(b.root));
}
