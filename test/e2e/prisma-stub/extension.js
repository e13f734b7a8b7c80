// @ts-check
// Test-only stand-in for the official Prisma extension (Prisma.prisma): formats .prisma files with a
// recognisable edit, so a test can tell whose formatter ran.
'use strict';

const vscode = require('vscode');

/** The edit this formatter makes: a comment inserted at the top. */
const STUB_FORMAT_MARK = '// formatted by the Prisma stub\n';

/** @param {vscode.ExtensionContext} context */
function activate(context) {
  context.subscriptions.push(
    vscode.languages.registerDocumentFormattingEditProvider('prisma', {
      provideDocumentFormattingEdits: () => [vscode.TextEdit.insert(new vscode.Position(0, 0), STUB_FORMAT_MARK)],
    }),
  );
}

function deactivate() {}

module.exports = { activate, deactivate, STUB_FORMAT_MARK };
