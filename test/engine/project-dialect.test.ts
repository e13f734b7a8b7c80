import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { prepare } from '../helpers/rule-tester';

const typedSql = 'SELECT id FROM "User" WHERE name LIKE :pattern;\n';

describe('dialect of SQL files in a Prisma project', () => {
  it('takes SQLite from migration_lock.toml: no PostgreSQL syntax error on a TypedSQL query', async () => {
    const p = prepare({
      language: 'sql',
      file: 'prisma/sql/search.sql',
      code: typedSql,
      files: { 'prisma/migrations/migration_lock.toml': 'provider = "sqlite"\n' },
    });
    const a = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.equal(a.unit.schema.dialect, 'sqlite');
    assert.deepEqual(a.findings.filter((f) => f.rule === 'syntax-error'), []);
  });

  it('takes the datasource provider of schema.prisma', async () => {
    const p = prepare({
      language: 'sql',
      file: 'prisma/sql/search.sql',
      code: typedSql,
      files: { 'prisma/schema.prisma': 'datasource db {\n  provider = "mysql"\n}\n' },
    });
    const a = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.equal(a.unit.schema.dialect, 'mysql');
  });

  it('a PostgreSQL project still gets PostgreSQL syntax errors', async () => {
    const p = prepare({
      language: 'sql',
      file: 'prisma/sql/search.sql',
      code: typedSql,
      files: { 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n' },
    });
    const a = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.equal(a.findings.filter((f) => f.rule === 'syntax-error').length, 1);
  });

  it('a folder name beats the project (a sqlite/ folder inside a PostgreSQL project)', async () => {
    const p = prepare({
      language: 'sql',
      file: 'db/sqlite/001.sql',
      code: 'CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);\n',
      files: { 'prisma/schema.prisma': 'datasource db {\n  provider = "postgresql"\n}\n' },
    });
    const a = await p.engine.analyze(p.uri, p.text, 'sql');
    assert.equal(a.unit.schema.dialect, 'sqlite');
  });
});
