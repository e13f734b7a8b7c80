/**
 * Which statements of a file run inside a transaction, and which share one. Combines the runner's
 * behaviour (workspace/runners.ts) with the file's own BEGIN / COMMIT / ROLLBACK, the way PostgreSQL
 * treats them: a COMMIT inside a runner's transaction commits it early; in a multi-statement query
 * string (an implicit transaction) a BEGIN takes over the implicit block and a COMMIT ends it, after
 * which the rest of the string forms a new implicit block.
 */
import type { StatementInfo } from '../sql/statements';
import type { FileRun, TxState } from '../model/migration-file';
import { runsInTransaction } from './runners';

export interface TxAnalysis {
  states: TxState[];
  /** BEGIN statements issued while a transaction was already open (PostgreSQL warns and ignores them). */
  nestedBegins: number[];
  /** A BEGIN whose transaction is still open at the end of the section. */
  unclosedBegin?: number;
}

/**
 * `infos` are the statements of one section (the whole file, or its up or down part), in order;
 * `run` how the runner runs it (undefined: a plain script, statement by statement).
 */
export function analyseTransactions(infos: StatementInfo[], run: FileRun | undefined): TxAnalysis {
  const wrapped = run ? runsInTransaction(run, infos.length) : false;
  let inRunner = wrapped && run?.mode === 'transaction';
  const implicit = wrapped && run?.mode === 'implicit';
  // A runner that is not known may or may not wrap the file, until a COMMIT or ROLLBACK in the file ends
  // whatever transaction there was: what follows it runs statement by statement either way.
  let unknown = run?.mode === 'unknown';
  let explicit = false;
  let explicitAt = -1;
  let block = 0;
  const states: TxState[] = [];
  const nestedBegins: number[] = [];
  const state = (): TxState => {
    const how = explicit ? 'explicit' : inRunner ? 'runner' : implicit ? 'implicit' : undefined;
    if (how) return { inTransaction: true, how, block };
    return unknown ? { inTransaction: false, block, runnerUnknown: true } : { inTransaction: false, block };
  };
  infos.forEach((info, i) => {
    if (info.kind !== 'transaction') {
      states.push(state());
      return;
    }
    switch (info.op) {
      case 'begin':
        if (explicit || inRunner) nestedBegins.push(i);
        if (!explicit) {
          // In an implicit block, BEGIN takes the earlier statements into the new block: same number.
          if (!inRunner && !implicit) block++;
          explicit = true;
          explicitAt = i;
        }
        states.push(state());
        return;
      case 'commit':
      case 'rollback':
      case 'prepare':
        states.push(state());
        explicit = false;
        inRunner = false;
        unknown = false;
        block++;
        return;
      default:
        states.push(state());
    }
  });
  const out: TxAnalysis = { states, nestedBegins };
  // Unclosed under a runner's transaction is closed by the runner; under an unknown runner it may be.
  if (explicit && !(run?.mode === 'transaction' && wrapped) && run?.mode !== 'unknown') out.unclosedBegin = explicitAt;
  return out;
}
