import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits, fixAllEdits } from '../../server/src/engine/edits';
import type { Finding } from '../../server/src/model/findings';

const f = (start: number, end: number, newText: string, safe = true): Finding => ({
  rule: 'r',
  severity: 'warning',
  message: 'm',
  uri: 'file:///a',
  span: { start, end },
  fixes: [{ title: 't', safe, edits: [{ uri: 'file:///a', span: { start, end }, newText }] }],
});

describe('edits', () => {
  it('applies edits right to left so offsets stay valid', () => {
    const text = 'abcdef';
    assert.equal(
      applyEdits(text, [
        { uri: 'u', span: { start: 0, end: 1 }, newText: 'X' },
        { uri: 'u', span: { start: 4, end: 6 }, newText: 'YZW' },
      ]),
      'XbcdYZW',
    );
  });

  it('insertions at one offset, and an insertion where a replacement starts, keep their order', () => {
    const u = 'u';
    assert.equal(
      applyEdits('abc', [
        { uri: u, span: { start: 1, end: 1 }, newText: '1' },
        { uri: u, span: { start: 1, end: 1 }, newText: '2' },
        { uri: u, span: { start: 1, end: 2 }, newText: 'B' },
        { uri: u, span: { start: 3, end: 3 }, newText: '!' },
      ]),
      'a21Bc!',
    );
  });

  it('rejects overlapping edits', () => {
    assert.throws(() => applyEdits('abc', [
      { uri: 'u', span: { start: 0, end: 2 }, newText: '' },
      { uri: 'u', span: { start: 1, end: 3 }, newText: '' },
    ]));
  });

  it('fix-all takes safe, non-overlapping fixes once each', () => {
    const edits = fixAllEdits([f(0, 1, 'A'), f(0, 2, 'B'), f(3, 3, 'C', false), f(4, 4, 'D'), f(4, 4, 'D')], 'file:///a');
    assert.deepEqual(edits.map((e) => e.newText), ['A', 'D']);
  });
});
