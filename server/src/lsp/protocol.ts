/**
 * The custom protocol between the db-design client and server, declared once for both sides.
 * Plain strings and interfaces (no jsonrpc types) so the client and the server can each use their
 * own library version.
 */
import type { Severity, SeveritySetting } from '../model/findings';
import { SCRIPT_MIGRATION_GLOB } from '../model/migration-file';

/** TypeScript/JavaScript files below a migrations folder: the only scripts the editor sends to the server. */
export { SCRIPT_MIGRATION_GLOB };

/**
 * The documents the client hands to the server: Prisma and SQL, and scripts below a migrations folder
 * (the server reads one only when it calls a migration tool's raw-SQL function: other TypeScript is left alone).
 */
export const DOCUMENT_SELECTOR: { scheme: string; language: string; pattern?: string }[] = [
  { scheme: 'file', language: 'prisma' },
  { scheme: 'file', language: 'sql' },
  { scheme: 'untitled', language: 'prisma' },
  { scheme: 'untitled', language: 'sql' },
  ...['typescript', 'javascript'].map((language) => ({ scheme: 'file', language, pattern: SCRIPT_MIGRATION_GLOB })),
];

/** The TypeScript ORMs whose schema files db-design reads (Drizzle tables, TypeORM entities). */
export const SCRIPT_ORM_PACKAGES = ['drizzle-orm', 'typeorm'] as const;

/** A package.json whose dependencies name one of `SCRIPT_ORM_PACKAGES` (the client's cheap check, at activation). */
export function usesScriptOrm(packageJson: string): boolean {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(packageJson) as Record<string, unknown>;
  } catch {
    return false;
  }
  if (!pkg || typeof pkg !== 'object') return false;
  return ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].some((key) => {
    const deps = pkg[key];
    return !!deps && typeof deps === 'object' && SCRIPT_ORM_PACKAGES.some((name) => Object.prototype.hasOwnProperty.call(deps, name));
  });
}

/**
 * The folders of the package.json files that use Drizzle or TypeORM, sorted: the client's projects. A package
 * installed in node_modules is not one of the workspace's projects.
 */
export function scriptOrmProjectDirs(packageJsons: readonly { path: string; text: string | undefined }[]): string[] {
  const dirs = packageJsons
    .filter((f) => !/[\\/]node_modules[\\/]/.test(f.path) && f.text !== undefined && usesScriptOrm(f.text))
    .map((f) => f.path.replace(/[\\/]package\.json$/, ''));
  return [...new Set(dirs)].sort();
}

/**
 * The document selector for a workspace: `DOCUMENT_SELECTOR`, and every TypeScript/JavaScript file below the
 * folders of the package.json files that use Drizzle or TypeORM (`projectDirs`, absolute). The server reads
 * one only when its text declares tables or entities; other TypeScript never reaches it outside those projects.
 */
export function documentSelectorFor(projectDirs: readonly string[]): typeof DOCUMENT_SELECTOR {
  const scripts = projectDirs.flatMap((dir) => {
    const base = dir.replace(/\\/g, '/').replace(/\/+$/, '');
    // A folder whose path has glob characters cannot be named by a pattern: it keeps the migrations glob only.
    if (/[*?{}[\]]/.test(base)) return [];
    return ['typescript', 'javascript'].map((language) => ({ scheme: 'file', language, pattern: `${base}/**/*` }));
  });
  return [...DOCUMENT_SELECTOR, ...scripts];
}

/** Code action kind for fix-on-save: `"editor.codeActionsOnSave": { "source.fixAll.db-design": "explicit" }`. */
export const FIX_ALL_KIND = 'source.fixAll.db-design';

export const ServerState = { Starting: 'starting', Ready: 'ready' } as const;
export type ServerState = (typeof ServerState)[keyof typeof ServerState];

/** Server → client: state and, after each analysis, the finding counts of a file (for the status bar). */
export const StatusNotification = 'dbDesign/status';
export interface StatusParams {
  state: ServerState;
  uri?: string;
  counts?: Record<Severity, number>;
  /** The database engine the file was read for and what decided it (`{ name: 'sqlite', from: 'drizzle.config.ts' }`). */
  engine?: EngineInfo;
  /** What was detected about the file's project (engine, runner, transaction mode, ...), one fact a line. */
  detected?: string[];
}

/** The engine decision as sent to the client; `name` is `unknown` when nothing in the project names it. */
export interface EngineInfo {
  name: string;
  /** What decided: a file name (`migration_lock.toml`), `db-design.json`, `folder name`, `file content`, `nothing`. */
  from: string;
  /** What in it decided: `dialect: "sqlite"`, `dependency pg`, `INSERT IGNORE`. */
  detail?: string;
  /** The deciding file's URI, when a file decided. */
  file?: string;
}

/** Client → server: the official Prisma extension was installed or removed while running. */
export const PrismaExtensionNotification = 'dbDesign/prismaExtension';
export interface PrismaExtensionParams {
  active: boolean;
}

/** Sent by the client in `initializationOptions`. */
export interface ClientInitOptions {
  /** The official Prisma extension is active and already shows Prisma's own diagnostics. */
  prismaExtensionActive?: boolean;
  /** The workspace is trusted (false in Restricted Mode: no git, which reads repository config that can run programs). */
  trusted?: boolean;
  /**
   * How long one analysis of a document may run before it reports what it has (default 2000 ms); the
   * server then goes on in further runs. For slow machines, or editors that want answers sooner.
   */
  editorBudgetMs?: number;
}

/** The `dbDesign` settings section, read per resource through workspace/configuration. */
export interface EditorSettings {
  enable: boolean;
  rules: Record<string, SeveritySetting>;
  dialect: 'postgresql' | 'sqlite' | 'mysql' | undefined;
  postgresVersion: number | undefined;
  prismaEngine: 6 | 7 | undefined;
}

/** A 0-based line / UTF-16 character range, as LSP counts them. */
export interface ProtocolRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * Client → server: the schema report of files and/or folders (URIs). `view` is the editor's panel
 * (links open positions, docs link to the installed copy); `export` is a file to share, with links
 * relative to `exportTo` and docs on the repository.
 */
export const ReportRequest = 'dbDesign/report';
export interface ReportParams {
  targets: string[];
  format: 'html' | 'md' | 'json';
  purpose: 'view' | 'export';
  /** URI of the file an export will be written to. */
  exportTo?: string;
}
export interface ReportResult {
  title: string;
  content: string;
  /** Every file the report read: the panel refreshes when one of them changes. */
  files: string[];
}

/** Client → server: the safe fixes of one file (open or on disk) that apply together, for fix-all commands. */
export const FixAllRequest = 'dbDesign/fixAll';
export interface FixAllParams {
  uri: string;
}
export interface FixAllResult {
  /** Non-overlapping edits in `uri`, each labelled with its fix's title (the refactor preview groups by it). */
  edits: { range: ProtocolRange; newText: string; label: string }[];
}

/**
 * Client → server: documents the client opens only to show them in a preview (Fix All in Workspace's
 * diff), not because the user opened them. `add`: check them for nobody and publish no problems for
 * them (clearing any already shown); `release`: the user opened them in an editor, check them as usual.
 * Closing a document releases it too.
 */
export const PreviewDocumentsNotification = 'dbDesign/previewDocuments';
export interface PreviewDocumentsParams {
  add?: string[];
  release?: string[];
}

/** Client → server: every rule with its documentation link, for "Show Rule Documentation". */
export const RuleListRequest = 'dbDesign/rules';
export interface RuleInfo {
  id: string;
  summary: string;
  category: string;
  defaultSeverity: SeveritySetting;
  fixable: boolean;
  /** The installed docs page (file URI) or the repository's. */
  docs: string;
}
