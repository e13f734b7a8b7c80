/**
 * When each open document is analysed again: at once after a keystroke that follows a quiet spell, after a
 * pause that adapts to the document for keystrokes in quick succession (they fold into one run), for
 * the files that depend on an edited one, later and newest first, and soon again after a run the budget
 * stopped. A newer keystroke reschedules what has not started yet.
 */

/**
 * Bounds of the pause after a keystroke: a quarter of the document's last analysis, within these. A document
 * analysed in under a tenth of a second is analysed again almost at once: the pause is what the user waits
 * on top of the analysis, keystrokes that come during a run fold into the next one anyway, and keys typed a
 * tenth of a second apart fold into no pause shorter than that.
 */
const DEBOUNCE_MIN_MS = 20;
const DEBOUNCE_MAX_MS = 300;
/** Files that depend on an edited one wait this much longer, so the file being typed in goes first. */
const DEPENDENT_LAG_MS = 400;
/**
 * After a run the budget stopped, the same text is analysed again this much later: each run goes on from
 * where the last one stopped (the replay resumes), so a large file is checked whole a few runs after it
 * opens, and a keystroke in between simply takes the run's place.
 */
const CONTINUE_MS = 50;
/** Runs in a row that get no further before the server stops going on (the notice then stays). */
const MAX_STALLED_RUNS = 3;

/** How far a run the budget stopped got: the offset where its statements stopped, and the rules it left out. */
export interface RunProgress {
  from: number;
  rulesSkipped: number;
}

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRunMs = new Map<string, number>();
  private readonly lastEditAt = new Map<string, number>();
  /** Per document: the version, the furthest its stopped runs got, and how many in a row got no further. */
  private readonly stoppedAt = new Map<string, RunProgress & { version: number; stalled: number }>();

  constructor(
    private readonly run: (uri: string) => Promise<void>,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Analyse `uri` after `delay` ms (0: as soon as possible), replacing a run not started yet. */
  schedule(uri: string, delay: number): void {
    this.cancel(uri);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        const started = this.now();
        void this.run(uri).finally(() => this.lastRunMs.set(uri, this.now() - started));
      }, delay),
    );
  }

  /**
   * After a keystroke in `uri`: the document itself, then `dependents` (in history order) newest first. A
   * keystroke that comes longer after the last one than the pause is not part of a burst the pause would fold:
   * it is analysed at once, and only the keystrokes that follow it closely wait the pause (those typed during
   * a run are read after it, one right after the other, and fold the same way).
   */
  edited(uri: string, dependents: readonly string[]): void {
    const now = this.now();
    const last = this.lastEditAt.get(uri);
    this.lastEditAt.set(uri, now);
    const pause = this.debounce(uri);
    const delay = last === undefined || now - last >= pause ? 0 : pause;
    this.schedule(uri, delay);
    [...dependents].reverse().forEach((dep, i) => this.schedule(dep, delay + DEPENDENT_LAG_MS + i * this.debounce(dep)));
  }

  debounce(uri: string): number {
    return Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, Math.round((this.lastRunMs.get(uri) ?? 0) / 4)));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /**
   * After a run of `version` of `uri`: when the budget stopped it (`partial`), the same text runs again while
   * the runs keep getting further (which rules a run has time for varies a little: a few that get no further
   * are allowed).
   */
  ran(uri: string, version: number, partial: RunProgress | undefined): void {
    if (partial === undefined) {
      this.stoppedAt.delete(uri);
      return;
    }
    const { from, rulesSkipped } = partial;
    const last = this.stoppedAt.get(uri);
    const same = last?.version === version ? last : undefined;
    const further = !same || from > same.from || (from === same.from && rulesSkipped < same.rulesSkipped);
    const stalled = further ? 0 : same!.stalled + 1;
    if (stalled > MAX_STALLED_RUNS) return;
    this.stoppedAt.set(uri, further ? { version, from, rulesSkipped, stalled } : { ...same!, stalled });
    this.schedule(uri, CONTINUE_MS);
  }

  /** A closed document: nothing pending, nothing remembered. */
  forget(uri: string): void {
    this.cancel(uri);
    this.lastRunMs.delete(uri);
    this.lastEditAt.delete(uri);
    this.stoppedAt.delete(uri);
  }
}
