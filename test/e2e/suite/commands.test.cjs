// @ts-check
// End-to-end tests of the palette commands (issue #5): the packaged extension in a real extension host,
// against the fixture workspace, through `vscode.commands.executeCommand` as the Command Palette runs
// them. Same harness and conventions as api.test.cjs; the files it edits are its own, created under
// `commands-e2e/` in the workspace, so it can run before or after the API suite.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { suite } = require('./harness.cjs');
const { describeDiagnostics, hoverText, waitForDiagnostics, withRule } = require('./vscode-helpers.cjs');

const FK = 'fk-missing-index';

/**
 * Writes a file into the workspace, opens it in an editor and waits for the server's first analysis.
 * @param {string} relativePath
 * @param {string} text
 * @param {(d: vscode.Diagnostic[]) => boolean} ready
 */
async function openNewFile(relativePath, text, ready) {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const uri = vscode.Uri.joinPath(folder.uri, relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  await waitForDiagnostics(uri, ready, `the first analysis of ${relativePath}`);
  return document;
}

/** @param {vscode.Tab} tab */
function isReportTab(tab) {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('dbDesign.report');
}

/** Two SQL files with an unindexed foreign key each, written to disk and never opened. */
async function writeWorkspaceFiles() {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  const files = ['a', 'b'].map((n) => vscode.Uri.joinPath(folder.uri, 'commands-e2e', `workspace-${n}.sql`));
  for (const [i, uri] of files.entries()) {
    const sql = `CREATE TABLE parent_${i} (id bigint PRIMARY KEY);\nCREATE TABLE child_${i} (id bigint PRIMARY KEY, parent_id bigint NOT NULL REFERENCES parent_${i} (id) ON DELETE CASCADE);\n`;
    await vscode.workspace.fs.writeFile(uri, Buffer.from(sql, 'utf8'));
  }
  return files;
}

/**
 * Resolves when a matching tab is open (now, or after a tab change), with a deadline.
 * @param {(tab: vscode.Tab) => boolean} matches
 */
function waitForTab(matches, timeoutMs = 30_000) {
  const open = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some(matches);
  return new Promise((resolve, reject) => {
    if (open()) return resolve(undefined);
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out waiting for a tab; open: ${vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label).join(', ')}`));
    }, timeoutMs);
    const subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      if (!open()) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(undefined);
    });
  });
}

/**
 * What the Problems panel lists: the number of diagnostics per file and severity, every source, files
 * with none left out. Resolves once no diagnostics change for `quietMs` (the server's analyses of the
 * files a step touched are in), or at the deadline with what is there.
 */
function settledDiagnostics(quietMs = 2_000, timeoutMs = 30_000) {
  return new Promise((resolve) => {
    const deadline = setTimeout(done, timeoutMs);
    let quiet = setTimeout(done, quietMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(quiet);
      quiet = setTimeout(done, quietMs);
    });
    function done() {
      clearTimeout(deadline);
      clearTimeout(quiet);
      subscription.dispose();
      /** @type {Record<string, string>} */
      const panel = {};
      for (const [uri, diagnostics] of vscode.languages.getDiagnostics()) {
        if (!diagnostics.length) continue;
        const counts = [0, 0, 0, 0];
        for (const d of diagnostics) counts[d.severity]++;
        panel[vscode.workspace.asRelativePath(uri)] = `${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos, ${counts[3]} hints`;
      }
      resolve(panel);
    }
  });
}

module.exports = suite('commands', (test) => {
  test('Show Schema Report opens the report of the active Prisma schema', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    const schema = vscode.Uri.joinPath(folder.uri, 'prisma', 'schema.prisma');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(schema), { preview: false });
    /** @type {{ title: string, files: string[] } | undefined} */
    const result = await vscode.commands.executeCommand('dbDesign.showReport');
    assert.ok(result, 'the report rendered');
    assert.equal(result.title, 'Schema report: schema.prisma');
    assert.ok(result.files.includes(schema.toString()), `files in scope: ${result.files.join(', ')}`);
    // The tab model reaches the extension host a moment after the panel opens: wait for it by event.
    await waitForTab((t) => isReportTab(t) && t.label === 'Schema report: schema.prisma');
  });

  test('Show Schema Report on a migrations folder (explorer context menu) reports its SQL', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    const migrations = vscode.Uri.joinPath(folder.uri, 'migrations');
    /** @type {{ title: string, files: string[] } | undefined} */
    const result = await vscode.commands.executeCommand('dbDesign.showReport', migrations, [migrations]);
    assert.ok(result, 'the report rendered');
    assert.equal(result.title, 'Schema report: migrations');
    assert.ok(result.files.some((f) => f.endsWith('/migration.sql')), `files in scope: ${result.files.join(', ')}`);
    await waitForTab((t) => isReportTab(t) && t.label === 'Schema report: migrations');
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isReportTab).length, 2, 'a second panel, for the folder');
  });

  test('Fix All in File applies the safe fixes of the active file', async () => {
    const text = [
      'CREATE TABLE authors (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY);',
      'CREATE TABLE books (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, author_id bigint NOT NULL REFERENCES authors (id));',
      '',
    ].join('\n');
    const document = await openNewFile('commands-e2e/fix-all.sql', text, (d) => withRule(d, FK).length === 1);
    /** @type {number} */
    const applied = await vscode.commands.executeCommand('dbDesign.fixAllInFile');
    assert.ok(applied > 0, 'edits applied');
    await waitForDiagnostics(document.uri, (d) => withRule(d, FK).length === 0, `${FK} to disappear after Fix All in File`);
    assert.match(document.getText(), /CREATE INDEX (CONCURRENTLY )?books_author_id_idx ON books \(author_id\);/);
    assert.ok(await document.save());
  });

  test('Format SQL formats the active file with the server formatter, comments kept', async () => {
    const text = '-- keep me\ncreate table formatted (id bigint generated always as identity primary key, name text not null, created_at timestamptz not null default now());\n';
    const document = await openNewFile('commands-e2e/format.sql', text, () => true);
    /** @type {boolean} */
    const changed = await vscode.commands.executeCommand('dbDesign.formatSql');
    assert.equal(changed, true);
    const after = document.getText();
    assert.ok(after.startsWith('-- keep me\ncreate table formatted (\n'), JSON.stringify(after));
    assert.match(after, /\n[ \t]+name text not null,\n/);
    assert.ok(await document.save());
  });

  test('Show Rule Documentation opens the page of the rule under the cursor', async () => {
    // ON DELETE given, so fk-missing-index is the one finding on the foreign key (several would ask).
    const text = 'CREATE TABLE p (id bigint PRIMARY KEY);\nCREATE TABLE c (id bigint PRIMARY KEY, p_id bigint REFERENCES p (id) ON DELETE CASCADE);\n';
    const document = await openNewFile('commands-e2e/docs.sql', text, (d) => withRule(d, FK).length === 1);
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const [fk] = withRule(vscode.languages.getDiagnostics(document.uri), FK);
    assert.ok(fk, describeDiagnostics(vscode.languages.getDiagnostics(document.uri)));
    editor.selection = new vscode.Selection(fk.range.start, fk.range.start);
    const preview = waitForTab((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('markdown.preview') && t.label.includes(FK));
    /** @type {string | undefined} */
    const shown = await vscode.commands.executeCommand('dbDesign.showRuleDocumentation');
    assert.equal(shown, FK);
    await preview;
  });

  test('Restart Language Server brings the server back with its findings', async () => {
    await vscode.commands.executeCommand('dbDesign.restartServer');
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, 'commands-e2e', 'docs.sql');
    await waitForDiagnostics(uri, (d) => withRule(d, FK).length === 1, `${FK} again after the restart`);
  });

  // Last on purpose: it fixes every file of the workspace, the fixture's included.
  test('Fix All in Workspace previews every fix as one diff, and applies nothing when it is closed', async () => {
    const files = await writeWorkspaceFiles();
    // The Problems panel before: the files just written are on disk only, so nothing reports them.
    const before = await settledDiagnostics();
    // VS Code appends the file count to the title of a multi-file diff.
    const title = /^db-design: \d+ safe fix edits? in \d+ files?\b/;
    const diffShown = waitForTab((t) => title.test(t.label));
    /** @type {Thenable<number>} */
    const pending = vscode.commands.executeCommand('dbDesign.fixAllInWorkspace');
    await diffShown;
    const diff = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => title.test(t.label));
    assert.match(diff[0].label, /in [2-9]\d* files/, 'every file with a fix is in the one diff');
    // The preview opens every file it shows, but none is checked as if the user had opened it.
    assert.deepEqual(await settledDiagnostics(), before, 'the Problems panel while the preview is open');
    // Closing the diff is the user's "Discard".
    await vscode.window.tabGroups.close(diff);
    assert.equal(await pending, 0);
    assert.equal(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => title.test(t.label)).length, 0, 'the diff closes');
    for (const uri of files) assert.doesNotMatch((await vscode.workspace.openTextDocument(uri)).getText(), /CREATE INDEX/);
    // Discard leaves the Problems panel as it was: no finding of a file only the preview opened, no count changed.
    assert.deepEqual(await settledDiagnostics(), before, 'the Problems panel after Discard');
    for (const uri of files) assert.equal(vscode.languages.getDiagnostics(uri).length, 0, `nothing reported for ${vscode.workspace.asRelativePath(uri)}`);
  }, { timeoutMs: 120_000 });

  test('Fix All in Workspace applies the safe fixes of files never opened', async () => {
    const files = await writeWorkspaceFiles();
    const before = await settledDiagnostics();
    /** @type {number} */
    const applied = await vscode.commands.executeCommand('dbDesign.fixAllInWorkspace', { preview: false });
    assert.ok(applied >= files.length, `edits applied: ${applied}`);
    // After Apply the Problems panel lists no file it did not list before unless it is open in an editor
    // tab (VS Code opens the files a workspace edit changes): nothing stale of a file nobody sees.
    const after = await settledDiagnostics();
    const inTabs = new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [vscode.workspace.asRelativePath(t.input.uri)] : [])));
    assert.deepEqual(Object.keys(after).filter((f) => !(f in before) && !inTabs.has(f)), [], `files new in the Problems panel and in no tab: ${JSON.stringify(after)}; tabs ${JSON.stringify([...inTabs])}`);
    for (const [i, uri] of files.entries()) {
      const document = await vscode.workspace.openTextDocument(uri);
      assert.match(document.getText(), new RegExp(`CREATE INDEX (CONCURRENTLY )?child_${i}_parent_id_idx ON child_${i} \\(parent_id\\);`));
      if (document.isDirty) assert.ok(await document.save());
    }
  }, { timeoutMs: 120_000 });
  test('Prisma migrations that have run: design findings once, on the schema; Fix All in Workspace edits no migration', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) throw new Error('no workspace folder is open');
    const migrations = vscode.Uri.joinPath(folder.uri, 'prisma', 'migrations');
    const names = ['20240101000000_init', '20240201000000_post_title', '20240301000000_audit_log'];
    const uris = names.map((n) => vscode.Uri.joinPath(migrations, n, 'migration.sql'));
    const before = await Promise.all(uris.map(async (u) => Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8')));

    // The hand-written table the schema does not declare keeps its design finding where it was introduced.
    const audit = await vscode.workspace.openTextDocument(uris[2]);
    await vscode.window.showTextDocument(audit, { preview: false });
    await waitForDiagnostics(audit.uri, (ds) => withRule(ds, FK).length === 1, `${FK} on the hand-written AuditLog table`);

    // The generated migration: the hover points to the model, and the schema's findings are not repeated.
    const init = await vscode.workspace.openTextDocument(uris[0]);
    await vscode.window.showTextDocument(init, { preview: false });
    const at = init.positionAt(init.getText().indexOf('"Post"') + 2);
    // The server answers hovers once its analysis of the file is in (a generated migration has no
    // finding to wait for), so ask until it answers.
    let hover = '';
    for (const deadline = Date.now() + 30_000; !hover && Date.now() < deadline; ) {
      hover = await hoverText(init.uri, at);
      if (!hover) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.match(hover, /model Post/, `the hover on "Post" points to its model; hover was ${JSON.stringify(hover)}`);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const initDiagnostics = vscode.languages.getDiagnostics(init.uri);
    assert.equal(withRule(initDiagnostics, FK).length + withRule(initDiagnostics, 'prefer-timestamptz').length, 0, `design findings of the schema are not repeated on its migration: ${describeDiagnostics(initDiagnostics)}`);
    // The committed ADD COLUMN ... NOT NULL has run: its migration-safety finding is in the past.
    const title = await vscode.workspace.openTextDocument(uris[1]);
    await vscode.window.showTextDocument(title, { preview: false });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(withRule(vscode.languages.getDiagnostics(title.uri), 'add-column-not-null-without-default').length, 0, 'no migration-safety finding on a migration that has run');

    /** @type {number} */
    const applied = await vscode.commands.executeCommand('dbDesign.fixAllInWorkspace', { preview: false });
    // The AuditLog finding's fix would be safe in a new migration: only the history policy keeps it out.
    assert.equal(typeof applied, 'number', `Fix All in Workspace ran: ${applied}`);
    for (const [i, uri] of uris.entries()) {
      const document = await vscode.workspace.openTextDocument(uri);
      assert.equal(document.getText(), before[i], `${names[i]} is history: Fix All in Workspace must not edit it`);
    }
    const folders = (await vscode.workspace.fs.readDirectory(migrations)).filter(([, type]) => type === vscode.FileType.Directory).map(([n]) => n);
    assert.deepEqual(folders.sort(), [...names].sort(), 'Fix All in Workspace writes no new migration either (a new one is a quick fix the user picks)');
  });
});
