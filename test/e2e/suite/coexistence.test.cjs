// @ts-check
// Co-existence with the official Prisma extension (Prisma.prisma; a stand-in in test/e2e/prisma-stub):
// installed, it owns Prisma's own validation errors and the formatting of .prisma files, and db-design
// reports only its design findings; not installed, db-design reports both and formats nothing of Prisma's.
// Run twice by test/e2e/run.mjs, with DB_DESIGN_E2E_EXPECT_PRISMA=1 (stub installed) and =0.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { suite } = require('./harness.cjs');
const { describeDiagnostics, openWorkspaceFile, waitForDiagnostics, withRule } = require('./vscode-helpers.cjs');

const PRISMA_ID = 'Prisma.prisma';
const expectPrisma = process.env.DB_DESIGN_E2E_EXPECT_PRISMA === '1';
/** The edit the stand-in's formatter makes (test/e2e/prisma-stub/extension.js). */
const STUB_FORMAT_MARK = '// formatted by the Prisma stub\n';

module.exports = suite(expectPrisma ? 'with Prisma.prisma' : 'without Prisma.prisma', (test) => {
  test(`${PRISMA_ID} is ${expectPrisma ? '' : 'not '}installed`, async () => {
    assert.equal(vscode.extensions.getExtension(PRISMA_ID) !== undefined, expectPrisma);
  });

  test(expectPrisma ? "Prisma's own errors are left to it; design findings still come" : "db-design reports Prisma's own errors and its design findings", async () => {
    const document = await openWorkspaceFile('prisma/schema.prisma');
    // Both come from one analysis: once the design finding is there, so is the validation error, if any.
    const diagnostics = await waitForDiagnostics(document.uri, (ds) => withRule(ds, 'prefer-timestamptz').length > 0, 'prefer-timestamptz in prisma/schema.prisma');
    assert.equal(withRule(diagnostics, 'prisma-validation').length > 0, !expectPrisma, describeDiagnostics(diagnostics));
  });

  test(expectPrisma ? 'formatting a .prisma file is left to it' : 'db-design does not format .prisma files', async () => {
    const document = await openWorkspaceFile('prisma/schema.prisma');
    await vscode.extensions.getExtension(PRISMA_ID)?.activate();
    /** @type {vscode.TextEdit[] | undefined} */
    const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', document.uri, { tabSize: 2, insertSpaces: true });
    const texts = (edits ?? []).map((e) => e.newText);
    assert.deepEqual(texts, expectPrisma ? [STUB_FORMAT_MARK] : []);
  });
});
