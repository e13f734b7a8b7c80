/**
 * `dbDesign/fixAll`: the safe fixes of one file that apply together, as for fix-on-save, for files that
 * are open or only on disk. The client gathers them over the workspace, shows a refactor preview and
 * applies them; the server changes nothing itself.
 */
import * as path from 'node:path';
import type { CancellationToken } from 'vscode-languageserver';
import { languageOf, looksBinary, MAX_FILE_BYTES, uriToPath } from '../../engine/analyze';
import { isIgnored } from '../../engine/config';
import { fixAllEdits } from '../../engine/edits';
import type { Finding, TextEdit } from '../../model/findings';
import { LineIndex } from '../../model/text';
import { FixAllRequest, type FixAllParams, type FixAllResult } from '../protocol';
import type { FeatureContext } from './context';

export function registerFixAll(ctx: FeatureContext): void {
  ctx.connection.onRequest(FixAllRequest, async (params: FixAllParams, token: CancellationToken): Promise<FixAllResult> => {
    const { uri } = params;
    const open = ctx.documents.get(uri);
    const fsPath = uriToPath(uri);
    const text = open?.getText() ?? (fsPath ? ctx.host.readFile(fsPath) : undefined);
    const language = languageOf(uri, text) ?? (open?.languageId === 'prisma' || open?.languageId === 'sql' ? open.languageId : undefined);
    if (!language || text === undefined || text.length > MAX_FILE_BYTES || looksBinary(text)) return { edits: [] };
    const config = ctx.engine.configFor(uri);
    if (fsPath && config.file && isIgnored(path.relative(path.dirname(config.file), fsPath).split(path.sep).join('/'), config.ignore)) return { edits: [] };
    if (token.isCancellationRequested) return { edits: [] };

    const analysis = await ctx.engine.analyze(uri, text, language);
    const lines = LineIndex.of(text);
    return {
      edits: labelled(analysis.findings, fixAllEdits(analysis.findings, uri)).map(({ edit, label }) => ({
        range: { start: lines.positionAt(edit.span.start), end: lines.positionAt(edit.span.end) },
        newText: edit.newText,
        label,
      })),
    };
  });
}

/** Each chosen edit with the title of the fix it belongs to (fixAllEdits keeps the fixes' own edit objects). */
function labelled(findings: Finding[], chosen: TextEdit[]): { edit: TextEdit; label: string }[] {
  const titles = new Map<TextEdit, string>();
  for (const f of findings) for (const fix of f.fixes) for (const e of fix.edits) if (!titles.has(e)) titles.set(e, fix.title);
  return chosen.map((edit) => ({ edit, label: titles.get(edit) ?? 'db-design fix' }));
}
