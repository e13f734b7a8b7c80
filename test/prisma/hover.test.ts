/**
 * Prisma hovers: what the word under the cursor becomes in the database for the schema's provider,
 * the trade-offs, and links to the rules that check it; on a model name, the rules it breaks.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hoverAt, withRuleLinks } from '../../server/src/engine/hover';
import { loadPrisma } from '../../server/src/prisma';
import { prepare } from '../helpers/rule-tester';

const schema = (provider: string, extra = '') => `datasource db {
  provider = "${provider}"${extra}
}

model User {
  id        String    @id @default(uuid())
  email     String    @unique @db.VarChar(255)
  balance   Decimal   @db.Decimal(12, 2)
  createdAt DateTime  @default(now())
  updatedAt DateTime  @updatedAt
  settings  Json
  role      Role      @default(MEMBER)
  tags      String[]
  posts     Post[]

  @@index([createdAt, email])
  @@map("users")
}

model Post {
  id       BigInt @id @default(autoincrement())
  authorId String @map("author_id")
  author   User   @relation(fields: [authorId], references: [id])
  score    Int

  @@unique([authorId, score])
}

enum Role {
  MEMBER
  ADMIN
}
`;

function hover(provider: string, needle: string, at = 1, extra = '') {
  const text = schema(provider, extra);
  const uri = 'file:///h/schema.prisma';
  const unit = loadPrisma([{ uri, text }]);
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, needle);
  const h = unit.hover?.(uri, offset + at);
  assert.ok(h, `no hover on ${needle}`);
  assert.equal(text.slice(h.span.start, h.span.end).length > 0, true);
  return { markdown: withRuleLinks(h), covered: text.slice(h.span.start, h.span.end) };
}

describe('Prisma hovers', () => {
  it('DateTime: timestamp(3) without time zone on PostgreSQL, with the rule link', () => {
    const h = hover('postgresql', 'DateTime  @default(now())');
    assert.equal(h.covered, 'DateTime');
    assert.match(h.markdown, /`timestamp\(3\) without time zone`/);
    assert.match(h.markdown, /@db\.Timestamptz/);
    assert.match(h.markdown, /\[prefer-timestamptz\]\([^)]*prefer-timestamptz\.md\)/);
  });

  it('DateTime on MySQL says datetime(3) and gives no timestamptz advice', () => {
    const h = hover('mysql', 'DateTime  @default(now())');
    assert.match(h.markdown, /`datetime\(3\)`/);
    assert.doesNotMatch(h.markdown, /prefer-timestamptz|Timestamptz/);
  });

  it('String: text on PostgreSQL, varchar(191) on MySQL, nvarchar on SQL Server', () => {
    assert.match(hover('postgresql', 'String    @unique').markdown, /`text`/);
    assert.match(hover('mysql', 'String    @unique').markdown, /varchar\(191\)/);
  });

  it('Json: jsonb and GIN on PostgreSQL', () => {
    const h = hover('postgresql', 'Json');
    assert.match(h.markdown, /`jsonb`/);
    assert.match(h.markdown, /GIN/);
  });

  it('String[] is a native array on PostgreSQL', () => {
    assert.match(hover('postgresql', 'String[]').markdown, /native array/);
  });

  it('@db.VarChar(255): the column type and the text-vs-varchar trade-off', () => {
    const h = hover('postgresql', '@db.VarChar(255)');
    assert.equal(h.covered, '@db.VarChar(255)');
    assert.match(h.markdown, /`varchar\(255\)`/);
    assert.match(h.markdown, /prefer-text-over-varchar/);
  });

  it('@unique: the unique index Prisma creates, with its default name and mapped table', () => {
    const h = hover('postgresql', '@unique');
    assert.equal(h.covered, '@unique');
    assert.match(h.markdown, /CREATE UNIQUE INDEX "users_email_key" ON "users" \("email"\);/);
  });

  it('@id and @default(uuid()): the primary key, and a client-side random v4', () => {
    assert.match(hover('postgresql', '@id @default(uuid())').markdown, /CONSTRAINT "users_pkey" PRIMARY KEY \("id"\)/);
    const d = hover('postgresql', '@default(uuid())');
    assert.match(d.markdown, /UUID v4/);
    assert.match(d.markdown, /not by the database/);
    assert.match(d.markdown, /prefer-uuidv7/);
  });

  it('@default(autoincrement()): what it is per provider', () => {
    assert.match(hover('postgresql', '@default(autoincrement())').markdown, /SERIAL/);
    assert.match(hover('mysql', '@default(autoincrement())').markdown, /AUTO_INCREMENT/);
    assert.match(hover('sqlite', '@default(autoincrement())').markdown, /rowid/);
  });

  it('@@index: the CREATE INDEX statement, the leading-prefix rule and related rules (MySQL quoting)', () => {
    const h = hover('mysql', '@@index([createdAt, email])');
    assert.equal(h.covered, '@@index([createdAt, email])');
    assert.match(h.markdown, /CREATE INDEX `users_createdAt_email_idx` ON `users` \(`createdAt`, `email`\);/);
    assert.match(h.markdown, /leading prefix/);
    assert.match(h.markdown, /composite-index-order/);
  });

  it('@@unique uses database column names (@map)', () => {
    assert.match(hover('postgresql', '@@unique([authorId, score])').markdown, /"Post_author_id_score_key" ON "Post" \("author_id", "score"\)/);
  });

  it('@relation: the foreign key with the implicit action and the missing index', () => {
    const h = hover('postgresql', '@relation(fields');
    assert.match(h.markdown, /"Post_author_id_fkey"/);
    assert.match(h.markdown, /ON DELETE RESTRICT ON UPDATE CASCADE/);
    assert.match(h.markdown, /not written: Prisma's default for a required relation/);
    assert.match(h.markdown, /fk-missing-index/);
  });

  it('@relation with relationMode = "prisma": no foreign key in the database', () => {
    const h = hover('postgresql', '@relation(fields', 1, '\n  relationMode = "prisma"');
    assert.match(h.markdown, /no foreign key/);
  });

  it('enum field types list the values', () => {
    const h = hover('postgresql', 'Role      @default');
    assert.match(h.markdown, /native enum/);
    assert.match(h.markdown, /`MEMBER`, `ADMIN`/);
  });

  it('@updatedAt is set by Prisma Client, not by the database', () => {
    assert.match(hover('postgresql', '@updatedAt').markdown, /raw SQL/);
  });

  it('nothing on a blank in a model, or outside models', () => {
    const text = schema('postgresql');
    const unit = loadPrisma([{ uri: 'file:///h/schema.prisma', text }]);
    assert.equal(unit.hover?.('file:///h/schema.prisma', text.indexOf('provider')), undefined);
  });

  it('on a model name: the table summary and the rules the model breaks', async () => {
    const p = prepare({ language: 'prisma', code: schema('postgresql') });
    const a = await p.engine.analyze(p.uri, p.text, 'prisma');
    const h = hoverAt(a, p.text.indexOf('model User') + 7);
    assert.ok(h);
    assert.match(h.markdown, /\*\*Table\*\*/);
    assert.match(h.markdown, /Findings \(\d+\):/);
    assert.match(h.markdown, /\[prefer-uuidv7\]\([^)]+\): Generate UUID keys/);
  });

  it('on a model name with a finding there: the finding, and the table in one line', async () => {
    const p = prepare({ language: 'prisma', code: schema('postgresql') });
    const a = await p.engine.analyze(p.uri, p.text, 'prisma');
    const h = hoverAt(a, p.text.indexOf('model Post') + 7);
    assert.ok(h);
    assert.match(h.markdown, /^\[require-timestamps\]/);
    assert.doesNotMatch(h.markdown, /\*\*Table\*\*/);
    assert.match(h.markdown, /^`Post`: 3 columns · 1 index · 1 foreign key\.$/m);
  });
});
