/**
 * The SQL front end over every SQL file of the shared corpus (real projects' schemas and migrations), each
 * read for the engine MANIFEST.tsv gives it (files that run on several engines as PostgreSQL): no
 * exceptions; syntax errors on PostgreSQL files exactly where libpg-query rejects the whole file (the
 * oracle); never a syntax error on SQLite, MySQL or templated files. Which engine the product itself
 * picks is tested per project in test/corpus/cli-corpus.
 *
 * The oracle parses the whole file at once, after the same preprocessing psql and the migration runners
 * do and the splitter copies: psql meta-commands and COPY data left out, and a `;` where a runner marker
 * (`-- +goose StatementEnd`) ends a statement. Files whose statements use psql variables are left out of
 * the comparison: psql rewrites that text before PostgreSQL sees it.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseSync } from 'libpg-query';
import type { Dialect } from '../../server/src/model/schema';
import { ensureSqlParser, loadSql, splitStatements, type SplitResult } from '../../server/src/sql';
import { manifest } from '../helpers/manifest';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

function oracleText(text: string, split: SplitResult): string {
  const chars = text.split('');
  for (const r of split.skipped) {
    for (let i = r.span.start; i < r.span.end; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  }
  for (const s of split.statements) {
    if (s.end !== 'semicolon' && s.end !== 'eof') chars[s.span.end - 1] += ';';
  }
  return chars.join('');
}

function oracleRejects(text: string): boolean {
  if (!text.trim()) return false;
  try {
    parseSync(text);
    return false;
  } catch (err) {
    // Comment-only files: "Query cannot be empty" is not a syntax error.
    return !/cannot be empty/.test(String((err as Error).message));
  }
}

test('corpus: SQL front end vs. libpg-query on whole files', async (t) => {
  if (!corpusRoot) {
    t.skip(NO_CORPUS);
    return;
  }
  const root = corpusRoot;
  const rows = manifest().filter((r) => r.kind === 'sql');
  assert.ok(rows.length > 8000, `${rows.length} SQL files in the manifest`);
  await ensureSqlParser();

  const perDialect: Record<string, number> = {};
  const byFolder: Record<string, Record<string, number>> = {};
  const exceptions: string[] = [];
  const falseOnOtherDialects: string[] = [];
  const disagreements: string[] = [];
  let statements = 0;
  let syntaxErrors = 0;
  let bytes = 0;
  let templated = 0;
  let psqlVariableFiles = 0;
  let compared = 0;
  const started = Date.now();
  let frontEndMillis = 0;

  for (const row of rows) {
    const rel = row.path;
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    bytes += Buffer.byteLength(text);
    const uri = `file:///corpus/${rel}`;
    const dialect: Dialect = row.dialect === 'generic' ? 'postgresql' : (row.dialect as Dialect);
    perDialect[row.dialect] = (perDialect[row.dialect] ?? 0) + 1;
    const folder = row.project;
    (byFolder[folder] ??= {})[dialect] = (byFolder[folder][dialect] ?? 0) + 1;
    let result;
    const t0 = Date.now();
    try {
      result = loadSql({ uri, text }, { dialect });
    } catch (err) {
      exceptions.push(`${rel}: ${(err as Error).stack ?? err}`);
      continue;
    }
    frontEndMillis += Date.now() - t0;
    statements += result.statements.length;
    syntaxErrors += result.problems.length;
    if (result.templated) templated++;
    if (dialect !== 'postgresql') {
      if (result.problems.length) falseOnOtherDialects.push(`${rel} (${dialect}): ${result.problems[0].message}`);
      continue;
    }
    if (result.templated) {
      assert.equal(result.problems.length, 0, `${rel}: templated files get no syntax errors`);
      continue;
    }
    if (result.statements.some((s) => s.psqlVariables)) {
      psqlVariableFiles++;
      continue;
    }
    compared++;
    const split = splitStatements(text, dialect);
    const oracle = oracleRejects(oracleText(text, split));
    const mine = result.problems.length > 0;
    if (oracle !== mine) {
      disagreements.push(`${rel}: oracle ${oracle ? 'rejects' : 'accepts'}, front end ${mine ? `reports ${result.problems[0].message}` : 'reports nothing'}`);
    }
  }

  const seconds = (Date.now() - started) / 1000;
  t.diagnostic(`files: ${rows.length} (${(bytes / 1e6).toFixed(1)} MB); per engine (manifest): ${JSON.stringify(perDialect)}`);
  t.diagnostic(`engine per project (manifest): ${JSON.stringify(byFolder)}`);
  t.diagnostic(`statements: ${statements}; syntax errors: ${syntaxErrors}; templated files: ${templated}; psql-variable files: ${psqlVariableFiles}`);
  t.diagnostic(`compared with the oracle: ${compared} PostgreSQL files; disagreements: ${disagreements.length}`);
  t.diagnostic(`time: ${seconds.toFixed(1)} s in all, front end ${(frontEndMillis / 1000).toFixed(1)} s (${(bytes / 1e6 / (frontEndMillis / 1000)).toFixed(1)} MB/s, cold cache)`);
  for (const d of disagreements) t.diagnostic(`disagreement: ${d}`);

  assert.deepEqual(exceptions, [], 'no exceptions');
  assert.deepEqual(falseOnOtherDialects, [], 'no syntax errors on SQLite/MySQL files');
  assert.deepEqual(disagreements, [], 'syntax errors exactly where the whole-file parse fails');
});

test('corpus: truncated files (half-typed statements) never make the front end throw', async (t) => {
  if (!corpusRoot) {
    t.skip(NO_CORPUS);
    return;
  }
  const files = manifest().filter((r, i) => r.kind === 'sql' && i % 25 === 0);
  await ensureSqlParser();
  let loads = 0;
  for (const row of files) {
    const text = fs.readFileSync(path.join(corpusRoot, row.path), 'utf8');
    const uri = `file:///corpus/${row.path}`;
    for (const cut of [0.13, 0.5, 0.77]) {
      const part = text.slice(0, Math.floor(text.length * cut));
      for (const dialect of ['postgresql', row.dialect === 'generic' ? 'postgresql' : (row.dialect as Dialect)] as const) {
        const r = loadSql({ uri, text: part }, { dialect });
        for (const p of r.problems) assert.ok(p.span.start < p.span.end && p.span.end <= part.length, `${uri}: ${p.message}`);
        loads++;
      }
    }
  }
  t.diagnostic(`${loads} loads of ${files.length} truncated files`);
});
