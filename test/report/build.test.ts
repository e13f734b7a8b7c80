/** The report's data: what it says about a schema, for Prisma and SQL alike, and where it points. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { project, report } from './helpers';

const PRISMA = `
  datasource db {
    provider = "postgresql"
  }

  model User {
    id        String   @id @default(uuid())
    email     String   @unique @db.VarChar(255)
    createdAt DateTime @default(now())
    profile   Profile?
    posts     Post[]
  }

  model Profile {
    id     BigInt @id @default(autoincrement())
    userId String @unique
    user   User   @relation(fields: [userId], references: [id])
  }

  model Post {
    id        Int      @id @default(autoincrement())
    authorId  String
    editorId  String?
    author    User     @relation("written", fields: [authorId], references: [id], onDelete: Cascade)
    editor    User?    @relation("edited", fields: [editorId], references: [id])
    price     Float
    meta      Json     @db.Json

    @@index([authorId])
  }
`;

describe('report data from a Prisma schema', () => {
  it('lists tables with typed columns, key markers and indexes, in name order', async () => {
    const p = project({ 'prisma/schema.prisma': PRISMA.replace('posts     Post[]', 'posts     Post[] @relation("written")\n    edited    Post[] @relation("edited")') });
    const data = await report(p, 'prisma/schema.prisma');
    assert.equal(data.source.kind, 'prisma');
    assert.deepEqual(data.tables.map((t) => t.name), ['Post', 'Profile', 'User']);
    const user = data.tables.find((t) => t.name === 'User')!;
    assert.deepEqual(
      user.columns.map((c) => [c.name, c.type, c.keys.join(' ')]),
      [
        ['id', 'String', 'PK'],
        ['email', 'String @db.VarChar(255)', 'UK'],
        ['createdAt', 'DateTime', ''],
      ],
    );
    assert.equal(user.columns[1].shortType, 'VarChar(255)');
    assert.equal(data.summary.relations, 3);
  });

  it('counts foreign keys covered by an index and lists the uncovered ones with their position', async () => {
    const p = project({ 'prisma/schema.prisma': PRISMA.replace('posts     Post[]', 'posts     Post[] @relation("written")\n    edited    Post[] @relation("edited")') });
    const data = await report(p, 'prisma/schema.prisma');
    // author (covered by @@index), editor (not), profile.userId (covered by @unique).
    assert.equal(data.fkCoverage.total, 3);
    assert.equal(data.fkCoverage.covered, 2);
    assert.equal(data.fkCoverage.uncovered.length, 1);
    const u = data.fkCoverage.uncovered[0];
    assert.deepEqual([u.table, u.columns], ['Post', ['editorId']]);
    assert.equal(u.at.path, 'schema.prisma');
    const lines = p.host.files.get(`${p.root}/prisma/schema.prisma`)!.split('\n');
    assert.match(lines[u.at.range.start.line].slice(u.at.range.start.character), /^@relation\("edited"/);
  });

  it('derives cardinality and optionality of relations', async () => {
    const p = project({ 'prisma/schema.prisma': PRISMA.replace('posts     Post[]', 'posts     Post[] @relation("written")\n    edited    Post[] @relation("edited")') });
    const data = await report(p, 'prisma/schema.prisma');
    const rel = (child: string, cols: string) => data.relations.find((r) => r.child === child && r.childColumns.join() === cols)!;
    assert.deepEqual([rel('profile', 'userId').cardinality, rel('profile', 'userId').optional], ['one-to-one', false]);
    assert.deepEqual([rel('post', 'authorId').cardinality, rel('post', 'authorId').optional], ['many-to-one', false]);
    assert.deepEqual([rel('post', 'editorId').cardinality, rel('post', 'editorId').optional], ['many-to-one', true]);
    assert.equal(rel('post', 'authorId').parent, 'user');
  });

  it('counts type hygiene patterns whatever the rule settings', async () => {
    const p = project({
      'prisma/schema.prisma': PRISMA.replace('posts     Post[]', 'posts     Post[] @relation("written")\n    edited    Post[] @relation("edited")'),
      'prisma/db-design.json': '{ "rules": { "prefer-timestamptz": "off" } }',
    });
    const data = await report(p, 'prisma/schema.prisma');
    const count = (id: string) => data.hygiene.find((h) => h.id === id)!.items.map((i) => `${i.table}.${i.column}`);
    assert.deepEqual(count('timestamp-without-time-zone'), ['User.createdAt']);
    assert.deepEqual(count('varchar-n'), ['User.email']);
    assert.deepEqual(count('json-not-jsonb'), ['Post.meta']);
    assert.deepEqual(count('float-money'), ['Post.price']);
    assert.deepEqual(count('uuid-v4-key'), ['User.id']);
    assert.deepEqual(count('int4-key'), ['Post.id']);
    assert.ok(!data.findings.byRule.some((g) => g.rule === 'prefer-timestamptz'), 'the rule is off: no finding, but the count stays');
  });
});

describe('report data from SQL', () => {
  it('replays a migrations folder in path order: a later file indexes an earlier FK', async () => {
    const p = project({
      'migrations/001_init/migration.sql': `
        CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
        CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint NOT NULL REFERENCES users (id), at timestamp);
      `,
      'migrations/002_index/migration.sql': `CREATE INDEX posts_author_id_idx ON posts (author_id);`,
    });
    const data = await report(p, 'migrations');
    assert.equal(data.source.kind, 'sql');
    assert.deepEqual(data.source.files, ['001_init/migration.sql', '002_index/migration.sql']);
    assert.deepEqual(data.tables.map((t) => t.name), ['posts', 'users']);
    assert.deepEqual([data.fkCoverage.covered, data.fkCoverage.total], [1, 1]);
    const posts = data.tables.find((t) => t.name === 'posts')!;
    assert.equal(posts.foreignKeys[0].coveredBy, 'posts_author_id_idx');
    assert.equal(posts.indexes.find((i) => i.name === 'posts_author_id_idx')!.at!.path, '002_index/migration.sql');
    assert.ok(data.notes.some((n) => /replayed from 2 SQL files/.test(n)), data.notes.join('\n'));
  });

  it('replays Flyway migrations in version order, as diagnostics do: V10 after V2', async () => {
    const p = project({
      'db/migration/V2__users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);',
      'db/migration/V10__email.sql': 'ALTER TABLE users ADD COLUMN email text;',
    });
    const data = await report(p, 'db/migration');
    const users = data.tables.find((t) => t.name === 'users')!;
    assert.deepEqual(users.columns.map((c) => c.name), ['id', 'email']);
    assert.ok(data.notes.some((n) => /replayed from 2 SQL files in the order flyway applies them/.test(n)), data.notes.join('\n'));
  });

  it('loose SQL files (no migration runner) replay in natural order', async () => {
    const p = project({
      'sql/2_users.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);',
      'sql/10_email.sql': 'ALTER TABLE users ADD COLUMN email text;',
    });
    const data = await report(p, 'sql');
    assert.deepEqual(data.tables.find((t) => t.name === 'users')!.columns.map((c) => c.name), ['id', 'email']);
  });

  it("a Prisma project's migrations are in the datasource's dialect, as check lints them", async () => {
    // Plain SQL: nothing in the files themselves says MySQL; the datasource does.
    const p = project({
      'prisma/schema.prisma': 'datasource db {\n  provider = "mysql"\n  url = env("DATABASE_URL")\n}\n\nmodel User {\n  id Int @id @default(autoincrement())\n}\n',
      'prisma/migrations/20240101000000_init/migration.sql': 'CREATE TABLE User (\n  id INTEGER NOT NULL,\n  PRIMARY KEY (id)\n);\n',
      'prisma/migrations/20240102000000_name/migration.sql': 'ALTER TABLE User ADD COLUMN name VARCHAR(191) NULL;\n',
    });
    const data = await report(p, 'prisma/migrations');
    assert.equal(data.source.kind, 'sql');
    assert.equal(data.source.dialect, 'mysql');
    const analysis = await p.engine.analyze(p.uri('prisma/migrations/20240102000000_name/migration.sql'), p.host.files.get(`${p.root}/prisma/migrations/20240102000000_name/migration.sql`)!, 'sql');
    assert.equal(analysis.unit.schema.dialect, data.source.dialect);
    assert.deepEqual(data.tables.find((t) => t.name === 'User')!.columns.map((c) => c.name), ['id', 'name']);
  });

  it('groups findings by rule, worst first, each pointing at its line and UTF-16 column', async () => {
    // Emoji and CJK before the flagged type: a byte or code-point column would be off.
    const p = project({ 'db/schema.sql': `CREATE TABLE events (id bigint PRIMARY KEY, /* 🎉 中文 */ created_at timestamp NOT NULL);\n` });
    const data = await report(p, 'db/schema.sql');
    const group = data.findings.byRule.find((g) => g.rule === 'prefer-timestamptz')!;
    assert.equal(group.docs, 'https://example.test/docs/prefer-timestamptz.md');
    assert.equal(group.summary.length > 0, true);
    const at = group.items[0].at;
    const line = p.host.files.get(`${p.root}/db/schema.sql`)!.split('\n')[at.range.start.line];
    assert.equal(line.slice(at.range.start.character, at.range.end.character), 'timestamp');
    assert.equal(data.findings.counts.warning >= 1, true);
  });

  it('among findings of one severity, what hurts production comes before a more frequent convention', async () => {
    const p = project({
      'db/schema.sql':
        'CREATE TABLE users (id bigint PRIMARY KEY, created_at timestamp, updated_at timestamp);\n' +
        'CREATE TABLE tags (id bigint PRIMARY KEY, created_at timestamp, updated_at timestamp);\n' +
        'CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id), created_at timestamptz, updated_at timestamptz);\n',
    });
    const data = await report(p, 'db/schema.sql');
    const warnings = data.findings.byRule.filter((g) => g.items.some((i) => i.severity === 'warning')).map((g) => `${g.rule} ${g.items.length}`);
    assert.deepEqual(warnings, ['fk-missing-index 1', 'prefer-timestamptz 2']);
  });

  it('in a folder with a Prisma schema and migrations, draws the Prisma schema and says so', async () => {
    const p = project({
      'prisma/schema.prisma': `
        datasource db {
          provider = "postgresql"
        }
        model A {
          id BigInt @id
        }
      `,
      'prisma/migrations/001/migration.sql': 'CREATE TABLE "A" (id bigint PRIMARY KEY, at timestamp);',
    });
    const data = await report(p, 'prisma');
    assert.equal(data.source.kind, 'prisma');
    assert.deepEqual(data.tables.map((t) => t.name), ['A']);
    assert.ok(data.findings.byRule.some((g) => g.rule === 'prefer-timestamptz' && g.items[0].at.path === 'migrations/001/migration.sql'));
    assert.ok(data.notes.some((n) => /findings also cover 1 SQL file/.test(n)));
  });

  it('an empty folder gives an empty report, not an error', async () => {
    const p = project({ 'docs/readme.txt': 'nothing here' });
    const data = await report(p, 'docs');
    assert.equal(data.source.kind, 'empty');
    assert.equal(data.tables.length, 0);
    assert.deepEqual(data.fkCoverage, { total: 0, covered: 0, uncovered: [] });
  });
});
