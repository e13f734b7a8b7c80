/**
 * What db-design detected about a file's project, each with where it came from: the engine, the
 * migration runner, how the runner runs this file (transaction mode), new or history (git or the
 * configured baseline), the Prisma version whose engine checks the schema, the PostgreSQL version.
 * The editor logs it once per project (and again when it changes) and summarises it in the status bar.
 */
import * as path from 'node:path';
import type { PrismaResult } from '../prisma';
import type { SqlUnit } from '../workspace/unit';
import { RUNNERS } from '../workspace/runners';
import type { FileAnalysis } from './analyze';
import { uriToPath } from './analyze';
import { DEFAULT_PG_VERSION } from './config';

export interface Detected {
  /** The project's folder: the migration set's, else the schema's or the file's folder. */
  project: string;
  /** `Engine: postgresql (from package.json: driver pg)`, one fact a line. */
  facts: string[];
}

const MODES: Record<string, string> = {
  transaction: 'in a transaction',
  implicit: 'as one query string (one implicit transaction when it holds several statements)',
  none: 'statement by statement, outside any transaction',
  unknown: 'not known',
};

function from(where: string | undefined, root: string): string {
  if (!where) return '';
  return path.isAbsolute(where) ? path.relative(root, where) || path.basename(where) : where;
}

export function detectedOf(analysis: FileAnalysis): Detected {
  const fsPath = uriToPath(analysis.uri);
  const facts: string[] = [];
  let project = fsPath ? path.dirname(fsPath) : analysis.uri;
  const e = analysis.engine;
  const config = analysis.config;
  if (analysis.language === 'sql') {
    const unit = analysis.unit as SqlUnit;
    if (unit.set) project = unit.set.root;
    facts.push(`Engine: ${e.name} (from ${from(e.file, project) || e.from}${e.detail ? `: ${e.detail}` : ''})`);
    if (unit.set) {
      const runner = RUNNERS[unit.set.runner];
      if (unit.file.run?.mode === 'unknown') facts.push('Runner: not known (a folder of SQL files; `migrations.runner` in db-design.json names it)');
      else facts.push(`Runner: ${runner.name} (${unit.set.runnerSource === 'config' ? `from ${from(config.file, project)}` : 'from the migration folder layout'})`);
      if (unit.file.run) facts.push(`Transaction mode: ${MODES[unit.file.run.mode] ?? unit.file.run.mode} (${unit.file.run.reason})`);
    } else {
      facts.push('Runner: none (not a migration folder)');
    }
    if (analysis.age) facts.push(`This migration: ${analysis.age.status} (${analysis.age.reason})`);
    if (config.migrations.baseline) facts.push(`Baseline: ${config.migrations.baseline} (from ${from(config.file, project)})`);
  } else {
    const unit = analysis.unit as PrismaResult;
    facts.push(`Engine: ${e.name} (from ${e.from}${e.detail ? `: ${e.detail}` : ''})`);
    const c = unit.engineChoice;
    if (c) {
      const why =
        c.reason === 'setting'
          ? `set in ${config.file ? from(config.file, project) : 'the settings'}`
          : c.reason === 'installed'
            ? `Prisma ${c.installed} installed in node_modules`
            : 'the schema\'s datasource block';
      facts.push(`Prisma: checked with the Prisma ${c.version} engine (from ${why})`);
    }
  }
  if (e.name === 'postgresql' || e.name === 'cockroachdb') {
    facts.push(`PostgreSQL version: ${config.pgVersion}${config.pgVersion === DEFAULT_PG_VERSION ? ' (assumed; postgresVersion in db-design.json or the dbDesign.postgresVersion setting changes it)' : ' (from db-design.json or the settings)'}`);
  }
  if (config.file) facts.push(`Config: ${config.file}`);
  return { project, facts };
}
