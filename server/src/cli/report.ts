/**
 * `db-design report [paths...]`: the editor's schema report, written to stdout or a file. Paths show
 * relative to the current directory (as `check` prints them); links in a written file are relative to
 * that file, so the report can be committed next to the schema and its links still work.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, pathToUri } from '../engine/analyze';
import type { ConfigOverrides } from '../engine/config';
import { docsUrl } from '../engine/docs';
import { buildReport } from '../report/build';
import { renderReport, type ReportFormat } from '../report/index';
import { relativeLinks } from '../report/links';
import { reportInput, ReportScopeError } from '../report/scope';
import { diskHost, UsageError } from './check';

export interface ReportCommandOptions {
  format: ReportFormat;
  /** Write here instead of stdout. */
  out?: string;
  overrides: ConfigOverrides;
}

export interface ReportCommandResult {
  /** The report, when it goes to stdout. */
  stdout?: string;
  /** The file written, when `out` was given. */
  written?: string;
  notes: string[];
}

export async function reportCommand(paths: string[], opts: ReportCommandOptions): Promise<ReportCommandResult> {
  const targets = (paths.length ? paths : ['.']).map((p) => {
    if (!fs.existsSync(p)) throw new UsageError(`cannot read ${p}: no such file or directory`);
    return pathToUri(p);
  });
  const engine = new Engine(diskHost, () => opts.overrides);
  let input;
  try {
    input = await reportInput(engine, diskHost, targets, { baseDir: process.cwd(), docsUrl: (id) => docsUrl(id, true) });
  } catch (err) {
    if (err instanceof ReportScopeError) throw new UsageError(err.message);
    throw err;
  }
  const data = buildReport(input);
  const outFile = opts.out ? path.resolve(opts.out) : undefined;
  const text = renderReport(data, opts.format, { href: relativeLinks(outFile ? path.dirname(outFile) : process.cwd(), opts.format) });
  if (!outFile) return { stdout: text, notes: data.notes };
  try {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, text);
  } catch (err) {
    throw new UsageError(`cannot write ${opts.out}: ${(err as Error).message}`);
  }
  return { written: outFile, notes: data.notes };
}
