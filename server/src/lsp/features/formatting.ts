/**
 * Document and range formatting for SQL files (sql-formatter in the file's dialect; server/src/format).
 * Registered for SQL only, dynamically where the client allows it, so the editor never offers this
 * server as a formatter for Prisma files, which Prisma's own tooling formats.
 */
import {
  DocumentFormattingRequest,
  DocumentRangeFormattingRequest,
  type DocumentFormattingParams,
  type DocumentRangeFormattingParams,
  type InitializeParams,
  type ServerCapabilities,
  type TextEdit,
} from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { formatSql, formatSqlRange, SqlFormatError, type KeywordCase, type SqlFormatResult } from '../../format/sql';
import { LineIndex } from '../../model/text';
import type { FeatureContext } from './context';

const SQL_SELECTOR = [
  { language: 'sql', scheme: 'file' },
  { language: 'sql', scheme: 'untitled' },
];

interface FormatSettings {
  keywordCase: KeywordCase;
}

export interface FormattingFeature {
  capabilities: Partial<ServerCapabilities>;
  initialized(): void;
}

export function registerFormatting(ctx: FeatureContext, params: InitializeParams): FormattingFeature {
  const caps = params.capabilities;
  const dynamic = !!caps.textDocument?.formatting?.dynamicRegistration && !!caps.textDocument?.rangeFormatting?.dynamicRegistration;
  const readsConfiguration = !!caps.workspace?.configuration;

  async function settings(uri: string): Promise<FormatSettings> {
    if (!readsConfiguration) return { keywordCase: 'preserve' };
    const raw = (await ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: 'dbDesign.format' }).catch(() => null)) as { keywordCase?: string } | null;
    const kc = raw?.keywordCase;
    return { keywordCase: kc === 'upper' || kc === 'lower' ? kc : 'preserve' };
  }

  async function enabled(): Promise<boolean> {
    if (!readsConfiguration) return true;
    const raw = (await ctx.connection.workspace.getConfiguration({ section: 'dbDesign.format' }).catch(() => null)) as { enable?: unknown } | null;
    return raw?.enable !== false;
  }

  async function run(doc: TextDocument | undefined, options: { tabSize: number; insertSpaces: boolean }, format: (text: string, o: Parameters<typeof formatSql>[1]) => SqlFormatResult): Promise<TextEdit[] | null> {
    if (!doc || doc.languageId !== 'sql') return null;
    const text = doc.getText();
    const engine = ctx.engine.engineOf(doc.uri, text).name;
    const dialect = engine === 'unknown' ? 'postgresql' : engine;
    const { keywordCase } = await settings(doc.uri);
    let result: SqlFormatResult;
    try {
      result = format(text, { dialect, tabSize: options.tabSize, insertSpaces: options.insertSpaces, keywordCase });
    } catch (err) {
      if (err instanceof SqlFormatError) {
        void ctx.connection.window.showInformationMessage(`db-design: ${err.message}.`);
        return null;
      }
      throw err;
    }
    if (result.skipped) ctx.connection.console.info(`db-design: ${result.skipped} statement(s) in ${doc.uri} left as written (sql-formatter cannot read them).`);
    if (!result.edit) return [];
    const lines = new LineIndex(text);
    return [{ range: { start: lines.positionAt(result.edit.span.start), end: lines.positionAt(result.edit.span.end) }, newText: result.edit.newText }];
  }

  ctx.connection.onDocumentFormatting((p: DocumentFormattingParams) => run(ctx.documents.get(p.textDocument.uri), p.options, formatSql));
  ctx.connection.onDocumentRangeFormatting((p: DocumentRangeFormattingParams) => {
    const doc = ctx.documents.get(p.textDocument.uri);
    const range = doc ? { start: doc.offsetAt(p.range.start), end: doc.offsetAt(p.range.end) } : { start: 0, end: 0 };
    return run(doc, p.options, (text, o) => formatSqlRange(text, range, o));
  });

  return {
    capabilities: dynamic ? {} : { documentFormattingProvider: true, documentRangeFormattingProvider: true },
    initialized() {
      if (!dynamic) return;
      // `dbDesign.format.enable: false` leaves SQL formatting to another extension; the client restarts
      // the server when the setting changes, so it is read once here.
      void enabled().then((on) => {
        if (!on) return;
        void ctx.connection.client.register(DocumentFormattingRequest.type, { documentSelector: SQL_SELECTOR }).catch(() => undefined);
        void ctx.connection.client.register(DocumentRangeFormattingRequest.type, { documentSelector: SQL_SELECTOR }).catch(() => undefined);
      });
    },
  };
}
