/**
 * Facts about a migration set computed once per set object rather than once per file: a set object lives
 * as long as nothing on disk changes, so a check over 3,000 migrations does not look at all 3,000 for
 * each of them.
 */
import type { MigrationSet } from './migrations';

const memo = new WeakMap<MigrationSet, Map<string, unknown>>();

/** `compute()` once per set and key. */
export function perSet<T>(set: MigrationSet, key: string, compute: () => T): T {
  let m = memo.get(set);
  if (!m) {
    m = new Map();
    memo.set(set, m);
  }
  if (!m.has(key)) m.set(key, compute());
  return m.get(key) as T;
}
