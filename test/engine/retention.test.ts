/**
 * Memory over an editing session: each keystroke makes a new version of the file's text, and nothing the
 * analysis keeps (the parse cache, statements that stayed put, what was worked out from them, the names rules
 * compare) may keep the old versions alive. A string cut from a longer one can be a view into it (V8 slices),
 * so one statement's text kept as a cache key would keep a whole file version per keystroke.
 *
 * The files are padded with a large comment, so each version is large and its analysis quick: a version kept
 * per keystroke shows as tens of megabytes, far above what one analysis holds.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Engine } from '../../server/src/engine/analyze';
import { ensureSqlParser } from '../../server/src/sql';
import { MemoryHost } from '../helpers/memory-host';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const PAD = `/* ${'padding '.repeat(250_000)} */\n`; // 2 MB
const KEYSTROKES = 30;

function used(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

async function session(uri: string, language: 'sql' | 'prisma', textAt: (name: string) => string): Promise<number> {
  const engine = new Engine(new MemoryHost());
  let name = 'note_text_value';
  await engine.analyze(uri, textAt(name), language);
  const before = used();
  for (let i = 0; i < KEYSTROKES; i++) {
    name += 'x';
    await engine.analyze(uri, textAt(name), language);
  }
  return used() - before;
}

test('retention: typing in a large SQL file keeps no old version of its text', async () => {
  await ensureSqlParser();
  const tables = Array.from({ length: 40 }, (_, i) => `CREATE TABLE t${i} (\n  id bigint PRIMARY KEY,\n  label_of_the_row text\n);\n`).join('');
  const grown = await session('file:///retention/sql/big.sql', 'sql', (name) => `${tables}CREATE TABLE edited (\n  id bigint PRIMARY KEY,\n  ${name} text CHECK (length(${name}) < 1000)\n);\n${PAD}`);
  // Kept per keystroke: 30 versions of 2 MB.
  assert.ok(grown < 20, `the heap grew by ${grown.toFixed(1)} MB over ${KEYSTROKES} keystrokes`);
});

test('retention: typing a field name in a large Prisma schema keeps no old version of its text', async () => {
  const models = Array.from({ length: 20 }, (_, i) => `model M${i} {\n  id Int @id\n  labelOfTheRow String\n}\n\n`).join('');
  const datasource = 'datasource db {\n  provider = "postgresql"\n}\n\n';
  const pad = PAD.replace('/*', '//').replace(' */', '');
  const grown = await session('file:///retention/prisma/schema.prisma', 'prisma', (name) => `${datasource}${models}model Edited {\n  id Int @id\n  ${name.replace(/_/g, '')} String\n}\n${pad}`);
  assert.ok(grown < 20, `the heap grew by ${grown.toFixed(1)} MB over ${KEYSTROKES} keystrokes`);
});
