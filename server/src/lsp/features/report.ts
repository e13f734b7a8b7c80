/**
 * `dbDesign/report`: the schema report of files or folders, rendered for the editor's panel or for an
 * export. The same code as `db-design report` (server/src/report); this handler only picks link and
 * docs targets for where the page will be read.
 */
import * as path from 'node:path';
import { ResponseError, ErrorCodes, type CancellationToken } from 'vscode-languageserver';
import { uriToPath } from '../../engine/analyze';
import { docsUrl } from '../../engine/docs';
import { buildReport, relativeLinks, renderReport, reportInput, ReportScopeError } from '../../report';
import { ReportRequest, type ReportParams, type ReportResult } from '../protocol';
import type { FeatureContext } from './context';

export function registerReport(ctx: FeatureContext): void {
  ctx.connection.onRequest(ReportRequest, async (params: ReportParams, token: CancellationToken): Promise<ReportResult> => {
    const exporting = params.purpose === 'export';
    let input;
    try {
      input = await reportInput(ctx.engine, ctx.host, params.targets, {
        docsUrl: (id) => docsUrl(id, exporting),
        isCancelled: () => token.isCancellationRequested,
      });
    } catch (err) {
      if (err instanceof ReportScopeError) throw new ResponseError(ErrorCodes.InvalidParams, err.message);
      throw err;
    }
    const data = buildReport(input);
    const exportDir = exporting && params.exportTo ? uriToPath(params.exportTo) : undefined;
    const content = renderReport(data, params.format, { href: exportDir ? relativeLinks(path.dirname(exportDir), params.format) : undefined });
    return { title: data.title, content, files: input.files.map((f) => f.uri) };
  });
}
