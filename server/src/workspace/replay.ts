/**
 * Replaying migrations into the shared model. `History` keeps one migration set's replay: parsed files
 * (by text), schema checkpoints before every 16th file, and the schema at the end of the history, all
 * keyed by a hash chain over the files' texts, so an edit in migration 300 of 700 re-replays only from
 * the nearest checkpoint and never re-parses the other files. `replayFile` applies one file and, for the
 * file being analysed, records what each statement saw: the tables it names as they stood just before
 * it, and which tables and indexes the file itself created.
 */
import type { Budget, Unread } from '../model/budget';
import type { Schema, Table } from '../model/schema';
import { emptySchema, type Dialect } from '../model/schema';
import { nodeAs } from '../sql/ast';
import { applyChanges } from '../model/apply';
import { applyStatement } from '../sql/build';
import { tableKey } from '../sql/names';
import type { SqlFileParse } from '../sql/file';
import { parseMigrationFile } from './script-migrations';
import { SECTION_MARKERS } from './runners';
import { StatementView, type StatementInfo } from '../sql/statements';
import { cloneSchema, cloneTable } from './clone';

export interface StatementFacts {
  view: StatementView;
  index: number;
  direction: 'up' | 'down';
  /** The tables the statement names, as they stood just before it (copies; undefined: not in the history). */
  before: Map<string, Table | undefined>;
}

export interface FileReplay {
  parse: SqlFileParse;
  statements: StatementFacts[];
  /** Tables this file created (key -> index of the creating statement). */
  createdTables: Map<string, number>;
  /** Indexes this file created (lower-case name -> statement index). */
  createdIndexes: Map<string, number>;
  /** The statements the budget left unread or unreplayed: the schema holds only those before them. */
  unread?: Unread;
}

/** The table keys a statement reads or changes, for its `before` copies (with the tables its `*` expands). */
export function touchedTables(info: StatementInfo, schema: Schema): string[] {
  const own = changedTables(info, schema);
  const stars = starTables(info);
  return stars.length ? [...own, ...stars] : own;
}

/** The tables a `SELECT *` of the statement expands (any dialect: the select-star fix lists their columns). */
function starTables(info: StatementInfo): string[] {
  const select = info.kind === 'select' ? info.select : info.kind === 'create-view' || info.kind === 'create-table-as' || info.kind === 'dml' ? info.select : undefined;
  return select?.stars.flatMap((s) => (s.table ? [s.table.key] : [])) ?? [];
}

function changedTables(info: StatementInfo, schema: Schema): string[] {
  switch (info.kind) {
    case 'unparsed':
      return info.creates ? [info.creates.key] : [];
    case 'create-table':
    case 'create-table-as':
    case 'create-view':
    case 'create-index':
    case 'rename-table':
    case 'rename-column':
    case 'policy':
    case 'trigger':
      return [info.table.key];
    case 'alter-table': {
      const keys = [info.table.key];
      for (const a of info.actions) {
        const c = a.type === 'add-constraint' ? a.constraint : undefined;
        if (c?.references) keys.push(c.references.key);
      }
      return keys;
    }
    case 'drop-table':
    case 'truncate':
    case 'vacuum':
      return info.tables.map((t) => t.key);
    case 'drop-index': {
      const keys: string[] = [];
      for (const ix of info.indexes) {
        for (const t of schema.tables.values()) if (t.indexes.some((i) => i.name === ix.name)) keys.push(t.key);
      }
      return keys;
    }
    case 'refresh':
      return [info.view.key];
    case 'dml':
      return info.table ? [info.table.key] : [];
    case 'reindex':
    case 'cluster':
      return info.table ? [info.table.key] : [];
    case 'rename-other':
      return info.table ? [info.table.key] : [];
  }
  return [];
}

/**
 * What one statement does to the tables: the keys it adds, and the state (partial, index names) of each
 * table it reads or replaces, taken the first time it does. Watching the map's `get` and `set` costs
 * what the statement touches, where comparing before and after would cost the whole schema per statement.
 */
class TableWatch {
  readonly added: string[] = [];
  readonly was = new Map<string, { partial: boolean; unread: boolean; indexes: Set<string> }>();

  constructor(private readonly tables: Map<string, Table>) {
    const { get, set, has } = Map.prototype;
    const note = (k: string, t: Table) => {
      if (!this.was.has(k)) this.was.set(k, { partial: !!t.partial, unread: !!t.unread, indexes: new Set(t.indexes.map((x) => (x.name ?? '').toLowerCase())) });
    };
    const added = this.added;
    tables.get = function (this: Map<string, Table>, k: string) {
      const t = get.call(this, k) as Table | undefined;
      if (t) note(k, t);
      return t;
    };
    tables.set = function (this: Map<string, Table>, k: string, v: Table) {
      const old = get.call(this, k) as Table | undefined;
      if (old) note(k, old);
      else if (!has.call(this, k)) added.push(k);
      return set.call(this, k, v) as Map<string, Table>;
    };
  }

  stop(): void {
    delete (this.tables as Partial<Pick<Map<string, Table>, 'get' | 'set'>>).get;
    delete (this.tables as Partial<Pick<Map<string, Table>, 'get' | 'set'>>).set;
  }
}

/**
 * Applies a file's up statements to `schema` (mutating it). With `facts`, records what each statement
 * saw; without, it only replays (the files before and after the one being analysed). With a `budget`
 * (the file being analysed in the editor), stops when its share runs out and says what it left.
 */
export function replayFile(schema: Schema, parse: SqlFileParse, facts: boolean, budget?: Budget): FileReplay {
  const out: FileReplay = { parse, statements: [], createdTables: new Map(), createdIndexes: new Map() };
  if (parse.unread) out.unread = parse.unread;
  for (const [i, st] of parse.statements.entries()) {
    if (budget?.spent('replay')) {
      out.unread = { from: st.span.start, count: parse.statements.length - i + (parse.unread?.count ?? 0) };
      break;
    }
    replayWork.statementsApplied++;
    replayStatement(schema, parse, i, facts, out);
  }
  return out;
}

/** One statement of `replayFile`. */
function replayStatement(schema: Schema, parse: SqlFileParse, i: number, facts: boolean, out: FileReplay): void {
  const st = parse.statements[i];
  const direction = parse.directions[i];
  if (!facts) {
    if (direction === 'up') applyStatement(schema, st, { uri: parse.uri, dialect: parse.dialect });
    return;
  }
  const view = new StatementView(st, parse.uri, parse.dialect);
  const isPg = parse.dialect === 'postgresql' || parse.dialect === 'cockroachdb';
  const keys = isPg ? touchedTables(view.info, schema) : starTables(view.info);
  const before = new Map<string, Table | undefined>();
  for (const k of keys) {
    const t = schema.tables.get(k);
    before.set(k, t ? cloneTable(t) : undefined);
  }
  out.statements.push({ view, index: i, direction, before });
  if (direction !== 'up') return;
  // Which tables to compare before and after: the ones the statement reads or replaces as it applies
  // (for any dialect), and the ones it adds; never every table of the schema.
  if (!isPg && !/^\s*(create|alter|rename|drop)\b/i.test(st.text)) {
    applyChanges(schema, view.changes);
    return;
  }
  const info = view.info;
  // CREATE TABLE ... AS and views may leave no table in the model: whether the name was free is asked first.
  const asOrView = info.kind === 'create-table-as' || info.kind === 'create-view';
  const freeBefore = asOrView && !schema.tables.has(info.table.key);
  const watch = new TableWatch(schema.tables);
  try {
    applyChanges(schema, view.changes);
  } finally {
    watch.stop();
  }
  const added = new Set(watch.added);
  if (info.kind === 'rename-table' && out.createdTables.has(info.table.key)) {
    // A table renamed after this file created it stays "created in this file" under its new name, from
    // the rename on (before it, that name was another table's: `DROP TABLE t; ALTER TABLE new_t RENAME TO t`).
    for (const k of added) if (schema.tables.get(k)?.name === info.newName) out.createdTables.set(k, i);
  }
  // A rename keeps the table's identity: the new name is the same (existing or created-here) table.
  if (info.kind === 'rename-table') return;
  // Sequences are relations too (pg_dump writes `ALTER TABLE seq OWNER TO ...`): created here counts.
  const seq = nodeAs(view.node, 'CreateSeqStmt')?.sequence;
  if (seq?.relname) out.createdTables.set(tableKey(seq.schemaname, seq.relname), i);
  // CREATE TABLE ... AS and views: created here even where the model has no columns for them.
  if (asOrView && (freeBefore || added.has(info.table.key))) out.createdTables.set(info.table.key, i);
  for (const k of new Set([...watch.was.keys(), ...added])) {
    const t = schema.tables.get(k);
    if (!t) continue;
    const was = watch.was.get(k);
    // An unread table (its CREATE did not parse) is created here all the same, columns unknown.
    if ((!t.partial || t.unread) && (added.has(k) || (was?.partial && !was.unread))) out.createdTables.set(k, i);
    for (const x of t.indexes) {
      const name = (x.name ?? '').toLowerCase();
      if (name && !was?.indexes.has(name)) out.createdIndexes.set(name, i);
    }
  }
}

/** One file of a history, as read this time. */
export interface HistoryFile {
  uri: string;
  text: string;
}

/** FNV-1a over the text, chained: equal chains mean equal histories up to that file. */
function chain(prev: number, uri: string, text: string): number {
  let h = prev ^ 0x811c9dc5;
  const mix = (s: string) => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  };
  mix(uri);
  mix('\u0000');
  mix(text);
  return h >>> 0;
}

/** Regular checkpoints per history, whatever its length: memory is this many schemas, not one per file. */
const CHECKPOINTS = 16;
/** Recent checkpoints kept besides the regular ones (the files being edited and the one after them). */
const RECENT = 3;

interface Checkpoint {
  chain: number;
  schema: Schema;
  /**
   * Nobody but this checkpoint holds the schema (the state a replay left behind): the next file may take
   * it as its working copy instead of copying it. Checkpoints that were copies stay shared.
   */
  spare?: boolean;
}

/** Counts of the replay's work, for tests that guard its linear shape (never reset by the code). */
export const replayWork = { filesReplayed: 0, schemasCopied: 0, statementsApplied: 0 };

/**
 * One migration set's replay state. `files` are the up files in order; the engine calls `update` with
 * their current texts before each analysis. Regular checkpoints sit every `spacing` files, a power of two
 * chosen so that there are at most CHECKPOINTS of them (a history that grows keeps every other one); the
 * files a replay went through are not kept (their parses live in the parser's bounded caches).
 */
export class History {
  private files: HistoryFile[] = [];
  private chains: number[] = [0];
  /** Schema before up file k: at multiples of `spacing`, and at the few files analysed last. */
  private checkpoints = new Map<number, Checkpoint>();
  private end: Checkpoint | undefined;
  private textHash = new Map<string, { text: string; chain: number; prev: number }>();
  private spacing = 16;
  private recent: number[] = [];

  constructor(readonly dialect: Dialect) {}

  update(files: HistoryFile[]): void {
    // The same list again (the next file of a set checked in one go): nothing changed.
    if (files === this.files) return;
    this.files = files;
    this.chains = [0];
    for (const f of files) {
      const prev = this.chains[this.chains.length - 1];
      const hit = this.textHash.get(f.uri);
      let c: number;
      if (hit && hit.prev === prev && hit.text === f.text) c = hit.chain;
      else {
        c = chain(prev, f.uri, f.text);
        this.textHash.set(f.uri, { text: f.text, chain: c, prev });
      }
      this.chains.push(c);
    }
    if (this.textHash.size > 2 * files.length + 64) {
      const live = new Set(files.map((f) => f.uri));
      for (const uri of this.textHash.keys()) if (!live.has(uri)) this.textHash.delete(uri);
    }
    let spacing = 16;
    while (files.length / spacing > CHECKPOINTS) spacing *= 2;
    if (spacing !== this.spacing) {
      this.spacing = spacing;
      for (const k of [...this.checkpoints.keys()]) if (!this.regular(k) && !this.recent.includes(k)) this.checkpoints.delete(k);
    }
  }

  get length(): number {
    return this.files.length;
  }

  private regular(k: number): boolean {
    return k % this.spacing === 0;
  }

  private parse(k: number): SqlFileParse {
    replayWork.filesReplayed++;
    return parseMigrationFile(this.files[k], this.dialect, SECTION_MARKERS);
  }

  private copy(schema: Schema): Schema {
    replayWork.schemasCopied++;
    return cloneSchema(schema);
  }

  /**
   * The schema before up file `k`, for the caller to mutate. Leaves a checkpoint at `k`, so the next
   * call for the same file (the next keystroke in it) replays nothing. The state a previous replay left
   * at `k` (`rememberAfter`) is handed over without a copy: a run over every file in order copies the
   * schema only at regular checkpoints.
   */
  before(k: number): Schema {
    const hit = this.valid(k);
    if (hit?.spare && !this.regular(k)) {
      this.drop(k);
      return hit.schema;
    }
    if (hit) {
      hit.spare = false;
      return this.copy(hit.schema);
    }
    let from = 0;
    let schema: Schema | undefined;
    for (let c = k - 1; c > 0; c--) {
      const cp = this.valid(c);
      if (cp) {
        from = c;
        // A spare state is consumed here: the files after it move it forward.
        if (cp.spare && !this.regular(c)) {
          schema = cp.schema;
          this.drop(c);
        } else {
          cp.spare = false;
          schema = this.copy(cp.schema);
        }
        break;
      }
    }
    schema ??= emptySchema(this.dialect);
    for (let j = from; j < k; j++) {
      replayFile(schema, this.parse(j), false);
      if (this.regular(j + 1) && j + 1 < k && !this.valid(j + 1)) this.checkpoints.set(j + 1, { chain: this.chains[j + 1], schema: this.copy(schema) });
    }
    if (k > 0) this.keep(k, { chain: this.chains[k], schema: this.copy(schema) });
    return schema;
  }

  /** Keeps `schema` (which nobody else holds any more) as the state after up file `k`. */
  rememberAfter(k: number, schema: Schema): void {
    // A regular checkpoint already there stays: the state is the same, and it is shared.
    if (this.valid(k + 1) && !this.checkpoints.get(k + 1)!.spare) return;
    this.keep(k + 1, { chain: this.chains[k + 1], schema, spare: true });
  }

  /** A checkpoint at `k`; besides the regular ones, only the few most recent are kept. */
  private keep(k: number, cp: Checkpoint): void {
    this.checkpoints.set(k, cp);
    if (this.regular(k)) return;
    this.recent = [k, ...this.recent.filter((x) => x !== k)];
    for (const old of this.recent.splice(RECENT)) if (!this.regular(old)) this.checkpoints.delete(old);
  }

  private drop(k: number): void {
    this.checkpoints.delete(k);
    this.recent = this.recent.filter((x) => x !== k);
  }

  /**
   * The schema after the whole history, given the schema after up file `k` (`afterK`, which this may
   * mutate). Cached: the same history gives the same object, which nobody may mutate.
   */
  endState(k: number, afterK: () => Schema): Schema {
    const last = this.chains[this.chains.length - 1];
    if (this.end && this.end.chain === last) return this.end.schema;
    const schema = afterK();
    for (let j = k + 1; j < this.files.length; j++) {
      if (this.regular(j) && !this.valid(j)) this.checkpoints.set(j, { chain: this.chains[j], schema: this.copy(schema) });
      replayFile(schema, this.parse(j), false);
    }
    this.end = { chain: last, schema };
    return schema;
  }

  private valid(k: number): Checkpoint | undefined {
    const cp = this.checkpoints.get(k);
    return cp && cp.chain === this.chains[k] ? cp : undefined;
  }
}
