/**
 * What the report says about its scope and its findings: files counted as a reader counts migrations,
 * severity counts that are the findings' own, and findings that hurt production listed first.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtml, renderMarkdown } from '../../server/src/report';
import { describeSource } from '../../server/src/report/render/text';
import { project, report } from './helpers';

describe('report wording', () => {
  it('counts up migrations, not down files, as migrations', async () => {
    const p = project({
      'db/migrations/000001_users.up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);',
      'db/migrations/000001_users.down.sql': 'DROP TABLE users;',
      'db/migrations/000002_email.up.sql': 'ALTER TABLE users ADD COLUMN email text;',
      'db/migrations/000002_email.down.sql': 'ALTER TABLE users DROP COLUMN email;',
      'db/migrations/000003_name.up.sql': 'ALTER TABLE users ADD COLUMN name text;',
    });
    const data = await report(p, 'db/migrations');
    assert.deepEqual(data.source.migrations, { up: 3, down: 2 });
    assert.equal(data.source.files.length, 5);
    const line = describeSource(data);
    assert.match(line, /· 3 migrations \(2 down files\)$/);
    assert.doesNotMatch(line, /5 files/);
    assert.ok(data.notes.some((n) => /replayed from 3 SQL files/.test(n)), data.notes.join('\n'));
    assert.match(renderMarkdown(data), /3 migrations \(2 down files\)/);
  });

  it('a single SQL file is a file, not a migration', async () => {
    const data = await report(project({ 'db/schema.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);' }), 'db/schema.sql');
    assert.equal(data.source.migrations, undefined);
    assert.match(describeSource(data), /· 1 file$/);
  });

  it('an uncovered foreign key with its finding is counted in the severities', async () => {
    const p = project({ 'db/schema.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));\n' });
    const data = await report(p, 'db/schema.sql');
    assert.deepEqual(data.fkCoverage.uncovered.map((u) => [u.table, u.reported]), [['posts', true]]);
    assert.equal(data.fkCoverage.unreportedWhy, undefined);
    const fkFindings = data.findings.byRule.find((g) => g.rule === 'fk-missing-index')!.items;
    assert.equal(fkFindings.length, 1);
    assert.equal(data.findings.counts[fkFindings[0].severity] >= 1, true);
    const md = renderMarkdown(data);
    assert.doesNotMatch(md, /not among this report's findings/);
    assert.match(md, /- Findings: [^\n]*\b1 warning\b/);
    // One of anything reads singular, wherever the report counts.
    for (const page of [md, renderHtml(data)]) assert.doesNotMatch(page, /\b1 (error|warning|hint|finding|problem|file|table|column|relation|migration|index)(e?s)\b/);
  });

  it("generated migrations' uncovered foreign keys say where their findings are, and the severities stay the findings'", async () => {
    const p = project({
      'prisma/schema.prisma': `
        datasource db {
          provider = "postgresql"
        }
        model User {
          id    BigInt @id
          posts Post[]
        }
        model Post {
          id       BigInt @id
          authorId BigInt
          author   User   @relation(fields: [authorId], references: [id])
        }
      `,
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20240101000000_init/migration.sql': `
        -- CreateTable
        CREATE TABLE "User" (
            "id" BIGINT NOT NULL,

            CONSTRAINT "User_pkey" PRIMARY KEY ("id")
        );

        -- CreateTable
        CREATE TABLE "Post" (
            "id" BIGINT NOT NULL,
            "authorId" BIGINT NOT NULL,

            CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
        );

        -- AddForeignKey
        ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
      `,
    });
    const data = await report(p, 'prisma/migrations');
    assert.equal(data.source.kind, 'sql');
    assert.deepEqual(data.fkCoverage.uncovered.map((u) => [u.table, u.reported]), [['Post', false]]);
    assert.equal(data.findings.byRule.some((g) => g.rule === 'fk-missing-index'), false);
    const listed = data.findings.byRule.reduce((n, g) => n + g.items.length, 0);
    assert.equal(Object.values(data.findings.counts).reduce((a, b) => a + b, 0), listed);
    assert.match(data.fkCoverage.unreportedWhy!, /fk-missing-index reports them on \.\.\/schema\.prisma, which these migrations are generated from/);
    assert.match(renderMarkdown(data), /It is not among this report's findings: fk-missing-index reports them on \.\.\/schema\.prisma/);
    const page = renderHtml(data, { nonce: 'N' });
    assert.match(page, /It is not among this report&#39;s findings|It is not among this report's findings/);
    assert.doesNotMatch(page, /0 \/ 0 \/ 0 \/ 0/);

    // The schema itself carries the finding, and then says nothing of the kind.
    const whole = await report(p, 'prisma');
    assert.deepEqual(whole.fkCoverage.uncovered.map((u) => u.reported), [true]);
    assert.equal(whole.fkCoverage.unreportedWhy, undefined);
  });

  it('a TypeORM project: the entities are the schema drawn, its TypeScript migrations are counted as scripts', async () => {
    const migration = (cls: string, sql: string) =>
      `import { MigrationInterface, QueryRunner } from 'typeorm'\nexport class ${cls} implements MigrationInterface {\n  public async up(queryRunner: QueryRunner): Promise<void> {\n    await queryRunner.query(\`${sql}\`)\n  }\n  public async down(): Promise<void> {}\n}\n`;
    const p = project({
      'package.json': '{"dependencies": {"typeorm": "0.3.20", "pg": "8.11.0"}}',
      'src/entity/User.ts': "import { Entity, PrimaryGeneratedColumn } from 'typeorm'\n@Entity('users')\nexport class User {\n  @PrimaryGeneratedColumn()\n  id: number\n}\n",
      'src/entity/Post.ts':
        "import { Entity, ManyToOne, PrimaryGeneratedColumn } from 'typeorm'\nimport { User } from './User'\n@Entity()\nexport class Post {\n  @PrimaryGeneratedColumn()\n  id: number\n  @ManyToOne(() => User)\n  author: User\n}\n",
      'src/migrations/1700000000000-Init.ts': migration('Init1700000000000', 'CREATE TABLE "users" ("id" SERIAL PRIMARY KEY)'),
      'src/migrations/1700000000001-Posts.ts': migration('Posts1700000000001', 'CREATE TABLE "post" ("id" SERIAL PRIMARY KEY, "authorId" integer REFERENCES "users" ("id"))'),
    });
    const data = await report(p, '');
    assert.equal(data.source.kind, 'typescript');
    assert.match(describeSource(data), /^TypeScript schema · PostgreSQL · 2 tables/);
    assert.deepEqual(data.tables.map((t) => t.name).sort(), ['Post', 'User']);
    assert.ok(data.notes.some((n) => /findings also cover 2 migration scripts/.test(n)), data.notes.join('\n'));
    const migrations = await report(p, 'src/migrations');
    assert.ok(migrations.notes.some((n) => /replayed from 2 migration scripts/.test(n)), migrations.notes.join('\n'));
    const one = await report(p, 'src/migrations/1700000000000-Init.ts');
    assert.match(describeSource(one), /^Migration script · /);
  });

  it('a rule turned off leaves its uncovered foreign keys out of the findings, and says so', async () => {
    const p = project({
      'db/db-design.json': '{ "rules": { "fk-missing-index": "off" } }',
      'db/schema.sql': 'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id));\n',
    });
    const data = await report(p, 'db/schema.sql');
    assert.deepEqual(data.fkCoverage.uncovered.map((u) => u.reported), [false]);
    assert.match(renderMarkdown(data), /It is not among this report's findings: fk-missing-index is off or suppressed for them\./);
  });

  it('what hurts production comes first, even before a convention configured as an error', async () => {
    const p = project({
      'db/db-design.json': '{ "rules": { "prefer-timestamptz": "error" } }',
      'db/schema.sql':
        'CREATE TABLE users (id bigint PRIMARY KEY, created_at timestamp, updated_at timestamp);\n' +
        'CREATE TABLE tags (id bigint PRIMARY KEY, created_at timestamp, updated_at timestamp);\n' +
        'CREATE TABLE posts (id bigint PRIMARY KEY, author_id bigint REFERENCES users (id), created_at timestamptz, updated_at timestamptz);\n',
    });
    const data = await report(p, 'db/schema.sql');
    const order = data.findings.byRule.map((g) => g.rule);
    assert.ok(order.includes('prefer-timestamptz'), order.join(' '));
    assert.equal(order[0], 'fk-missing-index', order.join(' '));
    // The Markdown and the page list them in the same order.
    const md = renderMarkdown(data);
    assert.ok(md.indexOf('### [fk-missing-index]') < md.indexOf('### [prefer-timestamptz]'));
    const page = renderHtml(data, { nonce: 'N' });
    assert.ok(page.indexOf('data-rule="fk-missing-index"') < page.indexOf('data-rule="prefer-timestamptz"'));
  });
});
