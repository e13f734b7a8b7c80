/**
 * Scanning again after an edit, from the last scan: the result is what a scan from scratch gives, whatever the
 * edit (inside a block, at a brace, on a header, a line break, a block left open, `\r\n` line breaks).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { scanPrisma, type ScannedFile } from '../../server/src/prisma';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';
import { PG } from './helpers';
import { random } from '../helpers/random';

const SCHEMA =
  PG +
  '/// Users.\n/// Two lines.\nmodel User {\n  id    Int    @id // the key\n  email String @unique\n  posts Post[]\n\n  @@map("users")\n}\n\n' +
  '// between\nenum Role {\n  ADMIN\n  USER @map("user")\n} model Post {\n  id Int @id\n  author   User @relation(fields: [authorId], references: [id])\n  authorId Int\n}\n' +
  'type Address {\n  street String\n}\n';

const PIECES = ['x', ' ', '\n', '}', '{', '//', '///', '"', 'model Z {\n', '@@id([a])', '\r\n', 'enum E {', ''];

function same(a: ScannedFile, b: ScannedFile, what: string): void {
  assert.deepEqual({ blocks: a.blocks, comments: a.comments, eol: a.eol, bom: a.bom, text: a.text }, { blocks: b.blocks, comments: b.comments, eol: b.eol, bom: b.bom, text: b.text }, what);
}

/** `rounds` random edits, each scanned from the last scan and from scratch. */
function check(uri: string, start: string, rounds: number, seed: number): void {
  const next = random(seed);
  let text = start;
  let scan = scanPrisma(uri, text);
  for (let i = 0; i < rounds; i++) {
    const at = Math.floor(next() * (text.length + 1));
    const cut = next() < 0.3 ? Math.floor(next() * 12) : 0;
    const piece = PIECES[Math.floor(next() * PIECES.length)];
    text = text.slice(0, at) + piece + text.slice(at + cut);
    const again = scanPrisma(uri, text, scan);
    same(again, scanPrisma(uri, text), `edit ${i}: ${JSON.stringify(piece)} at ${at}, ${cut} removed`);
    scan = again;
  }
}

test('rescan: random edits of a small schema scan as from scratch', () => {
  check('file:///s.prisma', SCHEMA, 400, 7);
  check('file:///s.prisma', SCHEMA.replace(/\n/g, '\r\n'), 200, 11);
  check('file:///s.prisma', '\ufeff' + SCHEMA, 100, 13);
});

test('rescan: the same text is the same scan; a block left open takes the header line after it', () => {
  const first = scanPrisma('u', SCHEMA);
  assert.equal(scanPrisma('u', SCHEMA, first), first);
  const open = SCHEMA.replace('  @@map("users")\n}\n', '  @@map("users")\n');
  const reopened = scanPrisma('u', open, first);
  same(reopened, scanPrisma('u', open), 'the brace removed');
  same(scanPrisma('u', SCHEMA, reopened), first, 'and typed again');
  const renamed = SCHEMA.replace('} model Post {', '} modelx Post {');
  same(scanPrisma('u', renamed, first), scanPrisma('u', renamed), 'text after a closing brace');
});

test('rescan: edits all over the corpus schemas', { skip: corpusRoot === undefined && NO_CORPUS }, () => {
  const files = ['prisma/civitai/packages/civitai-db-schema/prisma/schema.full.prisma', 'prisma/formbricks/packages/database/schema/main.prisma', 'prisma/langfuse/packages/shared/prisma/schema.prisma'];
  files.forEach((f, i) => check(`file:///${i}.prisma`, fs.readFileSync(path.join(corpusRoot!, f), 'utf8'), 60, 100 + i));
});
