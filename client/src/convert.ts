/** Protocol shapes (plain JSON from protocol.ts) to VS Code objects. */
import * as vscode from 'vscode';
import type { ProtocolRange } from '../../server/src/lsp/protocol';

export function toRange(r: ProtocolRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

export const SCHEMA_LANGUAGES = new Set(['prisma', 'sql']);

export function isSchemaDocument(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && SCHEMA_LANGUAGES.has(doc.languageId);
}
