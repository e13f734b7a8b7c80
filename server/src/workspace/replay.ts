/**
 * Replaying migrations into the shared model. `History` keeps one migration set's replay: parsed files
 * (by text), schema checkpoints before every 16th file, and the schema at the end of the history, all
 * keyed by a hash chain over the files' texts, so an edit in migration 300 of 700 re-replays only from
 * the nearest checkpoint and never re-parses the other files. `replayFile` applies one file and, for the
 * file being analysed, records what each statement saw: the tables it names as they stood just before
 * it, and which tables and indexes the file itself created.
 */
import type { Schema, Table } from '../model/schema';
import { emptySchema, type Dialect } from '../model/schema';
import { nodeAs } from '../sql/ast';
import { applyStatement } from '../sql/build';
import { tableKey } from '../sql/names';
import { parseSqlFile, type SqlFileParse } from '../sql/file';
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
}

/** The table keys a statement reads or changes, for its `before` copies. */
export function touchedTables(info: StatementInfo, schema: Schema): string[] {
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
 * Applies a file's up statements to `schema` (mutating it). With `facts`, records what each statement
 * saw; without, it only replays (the files before and after the one being analysed).
 */
export function replayFile(schema: Schema, parse: SqlFileParse, facts: boolean): FileReplay {
  const out: FileReplay = { parse, statements: [], createdTables: new Map(), createdIndexes: new Map() };
  parse.statements.forEach((st, i) => {
    const direction = parse.directions[i];
    if (!facts) {
      if (direction === 'up') applyStatement(schema, st, { uri: parse.uri, dialect: parse.dialect });
      return;
    }
    const view = new StatementView(st, parse.uri);
    const isPg = parse.dialect === 'postgresql' || parse.dialect === 'cockroachdb';
    const keys = isPg ? touchedTables(view.info, schema) : [];
    const before = new Map<string, Table | undefined>();
    for (const k of keys) {
      const t = schema.tables.get(k);
      before.set(k, t ? cloneTable(t) : undefined);
    }
    out.statements.push({ view, index: i, direction, before });
    if (direction !== 'up') return;
    // Which tables to compare before and after: the ones the statement names (PostgreSQL), or all of
    // them for DDL the PostgreSQL AST does not describe (SQLite, MySQL).
    const pg = isPg;
    const ddl = !pg && /^\s*(create|alter|rename|drop)\b/i.test(st.text);
    if (!pg && !ddl) {
      applyStatement(schema, st, { uri: parse.uri, dialect: parse.dialect });
      return;
    }
    const info = view.info;
    // A rename keeps the table's identity: the new name is the same (existing or created-here) table.
    const creates = !pg || info.kind === 'create-table' || info.kind === 'create-table-as' || info.kind === 'create-view' || (info.kind === 'unparsed' && !!info.creates);
    const keysBefore = creates ? new Set(schema.tables.keys()) : undefined;
    const watch = pg ? keys : [...schema.tables.keys()];
    const state = new Map<string, { partial: boolean; unread: boolean; indexes: Set<string> }>();
    for (const k of watch) {
      const t = schema.tables.get(k);
      if (t) state.set(k, { partial: !!t.partial, unread: !!t.unread, indexes: new Set(t.indexes.map((x) => (x.name ?? '').toLowerCase())) });
    }
    applyStatement(schema, st, { uri: parse.uri, dialect: parse.dialect });
    if (info.kind === 'rename-table' && out.createdTables.has(info.table.key)) {
      // A table renamed after this file created it stays "created in this file" under its new name.
      const created = out.createdTables.get(info.table.key)!;
      for (const [k, t] of schema.tables) if (t.name === info.newName) out.createdTables.set(k, created);
    }
    if (info.kind === 'rename-table') return;
    // Sequences are relations too (pg_dump writes `ALTER TABLE seq OWNER TO ...`): created here counts.
    const seq = nodeAs(view.node, 'CreateSeqStmt')?.sequence;
    if (seq?.relname) out.createdTables.set(tableKey(seq.schemaname, seq.relname), i);
    // CREATE TABLE ... AS and views: created here even where the model has no columns for them.
    if ((info.kind === 'create-table-as' || info.kind === 'create-view') && !keysBefore?.has(info.table.key)) out.createdTables.set(info.table.key, i);
    const check = new Set(watch);
    if (keysBefore) for (const k of schema.tables.keys()) if (!keysBefore.has(k)) check.add(k);
    for (const k of check) {
      const t = schema.tables.get(k);
      if (!t) continue;
      const was = state.get(k);
      const isNew = keysBefore ? !keysBefore.has(k) : false;
      if ((!t.partial || t.unread) && (isNew || (was?.partial && !was.unread))) out.createdTables.set(k, i);
      for (const x of t.indexes) {
        const name = (x.name ?? '').toLowerCase();
        if (name && !was?.indexes.has(name)) out.createdIndexes.set(name, i);
      }
    }
  });
  return out;
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

const CHECKPOINT_EVERY = 16;

interface Checkpoint {
  chain: number;
  schema: Schema;
}

/**
 * One migration set's replay state. `files` are the up files in order; the engine calls `update` with
 * their current texts before each analysis.
 */
export class History {
  private files: HistoryFile[] = [];
  private chains: number[] = [0];
  /** Schema before up file k, for k a multiple of CHECKPOINT_EVERY (and the last file analysed). */
  private checkpoints = new Map<number, Checkpoint>();
  private end: Checkpoint | undefined;
  private textHash = new Map<string, { text: string; chain: number; prev: number }>();

  constructor(readonly dialect: Dialect) {}

  update(files: HistoryFile[]): void {
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
  }

  get length(): number {
    return this.files.length;
  }

  private parse(k: number): SqlFileParse {
    return parseSqlFile(this.files[k], this.dialect, SECTION_MARKERS);
  }

  /**
   * A fresh copy of the schema before up file `k` (the caller may mutate it). Leaves a checkpoint at
   * `k`, so the next call for the same file (the next keystroke in it) replays nothing.
   */
  before(k: number): Schema {
    if (this.validCheckpoint(k)) return cloneSchema(this.checkpoints.get(k)!.schema);
    let from = 0;
    let schema: Schema | undefined;
    for (let c = k - 1; c > 0; c--) {
      if (this.validCheckpoint(c)) {
        from = c;
        schema = cloneSchema(this.checkpoints.get(c)!.schema);
        break;
      }
    }
    schema ??= emptySchema(this.dialect);
    for (let j = from; j < k; j++) {
      replayFile(schema, this.parse(j), false);
      if ((j + 1) % CHECKPOINT_EVERY === 0 && j + 1 < k) this.checkpoints.set(j + 1, { chain: this.chains[j + 1], schema: cloneSchema(schema) });
    }
    if (k > 0) this.keep(k, cloneSchema(schema));
    return schema;
  }

  /** Keeps `schema` (which nobody may change any more) as the state after up file `k`. */
  rememberAfter(k: number, schema: Schema): void {
    this.keep(k + 1, schema);
  }

  /** A checkpoint at `k`; besides the regular ones, only the few most recent are kept. */
  private keep(k: number, schema: Schema): void {
    this.checkpoints.set(k, { chain: this.chains[k], schema });
    if (k % CHECKPOINT_EVERY === 0) return;
    this.recent = [k, ...this.recent.filter((x) => x !== k)];
    for (const old of this.recent.splice(3)) if (old % CHECKPOINT_EVERY !== 0) this.checkpoints.delete(old);
  }

  private recent: number[] = [];

  /**
   * The schema after the whole history, given the schema after up file `k` (`afterK`, which this may
   * mutate). Cached: the same history gives the same object, which nobody may mutate.
   */
  endState(k: number, afterK: () => Schema): Schema {
    const last = this.chains[this.chains.length - 1];
    if (this.end && this.end.chain === last) return this.end.schema;
    const schema = afterK();
    for (let j = k + 1; j < this.files.length; j++) {
      if (j % CHECKPOINT_EVERY === 0 && !this.validCheckpoint(j)) this.checkpoints.set(j, { chain: this.chains[j], schema: cloneSchema(schema) });
      replayFile(schema, this.parse(j), false);
    }
    this.end = { chain: last, schema };
    return schema;
  }

  private validCheckpoint(k: number): boolean {
    const cp = this.checkpoints.get(k);
    return !!cp && cp.chain === this.chains[k];
  }
}
