/**
 * Every .prisma file of the shared corpus (real projects), grouped into schemas the way files.ts
 * groups them: no exception, no prisma-validation error, the scanner reading the same model as the
 * engine, and quick fixes that keep real schemas valid and formatted.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { TextEdit } from '../../server/src/model/findings';
import type { SourceText } from '../../server/src/model/frontend';
import { coveringIndex, type Schema } from '../../server/src/model/schema';
import {
  buildSchema,
  factsFromScan,
  formatPrisma,
  groupPrismaSchemas,
  lintPrisma,
  loadPrisma,
  scanPrisma,
  type PrismaResult,
} from '../../server/src/prisma';
import type { FixIntent } from '../../server/src/model/intents';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';
import { commonDir, disk } from '../helpers/prisma-corpus';
import { applyEdits } from './helpers';

const root = corpusRoot && path.join(corpusRoot, 'prisma');
const present = root !== undefined && fs.existsSync(root);


interface Loaded {
  name: string;
  files: SourceText[];
  result: PrismaResult;
}


let cache: Loaded[] | undefined;
function schemas(): Loaded[] {
  if (cache) return cache;
  const groups = groupPrismaSchemas(walk(root!, (f) => f.endsWith('.prisma')), disk);
  cache = groups.map((group) => {
    const files = group.map((p) => ({ uri: pathToFileURL(p).href, text: fs.readFileSync(p, 'utf8') }));
    const name = group.length > 1 ? `${path.relative(root!, commonDir(group))}/ (${group.length} files)` : path.relative(root!, group[0]);
    return { name, files, result: loadPrisma(files) };
  });
  return cache;
}

function uncoveredFks(schema: Schema): number {
  let n = 0;
  for (const t of schema.tables.values()) for (const fk of t.foreignKeys) if (!coveringIndex(t, fk.columns)) n++;
  return n;
}

test('corpus: every Prisma schema loads with zero prisma-validation errors', (t) => {
  if (!present) return t.skip(NO_CORPUS);
  const rows: string[] = [];
  let totals = { schemas: 0, models: 0, relations: 0, unindexed: 0 };
  for (const s of schemas()) {
    const r = s.result;
    const errors = r.problems.filter((p) => p.severity === 'error');
    assert.deepEqual(errors.map((e) => `${e.uri}: ${e.message}`), [], s.name);
    assert.equal(r.engineError, undefined, s.name);
    const tables = [...r.schema.tables.values()];
    const relations = tables.reduce((n, x) => n + x.foreignKeys.length, 0);
    const unindexed = uncoveredFks(r.schema);
    totals = { schemas: totals.schemas + 1, models: totals.models + tables.length, relations: totals.relations + relations, unindexed: totals.unindexed + unindexed };
    rows.push(
      `${s.name}: engine ${r.engine} (${r.engineChoice.reason}), facts from ${r.factsFrom}, ${r.schema.dialect}, ` +
        `${tables.length} models, ${relations} relations, ${unindexed} FKs without an index, ` +
        `${r.problems.length} warnings`,
    );
  }
  for (const row of rows) t.diagnostic(row);
  t.diagnostic(`TOTAL ${totals.schemas} schemas, ${totals.models} models, ${totals.relations} relations, ${totals.unindexed} FKs without an index`);
  assert.ok(totals.schemas >= 40);
});

test('corpus: multi-file schema folders are grouped as one schema each', (t) => {
  if (!present) return t.skip(NO_CORPUS);
  const multi = schemas().filter((s) => s.files.length > 1).map((s) => s.name.split('/')[0]);
  assert.deepEqual(multi.sort(), ['formbricks', 'papermark', 'rallly']);
  for (const s of schemas()) {
    if (s.files.length > 1) assert.ok(s.result.schema.tables.size > 10, s.name);
    // Every table points into one of its schema's files.
    for (const tb of s.result.schema.tables.values()) assert.ok(s.files.some((f) => f.uri === tb.source.uri), tb.name);
  }
});

test('corpus: the scanner alone reads the same model as the engine', (t) => {
  if (!present) return t.skip(NO_CORPUS);
  let compared = 0;
  for (const s of schemas()) {
    if (s.result.factsFrom !== 'engine') continue;
    compared++;
    assert.deepEqual(buildSchema(factsFromScan(s.result.scan), s.result.scan, s.result.schema.dialect), s.result.schema, s.name);
  }
  assert.ok(compared >= 20, `${compared} schemas compared`);
});

test('corpus: truncated files never make the front end throw', (t) => {
  if (!present) return t.skip(NO_CORPUS);
  for (const s of schemas()) {
    for (const f of s.files) {
      // Cut every file at ~40 points (mid-token, mid-attribute, mid-string alike).
      const step = Math.max(1, Math.floor(f.text.length / 40));
      for (let cut = 1; cut < f.text.length; cut += step) {
        const text = f.text.slice(0, cut);
        const scanned = scanPrisma(f.uri, text);
        for (const b of scanned.blocks) {
          assert.ok(b.span.start <= b.span.end && b.span.end <= text.length, `${s.name} @${cut}`);
          for (const fl of b.fields) assert.ok(fl.span.end <= text.length);
        }
      }
    }
  }
  // The whole pipeline (engine included) on a few cuts of the biggest schema.
  const biggest = [...schemas()].sort((a, b) => b.files[0].text.length - a.files[0].text.length)[0];
  for (const cut of [0.1, 0.33, 0.5, 0.77]) {
    const f = biggest.files[0];
    const r = loadPrisma([{ uri: f.uri, text: f.text.slice(0, Math.floor(f.text.length * cut)) }]);
    assert.ok(r.schema.tables.size > 0);
  }
});

function byFile(edits: readonly TextEdit[]): Map<string, TextEdit[]> {
  const m = new Map<string, TextEdit[]>();
  for (const e of edits) m.set(e.uri, [...(m.get(e.uri) ?? []), e]);
  return m;
}

/** Applies the intents (one per model or field, so edits never overlap) and checks the result. */
function checkFixes(s: Loaded, intents: FixIntent[]): number {
  const r = s.result;
  const edits = intents.flatMap((i) => r.render(i) ?? []);
  if (edits.length === 0) return 0;
  const perFile = byFile(edits);
  const fixed = s.files.map((f) => ({ uri: f.uri, text: applyEdits(f.text, perFile.get(f.uri) ?? []) }));
  const linted = lintPrisma(r.engine, fixed);
  assert.ok(linted.ok);
  const before = lintPrisma(r.engine, s.files);
  assert.ok(before.ok);
  assert.equal(linted.value.filter((d) => !d.warning).length, before.value.filter((d) => !d.warning).length, `${s.name}: no new error`);
  for (const f of s.files) {
    if (!perFile.has(f.uri)) continue;
    const orig = formatPrisma(r.engine, s.files, f.uri);
    // Only files that were formatted can say whether the edit keeps them formatted.
    if (!orig.ok || orig.value !== f.text) continue;
    const after = formatPrisma(r.engine, fixed, f.uri);
    assert.ok(after.ok);
    assert.equal(after.value, fixed.find((x) => x.uri === f.uri)?.text, `${s.name}: format leaves the fixed ${f.uri} as it is`);
  }
  return edits.length;
}

test('corpus: @@index and @db.Timestamptz fixes keep every real schema valid and formatted', (t) => {
  if (!present) return t.skip(NO_CORPUS);
  let applied = 0;
  for (const s of schemas()) {
    if (s.result.factsFrom !== 'engine') continue;
    const schema = s.result.schema;
    const indexIntents: FixIntent[] = [];
    const typeIntents: FixIntent[] = [];
    for (const table of schema.tables.values()) {
      const fk = table.foreignKeys.find((f) => !coveringIndex(table, f.columns));
      if (fk && table.kind === 'table') indexIntents.push({ kind: 'addIndex', table, columns: fk.columns, fk });
      if (schema.dialect !== 'postgresql') continue;
      for (const column of table.columns) {
        if (column.type.name === 'timestamp') {
          typeIntents.push({ kind: 'changeColumnType', table, column, sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true });
        }
      }
    }
    applied += checkFixes(s, indexIntents) + checkFixes(s, typeIntents);
  }
  t.diagnostic(`${applied} edits applied and re-validated`);
  assert.ok(applied > 100);
});
