import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceText } from '../../server/src/model/frontend';
import type { Schema, Table } from '../../server/src/model/schema';
import { buildSchema, factsFromScan, loadPrisma } from '../../server/src/prisma';
import { MYSQL, PG, SQLITE } from './helpers';

function table(schema: Schema, key: string): Table {
  const t = schema.tables.get(key);
  assert.ok(t, `table ${key} in ${[...schema.tables.keys()].join(', ')}`);
  return t;
}

const at = (files: SourceText[], ref: { uri: string; span: { start: number; end: number } } | undefined) => {
  assert.ok(ref);
  const f = files.find((x) => x.uri === ref.uri);
  assert.ok(f, `file ${ref.uri}`);
  return f.text.slice(ref.span.start, ref.span.end);
};

/** Loads through the engine and checks that the scanner alone reads the same model. */
function load(text: string, uri = 'file:///schema.prisma') {
  const files = [{ uri, text }];
  const r = loadPrisma(files);
  assert.deepEqual(
    r.problems.filter((p) => p.severity === 'error'),
    [],
  );
  assert.equal(r.factsFrom, 'engine');
  assert.deepEqual(buildSchema(factsFromScan(r.scan), r.scan, r.schema.dialect), r.schema, 'scanner facts == engine facts');
  return { r, files };
}

const RELATIONS = `${PG}model User {
  id        Int      @id @default(autoincrement())
  email     String   @unique @map("email_address")
  mentorId  Int?     @map("mentor_id")
  mentor    User?    @relation("mentoring", fields: [mentorId], references: [id], onDelete: SetNull)
  mentees   User[]   @relation("mentoring")
  posts     Post[]
  profile   Profile?
  orgId     String
  orgRegion String
  org       Org      @relation(fields: [orgId, orgRegion], references: [id, region], onUpdate: Cascade, map: "user_org_fk")

  @@map("users")
}

model Profile {
  id     Int  @id @default(autoincrement())
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
}

model Post {
  id       String @id @default(uuid(7))
  authorId Int
  author   User   @relation(fields: [authorId], references: [id], onDelete: Cascade)
}

model Org {
  id     String
  region String
  users  User[]

  @@id([id, region])
}
`;

test('build: 1-n, 1-1, composite and self relations with @@map/@map', () => {
  const { r, files } = load(RELATIONS);
  const s = r.schema;
  assert.equal(s.dialect, 'postgresql');
  assert.deepEqual([...s.tables.keys()], ['users', 'profile', 'post', 'org']);

  const users = table(s, 'users');
  assert.equal(users.name, 'users');
  assert.equal(users.modelName, 'User');
  assert.equal(at(files, users.source), 'User');
  assert.ok(at(files, users.declaration).startsWith('model User {'));
  assert.deepEqual(
    users.columns.map((c) => [c.name, c.fieldName]),
    [
      ['id', undefined],
      ['email_address', 'email'],
      ['mentor_id', 'mentorId'],
      ['orgId', undefined],
      ['orgRegion', undefined],
    ],
  );
  assert.equal(users.columns[2].nullable, true);

  // Self relation: only the side with `fields:` is a foreign key.
  const [mentor, org] = users.foreignKeys;
  assert.equal(users.foreignKeys.length, 2);
  assert.deepEqual([mentor.columns, mentor.refTable, mentor.refColumns, mentor.onDelete], [['mentor_id'], 'users', ['id'], 'set null']);
  assert.equal(mentor.relationField, 'mentor');
  assert.equal(at(files, mentor.source), '@relation("mentoring", fields: [mentorId], references: [id], onDelete: SetNull)');
  assert.ok(at(files, mentor.declaration).startsWith('mentor    User?'));

  // Composite foreign key to a composite primary key.
  assert.deepEqual([org.columns, org.refTable, org.refColumns, org.onUpdate, org.onDelete, org.name], [
    ['orgId', 'orgRegion'],
    'Org',
    ['id', 'region'],
    'cascade',
    undefined,
    'user_org_fk',
  ]);

  // 1-1: the FK column is also unique.
  const profile = table(s, 'profile');
  assert.deepEqual(profile.foreignKeys.map((f) => [f.columns, f.refTable, f.refColumns]), [[['userId'], 'users', ['id']]]);
  assert.ok(profile.indexes.some((i) => i.kind === 'unique' && i.columns[0] === 'userId' && i.inline));

  // 1-n
  const post = table(s, 'post');
  assert.deepEqual(post.foreignKeys.map((f) => [f.columns, f.refTable, f.onDelete]), [[['authorId'], 'users', 'cascade']]);
  assert.deepEqual(post.columns[0].default, {
    text: 'uuid(7)',
    fn: 'uuid',
    args: ['7'],
    source: { uri: 'file:///schema.prisma', span: post.columns[0].default!.source!.span },
  });
  assert.equal(at(files, post.columns[0].default?.source), '@default(uuid(7))');

  assert.deepEqual(table(s, 'org').indexes.map((i) => [i.kind, i.columns, i.inline]), [['primary', ['id', 'region'], undefined]]);
  assert.equal(table(s, 'org').foreignKeys.length, 0, 'back-relation lists are no foreign keys');
});

test('build: indexes of every kind, with names, methods and sources', () => {
  const { r, files } = load(`${PG}model Item {
  id        Int      @id(map: "item_pk")
  sku       String   @unique(map: "item_sku_key")
  ownerId   Int
  kind      String
  createdAt DateTime
  data      Json

  @@unique([ownerId, kind], name: "owner_kind", map: "item_owner_kind_key")
  @@index([ownerId, createdAt(sort: Desc)])
  @@index([kind], type: Hash, map: "item_kind_hash")
  @@index([data(ops: JsonbPathOps)], type: Gin)
}
`);
  const t = table(r.schema, 'item');
  assert.deepEqual(
    t.indexes.map((i) => [i.kind, i.columns, i.name, i.method, i.inline, at(files, i.source)]),
    [
      ['primary', ['id'], 'item_pk', undefined, true, '@id(map: "item_pk")'],
      ['unique', ['sku'], 'item_sku_key', undefined, true, '@unique(map: "item_sku_key")'],
      ['unique', ['ownerId', 'kind'], 'item_owner_kind_key', undefined, undefined, '@@unique([ownerId, kind], name: "owner_kind", map: "item_owner_kind_key")'],
      ['index', ['ownerId', 'createdAt'], undefined, undefined, undefined, '@@index([ownerId, createdAt(sort: Desc)])'],
      ['index', ['kind'], 'item_kind_hash', 'hash', undefined, '@@index([kind], type: Hash, map: "item_kind_hash")'],
      ['index', ['data'], undefined, 'gin', undefined, '@@index([data(ops: JsonbPathOps)], type: Gin)'],
    ],
  );
});

test('build: index columns are database names, @@fulltext on MySQL', () => {
  const { r } = load(`${MYSQL}model Doc {
  id    Int    @id @map("doc_id")
  title String @map("doc_title") @db.VarChar(200)
  body  String @db.Text

  @@fulltext([title, body])
  @@index([title])
}
`);
  const t = table(r.schema, 'doc');
  assert.deepEqual(
    t.indexes.map((i) => [i.kind, i.columns, i.method]),
    [
      ['primary', ['doc_id'], undefined],
      ['index', ['doc_title', 'body'], 'fulltext'],
      ['index', ['doc_title'], undefined],
    ],
  );
});

const ALL_TYPES = `model T {
  id  Int      @id
  s   String
  b   Boolean
  bi  BigInt
  f   Float
  d   Decimal
  dt  DateTime
  j   Json
  by  Bytes
  arr Int[]
  e   Mood?
}

enum Mood {
  HAPPY
  SAD   @map("sad")

  @@map("mood_kind")
}
`;

function types(schema: Schema): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of table(schema, 't').columns) {
    out[c.name] = `${c.type.name}${c.type.params.length ? `(${c.type.params.join(',')})` : ''}${c.type.array ? '[]' : ''}`;
  }
  return out;
}

test('build: the database type Prisma creates, per provider', () => {
  // Arrays are PostgreSQL-only; enums are not supported on SQLite.
  const pg = load(PG + ALL_TYPES).r.schema;
  assert.deepEqual(types(pg), {
    id: 'int4', s: 'text', b: 'bool', bi: 'int8', f: 'float8', d: 'numeric(65,30)', dt: 'timestamp(3)', j: 'jsonb', by: 'bytea', arr: 'int4[]', e: 'mood_kind',
  });
  const e = table(pg, 't').columns.find((c) => c.name === 'e')!;
  assert.equal(e.type.isEnum, true);
  assert.equal(e.nullable, true);
  assert.deepEqual(pg.enums.get('mood_kind'), { name: 'mood_kind', values: ['HAPPY', 'sad'], source: pg.enums.get('mood_kind')!.source });

  const my = load(MYSQL + ALL_TYPES.replace('  arr Int[]\n', '')).r.schema;
  assert.deepEqual(types(my), {
    id: 'int', s: 'varchar(191)', b: 'bool', bi: 'bigint', f: 'double', d: 'decimal(65,30)', dt: 'datetime(3)', j: 'json', by: 'longblob', e: 'mood_kind',
  });
  const lite = load(SQLITE + ALL_TYPES.replace('  arr Int[]\n', '').replace('  e   Mood?\n', '').replace(/enum Mood[\s\S]*$/, '')).r.schema;
  assert.deepEqual(types(lite), {
    id: 'integer', s: 'text', b: 'boolean', bi: 'bigint', f: 'real', d: 'decimal', dt: 'datetime', j: 'jsonb', by: 'blob',
  });
});

test('build: native types, Unsupported, defaults and @updatedAt', () => {
  const { r, files } = load(`datasource db {
  provider = "postgres"
}

model N {
  id        String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid
  at        DateTime @default(now()) @db.Timestamptz(6)
  plain     DateTime @updatedAt @db.Timestamptz
  name      String   @db.VarChar(255)
  code      String   @db.Char(2)
  price     Decimal  @db.Decimal(12, 2)
  doc       Json     @db.Json
  small     Int      @db.SmallInt
  seq       Int      @default(autoincrement())
  search    Unsupported("tsvector")?
  embedding Unsupported("vector(1536)")?
  cuid      String   @default(cuid())
  label     String   @default("x")
}
`);
  const t = table(r.schema, 'n');
  const c = (n: string) => t.columns.find((x) => x.name === n)!;
  assert.deepEqual(c('id').type.name, 'uuid');
  assert.deepEqual([c('at').type.name, c('at').type.params], ['timestamptz', [6]]);
  assert.deepEqual([c('plain').type.name, c('plain').type.params, c('plain').updatedAt], ['timestamptz', [], true]);
  assert.deepEqual([c('name').type.name, c('name').type.params], ['varchar', [255]]);
  assert.equal(c('code').type.name, 'bpchar');
  assert.deepEqual([c('price').type.name, c('price').type.params], ['numeric', [12, 2]]);
  assert.equal(c('doc').type.name, 'json');
  assert.equal(c('small').type.name, 'int2');
  assert.deepEqual([c('search').type.name, c('search').type.written, c('search').type.prisma?.scalar], ['tsvector', 'Unsupported("tsvector")', 'Unsupported']);
  assert.deepEqual([c('embedding').type.name, c('embedding').type.params], ['vector', [1536]]);

  const at0 = c('at').type;
  assert.equal(at0.written, 'DateTime');
  assert.equal(at(files, at0.source), 'DateTime');
  assert.deepEqual([at0.prisma?.scalar, at0.prisma?.native?.name, at0.prisma?.native?.args], ['DateTime', 'Timestamptz', ['6']]);
  assert.equal(at(files, at0.prisma?.native?.source), '@db.Timestamptz(6)');

  assert.deepEqual([c('id').default?.fn, c('id').default?.args], ['dbgenerated', ['"gen_random_uuid()"']]);
  assert.deepEqual([c('seq').default?.fn, c('seq').default?.generated], ['autoincrement', 'autoincrement']);
  assert.equal(c('cuid').default?.fn, 'cuid');
  assert.deepEqual([c('label').default?.text, c('label').default?.fn], ['"x"', undefined]);
  assert.equal(c('at').default?.fn, 'now');
  assert.equal(at(files, c('name').source), 'name');
  assert.equal(at(files, c('name').declaration), 'name      String   @db.VarChar(255)');
});

test('build: views are views and carry no foreign keys', () => {
  const { r } = load(`${PG}generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views"]
}

model User {
  id    Int        @id
  stats UserStats?
}

view UserStats {
  userId Int  @unique
  user   User @relation(fields: [userId], references: [id])
  posts  Int
}
`);
  const v = table(r.schema, 'userstats');
  assert.equal(v.kind, 'view');
  assert.deepEqual(v.foreignKeys, []);
  assert.deepEqual(v.columns.map((c) => c.name), ['userId', 'posts']);
  assert.equal(table(r.schema, 'user').kind, 'table');
});

test('build: @@schema qualifies keys outside the default schema', () => {
  const { r } = load(`datasource db {
  provider = "postgresql"
  schemas  = ["public", "auth"]
}

model Account {
  id     Int  @id
  userId Int
  user   User @relation(fields: [userId], references: [id])

  @@schema("public")
}

model User {
  id       Int       @id
  accounts Account[]

  @@map("users")
  @@schema("auth")
}
`);
  assert.deepEqual([...r.schema.tables.keys()], ['account', 'auth.users']);
  assert.equal(table(r.schema, 'auth.users').schema, 'auth');
  assert.equal(table(r.schema, 'account').foreignKeys[0].refTable, 'auth.users');
});

test('build: a multi-file schema folder is one schema whose elements point into their own files', () => {
  const files = [
    { uri: 'file:///p/schema/schema.prisma', text: `${PG}model User {\n  id    Int    @id\n  posts Post[]\n}\n` },
    {
      uri: 'file:///p/schema/post.prisma',
      text: 'model Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n',
    },
  ];
  const r = loadPrisma(files);
  assert.deepEqual(r.problems, []);
  assert.equal(r.factsFrom, 'engine');
  const post = table(r.schema, 'post');
  assert.equal(post.source.uri, 'file:///p/schema/post.prisma');
  assert.equal(post.foreignKeys[0].source.uri, 'file:///p/schema/post.prisma');
  assert.equal(at(files, post.foreignKeys[0].source), '@relation(fields: [authorId], references: [id])');
  assert.equal(table(r.schema, 'user').declaration.uri, 'file:///p/schema/schema.prisma');
  assert.equal(r.scan.length, 2);
});

test('build: a half-typed schema falls back to the scanner and still yields the model', () => {
  const files = [
    {
      uri: 'file:///h.prisma',
      text: `${PG}model User {\n  id    Int    @id\n  posts Post[]\n}\n\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n  tit\n`,
    },
  ];
  const r = loadPrisma(files);
  assert.equal(r.factsFrom, 'scanner');
  assert.ok(r.problems.some((p) => p.severity === 'error'));
  const post = table(r.schema, 'post');
  assert.deepEqual(post.columns.map((c) => c.name), ['id', 'authorId']);
  assert.deepEqual(post.foreignKeys.map((f) => f.columns), [['authorId']]);
});

test('build: comments are listed for suppression directives', () => {
  const r = loadPrisma([{ uri: 'u', text: `${PG}model A {\n  // db-design-disable-next-line prefer-timestamptz\n  at DateTime\n  id Int @id /// doc\n}\n` }]);
  assert.deepEqual(
    r.comments.map((c) => c.body),
    ['db-design-disable-next-line prefer-timestamptz', 'doc'],
  );
});
