/**
 * A file too large to check within one run's budget (the editorBudgetMs initialization option, small here)
 * is first reported in part, with the notice saying where checking stopped; the server then goes on from
 * there by itself, with no keystroke, until the file is checked whole: the last publication has no notice
 * and holds exactly what the command line reports. Nothing is timed: the test waits for publications.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { ensureSqlParser } from '../../server/src/sql';
import { MemoryHost } from '../helpers/memory-host';
import { LspSession } from './lsp-session';

const PART = /checked this file only in part/;

function dump(tables: number): string {
  const out: string[] = [];
  for (let i = 0; i < tables; i++) {
    out.push(
      `CREATE TABLE t${i} (id serial PRIMARY KEY, parent_id integer${i ? ` REFERENCES t${i - 1} (id)` : ''}, name varchar(80) NOT NULL, at timestamp);`,
      `CREATE INDEX t${i}_name_idx ON t${i} (name);`,
      `COMMENT ON TABLE t${i} IS 'table ${i}';`,
    );
  }
  return out.join('\n') + '\n';
}

describe('a large file in the editor', () => {
  let dir: string;
  let lsp: LspSession;

  before(async () => {
    await ensureSqlParser();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-large-'));
    lsp = await LspSession.start({ root: dir, initializationOptions: { editorBudgetMs: 100 } });
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is reported in part first, then checked whole by the runs that follow, as the command line checks it', async () => {
    const file = path.join(dir, 'dump.sql');
    const text = dump(1500);
    fs.writeFileSync(file, text);
    const uri = lsp.open(file, 'sql', text);
    const first = await lsp.nextDiagnostics(uri);
    assert.ok(first.some((d) => PART.test(String(d.message))), 'the first run stops at the budget and says so');
    const whole = await lsp.waitFor(uri, (d) => !d.some((x) => PART.test(String(x.message))), 'a publication without the notice');

    const host = new MemoryHost();
    host.files.set(file, text);
    const cli = await new Engine(host).analyze(pathToUri(file), text, 'sql');
    assert.ok(cli.findings.length > 1000);
    assert.equal(whole.length, cli.findings.length);
    assert.deepEqual(new Set(whole.map((d) => d.code)), new Set(cli.findings.map((f) => f.rule)));
  });
});
