/**
 * A time budget for the work on one document: the editor's guard against freezing on a huge file. The
 * loops over a file's statements and rules ask `spent` between items and stop early; what they did not
 * get to is reported as not checked. The command line works without one (it checks everything).
 */

/**
 * How much of the budget each phase may use before it stops: reading statements stops early enough
 * that replaying what was read, then the rules over it, still fit.
 */
const PHASE_SHARE = { parse: 0.3, replay: 0.75, rules: 1 } as const;

export type BudgetPhase = keyof typeof PHASE_SHARE;

export class Budget {
  /**
   * When the first question was asked: the budget is for the file's statements and the rules, so loading
   * the parsers (once per server, slow on a busy machine) and deciding the engine do not count.
   */
  private started: number | undefined;

  /** `clock` in milliseconds; tests give one that advances by a fixed step per reading. */
  constructor(
    readonly millis: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Whether the phase's share of the budget is used up. */
  spent(phase: BudgetPhase): boolean {
    const now = this.clock();
    this.started ??= now;
    return now - this.started >= this.millis * PHASE_SHARE[phase];
  }
}

/** Statements of a file left unread because the budget ran out: from the offset `from` on, `count` of them. */
export interface Unread {
  from: number;
  count: number;
}
