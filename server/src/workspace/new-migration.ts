/**
 * The new migrations a fix writes, checked against the way their runner will run them: the runner module
 * names the files, then its own `fileMode` is asked about the file as written. Statements that must stay
 * outside a transaction, in a file the runner would run in one (Prisma and golang-migrate send a file of two
 * statements as one implicit transaction; Flyway wraps a file unless every statement is non-transactional),
 * get a migration each, in a row. Statements that belong together, in a file the runner runs statement by
 * statement (psql scripts), are wrapped in BEGIN/COMMIT.
 */
import * as path from 'node:path';
import type { NewMigrationRef } from '../model/migration-file';
import type { Dialect } from '../model/schema';
import { lineBreak } from '../model/text';
import { cannotRunInTransaction, statementInfo } from '../sql/statements';
import type { MigrationFile, MigrationSet, WorkspaceHost } from './migrations';
import { fileMode, runnerModule, runsInTransaction, SECTION_MARKERS, siblingMigration } from './runners';
import type { FileRun, NewMigration } from './runners/types';
import { parseMigrationFile } from './script-migrations';

export interface NewMigrationOptions {
  dialect: Dialect;
  pgVersion: number;
  /** `migrations.inTransaction` from db-design.json. */
  inTransaction?: boolean;
  toUri(fsPath: string): string;
  toolVersion?: () => string | undefined;
  host: WorkspaceHost;
}

/** How the runner would run the up file of `m` holding `sql`, and how many statements it would hold. */
function modeOf(set: MigrationSet, m: NewMigration, sql: string, opts: NewMigrationOptions): { run: FileRun; count: number; nonTransactional: number } {
  const up = m.files[0];
  const text = up.content.replace('{{SQL}}', sql);
  const parse = parseMigrationFile({ uri: opts.toUri(up.fsPath), text }, opts.dialect, SECTION_MARKERS);
  const infos = parse.statements.filter((st, i) => parse.directions[i] === 'up' && !st.container).map((st) => statementInfo(st, parse.uri, parse.dialect));
  const nonTransactional = infos.filter((i) => cannotRunInTransaction(i, opts.pgVersion) !== undefined).length;
  const sidePath = runnerModule(set.runner).sideConfig?.({ fsPath: up.fsPath } as MigrationFile);
  const run = fileMode(
    set.runner,
    {
      text,
      name: path.relative(set.root, up.fsPath).split(path.sep).join('/'),
      statementCount: infos.length,
      allNonTransactional: infos.length > 0 && nonTransactional === infos.length,
      sideConfig: sidePath ? m.files.find((f) => f.fsPath === sidePath)?.content : undefined,
      toolVersion: opts.toolVersion,
      direction: 'up',
      set,
      textOf: (f) => opts.host.readFile(f.fsPath) ?? '',
    },
    opts.inTransaction,
  );
  return { run, count: infos.length, nonTransactional };
}

const fileEdits = (m: NewMigration, sql: string, toUri: (p: string) => string) =>
  m.files.map((f) => ({ at: { uri: toUri(f.fsPath), span: { start: 0, end: 0 } }, newText: f.content.replace('{{SQL}}', sql) }));

/** The statements of `sql` (each through its `;`), as written. */
function statementsOf(sql: string, opts: NewMigrationOptions): string[] {
  const parse = parseMigrationFile({ uri: 'untitled:new-migration.sql', text: sql }, opts.dialect, SECTION_MARKERS);
  return parse.statements.filter((st) => !st.container).map((st) => st.text.trim());
}

export function newMigrationRef(set: MigrationSet, entry: MigrationFile, suffix: string, atomic: boolean, opts: NewMigrationOptions): NewMigrationRef | undefined {
  const m = siblingMigration(set, entry, suffix, false, { atomic });
  if (!m) return undefined;
  return {
    name: m.name,
    edits: (sql) => {
      const { run, count, nonTransactional } = modeOf(set, m, sql, opts);
      const nl = lineBreak(sql);
      if (atomic && run.mode === 'none' && count >= 2) return fileEdits(m, `BEGIN;${nl}${sql}${nl}COMMIT;`, opts.toUri);
      if (atomic || nonTransactional === 0 || !runsInTransaction(run, count)) return fileEdits(m, sql, opts.toUri);
      // One migration per statement, in a row: alone, a statement leaves the implicit transaction.
      const parts = statementsOf(sql, opts);
      const made = parts.map((_, k) => (k === 0 ? m : siblingMigration(set, entry, `${suffix}_${k + 1}`, false, { later: k })));
      const paths = new Set(made.map((x) => x?.files[0].fsPath));
      if (made.some((x) => !x) || paths.size !== made.length) return fileEdits(m, sql, opts.toUri);
      return made.flatMap((x, k) => fileEdits(x!, parts[k], opts.toUri));
    },
  };
}
