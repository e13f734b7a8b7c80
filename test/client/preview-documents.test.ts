/**
 * Fix All in Workspace opens every file it would change to show the diff. Those files are not the
 * user's: the server checks them for nobody, clears what it showed for them, and checks one again
 * once the user opens it in an editor.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { PreviewDocumentsNotification, type PreviewDocumentsParams } from '../../server/src/lsp/protocol';
import { LspSession } from './lsp-session';

const FK = 'fk-missing-index';
const has = (d: Diagnostic[]) => d.some((x) => x.code === FK);
const none = (d: Diagnostic[]) => d.length === 0;
const table = (n: number) => `CREATE TABLE parent_${n} (id bigint PRIMARY KEY);\nCREATE TABLE child_${n} (id bigint PRIMARY KEY, parent_id bigint REFERENCES parent_${n} (id));\n`;

describe('documents open only for a preview', () => {
  let dir: string;
  let lsp: LspSession;
  const file = (n: number) => path.join(dir, 'sql', `${n}.sql`);
  const open = (n: number) => lsp.open(file(n), 'sql', table(n));
  const preview = (params: PreviewDocumentsParams) => void lsp.conn.sendNotification(PreviewDocumentsNotification, params);

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-preview-'));
    fs.mkdirSync(path.join(dir, 'sql'));
    for (const n of [1, 2, 3]) fs.writeFileSync(file(n), table(n));
    lsp = await LspSession.start({ root: dir });
  });
  after(async () => {
    await lsp.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('are not checked while previewed, are cleared when already shown, and are checked again once released', async () => {
    // The user's own file, and one the server checked before the preview (its problems are showing).
    const mine = open(1);
    await lsp.waitFor(mine, has, `${FK} on the user's file`);
    const shown = open(2);
    await lsp.waitFor(shown, has, `${FK} on a file checked before the preview`);

    // The preview opens a file the user has not opened, and one already checked.
    const previewed = URI.file(file(3)).toString();
    preview({ add: [previewed, shown] });
    lsp.open(file(3), 'sql', table(3));
    assert.deepEqual(await lsp.waitFor(previewed, () => true, 'a publication for the previewed file'), []);
    await lsp.waitFor(shown, none, 'the problems of a previewed file to be cleared');
    // An edit applied to a previewed file (Apply) still publishes nothing.
    lsp.update(previewed, table(3) + table(4));
    lsp.update(mine, table(1) + '-- edited\n');
    await lsp.waitFor(mine, has, `${FK} on the user's file after its edit`);
    assert.deepEqual(await lsp.diagnosticsFor(previewed), []);
    // VS Code drops the diff's document after the diff closes, and Apply opens it again to edit it:
    // still the preview's, still nothing published.
    const closed = lsp.nextDiagnostics(previewed);
    void lsp.conn.sendNotification('textDocument/didClose', { textDocument: { uri: previewed } });
    await closed;
    const reopened = lsp.nextDiagnostics(previewed);
    lsp.open(file(3), 'sql', table(3) + table(4));
    assert.deepEqual(await reopened, [], 'a reopened preview file is still not checked');

    // The user opens one of them in an editor: it is checked as usual.
    preview({ release: [previewed] });
    const back = await lsp.waitFor(previewed, has, `${FK} once the user opens the previewed file`);
    assert.equal(back.filter((d) => d.code === FK).length, 2, 'the edited text is checked');
    assert.ok(has(await lsp.diagnosticsFor(mine)), "the user's file keeps its problems throughout");
  });
});
