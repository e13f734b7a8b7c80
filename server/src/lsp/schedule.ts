/**
 * When each open document is analysed again: after a pause that adapts to the document (edits within it
 * fold into one run), and for the files that depend on an edited one, later and newest first. A newer
 * keystroke reschedules what has not started yet.
 */

/**
 * Bounds of the pause after a keystroke: half as long as the document's last analysis took, within these. A
 * document analysed in a few dozen milliseconds is analysed again almost at once: the pause is what the user
 * waits on top of the analysis, and keystrokes that come during a run fold into the next one anyway.
 */
const DEBOUNCE_MIN_MS = 20;
const DEBOUNCE_MAX_MS = 300;
/** Files that depend on an edited one wait this much longer, so the file being typed in goes first. */
const DEPENDENT_LAG_MS = 400;

export class Scheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly lastRunMs = new Map<string, number>();

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

  /** After a keystroke in `uri`: the document itself, then `dependents` (in history order) newest first. */
  edited(uri: string, dependents: readonly string[]): void {
    const delay = this.debounce(uri);
    this.schedule(uri, delay);
    [...dependents].reverse().forEach((dep, i) => this.schedule(dep, delay + DEPENDENT_LAG_MS + i * this.debounce(dep)));
  }

  debounce(uri: string): number {
    return Math.min(DEBOUNCE_MAX_MS, Math.max(DEBOUNCE_MIN_MS, Math.round((this.lastRunMs.get(uri) ?? 0) / 2)));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  /** A closed document: nothing pending, nothing remembered. */
  forget(uri: string): void {
    this.cancel(uri);
    this.lastRunMs.delete(uri);
  }
}
