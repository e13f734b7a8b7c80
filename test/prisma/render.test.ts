import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceText } from '../../server/src/model/frontend';
import type { Schema } from '../../server/src/model/schema';
import { formatPrisma, lintPrisma, loadPrisma, renderPrismaFix, type PrismaResult } from '../../server/src/prisma';
import type { FixIntent } from '../../server/src/model/intents';
import { applyEdits, PG } from './helpers';

function formatted(r: PrismaResult, uri: string): string {
  const out = formatPrisma(r.engine, r.files, uri);
  assert.ok(out.ok, out.ok ? '' : out.error);
  return out.value;
}

/**
 * Renders `intent` (built from the loaded schema), applies it and checks: the exact fixed text, no
 * new Prisma error, and `prisma format` leaving the fixed file as it is (the inputs are formatted).
 */
function checkFix(files: SourceText[], makeIntent: (s: Schema) => FixIntent, expected: Record<string, string>, opts: { formattedInput?: boolean } = {}) {
  const before = loadPrisma(files);
  assert.deepEqual(before.problems.filter((p) => p.severity === 'error'), []);
  if (opts.formattedInput !== false) for (const f of files) assert.equal(formatted(before, f.uri), f.text, `${f.uri} is formatted`);
  const edits = before.render(makeIntent(before.schema));
  assert.ok(edits, 'rendered');
  const fixed = files.map((f) => ({ uri: f.uri, text: applyEdits(f.text, edits.filter((e) => e.uri === f.uri)) }));
  for (const [uri, text] of Object.entries(expected)) assert.equal(fixed.find((f) => f.uri === uri)?.text, text);
  for (const f of fixed) if (!(f.uri in expected)) assert.equal(f.text, files.find((x) => x.uri === f.uri)?.text, `${f.uri} untouched`);

  const linted = lintPrisma(before.engine, fixed);
  assert.ok(linted.ok);
  assert.deepEqual(linted.value.filter((d) => !d.warning), [], 'the fixed schema validates');
  const after = loadPrisma(fixed);
  if (opts.formattedInput !== false) for (const f of fixed) assert.equal(formatted(after, f.uri), f.text, `format leaves ${f.uri} as it is`);
  return { before, after, edits };
}

const table = (s: Schema, key: string) => {
  const t = s.tables.get(key);
  assert.ok(t, key);
  return t;
};
const column = (s: Schema, key: string, name: string) => {
  const c = table(s, key).columns.find((x) => x.name === name);
  assert.ok(c, `${key}.${name}`);
  return c;
};

const BLOG = `${PG}model User {
  id    Int    @id @default(autoincrement())
  posts Post[]
}

model Post {
  id       Int  @id @default(autoincrement())
  authorId Int  @map("author_id")
  author   User @relation(fields: [authorId], references: [id]) // who wrote it
}
`;

test('render addIndex: a model without block attributes gets a blank line and @@index of field names', () => {
  const uri = 'file:///blog.prisma';
  const { after } = checkFix(
    [{ uri, text: BLOG }],
    (s) => ({ kind: 'addIndex', table: table(s, 'post'), columns: ['author_id'] }),
    { [uri]: BLOG.replace('// who wrote it\n}', '// who wrote it\n\n  @@index([authorId])\n}') },
  );
  assert.deepEqual(table(after.schema, 'post').indexes.map((i) => i.columns), [['id'], ['author_id']]);
});

test('render addIndex: after the last @@id/@@unique/@@index (format\'s order), with its indentation and the file\'s CRLF', () => {
  const text = [
    'datasource db {',
    '    provider = "postgresql"',
    '}',
    '',
    'model User {',
    '    id    Int    @id',
    '    posts Post[]',
    '}',
    '',
    'model Post {',
    '    id       Int',
    '    authorId Int',
    '    author   User @relation(fields: [authorId], references: [id])',
    '',
    '    @@id([id]) // key',
    '    @@map("posts")',
    '    // a comment after the last attribute stays last',
    '}',
    '',
  ].join('\r\n');
  const expected = text.replace('@@id([id]) // key\r\n', '@@id([id]) // key\r\n    @@index([authorId])\r\n');
  const uri = 'file:///crlf.prisma';
  // Prisma format would re-indent to two spaces: only the text and validity are checked here.
  checkFix([{ uri, text }], (s) => ({ kind: 'addIndex', table: table(s, 'posts'), columns: ['authorId'] }), { [uri]: expected }, { formattedInput: false });
});

test('render addIndex: before @@map when the model has no key attribute yet', () => {
  const uri = 'file:///m.prisma';
  const text = BLOG.replace('// who wrote it\n}', '// who wrote it\n\n  @@map("posts")\n}');
  checkFix(
    [{ uri, text }],
    (s) => ({ kind: 'addIndex', table: table(s, 'posts'), columns: ['author_id'] }),
    { [uri]: text.replace('  @@map("posts")', '  @@index([authorId])\n  @@map("posts")') },
  );
});

test('render addIndex: in a multi-file schema the edit goes to the file holding the model', () => {
  const main = 'file:///p/schema/schema.prisma';
  const posts = 'file:///p/schema/post.prisma';
  const postText = 'model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n\n  @@index([id])\n}\n';
  const { edits } = checkFix(
    [
      { uri: main, text: `${PG}model User {\n  id    Int    @id\n  posts Post[]\n}\n` },
      { uri: posts, text: postText },
    ],
    (s) => ({ kind: 'addIndex', table: table(s, 'post'), columns: ['authorId'] }),
    { [posts]: postText.replace('@@index([id])\n', '@@index([id])\n  @@index([authorId])\n') },
  );
  assert.deepEqual(edits.map((e) => e.uri), [posts]);
});

const EVENTS = `${PG}model Event {
  id        Int       @id
  createdAt DateTime  @default(now()) // when it happened
  updatedAt DateTime  @updatedAt @db.Timestamp(6)
  deletedAt DateTime?
  payload   Json      @db.Json // raw
  name      String    @db.VarChar(100)
  price     Float     @default(0)
}
`;

test('render changeColumnType: add @db.Timestamptz(3) after the last attribute, before the comment', () => {
  const uri = 'file:///e.prisma';
  const { after } = checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'createdAt'), sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }),
    { [uri]: EVENTS.replace('@default(now()) // when', '@default(now()) @db.Timestamptz(3) // when') },
  );
  assert.deepEqual([column(after.schema, 'event', 'createdAt').type.name, column(after.schema, 'event', 'createdAt').type.params], ['timestamptz', [3]]);
});

test('render changeColumnType: a field with no attribute gets one in the attribute column of its run', () => {
  const uri = 'file:///e.prisma';
  checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'deletedAt'), sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }),
    { [uri]: EVENTS.replace('deletedAt DateTime?\n', 'deletedAt DateTime? @db.Timestamptz(3)\n') },
  );
  // The run ends at a blank line; a comment line does not end it.
  const text = `${PG}model A {\n  id Int @id\n\n  createdAt DateTime\n  // note\n  name      String   @default("")\n}\n`;
  checkFix(
    [{ uri, text }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'a'), column: column(s, 'a', 'createdAt'), sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }),
    { [uri]: text.replace('createdAt DateTime\n', 'createdAt DateTime @db.Timestamptz(3)\n') },
  );
  const wide = `${PG}model A {\n  id          Int      @id\n  createdAt   DateTime\n  description String   @default("")\n}\n`;
  checkFix(
    [{ uri, text: wide }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'a'), column: column(s, 'a', 'createdAt'), sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }),
    { [uri]: wide.replace('createdAt   DateTime\n', 'createdAt   DateTime @db.Timestamptz(3)\n') },
  );
});

test('render changeColumnType: replace @db.Timestamp(6) keeping its precision', () => {
  const uri = 'file:///e.prisma';
  checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'updatedAt'), sql: 'timestamptz', prismaNative: 'Timestamptz', keepParams: true }),
    { [uri]: EVENTS.replace('@db.Timestamp(6)', '@db.Timestamptz(6)') },
  );
});

test('render changeColumnType: prismaNative null drops @db.Json and its leading space, the comment stays', () => {
  const uri = 'file:///e.prisma';
  const { after } = checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'payload'), sql: 'jsonb', prismaNative: null, keepParams: false }),
    { [uri]: EVENTS.replace('Json      @db.Json // raw', 'Json // raw') },
  );
  assert.equal(column(after.schema, 'event', 'payload').type.name, 'jsonb');
});

test('render changeColumnType: prismaNative null at the end of a line drops the leading space, before another attribute the space after', () => {
  const uri = 'file:///e.prisma';
  checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'name'), sql: 'text', prismaNative: null, keepParams: false }),
    { [uri]: EVENTS.replace('name      String    @db.VarChar(100)', 'name      String') },
  );
  const text = `${PG}model U {\n  id    Int    @id\n  email String @db.VarChar(9) @unique\n}\n`;
  checkFix(
    [{ uri, text }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'u'), column: column(s, 'u', 'email'), sql: 'text', prismaNative: null, keepParams: false }),
    { [uri]: text.replace('@db.VarChar(9) @unique', '@unique') },
    // `prisma format` puts @db attributes last; this input is not formatted, the edit keeps @unique's column.
    { formattedInput: false },
  );
});

test('render changeColumnType: VarChar -> Text without params', () => {
  const uri = 'file:///e.prisma';
  checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'name'), sql: 'text', prismaNative: 'Text', keepParams: false }),
    { [uri]: EVENTS.replace('@db.VarChar(100)', '@db.Text') },
  );
});

test('render changeColumnType: Float -> Decimal @db.Decimal(12, 2) changes the scalar and keeps the attribute column', () => {
  const uri = 'file:///e.prisma';
  checkFix(
    [{ uri, text: EVENTS }],
    (s) => ({ kind: 'changeColumnType', table: table(s, 'event'), column: column(s, 'event', 'price'), sql: 'numeric(12,2)', prismaNative: 'Decimal', keepParams: false }),
    { [uri]: EVENTS.replace('price     Float     @default(0)', 'price     Decimal   @default(0) @db.Decimal(12, 2)') },
  );
});

test('render changeColumnType: from a SQL type alone (fk-type-mismatch: int4 -> int8)', () => {
  const uri = 'file:///k.prisma';
  const text = `${PG}model Account {
  id    BigInt @id
  users User[]
}

model User {
  id        Int     @id
  accountId Int
  account   Account @relation(fields: [accountId], references: [id])
}
`;
  // The original does not validate (Int -> BigInt reference); the fix makes it validate.
  const before = loadPrisma([{ uri, text }]);
  assert.ok(before.problems.some((p) => p.severity === 'error'));
  const edits = renderPrismaFix(
    { kind: 'changeColumnType', table: table(before.schema, 'user'), column: column(before.schema, 'user', 'accountId'), sql: 'int8', keepParams: false },
    before.files,
  );
  assert.ok(edits);
  const fixed = applyEdits(text, edits);
  assert.equal(fixed, text.replace('accountId Int\n', 'accountId BigInt\n'));
  assert.deepEqual(loadPrisma([{ uri, text: fixed }]).problems, []);
  // uuid needs a native type next to the String scalar.
  const uuid = renderPrismaFix(
    { kind: 'changeColumnType', table: table(before.schema, 'user'), column: column(before.schema, 'user', 'id'), sql: 'uuid', keepParams: false },
    before.files,
  );
  assert.equal(applyEdits(text, uuid!).includes('id        String  @id @db.Uuid\n'), true);
});

test('render replace: the span, verbatim', () => {
  const uri = 'file:///e.prisma';
  const start = EVENTS.indexOf('@default(0)');
  const edits = renderPrismaFix({ kind: 'replace', at: { uri, span: { start, end: start + 11 } }, newText: '@default(1)' }, [{ uri, text: EVENTS }]);
  assert.equal(applyEdits(EVENTS, edits!), EVENTS.replace('@default(0)', '@default(1)'));
});

test('render: targets that cannot be found or expressed give undefined', () => {
  const uri = 'file:///e.prisma';
  const r = loadPrisma([{ uri, text: EVENTS }]);
  const t = table(r.schema, 'event');
  // Nothing to drop.
  assert.equal(r.render({ kind: 'changeColumnType', table: t, column: column(r.schema, 'event', 'createdAt'), sql: 'timestamp', prismaNative: null, keepParams: false }), undefined);
  // A type Prisma cannot write on PostgreSQL.
  assert.equal(r.render({ kind: 'changeColumnType', table: t, column: column(r.schema, 'event', 'name'), sql: 'tsvector', keepParams: false }), undefined);
  // A model that is not in these files.
  const other = loadPrisma([{ uri: 'file:///o.prisma', text: `${PG}model Other {\n  id Int @id\n}\n` }]);
  assert.equal(r.render({ kind: 'addIndex', table: table(other.schema, 'other'), columns: ['id'] }), undefined);
});
