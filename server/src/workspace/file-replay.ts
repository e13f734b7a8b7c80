/**
 * Replaying one file into the shared model. `replayFile` applies its up statements and, for the file being
 * analysed, records what each statement saw: the tables it names as they stood just before it, which
 * tables and indexes the file itself created, and states of the schema every `spacing` statements (shared
 * snapshots: hovers read them, and the next analysis of the same file resumes from the last one before
 * its first changed statement, `resumeReplay`).
 */
import type { Budget, Unread } from '../model/budget';
import type { Schema, Table } from '../model/schema';
import { applyChanges } from '../model/apply';
import { applyStatement } from '../sql/build';
import type { SqlFileParse } from '../sql/file';
import { StatementView, type StatementInfo } from '../sql/statements';
import { copyMap, share, snapshot } from '../model/snapshot';

/** Counts of the replay's work, for tests that guard its linear shape (never reset by the code). */
export const replayWork = { filesReplayed: 0, schemasCopied: 0, statementsApplied: 0 };

export interface StatementFacts {
  view: StatementView;
  index: number;
  direction: 'up' | 'down';
  /** The tables the statement names, as they stood just before it (shared, never changed; undefined: not in the history). */
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
  /** With facts: `states[k]` is the schema after statement `spacing * (k + 1) - 1` (a snapshot: read only). */
  states: Schema[];
  spacing: number;
  /**
   * With facts, when every statement was replayed: the schema after the file (a snapshot: read only; given away
   * once when the replay is handed over, see `resumeReplay`).
   */
  end?: Schema;
}

/** States kept per file, whatever its length: a hover or an edit replays at most `spacing` statements to reach its point. */
const STATES = 32;

/** The file's statements, those the budget left unread included: the same for the same text, however far a run read. */
function statementCount(parse: SqlFileParse): number {
  return parse.statements.length + (parse.unread?.count ?? 0);
}

/** Statements between kept states: a power of two, so that a few statements more or less keep the same spacing. */
function spacingFor(count: number): number {
  let spacing = 16;
  while (count / spacing > STATES) spacing *= 2;
  return spacing;
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
  const out: FileReplay = { parse, statements: [], createdTables: new Map(), createdIndexes: new Map(), states: [], spacing: spacingFor(statementCount(parse)) };
  return replayFrom(schema, out, 0, facts, budget);
}

/** Replays statements `from..` of `out.parse` into `schema`, adding to `out`. */
function replayFrom(schema: Schema, out: FileReplay, from: number, facts: boolean, budget: Budget | undefined): FileReplay {
  const { parse, spacing } = out;
  if (parse.unread) out.unread = parse.unread;
  for (let i = from; i < parse.statements.length; i++) {
    if (budget?.spent('replay')) {
      out.unread = { from: parse.statements[i].span.start, count: parse.statements.length - i + (parse.unread?.count ?? 0) };
      break;
    }
    replayWork.statementsApplied++;
    replayStatement(schema, parse, i, facts, out);
    if (facts && (i + 1) % spacing === 0) out.states.push(snapshot(schema));
  }
  if (facts && !out.unread) out.end = snapshot(schema);
  return out;
}

/** How many leading statements `next` has exactly as `previous` replayed them: same text, place and direction. */
function samePrefix(previous: FileReplay, next: SqlFileParse): number {
  const a = previous.parse;
  const n = Math.min(previous.statements.length, next.statements.length);
  let i = 0;
  for (; i < n; i++) {
    const x = a.statements[i];
    const y = next.statements[i];
    if (x.text !== y.text || x.span.start !== y.span.start || x.span.end !== y.span.end || a.directions[i] !== next.directions[i]) break;
  }
  return i;
}

/**
 * `replayFile` with facts for a new text of a file `previous` replayed from the same starting schema:
 * the statements before the first one that changed keep what `previous` recorded for them, and the replay
 * starts from the last state kept before that statement. The same text again after a replay the budget
 * stopped goes on from where it stopped (the editor's next run on a large file gets further). `start`
 * gives the schema before the file (for the caller to change), needed only when no kept state comes first.
 * `handOver`: nobody else resumes `previous` from its end state (a replay worked out ahead for one analysis).
 */
export function resumeReplay(previous: FileReplay | undefined, parse: SqlFileParse, start: () => Schema, budget?: Budget, handOver = false): { replay: FileReplay; schema: Schema } {
  const spacing = spacingFor(statementCount(parse));
  // A replay the budget cut short resumes too: the statements it got to are read, and so are their states.
  const same = previous && previous.spacing === spacing ? samePrefix(previous, parse) : 0;
  // The same statements again (the editor's next run after one that had no time for the rules): nothing to replay.
  if (previous?.end && !parse.unread && same === parse.statements.length && same === previous.statements.length) {
    if (!handOver) return { replay: previous, schema: snapshot(previous.end) };
    // A replay handed over (worked out ahead for this one analysis) gives its end state away: no copy of it.
    const schema = previous.end;
    previous.end = undefined;
    return { replay: previous, schema };
  }
  const kept = Math.min(Math.floor(same / spacing), previous?.states.length ?? 0);
  if (!previous || kept === 0) {
    const schema = start();
    return { replay: replayFile(schema, parse, true, budget), schema };
  }
  const from = kept * spacing;
  const schema = snapshot(previous.states[kept - 1]);
  const before = (m: Map<string, number>) => copyMap(m, (i) => i < from);
  const out: FileReplay = {
    parse,
    statements: previous.statements.slice(0, from),
    createdTables: before(previous.createdTables),
    createdIndexes: before(previous.createdIndexes),
    states: previous.states.slice(0, kept),
    spacing,
  };
  return { replay: replayFrom(schema, out, from, true, budget), schema };
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
    before.set(k, t);
    // The state it had just before this statement stays as it is: the replay copies the table to change it.
    if (t) share(schema, t);
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
  // A rename keeps the table's identity: the new name is the same (existing or created-here) table; an
  // index or constraint renamed (ALTER INDEX ... RENAME TO) is the same one too, not created here.
  if (info.kind === 'rename-table' || info.kind === 'rename-other') return;
  // Sequences are relations too (pg_dump writes `ALTER TABLE seq OWNER TO ...`): created here counts.
  if (info.kind === 'other' && info.sequence) out.createdTables.set(info.sequence, i);
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

