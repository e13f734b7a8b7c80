// @ts-check
// Restricted Mode: the fixture folder opened untrusted (workspace trust on, no prompt). db-design declares
// limited support for untrusted workspaces, so VS Code keeps it enabled and its findings still come.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { suite } = require('./harness.cjs');
const { openWorkspaceFile, waitForDiagnostics, withRule } = require('./vscode-helpers.cjs');

const EXTENSION_ID = 'db-design.db-design';

module.exports = suite('restricted mode', (test) => {
  test('the folder is open in Restricted Mode', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace is trusted: this is not Restricted Mode');
  });

  for (const file of ['prisma/schema.prisma', 'migrations/001_init/migration.sql']) {
    test(`${file}: db-design is enabled and reports fk-missing-index and prefer-timestamptz`, async () => {
      const document = await openWorkspaceFile(file);
      await waitForDiagnostics(
        document.uri,
        (ds) => withRule(ds, 'fk-missing-index').length > 0 && withRule(ds, 'prefer-timestamptz').length > 0,
        `fk-missing-index and prefer-timestamptz in ${file}`,
      );
      const extension = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(extension, `${EXTENSION_ID} is not enabled in Restricted Mode`);
      assert.equal(extension.isActive, true);
    });
  }

  test('the schema report opens', async () => {
    await openWorkspaceFile('prisma/schema.prisma');
    /** @type {{ title: string, files: string[] } | undefined} */
    const result = await vscode.commands.executeCommand('dbDesign.showReport');
    assert.ok(result, 'no report');
    assert.match(result.title, /Schema report/);
  });
});
