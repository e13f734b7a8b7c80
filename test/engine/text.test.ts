import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EncodedOffsets, LineIndex, lineEndAt, lineStartAt, pastLineBreak, splitLines } from '../../server/src/model/text';

describe('LineIndex', () => {
  it('maps offsets to LSP positions across \\n, \\r\\n and lone \\r', () => {
    const text = 'ab\r\ncd\nef\rgh';
    const idx = new LineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(text.indexOf('c')), { line: 1, character: 0 });
    assert.deepEqual(idx.positionAt(text.indexOf('f')), { line: 2, character: 1 });
    assert.deepEqual(idx.positionAt(text.indexOf('h')), { line: 3, character: 1 });
    assert.equal(idx.offsetAt({ line: 1, character: 1 }), text.indexOf('d'));
    assert.equal(idx.lineEnd(0), 2, 'line end excludes the CRLF');
  });

  it('counts UTF-16 code units, as LSP does', () => {
    const text = '😀中x';
    const idx = new LineIndex(text);
    assert.deepEqual(idx.positionAt(text.indexOf('x')), { line: 0, character: 3 });
  });

  it('clamps out-of-range input', () => {
    const idx = new LineIndex('abc');
    assert.deepEqual(idx.positionAt(99), { line: 0, character: 3 });
    assert.equal(idx.offsetAt({ line: 5, character: 0 }), 3);
  });

  it('gives, from the index of the text before an edit, the index of the text after it', () => {
    // Random texts of line breaks of every kind and random edits, \r\n pairs made and split at the edit's ends.
    let seed = 11;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    const pieces = ['a', 'bc', '\n', '\r', '\r\n', ' ', ';'];
    const some = (n: number) => Array.from({ length: n }, () => pieces[rnd(pieces.length)]).join('');
    const lines = (idx: LineIndex) => Array.from({ length: idx.lineCount }, (_, i) => idx.lineStart(i));
    for (let run = 0; run < 2000; run++) {
      const before = some(1 + rnd(40));
      const from = rnd(before.length + 1);
      const to = from + rnd(before.length - from + 1);
      const after = before.slice(0, from) + some(rnd(4)) + before.slice(to);
      const edited = LineIndex.edited(new LineIndex(before), after);
      assert.deepEqual(lines(edited), lines(new LineIndex(after)), JSON.stringify({ before, after }));
    }
  });

  it('derives the index of a large text from the last one', () => {
    const base = 'CREATE TABLE t (id int);\r\n'.repeat(4000);
    const first = LineIndex.of(base);
    const next = base.slice(0, 50_000) + 'x\n' + base.slice(50_000);
    const idx = LineIndex.of(next);
    assert.notEqual(idx, first);
    assert.equal(idx.lineCount, first.lineCount + 1);
    assert.deepEqual(idx.positionAt(next.length - 1), new LineIndex(next).positionAt(next.length - 1));
  });
});

describe('lines around an offset', () => {
  // The same breaks LineIndex counts: \n, \r\n and lone \r.
  const text = 'ab\r\ncd\nef\rgh';

  it('finds the start and end of the line holding an offset, and the start of the next', () => {
    const lines = new LineIndex(text);
    for (let offset = 0; offset <= text.length; offset++) {
      const { line } = lines.positionAt(offset);
      if (offset > lines.lineEnd(line)) continue; // inside a line break
      assert.equal(lineStartAt(text, offset), lines.lineStart(line), `start at ${offset}`);
      assert.equal(lineEndAt(text, offset), lines.lineEnd(line), `end at ${offset}`);
      const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : text.length;
      assert.equal(pastLineBreak(text, lineEndAt(text, offset)), next, `next line at ${offset}`);
    }
  });

  it('steps over one line break only where one starts', () => {
    assert.equal(pastLineBreak(text, 2), 4, '\r\n is one break');
    assert.equal(pastLineBreak(text, 0), 0, 'no break at a letter');
    assert.equal(pastLineBreak('a\n\nb', 1), 2, 'one break, not the blank line after it');
  });

  it('splits text into lines as LineIndex counts them', () => {
    assert.deepEqual(splitLines(text), ['ab', 'cd', 'ef', 'gh']);
    assert.equal(splitLines(text).length, new LineIndex(text).lineCount);
    assert.deepEqual(splitLines('x\n'), ['x', '']);
  });
});

describe('EncodedOffsets', () => {
  it('is the identity on ASCII', () => {
    const e = new EncodedOffsets('select 1');
    assert.equal(e.fromUtf8(7), 7);
    assert.equal(e.fromCodePoint(7), 7);
  });

  it('converts UTF-8 byte offsets and code-point indices to UTF-16 offsets', () => {
    // é: 2 bytes, 1 unit; 中: 3 bytes, 1 unit; 😀: 4 bytes, 2 units, 1 code point
    const text = 'é中😀x';
    const e = new EncodedOffsets(text);
    assert.equal(e.fromUtf8(0), 0);
    assert.equal(e.fromUtf8(2), 1);
    assert.equal(e.fromUtf8(5), 2);
    assert.equal(e.fromUtf8(9), 4);
    assert.equal(text[e.fromUtf8(9)], 'x');
    assert.equal(text[e.fromCodePoint(3)], 'x');
    assert.equal(e.fromUtf8(10), text.length);
  });
});
