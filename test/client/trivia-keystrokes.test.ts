/**
 * Keystrokes inside a plain comment, and spaces between tokens, of a SQL dump are answered by moving the last
 * analysis (engine/shifted.ts):
 * over LSP, each publication, a hover and a quick fix after such keystrokes are what the command line reports
 * for the same text; once typing pauses the server analyses the file in full once more, with no edit (which
 * is also how this test knows the keystrokes took that path). Nothing is timed.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Engine, pathToUri, type FileAnalysis } from '../../server/src/engine/analyze';
import { hoverAt } from '../../server/src/engine/hover';
import { LineIndex } from '../../server/src/model/text';
import { ensureSqlParser } from '../../server/src/sql';
import { MemoryHost } from '../helpers/memory-host';
import { LspSession } from './lsp-session';

function dump(tables: number): string {
  const out: string[] = [];
  for (let i = 0; i < tables; i++) {
    out.push(`-- table ${i}`, `CREATE TABLE t${i} (`, `  id serial PRIMARY KEY, -- key`, `  parent_id integer${i ? ` REFERENCES t${i - 1} (id)` : ''},`, `  name varchar(80) NOT NULL`, `);`);
  }
  return out.join('\n') + '\n';
}

/** `p`, or a failure naming `what` after 20 s. */
function within<T>(p: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not come within 20 s`)), 20000)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

interface Published {
  code?: string | number;
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

describe('keystrokes that change no statement of a large SQL file', () => {
  let dir: string;
  let lsp: LspSession;

  before(async () => {
    await ensureSqlParser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-comment-'));
    lsp = await LspSession.start({ root: dir });
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('publish, hover and fix what the command line reports, then settle with one full analysis', async () => {
    const file = path.join(dir, 'dump.sql');
    let text = dump(40);
    fs.writeFileSync(file, text);
    const cli = async (t: string): Promise<FileAnalysis> => {
      const host = new MemoryHost();
      host.files.set(file, t);
      return new Engine(host).analyze(pathToUri(file), t, 'sql');
    };
    const expected = (a: FileAnalysis): Published[] => {
      const lines = new LineIndex(a.text);
      return a.findings.map((f) => ({ code: f.rule, message: f.message, range: { start: lines.positionAt(f.span.start), end: lines.positionAt(f.span.end) } }));
    };
    const shape = (d: Published[]) => d.map((x) => ({ code: x.code, message: x.message, range: x.range }));

    const opened = lsp.nextDiagnostics(pathToUri(file));
    const uri = lsp.open(file, 'sql', text);
    await opened;
    // Typed after each anchor: in comments, and spaces between tokens (after a comma, at a line's end).
    const edits: [string, string][] = [['-- table 3', ' edit 0'], ['-- table 30', ' edit 1'], ['PRIMARY KEY,', ' '], ['REFERENCES t9 (id),', '  '], ['-- key', ' edit 4'], ['-- table 30', ' edit 5']];
    let settled: Promise<unknown> | undefined;
    let fresh: FileAnalysis | undefined;
    for (const [i, [anchor, typed]] of edits.entries()) {
      const at = text.indexOf(anchor) + anchor.length;
      text = text.slice(0, at) + typed + text.slice(at);
      fresh = await cli(text);
      const published = lsp.nextDiagnostics(uri);
      lsp.update(uri, text);
      assert.deepEqual(shape((await published) as Published[]), expected(fresh), `publication after keystroke ${i + 1}`);
      // The full analysis once typing pauses (the hover and the quick fix below come before it).
      if (i === edits.length - 1) settled = within(lsp.nextDiagnostics(uri), 'the settling analysis');
    }
    assert.ok(fresh && settled);
    const lines = new LineIndex(text);
    const offset = text.indexOf('t33 (') + 1;
    const hover = (await lsp.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: lines.positionAt(offset) })) as { contents: { value: string } } | null;
    // The server links a rule's documentation where it finds it: links are compared without their targets.
    const unlinked = (md?: string) => md?.replace(/\]\([^)]*\)/g, ']()');
    assert.ok(hover, 'a hover');
    assert.equal(unlinked(hover.contents.value), unlinked(hoverAt(fresh, offset)?.markdown), 'hover on a table after the edits');

    const finding = fresh.findings.find((f) => f.fixes.length && f.span.start > text.indexOf('edit 5'));
    assert.ok(finding, 'a finding with a fix after the edits');
    const range = { start: lines.positionAt(finding.span.start), end: lines.positionAt(finding.span.end) };
    const actions = (await lsp.conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: [] } })) as { title: string; edit?: { changes?: Record<string, { range: unknown; newText: string }[]> } }[];
    const action = actions.find((a) => a.title === finding.fixes[0].title);
    assert.ok(action, `the quick fix "${finding.fixes[0].title}"`);
    assert.deepEqual(
      action.edit?.changes?.[uri],
      finding.fixes[0].edits.map((e) => ({ range: { start: lines.positionAt(e.span.start), end: lines.positionAt(e.span.end) }, newText: e.newText })),
    );

    // Typing paused: one more publication with no edit, the full analysis, the same findings.
    assert.deepEqual(shape((await settled) as Published[]), expected(fresh), 'the settling analysis');
  });
});
