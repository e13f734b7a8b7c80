import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { scanPrisma, type Block, type ScannedFile } from '../../server/src/prisma';

const slice = (f: ScannedFile, s: { start: number; end: number }) => f.text.slice(s.start, s.end);
const model = (f: ScannedFile, name: string): Block => {
  const b = f.blocks.find((x) => x.name === name);
  assert.ok(b, `block ${name}`);
  return b;
};

const SCHEMA = `datasource db {
  provider = "postgresql" // the provider
  extensions = [pgvector(map: "vector")]
}

generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views", "relationJoins"]
}

/// A post.
model Post {
  id       Int      @id @default(autoincrement())
  /// The title.
  title    String   @db.VarChar(255) @map("post_title") // trailing
  tags     String[]
  body     String?
  authorId Int
  author   User     @relation("written", fields: [authorId], references: [id], onDelete: Cascade)
  vec      Unsupported("vector(3)")?
  note     String   @default("a // not a comment, \\"quoted\\"")

  @@index([authorId(sort: Desc), title], map: "post_author_idx", type: BTree)
  @@map("posts")
}

enum Role {
  USER
  ADMIN @map("admin") // boss
  @@map("role")
}
`;

test('scanner: blocks, entries, fields, attributes and arguments with exact spans', () => {
  const f = scanPrisma('file:///s.prisma', SCHEMA);
  assert.deepEqual(
    f.blocks.map((b) => `${b.kind} ${b.name}`),
    ['datasource db', 'generator client', 'model Post', 'enum Role'],
  );
  const ds = model(f, 'db');
  assert.equal(ds.entries[0].key, 'provider');
  assert.equal(ds.entries[0].value?.value, 'postgresql');
  assert.equal(slice(f, ds.entries[1].value!.span), '[pgvector(map: "vector")]');
  assert.equal(ds.entries[1].value?.items?.[0].args?.[0].name, 'map');
  const gen = model(f, 'client');
  assert.deepEqual(gen.entries[1].value?.items?.map((i) => i.value), ['views', 'relationJoins']);

  const post = model(f, 'Post');
  assert.equal(post.doc, 'A post.');
  assert.equal(slice(f, post.nameSpan), 'Post');
  assert.equal(slice(f, post.closeSpan!), '}');
  assert.ok(slice(f, post.span).startsWith('model Post {') && slice(f, post.span).endsWith('}'));
  assert.deepEqual(
    post.fields.map((x) => x.name),
    ['id', 'title', 'tags', 'body', 'authorId', 'author', 'vec', 'note'],
  );

  const title = post.fields[1];
  assert.equal(title.doc, 'The title.');
  assert.equal(slice(f, title.nameSpan), 'title');
  assert.equal(slice(f, title.typeSpan), 'String');
  assert.deepEqual(
    title.attributes.map((a) => slice(f, a.span)),
    ['@db.VarChar(255)', '@map("post_title")'],
  );
  assert.equal(title.attributes[0].name, 'db.VarChar');
  assert.equal(slice(f, title.attributes[0].argsSpan!), '(255)');
  assert.equal(title.attributes[0].args?.[0].value.kind, 'number');
  assert.equal(title.attributes[1].args?.[0].value.value, 'post_title');
  assert.equal(slice(f, title.span), 'title    String   @db.VarChar(255) @map("post_title")');
  assert.equal(slice(f, title.trailingComment!.span), '// trailing');

  assert.equal(post.fields[2].list, true);
  assert.equal(slice(f, post.fields[2].typeSpan), 'String[]');
  assert.equal(post.fields[3].optional, true);
  assert.equal(slice(f, post.fields[3].typeSpan), 'String?');

  const author = post.fields[5];
  const rel = author.attributes[0];
  assert.equal(rel.name, 'relation');
  assert.equal(rel.args?.[0].name, undefined);
  assert.equal(rel.args?.[0].value.value, 'written');
  assert.deepEqual(
    rel.args?.slice(1).map((a) => [a.name, slice(f, a.nameSpan!), slice(f, a.value.span), slice(f, a.span)]),
    [
      ['fields', 'fields', '[authorId]', 'fields: [authorId]'],
      ['references', 'references', '[id]', 'references: [id]'],
      ['onDelete', 'onDelete', 'Cascade', 'onDelete: Cascade'],
    ],
  );

  const vec = post.fields[6];
  assert.equal(vec.type, 'Unsupported');
  assert.equal(slice(f, vec.typeSpan), 'Unsupported("vector(3)")?');
  assert.equal(slice(f, vec.typeNameSpan), 'Unsupported("vector(3)")');
  assert.equal(vec.typeArgs?.[0].value.value, 'vector(3)');

  const note = post.fields[7];
  assert.equal(note.trailingComment, undefined, '// inside a string is no comment');
  assert.equal(note.attributes[0].args?.[0].value.value, 'a // not a comment, "quoted"');

  const [index, map] = post.attributes;
  assert.equal(index.block, true);
  assert.equal(index.name, 'index');
  assert.equal(slice(f, index.span), '@@index([authorId(sort: Desc), title], map: "post_author_idx", type: BTree)');
  const list = index.args![0].value;
  assert.equal(list.kind, 'array');
  assert.equal(list.items?.[0].kind, 'call');
  assert.equal(list.items?.[0].value, 'authorId');
  assert.equal(slice(f, list.items![0].args![0].span), 'sort: Desc');
  assert.equal(index.args?.[2].value.value, 'BTree');
  assert.equal(map.name, 'map');

  const role = model(f, 'Role');
  assert.deepEqual(
    role.values.map((v) => v.name),
    ['USER', 'ADMIN'],
  );
  assert.equal(slice(f, role.values[1].attributes[0].span), '@map("admin")');
  assert.equal(role.attributes[0].name, 'map');

  assert.deepEqual(
    f.comments.map((c) => [c.body, c.doc]),
    [
      ['the provider', false],
      ['A post.', true],
      ['The title.', true],
      ['trailing', false],
      ['boss', false],
    ],
  );
});

test('scanner: a half-typed schema keeps every block and recovers at the next line', () => {
  const text = [
    'model A {',
    '  id    Int @id',
    '  name  Str',
    '  posts Post[] @relation("x", fields: [a',
    '  %%% garbage &&',
    '  wip',
    'model B {',
    '  id Int @id @default(',
    '}',
    'garbage at top level',
    'model C {',
    '  id Int @id',
  ].join('\n');
  const f = scanPrisma('file:///h.prisma', text);
  assert.deepEqual(
    f.blocks.map((b) => b.name),
    ['A', 'B', 'C'],
  );
  const a = f.blocks[0];
  assert.equal(a.closeSpan, undefined);
  assert.ok(slice(f, a.span).endsWith('wip'), 'an unclosed block ends with its last member');
  assert.deepEqual(
    a.fields.map((x) => [x.name, x.type]),
    [
      ['id', 'Int'],
      ['name', 'Str'],
      ['posts', 'Post'],
      ['wip', ''],
    ],
  );
  const rel = a.fields[2].attributes[0];
  assert.equal(rel.closed, false);
  assert.deepEqual(rel.args?.[1].value.items?.map((i) => i.value), ['a']);
  assert.equal(slice(f, a.fields[3].typeSpan), '');

  const b = f.blocks[1];
  assert.ok(b.closeSpan);
  assert.equal(b.fields[0].attributes[1].name, 'default');
  assert.equal(b.fields[0].attributes[1].closed, false);

  const c = f.blocks[2];
  assert.equal(c.closeSpan, undefined);
  assert.equal(c.fields[0].name, 'id');
});

test('scanner: `} model B {` on one line, one-line junk after a brace, empty input', () => {
  const f = scanPrisma('u', 'model A {\n  id Int @id\n} model B {\n  id Int @id\n}\n');
  assert.deepEqual(
    f.blocks.map((b) => [b.name, b.fields.length]),
    [
      ['A', 1],
      ['B', 1],
    ],
  );
  assert.equal(scanPrisma('u', '').blocks.length, 0);
  assert.equal(scanPrisma('u', '}}}\n{{{\n@@@\n"unterminated').blocks.length, 0);
  const trunc = scanPrisma('u', 'model A {\n  id Int @default("abc');
  assert.equal(trunc.blocks[0].fields[0].attributes[0].args?.[0].value.value, 'abc');
});

test('scanner: CRLF line endings never leak into spans', () => {
  const text = 'model A {\r\n  id   Int    @id // c\r\n  name String @unique\r\n\r\n  @@map("a")\r\n}\r\n';
  const f = scanPrisma('u', text);
  assert.equal(f.eol, '\r\n');
  const a = f.blocks[0];
  assert.equal(slice(f, a.fields[0].span), 'id   Int    @id');
  assert.equal(slice(f, a.fields[0].trailingComment!.span), '// c');
  assert.equal(slice(f, a.fields[1].span), 'name String @unique');
  assert.equal(slice(f, a.attributes[0].span), '@@map("a")');
  assert.equal(slice(f, a.closeSpan!), '}');
  assert.equal(scanPrisma('u', 'model A {\n}\n').eol, '\n');
});

test('scanner: a BOM is skipped and offsets stay offsets into the original text', () => {
  const text = '\ufeffmodel A {\n  id Int @id\n}\n';
  const f = scanPrisma('u', text);
  assert.equal(f.bom, true);
  assert.equal(f.blocks[0].keywordSpan.start, 1);
  assert.equal(slice(f, f.blocks[0].fields[0].typeSpan), 'Int');
});

test('scanner: emoji and CJK before a field: spans are UTF-16 offsets', () => {
  const text = 'model Ä {\n  // 🎉 絵文字とカンジ 🚀\n  名前 String @db.Text /* */ // 😀 x\n  b    Int    @default(1)\n}\n';
  const f = scanPrisma('u', text);
  const m = f.blocks[0];
  assert.equal(m.name, 'Ä');
  assert.equal(slice(f, f.comments[0].span), '// 🎉 絵文字とカンジ 🚀');
  assert.equal(slice(f, m.fields[0].nameSpan), '名前');
  assert.equal(slice(f, m.fields[0].attributes[0].span), '@db.Text');
  assert.equal(slice(f, m.fields[0].trailingComment!.span), '// 😀 x');
  assert.equal(slice(f, m.fields[1].attributes[0].span), '@default(1)');
  assert.equal(slice(f, m.fields[1].typeSpan), 'Int');
});
