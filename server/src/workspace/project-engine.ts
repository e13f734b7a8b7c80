/**
 * The database engine of a project, decided once per project (or per migration set) from what the
 * project itself contains, before any per-file guess, and always with its reason:
 *
 *   1. the configured `dialect` (db-design.json, editor setting, `--dialect`);
 *   2. the migration set's own record: Prisma's `migration_lock.toml`, drizzle-kit's `meta/_journal.json`;
 *   3. an engine word in the path below the project (`migrations/sqlite/`, `0001_init.mysql.up.sql`);
 *   4. the project's files, nearest folder first: Prisma datasource, drizzle.config.*, Cargo features,
 *      go.mod drivers, package.json drivers, docker-compose images, `.env.example` URL schemes;
 *   5. marks only one engine's syntax has (MySQL `#` comments and `DELIMITER`, sqlite3 dot-commands, ...)
 *      in the file, then in the rest of its migration set;
 *   6. otherwise `unknown`: the file is read as PostgreSQL, but its syntax errors are not reported as errors.
 *
 * A project whose files name several engines (one migration folder per engine) is decided per set or
 * file by steps 2, 3 and 5.
 */
import * as path from 'node:path';
import type { Dialect } from '../model/schema';
import { engineMarks, pathEngineWord, type EngineMark } from '../sql/dialect';
import { readScriptSql } from '../ts/migration-sql';
import { isScriptFile } from './script-migrations';
import {
  cargoEngines,
  composeEngines,
  drizzleConfig,
  drizzleJournal,
  envExampleEngines,
  goEngines,
  nodeEngines,
  prismaProvider,
  type Evidence,
} from './engine-evidence';
import type { MigrationSet, WorkspaceHost } from './migrations';

export type EngineName = Dialect | 'unknown';

/** The engine a file is analysed for, and why: shown in `check --format json`, the status bar and the output channel. */
export interface EngineDecision {
  name: EngineName;
  /** What decided, as a user names it: `drizzle.config.ts`, `db-design.json`, `folder name`, `file content`, `nothing`. */
  from: string;
  /** The file that decided, when one did. */
  file?: string;
  /** A few words on what in it decided: `dialect: "sqlite"`, `driver github.com/lib/pq`, `INSERT IGNORE`. */
  detail?: string;
}

export interface ProjectEngine {
  /** Set when the project's files name exactly one engine. */
  decision?: EngineDecision;
  /** Every engine the project's files name (several: decided per set or file). */
  candidates: Dialect[];
  /** The project's folder: the nearest folder with a project file (package.json, go.mod, ...), or the start folder. */
  root: string;
  /** Whether a project file was found (otherwise `root` is just the start folder). */
  rootFound: boolean;
}

const MAX_LEVELS = 8;
const PROJECT_FILES = /^(package\.json|go\.mod|Cargo\.toml|composer\.json|pyproject\.toml|Gemfile|pom\.xml|build\.gradle(\.kts)?|db-design\.json|\.git)$/;

function isFile(entries: { name: string; isDir: boolean }[], name: string): boolean {
  return entries.some((e) => e.name === name);
}

/** What one folder's files say, strongest source first. */
function evidenceAt(dir: string, host: WorkspaceHost): Evidence[] {
  const entries = host.readDir(dir);
  if (!entries.length) return [];
  const out: Evidence[] = [];
  // Only what the folder holds is read: a missing file costs a failed read, and this runs for every folder above a file.
  const names = new Set(entries.map((e) => e.name));
  const read = (rel: string) => (names.has(rel.split('/')[0]) ? host.readFile(path.join(dir, rel)) : undefined);
  const add = (from: string, rel: string, engines: Dialect[], detail: string) => {
    if (engines.length) out.push({ engines, from, file: path.join(dir, rel), detail });
  };
  for (const rel of ['migration_lock.toml', 'migrations/migration_lock.toml', 'prisma/migrations/migration_lock.toml']) {
    const text = read(rel);
    const d = text === undefined ? undefined : prismaProvider(text, false);
    if (d) add('migration_lock.toml', rel, [d], `provider = "${providerWord(text!)}"`);
  }
  for (const rel of ['schema.prisma', 'prisma/schema.prisma', 'prisma/schema/schema.prisma']) {
    const text = read(rel);
    const d = text === undefined ? undefined : prismaProvider(text, true);
    if (d) add(path.basename(rel), rel, [d], `datasource provider "${providerWord(text!)}"`);
  }
  for (const e of entries) {
    if (e.isDir || !/^drizzle\.config\.(ts|js|mjs|cjs|mts|cts|json)$/.test(e.name)) continue;
    const r = drizzleConfig(read(e.name) ?? '');
    if (r) add(e.name, e.name, [r.engine], r.detail);
  }
  for (const rel of ['meta/_journal.json', 'drizzle/meta/_journal.json']) {
    const text = read(rel);
    const r = text === undefined ? undefined : drizzleJournal(text);
    if (r) add('meta/_journal.json', rel, [r.engine], r.detail);
  }
  if (isFile(entries, 'Cargo.toml')) {
    const r = cargoEngines(read('Cargo.toml') ?? '');
    add(isFile(entries, 'diesel.toml') ? 'diesel.toml and Cargo.toml' : 'Cargo.toml', 'Cargo.toml', r.engines, r.detail);
  }
  if (isFile(entries, 'go.mod')) {
    const r = goEngines(read('go.mod') ?? '');
    add('go.mod', 'go.mod', r.engines, r.detail);
  }
  if (isFile(entries, 'package.json')) {
    const r = nodeEngines(read('package.json') ?? '');
    add('package.json', 'package.json', r.engines, r.detail);
  }
  for (const e of entries) {
    if (e.isDir || !/^(docker-)?compose(\.[\w-]+)?\.ya?ml$/.test(e.name)) continue;
    const r = composeEngines(read(e.name) ?? '');
    add(e.name, e.name, r.engines, r.detail);
  }
  for (const e of entries) {
    // Example files only: `.env` itself holds secrets and is never read.
    if (e.isDir || !/^(\.env\.(example|sample|template|dist|defaults)|example\.env|\.env\.local\.example)$/.test(e.name)) continue;
    const r = envExampleEngines(read(e.name) ?? '');
    add(e.name, e.name, r.engines, r.detail);
  }
  return out;
}

function providerWord(text: string): string {
  return /provider\s*=\s*"([^"]+)"/.exec(text)?.[1] ?? '';
}

/** Remembers decisions per folder while the host's revision stays the same. */
export class ProjectEngines {
  private rev: number | undefined;
  private byDir = new Map<string, ProjectEngine>();
  private setMarks = new Map<string, EngineDecision | null>();

  constructor(private readonly host: WorkspaceHost & { revision?(): number }) {}

  private fresh(): void {
    const rev = this.host.revision?.();
    if (rev === undefined || rev !== this.rev) {
      this.rev = rev;
      this.byDir.clear();
      this.folders.clear();
      this.setMarks.clear();
    }
  }

  /** The project a folder belongs to, and what its files say about the engine. */
  project(dir: string): ProjectEngine {
    this.fresh();
    const hit = this.byDir.get(dir);
    if (hit) return hit;
    const result = this.compute(dir);
    this.byDir.set(dir, result);
    return result;
  }

  /** What one folder says, read once per revision: the folders above many migration folders are shared. */
  private folders = new Map<string, { projectFile: boolean; git: boolean; evidence: Evidence[] }>();
  private folder(dir: string): { projectFile: boolean; git: boolean; evidence: Evidence[] } {
    let hit = this.folders.get(dir);
    if (!hit) {
      const entries = this.host.readDir(dir);
      hit = { projectFile: entries.some((e) => PROJECT_FILES.test(e.name)), git: entries.some((e) => e.name === '.git'), evidence: evidenceAt(dir, this.host) };
      this.folders.set(dir, hit);
    }
    return hit;
  }

  private compute(start: string): ProjectEngine {
    let dir = path.resolve(start);
    let root: string | undefined;
    for (let level = 0; level < MAX_LEVELS; level++) {
      const { projectFile, git, evidence } = this.folder(dir);
      if (!root && projectFile) root = dir;
      if (evidence.length) {
        const first = evidence[0];
        root ??= dir;
        if (first.engines.length === 1) {
          return { decision: { name: first.engines[0], from: first.from, file: first.file, detail: first.detail }, candidates: first.engines, root, rootFound: true };
        }
        return { candidates: first.engines, root, rootFound: true };
      }
      // A repository's top: nothing above it belongs to the project.
      if (git) break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    return { candidates: [], root: root ?? path.resolve(start), rootFound: root !== undefined };
  }

  /**
   * Marks per file, kept across revisions while the file's text stays the same: for a file being edited, the
   * editor's text and the one on disk (its folder's files are read from disk when its own text names no engine:
   * one entry each would have its marks worked out twice at every keystroke).
   */
  private marks = new Map<string, { text: string; marks: EngineMark[] }[]>();
  private marksOf(fsPath: string, text: string): EngineMark[] {
    const known = this.marks.get(fsPath) ?? [];
    const hit = known.find((k) => k.text === text);
    if (hit) {
      // The one asked last goes first: the other is the one the next edit replaces.
      if (known[0] !== hit) this.marks.set(fsPath, [hit, ...known.filter((k) => k !== hit)]);
      return hit.marks;
    }
    // A TypeScript/JavaScript migration's marks are in its SQL strings, not in the code (template backticks).
    const marks = engineMarks(isScriptFile(fsPath) ? readScriptSql(fsPath, text).sqlView : text);
    if (this.marks.size > 20_000) this.marks.clear();
    this.marks.set(fsPath, [{ text, marks }, ...known.slice(0, 1)]);
    return marks;
  }

  /**
   * The engine the files of a migration set (or, for other files, of their folder) show by their syntax,
   * when nothing else says.
   */
  groupContent(key: string, files: () => string[]): EngineDecision | undefined {
    this.fresh();
    if (this.setMarks.has(key)) return this.setMarks.get(key) ?? undefined;
    const votes = new Map<Dialect, { n: number; detail: string; file: string }>();
    for (const fsPath of files().slice(0, 1000)) {
      const f = { fsPath };
      const mark = this.marksOf(f.fsPath, this.host.readFile(f.fsPath) ?? '')[0];
      if (!mark) continue;
      const v = votes.get(mark.engine) ?? { n: 0, detail: mark.mark, file: f.fsPath };
      v.n++;
      votes.set(mark.engine, v);
    }
    const ranked = [...votes].sort((a, b) => b[1].n - a[1].n);
    // A tie says nothing.
    const best = ranked.length > 1 && ranked[0][1].n === ranked[1][1].n ? undefined : ranked[0];
    const decision: EngineDecision | undefined = best && { name: best[0], from: 'file content', file: best[1].file, detail: `${best[1].detail} (in ${best[1].n} of the folder's files)` };
    this.setMarks.set(key, decision ?? null);
    return decision;
  }

  /**
   * The engine of one SQL file. `configured` is the config's dialect with where it came from; `set` the
   * migration set the file belongs to.
   */
  decide(fsPath: string | undefined, uri: string, text: string, configured: EngineDecision | undefined, set: MigrationSet | undefined): EngineDecision {
    if (configured) return configured;
    const project = fsPath ? this.project(path.dirname(fsPath)) : undefined;
    // The set's own record (Prisma's lock file, drizzle-kit's journal) speaks for that set only.
    if (set && project?.decision?.file && (project.decision.from === 'migration_lock.toml' || project.decision.from === 'meta/_journal.json')) {
      if (path.dirname(project.decision.file) === set.root || path.dirname(path.dirname(project.decision.file)) === set.root) return project.decision;
    }
    const below = fsPath && project?.rootFound ? path.relative(project.root, fsPath) : undefined;
    const word = pathEngineWord(below && !below.startsWith('..') ? below : uri);
    if (word) return { name: word.engine, from: word.kind === 'suffix' ? 'file name' : 'folder name', detail: word.word };
    if (project?.decision) return project.decision;
    const mark = this.marksOf(fsPath ?? uri, text)[0];
    if (mark) return { name: mark.engine, from: 'file content', file: fsPath, detail: mark.mark };
    const fromSet = set ? this.groupContent(set.root, () => set.files.map((f) => f.fsPath)) : undefined;
    if (fromSet) return fromSet;
    // The SQL files of the folder, then of the folders above it, up to the project's own folder.
    for (let dir = fsPath && path.dirname(fsPath), level = 0; dir && level < 4; level++) {
      const d = dir;
      const fromFolder = this.groupContent(d, () => this.host.readDir(d).filter((e) => !e.isDir && /\.sql$/i.test(e.name)).map((e) => path.join(d, e.name)));
      if (fromFolder) return fromFolder;
      if (project?.rootFound && d === project.root) break;
      const up = path.dirname(d);
      dir = up === d ? undefined : up;
    }
    const several = project?.candidates.length ? ` (the project names ${project.candidates.join(', ')})` : '';
    return { name: 'unknown', from: 'nothing', detail: `no project file, folder name or syntax names the engine${several}` };
  }
}

/** A one-line reason for messages and tooltips: `sqlite (drizzle.config.ts: dialect: "sqlite")`. */
export function describeEngine(d: EngineDecision): string {
  if (d.name === 'unknown') return `unknown (${d.detail ?? 'nothing names it'})`;
  return `${d.name} (${d.from}${d.detail ? `: ${d.detail}` : ''})`;
}
