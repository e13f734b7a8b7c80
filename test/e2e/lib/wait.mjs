// Condition polling with a deadline, for the few things that have no event to wait on from outside the
// process (a port answering, a file another process writes). Never a fixed sleep.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves with the first truthy value `check` returns; rejects when `check` throws or at the deadline.
 * @template T
 * @param {() => Promise<T | false | null | undefined> | T | false | null | undefined} check
 * @param {{ timeoutMs: number, what: string, intervalMs?: number, describe?: () => string }} options
 *   `describe` adds the current state to the timeout message.
 * @returns {Promise<T>}
 */
export async function poll(check, { timeoutMs, what, intervalMs = 100, describe }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() >= deadline) {
      const state = describe ? `; ${describe()}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${state}`);
    }
    await delay(intervalMs);
  }
}
