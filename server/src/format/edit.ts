/** Smallest single replacement that turns one text into another: what a formatter should send back. */
import type { Span } from '../model/text';

export interface Replacement {
  span: Span;
  newText: string;
}

/**
 * The changed middle between the common prefix and the common suffix, or undefined when nothing
 * changed. One edit keeps the cursor and folding state of everything outside it untouched.
 */
export function minimalReplacement(oldText: string, newText: string, offset = 0): Replacement | undefined {
  if (oldText === newText) return undefined;
  let start = 0;
  const max = Math.min(oldText.length, newText.length);
  while (start < max && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  // Never split a surrogate pair: a UTF-16 half on either side of an edit is not a character.
  if (start > 0 && isHighSurrogate(oldText.charCodeAt(start - 1))) start--;
  let endOld = oldText.length;
  let endNew = newText.length;
  while (endOld > start && endNew > start && oldText.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  if (endOld < oldText.length && isLowSurrogate(oldText.charCodeAt(endOld))) {
    endOld++;
    endNew++;
  }
  return { span: { start: offset + start, end: offset + endOld }, newText: newText.slice(start, endNew) };
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
