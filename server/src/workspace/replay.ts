/**
 * Replaying migration histories into the shared model. `History` keeps one migration set's replay: parsed
 * files (by text), schema checkpoints before every 16th file, and the schema at the end of the history,
 * all keyed by a hash chain over the files' texts, so an edit in migration 300 of 700 re-replays only from
 * the nearest checkpoint and never re-parses the other files. One file's replay is `file-replay.ts`.
 */
import type { Schema } from '../model/schema';
import { emptySchema, type Dialect } from '../model/schema';
import type { SqlFileParse } from '../sql/file';
import { parseMigrationFile } from './script-migrations';
import { SECTION_MARKERS } from './runners';
import { snapshot } from '../model/snapshot';
import { replayFile, replayWork, type FileReplay } from './file-replay';

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
/** How many tables and enums the states of the replays worked out ahead (`inOrder`) may hold in all. */
const AHEAD_ENTRIES = 400_000;

interface Checkpoint {
  chain: number;
  schema: Schema;
  /**
   * Nobody but this checkpoint holds the schema (the state a replay left behind): the next file may take
   * it as its working copy instead of copying it. Checkpoints that were copies stay shared.
   */
  spare?: boolean;
}

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
  /** Replays of the files after the first one analysed, worked out on the way to the end state (`inOrder`). */
  private ahead = new Map<number, { chain: number; replay: FileReplay }>();

  /**
   * `inOrder`: every file of the set is analysed once, one after the other (`db-design check`). The way to the
   * end state then replays the later files with their facts, and each file's analysis takes its replay instead
   * of replaying the file a second time. An editor analyses a few files again and again: it replays the later
   * ones without facts and keeps nothing of them.
   */
  constructor(
    readonly dialect: Dialect,
    private readonly inOrder = false,
  ) {}

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

  /** What identifies the schema before up file `k` (equal for equal histories up to it). */
  chainAt(k: number): number {
    return this.chains[k];
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
    return snapshot(schema);
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
    // Each replay kept holds the state after its file (the two maps: they share the tables); past this many
    // entries in all, the files after are replayed without facts, as in the editor.
    let held = 0;
    for (let j = k + 1; j < this.files.length; j++) {
      if (this.regular(j) && !this.valid(j)) this.checkpoints.set(j, { chain: this.chains[j], schema: this.copy(schema) });
      const keep = this.inOrder && held < AHEAD_ENTRIES;
      const replay = replayFile(schema, this.parse(j), keep);
      if (!keep) continue;
      this.ahead.set(j, { chain: this.chains[j], replay });
      held += schema.tables.size + schema.enums.size;
    }
    this.end = { chain: last, schema };
    return schema;
  }

  /** The replay of up file `k` worked out on the way to the end state, if the history before it is the same; given once. */
  takeReplay(k: number): FileReplay | undefined {
    const got = this.ahead.get(k);
    if (!got) return undefined;
    this.ahead.delete(k);
    return got.chain === this.chains[k] ? got.replay : undefined;
  }

  private valid(k: number): Checkpoint | undefined {
    const cp = this.checkpoints.get(k);
    return cp && cp.chain === this.chains[k] ? cp : undefined;
  }
}
