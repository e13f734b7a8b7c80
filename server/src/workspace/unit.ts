/**
 * The unit a SQL file is analysed in. A migration is replayed on top of the migration history before it
 * (design rules then see the schema after the whole history, statement rules see each statement with
 * the tables as they stood just before it); a down migration on top of its up migration; any other file
 * on its own. `SqlWorkspace` keeps the per-set replay caches between analyses.
 */
import type { Budget } from '../model/budget';
import type { FrontEndResult, SourceText } from '../model/frontend';
import type { Dialect, Schema, Table } from '../model/schema';
import { emptySchema } from '../model/schema';
import type { FileFacts, FileRole, FileRun, SqlStatement, TxState } from '../model/migration-file';
import type { SqlFileParse } from '../sql/file';
import { parseMigrationFile, scriptLineComment, scriptOf, scriptSafeEdits } from './script-migrations';
import { renderSqlFix } from '../sql/render';
import { cannotRunInTransaction, statementInfo, type StatementInfo } from '../sql/statements';
import { snapshot } from '../model/snapshot';
import { fileAt, findMigrationSet, upFileFor, upFiles, upPosition, type MigrationFile, type MigrationSet, type MigrationsConfig, type WorkspaceHost } from './migrations';
import { perSet } from './set-memo';
import { resumeReplay, type FileReplay, type StatementFacts } from './file-replay';
import { History } from './replay';
import { fileMode, runnerModule, RUNNERS, SECTION_MARKERS } from './runners';
import { newMigrationRef } from './new-migration';
import { placeIndex, placeWidening } from './index-placement';
import { bringsOutRewrite, loneChangeOutside } from './fix-placement';
import { sqlHover } from './hover';
import { analyseTransactions } from './transactions';
import { CachingHost, reader } from './host-cache';
import { prismaSectionComment } from './source-of-truth';

export { CachingHost } from './host-cache';

export interface SqlUnitOptions {
  dialect: Dialect;
  pgVersion: number;
  migrations: MigrationsConfig;
  /** Turns a path into the URI the editor uses for it. */
  toUri(fsPath: string): string;
  /** The Prisma version installed for the project, when the runner is Prisma Migrate. */
  prismaVersion?(dir: string): string | undefined;
  /** Time for this file's own statements (the editor's guard); the rest of its history is replayed in full. */
  budget?: Budget;
}

export interface SqlUnit extends FrontEndResult {
  language: 'sql';
  role: FileRole;
  set?: MigrationSet;
  file: FileFacts;
  statements: SqlStatement[];
  /** A copy of the schema before this file's first statement, for hovers "at this point". */
  schemaBefore(): Schema;
  replay: FileReplay;
  /** Other files whose findings depend on this one (the rest of its migration set). */
  dependents: string[];
}

const MAX_HISTORIES = 8;
/** Files whose last replay is kept for the next analysis of the same file (the files being edited). */
const MAX_RESUMES = 8;

export class SqlWorkspace {
  private histories = new Map<string, History>();
  /** Per file (and dialect): its last whole replay, and what the schema before it was (`start`). */
  private lastReplays = new Map<string, { start: string; replay: FileReplay }>();
  private readonly host: CachingHost;

  /** `inOrder`: each file of a set is analysed once, in the set's order (`db-design check`; see `History`). */
  constructor(
    host: WorkspaceHost & { revision?(): number },
    private readonly inOrder = false,
  ) {
    this.host = host instanceof CachingHost ? host : new CachingHost(host);
  }

  private history(set: MigrationSet, dialect: Dialect): History {
    const key = `${dialect}\u0000${set.root}`;
    let h = this.histories.get(key);
    if (h) this.histories.delete(key);
    else h = new History(dialect, this.inOrder);
    this.histories.set(key, h);
    if (this.histories.size > MAX_HISTORIES) this.histories.delete(this.histories.keys().next().value as string);
    return h;
  }

  /** The migration set of a file, if it is a migration (remembered for all its files while nothing changes). */
  setOf(fsPath: string, config: MigrationsConfig): MigrationSet | undefined {
    // Per revision: each file's set, and the sets found by root (equal sets detected from different files are one
    // object, see `sameSet`).
    const memo = this.host.perRevision('migration-sets', () => ({ sets: new Map<string, MigrationSet | null>(), byRoot: new Map<string, MigrationSet[]>() }));
    const cfg = JSON.stringify(config);
    const key = `${cfg}\u0000${fsPath}`;
    if (memo?.sets.has(key)) return memo.sets.get(key) ?? undefined;
    let set: MigrationSet | undefined;
    try {
      set = findMigrationSet(fsPath, this.host, config);
    } catch {
      set = undefined;
    }
    if (memo) {
      // A runner that reads each file's content (goose, plain SQL) detects the set once per file; the same set
      // as one object keeps what is worked out once per set (workspace/set-memo) shared by all its files.
      if (set) {
        const found = set;
        const atRoot = memo.byRoot.get(found.root);
        const same = atRoot?.find((s) => sameSet(s, found));
        if (same) set = same;
        else if (atRoot) atRoot.push(found);
        else memo.byRoot.set(found.root, [found]);
      }
      memo.sets.set(key, set ?? null);
      // Files of a set detected by layout belong to it whatever their content: one detection serves all
      // (for pop, the files of the same engine: its plain files belong to one set per engine).
      const mod = set?.runnerSource === 'layout' ? runnerModule(set.runner) : undefined;
      if (set && mod && (mod.layoutOwnsFiles || mod.sharesSet)) {
        for (const f of set.files) if (mod.layoutOwnsFiles || mod.sharesSet?.(fsPath, f.fsPath)) memo.sets.set(`${cfg}\u0000${f.fsPath}`, set);
      }
    }
    return set;
  }

  load(uri: string, fsPath: string | undefined, text: string, opts: SqlUnitOptions): SqlUnit {
    const set = fsPath ? this.setOf(fsPath, opts.migrations) : undefined;
    const entry = set && fsPath ? fileAt(set, fsPath) : undefined;
    if (!set || !entry) return this.standalone(uri, text, opts);
    const history = this.history(set, opts.dialect);
    // The set's files as on disk (read once per set), with this file's text as the editor has it.
    const onDisk = perSet(set, 'history-files', () => upFiles(set).map((f) => ({ uri: opts.toUri(f.fsPath), text: this.host.readFile(f.fsPath) ?? '' })));
    const at = entry.direction === 'up' ? upPosition(set, entry) : -1;
    history.update(at >= 0 && onDisk[at].text !== text ? onDisk.map((f, i) => (i === at ? { uri: f.uri, text } : f)) : onDisk);
    const upIndex = entry.direction === 'up' ? at : upPosition(set, upFileFor(set, entry) ?? entry) + 1;
    const k = Math.max(0, upIndex);
    const parse = parseMigrationFile({ uri, text }, opts.dialect, SECTION_MARKERS, opts.budget);
    const ahead = entry.direction === 'up' ? history.takeReplay(k) : undefined;
    const { replay, schema: working } = this.replay(uri, `${set.root}\u0000${history.chainAt(k)}`, parse, () => history.before(k), opts, ahead);
    let schema = working;
    // A file replayed in part is not the state after it: nothing later is built on it.
    if (entry.direction === 'up' && !replay.unread) {
      // `working` is the state after this file: the next file starts from it, and nothing changes it now.
      history.rememberAfter(k, working);
      schema = history.endState(k, () => snapshot(working));
    }
    const schemaBefore = () => history.before(k);
    // A script migration is read through its SQL view: the SQL at its own offsets, the rest blank.
    const files: SourceText[] = [{ uri, text: parse.text }];
    const role: FileRole = entry.direction === 'down' ? 'down' : 'migration';
    const facts = this.fileFacts(uri, text, parse, role, set, entry, opts);
    // `working` is the state after this file (when it was replayed whole), `schema` the one the history ends with.
    if (entry.direction === 'up' && !replay.unread) facts.changedLater = (key) => working.tables.get(key) !== schema.tables.get(key) && tableState(working, key) !== tableState(schema, key);
    const statements = this.statements(replay, parse, facts);
    const unit: SqlUnit = {
      language: 'sql',
      schema,
      files,
      problems: [...parse.problems],
      comments: [...parse.comments],
      render: renderIn(parse, uri, (intent) => {
        if (intent.kind === 'changeColumnType' && bringsOutRewrite(intent, uri, statements, opts.pgVersion)) return undefined;
        if (intent.kind === 'enableRls' && loneChangeOutside(intent.table.declaration, facts, statements)) intent = { ...intent, transaction: true };
        const parts = { uri, files, schema, file: facts, statements };
        const placed = intent.kind === 'addIndex' ? placeIndex(intent, parts) : intent.kind === 'widenIndex' ? placeWidening(intent, parts, reader(this.host)) : 'as-written';
        return placed === 'as-written' ? renderSqlFix(intent, files, schema) : placed;
      }),
      role,
      set,
      file: facts,
      statements,
      schemaBefore,
      replay,
      get dependents() {
        return set.files.filter((f) => f.fsPath !== fsPath).map((f) => opts.toUri(f.fsPath));
      },
    };
    unit.hover = (u, offset) => (u === uri ? sqlHover(unit, offset, opts.pgVersion, reader(this.host)) : undefined);
    const script = scriptOf(parse);
    if (script) unit.lineCommentAt = scriptLineComment(script);
    return unit;
  }

  private standalone(uri: string, text: string, opts: SqlUnitOptions): SqlUnit {
    const schemaBefore = () => emptySchema(opts.dialect);
    const parse = parseMigrationFile({ uri, text }, opts.dialect, SECTION_MARKERS, opts.budget);
    const { replay, schema: replayed } = this.replay(uri, 'empty', parse, schemaBefore, opts);
    // The replay's own end state when it has one: the same object for the same statements, so what was
    // worked out from it (the design rules' reports) is reused.
    const working = replay.end ?? replayed;
    const files: SourceText[] = [{ uri, text: parse.text }];
    const facts = this.fileFacts(uri, text, parse, 'script', undefined, undefined, opts);
    const unit: SqlUnit = {
      language: 'sql',
      schema: working,
      files,
      problems: [...parse.problems],
      comments: [...parse.comments],
      render: renderIn(parse, uri, (intent) => renderSqlFix(intent, files, working)),
      role: 'script',
      file: facts,
      statements: this.statements(replay, parse, facts),
      schemaBefore,
      replay,
      dependents: [],
    };
    unit.hover = (u, offset) => (u === uri ? sqlHover(unit, offset, opts.pgVersion, reader(this.host)) : undefined);
    return unit;
  }

  /**
   * The file's replay with facts, resumed from its last one when the schema before the file is the same
   * (`start` names it): an edit replays from the last kept state before the first statement it changed. `ahead`:
   * the replay its history worked out on the way to the end state (`inOrder`), taken as the last one.
   */
  private replay(uri: string, start: string, parse: SqlFileParse, before: () => Schema, opts: SqlUnitOptions, ahead?: FileReplay): { replay: FileReplay; schema: Schema } {
    const key = `${opts.dialect}\u0000${uri}`;
    const last = this.lastReplays.get(key);
    const out = ahead ? resumeReplay(ahead, parse, before, opts.budget, true) : resumeReplay(last?.start === start ? last.replay : undefined, parse, before, opts.budget);
    this.lastReplays.delete(key);
    this.lastReplays.set(key, { start, replay: out.replay });
    if (this.lastReplays.size > MAX_RESUMES) this.lastReplays.delete(this.lastReplays.keys().next().value as string);
    return out;
  }

  private fileFacts(
    uri: string,
    text: string,
    parse: SqlFileParse,
    role: FileRole,
    set: MigrationSet | undefined,
    entry: MigrationFile | undefined,
    opts: SqlUnitOptions,
  ): FileFacts {
    const mainIdx = sectionIndexes(parse, 'main');
    const downIdx = sectionIndexes(parse, 'down');
    const mainInfos = mainIdx.map((i) => infoOf(parse, i));
    const downInfos = downIdx.map((i) => infoOf(parse, i));
    const facts: FileFacts = { uri, text: parse.text, role, down: 'not-used', markers: parse.markers, nestedBegins: [] };
    const script = scriptOf(parse);
    let run: FileRun | undefined;
    let downRun: FileRun | undefined;
    if (set && entry) {
      const mod = runnerModule(set.runner);
      const runner = RUNNERS[set.runner] ?? mod.info;
      facts.runner = runner;
      facts.setName = entry.name;
      if (role === 'migration' && upPosition(set, entry) === 0) facts.firstOfSet = true;
      const sidePath = mod.sideConfig?.(entry);
      const side = sidePath ? this.host.readFile(sidePath) : undefined;
      const toolVersion = () => perSet(set, 'tool-version', () => opts.prismaVersion?.(set.root));
      const runFor = (d: 'up' | 'down', list: StatementInfo[]) =>
        fileMode(
          set.runner,
          {
            text,
            name: entry.name,
            statementCount: list.length,
            allNonTransactional: list.length > 0 && list.every((i) => cannotRunInTransaction(i, opts.pgVersion) !== undefined || i.kind === 'unparsed'),
            sideConfig: side,
            toolVersion,
            direction: d,
            set,
            textOf: (f) => (f.fsPath === entry.fsPath ? text : (this.host.readFile(f.fsPath) ?? '')),
          },
          opts.migrations.inTransaction,
        );
      run = runFor('up', mainInfos);
      facts.run = run;
      if (downIdx.length) {
        downRun = runFor('down', downInfos);
        facts.downRun = downRun;
      }
      if (role === 'migration') {
        // A script's down() may revert with the tool's own calls instead of SQL: only SQL there is known.
        if (script) facts.down = parse.directions.includes('down') ? 'section' : 'not-used';
        else if (parse.markers.some((m) => m.direction === 'down')) facts.down = 'section';
        else if (!runner.usesDown) facts.down = 'not-used';
        else if (mod.sections) facts.down = 'missing';
        else facts.down = withDownFile(set).has(entry) ? 'file' : 'missing';
        // A project that writes down migrations for fewer than half of its migrations does not use them.
        if (facts.down === 'missing' && !perSet(set, 'uses-downs', () => this.usesDowns(set))) facts.down = 'not-used';
      }
      const downPath = role === 'migration' ? mod.downFileFor?.(entry.fsPath) : undefined;
      if (downPath) facts.downFile = opts.toUri(downPath);
      // A script's runner takes no new SQL file and no marker: those would be edits outside its SQL strings.
      if (!script) {
        const made = { dialect: opts.dialect, pgVersion: opts.pgVersion, inTransaction: opts.migrations.inTransaction, toUri: opts.toUri, toolVersion, host: this.host };
        facts.newMigration = (suffix, how) => newMigrationRef(set, entry, suffix, !!how?.atomic, made);
      }
      if (set.runner === 'prisma') facts.generatedComment = (offset) => prismaSectionComment(parse.text, offset);
      const upMarker = parse.markers.find((m) => m.direction === 'up');
      const optOut = script ? undefined : mod.optOut?.({ fsPath: entry.fsPath, text, sideConfig: side, upMarkerEnd: upMarker?.span.end });
      if (optOut) {
        facts.optOut = {
          title: optOut.title,
          onlyAlone: optOut.onlyAlone,
          edits: optOut.edits.map((e) => ({ at: { uri: e.fsPath === entry.fsPath ? uri : opts.toUri(e.fsPath), span: { start: e.offset, end: e.offset } }, newText: e.newText })),
        };
      }
    }
    const up = analyseTransactions(mainInfos, run);
    const down = analyseTransactions(downInfos, downRun);
    facts.nestedBegins = [...up.nestedBegins.map((i) => mainIdx[i]), ...down.nestedBegins.map((i) => downIdx[i])];
    const unclosed = up.unclosedBegin !== undefined ? mainIdx[up.unclosedBegin] : down.unclosedBegin !== undefined ? downIdx[down.unclosedBegin] : undefined;
    // Its COMMIT may be among the statements the budget left unread.
    if (unclosed !== undefined && !parse.unread) facts.unclosedBegin = unclosed;
    this.txStates.set(parse, { up, down, upIdx: mainIdx, downIdx });
    return facts;
  }

  /** Do at least half of the set's up migrations have a down part (or is the set too small to tell)? */
  private usesDowns(set: MigrationSet): boolean {
    const ups = upFiles(set);
    // Too few migrations to tell a habit from an omission.
    if (ups.length < 3) return true;
    let withDown = 0;
    if (runnerModule(set.runner).sections) {
      for (const f of ups) if (hasDownSection(this.host.readFile(f.fsPath) ?? '')) withDown++;
    } else {
      const downs = withDownFile(set);
      for (const f of ups) if (downs.has(f)) withDown++;
    }
    return withDown * 2 >= ups.length;
  }

  private txStates = new WeakMap<SqlFileParse, { up: { states: TxState[] }; down: { states: TxState[] }; upIdx: number[]; downIdx: number[] }>();

  private statements(replay: FileReplay, parse: SqlFileParse, facts: FileFacts): SqlStatement[] {
    const tx = this.txStates.get(parse)!;
    // By statement index (an array: a large file has thousands of statements at every analysis).
    const stateOf = new Array<TxState | undefined>(parse.statements.length);
    tx.upIdx.forEach((fileIndex, k) => (stateOf[fileIndex] = tx.up.states[k]));
    tx.downIdx.forEach((fileIndex, k) => (stateOf[fileIndex] = tx.down.states[k]));
    return replay.statements.map((s) => new ReplayedStatement(s, replay, facts.role === 'down' ? 'down' : s.direction, stateOf[s.index] ?? { inTransaction: false, block: 0 }));
  }
}

/**
 * A statement of the analysed file with what the replay recorded for it. A class, not an object of closures:
 * a large file has thousands of them per analysis.
 */
class ReplayedStatement implements SqlStatement {
  readonly view: StatementFacts['view'];
  readonly info: StatementInfo;
  readonly index: number;

  constructor(
    private readonly facts: StatementFacts,
    private readonly replay: FileReplay,
    readonly direction: 'up' | 'down',
    readonly tx: TxState,
  ) {
    this.view = facts.view;
    this.info = facts.view.info;
    this.index = facts.index;
  }

  before(key: string): Table | undefined {
    return this.facts.before.get(key.toLowerCase());
  }

  createdInFile(key: string): boolean {
    const at = this.replay.createdTables.get(key.toLowerCase());
    return at !== undefined && at < this.index;
  }

  indexCreatedInFile(name: string): boolean {
    const at = this.replay.createdIndexes.get(name.toLowerCase());
    return at !== undefined && at < this.index;
  }

  indexTable(name: string): Table | undefined {
    return [...this.facts.before.values()].find((t) => t?.indexes.some((i) => i.name === name));
  }
}

/** A script migration's fixes are kept only where they are safe edits of its SQL strings. */
function renderIn(parse: SqlFileParse, uri: string, render: FrontEndResult['render']): FrontEndResult['render'] {
  const script = scriptOf(parse);
  return script ? (intent) => scriptSafeEdits(script, uri, parse.dialect, render(intent)) : render;
}

/** Tables as JSON, by object: a state a file leaves, or the one its history ends with, changes no more. */
const tableJson = new WeakMap<object, string>();

/** A table as JSON (undefined when absent), to compare one table in two states of a history. */
function tableState(schema: Schema, key: string): string | undefined {
  const t = schema.tables.get(key);
  if (!t) return undefined;
  let json = tableJson.get(t);
  if (json === undefined) {
    json = JSON.stringify(t);
    tableJson.set(t, json);
  }
  return json;
}

/** The up files that have a down file. */
function withDownFile(set: MigrationSet): Set<MigrationFile | undefined> {
  return perSet(set, 'with-down-file', () => new Set(set.files.filter((f) => f.direction === 'down').map((f) => upFileFor(set, f))));
}

/**
 * Indexes of the statements in one section: `main` is the file's up section (for a file without
 * markers, and for a down file, every statement), `down` the statements after a down marker.
 */
function sectionIndexes(parse: SqlFileParse, section: 'main' | 'down'): number[] {
  const out: number[] = [];
  parse.directions.forEach((d, i) => {
    if ((section === 'main') === (d === 'up')) out.push(i);
  });
  return out;
}

function infoOf(parse: SqlFileParse, i: number): StatementInfo {
  return statementInfo(parse.statements[i], parse.uri, parse.dialect);
}

/** Does the text have a line comment that starts a down section (any runner's)? */
function hasDownSection(text: string): boolean {
  for (const m of /^--\s*(.*)$/gm[Symbol.matchAll](text)) if (SECTION_MARKERS.some((s) => s.down.test(m[1]))) return true;
  return false;
}

/** Do two sets hold the same: root, runner and files? */
function sameSet(a: MigrationSet, b: MigrationSet): boolean {
  if (a.root !== b.root || a.runner !== b.runner || a.runnerSource !== b.runnerSource || a.files.length !== b.files.length) return false;
  for (let i = 0; i < a.files.length; i++) {
    const x = a.files[i];
    const y = b.files[i];
    if (x !== y && (x.fsPath !== y.fsPath || x.name !== y.name || x.direction !== y.direction || x.version !== y.version)) return false;
  }
  return true;
}
