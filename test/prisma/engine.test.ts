import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  chooseEngine,
  findInstalledPrismaVersion,
  formatPrisma,
  lintPrisma,
  loadPrisma,
  scanPrisma,
} from '../../server/src/prisma';
import { memoryFs, PG } from './helpers';

const P6 = 'datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n\nmodel A {\n  id Int @id\n}\n';
const P7 = `${PG}model A {\n  id Int @id\n}\n`;

test('engine: the schema shape picks the engine when nothing else says', () => {
  assert.equal(chooseEngine([scanPrisma('u', P6)], {}).version, 6);
  assert.equal(chooseEngine([scanPrisma('u', P7)], {}).version, 7);
  assert.equal(chooseEngine([scanPrisma('u', P6.replace('url', 'directUrl'))], {}).version, 6);
  assert.equal(chooseEngine([scanPrisma('u', 'model A {\n  id Int @id\n}\n')], {}).version, 7);
});

test('engine: the installed version beats the shape, the setting beats both', () => {
  assert.deepEqual(chooseEngine([scanPrisma('u', P6)], { installedVersion: '7.0.1' }), { version: 7, reason: 'installed', installed: '7.0.1', maybeLegacy: false });
  assert.equal(chooseEngine([scanPrisma('u', P7)], { installedVersion: '6.19.0' }).version, 6);
  assert.deepEqual(chooseEngine([scanPrisma('u', P7)], { installedVersion: '5.22.0' }), { version: 6, reason: 'installed', installed: '5.22.0', maybeLegacy: true });
  assert.equal(chooseEngine([scanPrisma('u', P7)], { installedVersion: '6.19.0', engine: 7 }).version, 7);
  assert.equal(chooseEngine([scanPrisma('u', P6)], { engine: 6 }).reason, 'setting');
});

test('engine: installed Prisma is found upward from the schema folder, prisma before @prisma/client', () => {
  const fs = memoryFs({
    '/w/node_modules/prisma/package.json': '{"name":"prisma","version":"6.19.0"}',
    '/w/node_modules/@prisma/client/package.json': '{"version":"6.1.0"}',
    '/w/apps/web/node_modules/@prisma/client/package.json': '{"version":"7.2.0"}',
    '/x/node_modules/prisma/package.json': 'not json',
  });
  assert.equal(findInstalledPrismaVersion('/w/packages/db/prisma', fs), '6.19.0');
  assert.equal(findInstalledPrismaVersion('/w/apps/web/prisma', fs), '7.2.0');
  assert.equal(findInstalledPrismaVersion('/x/prisma', fs), undefined);
  assert.equal(findInstalledPrismaVersion('/nowhere', fs), undefined);
});

test('engine: each version accepts the schemas written for it, and loadPrisma reports no false error', () => {
  const six = lintPrisma(6, [{ uri: 'u', text: P6 }]);
  const seven = lintPrisma(7, [{ uri: 'u', text: P7 }]);
  assert.ok(six.ok && seven.ok);
  assert.deepEqual([six.value, seven.value], [[], []]);
  const wrong = lintPrisma(7, [{ uri: 'u', text: P6 }]);
  assert.ok(wrong.ok && wrong.value.some((d) => !d.warning), 'the 7.x engine rejects url');

  for (const text of [P6, P7]) {
    const r = loadPrisma([{ uri: 'u', text }]);
    assert.deepEqual(r.problems, []);
    assert.equal(r.factsFrom, 'engine');
  }
  assert.equal(loadPrisma([{ uri: 'u', text: P6 }]).engine, 6);
  assert.equal(loadPrisma([{ uri: 'u', text: P7 }]).engine, 7);
});

test('engine: a Prisma 5 view with a primary key is a warning, not an error, when the version is not known to be 6+', () => {
  const text = `${P6.replace('model A {\n  id Int @id\n}\n', '')}generator client {\n  provider        = "prisma-client-js"\n  previewFeatures = ["views"]\n}\n\nview V {\n  id Int @id\n}\n`;
  const guessed = loadPrisma([{ uri: 'u', text }]);
  assert.equal(guessed.engine, 6);
  assert.deepEqual(guessed.problems.map((p) => p.severity), ['warning']);
  assert.match(guessed.problems[0].message, /Views cannot have primary keys.*Prisma 5/);
  assert.equal(text.slice(guessed.problems[0].span.start, guessed.problems[0].span.end), '@id', 'span trimmed of the trailing blank');
  assert.deepEqual(loadPrisma([{ uri: 'u', text }], { installedVersion: '6.19.0' }).problems.map((p) => p.severity), ['error']);
  // The softened error does not cost the engine's facts (the view is read as a model for get_datamodel).
  assert.equal(guessed.factsFrom, 'engine');
  assert.equal(guessed.engineError, undefined);
  assert.equal(guessed.schema.tables.get('v')?.kind, 'view');
});

test('engine: diagnostics are UTF-16 offsets, also after a BOM and non-ASCII text', () => {
  const text = `\ufeff// 🎉 日本語\n${PG}model A {\n  id Int @id\n  b  Strin\n}\n`;
  const r = loadPrisma([{ uri: 'u', text }]);
  assert.equal(r.problems.length, 1);
  assert.equal(text.slice(r.problems[0].span.start, r.problems[0].span.end), 'Strin');
});

test('engine: format works per file of a schema and keeps a BOM', () => {
  const text = `\ufeff${PG}model A {\n id Int @id\n      name String\n}\n`;
  const out = formatPrisma(7, [{ uri: 'file:///a.prisma', text }], 'file:///a.prisma');
  assert.ok(out.ok);
  assert.equal(out.value, `\ufeff${PG}model A {\n  id   Int    @id\n  name String\n}\n`);
});

test('engine: a schema fragment without datasource gets no error for types declared elsewhere', () => {
  const text = 'model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n';
  const r = loadPrisma([{ uri: 'u', text }]);
  assert.deepEqual(r.problems.map((p) => [p.severity, text.slice(p.span.start, p.span.end)]), [['warning', 'User']]);
  const withDs = loadPrisma([{ uri: 'u', text: PG + text }]);
  assert.deepEqual(withDs.problems.map((p) => p.severity), ['error']);
});

test('engine: garbage and truncated input never throw', () => {
  const inputs = ['', '{', 'model', 'model A {', '@@@', '\u0000\u0001', 'datasource db {\n  provider = \n', 'model A {\n  id Int @id @default(\n'];
  for (const text of inputs) {
    const r = loadPrisma([{ uri: 'u', text }]);
    assert.ok(r.schema);
  }
});
