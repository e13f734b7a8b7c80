/**
 * A design rule marked `perTable` says that what it reports on a table depends on that table alone. The engine then
 * runs it table by table and keeps its reports on the tables a keystroke left as they were. Held here to the rule run
 * over the whole schema: the same reports in the same order, on generated schemas and on every schema of the corpus.
 * Also checked: the engine's findings after keystrokes, against a fresh engine's.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { Engine, pathToUri, type FileAnalysis } from '../../server/src/engine/analyze';
import { designWork, PerTableReports } from '../../server/src/engine/per-table';
import type { Finding } from '../../server/src/model/findings';
import type { Schema } from '../../server/src/model/schema';
import { allRules } from '../../server/src/rules/registry';
import { ruleApplies, type Report, type Rule } from '../../server/src/rules/types';
import { ensureSqlParser } from '../../server/src/sql';
import { manifest } from '../helpers/manifest';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';
import { disk } from '../helpers/prisma-corpus';
import { prepare } from '../helpers/rule-tester';

before(() => ensureSqlParser());

const perTable = allRules.filter((r) => r.meta.perTable);

/** Tables with what the per-table rules look at: types, keys, indexes, soft deletes, row level security. */
function sqlSchema(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(
      `CREATE TABLE t${i} (\n  id serial PRIMARY KEY,\n  code char(4),\n  price money,\n  amount float8,\n  name varchar(40) NOT NULL,\n  tags text,\n  status text CHECK (status IN ('a', 'b')),\n` +
        `  payload json,\n  uid uuid DEFAULT gen_random_uuid(),\n  tenant_id bigint,\n  deleted_at timestamp,\n  created timestamp DEFAULT now()${i % 3 ? '' : ',\n  UNIQUE (name)'}\n);`,
      `CREATE INDEX t${i}_name_idx ON t${i} (name);`,
      `CREATE INDEX t${i}_name_code_idx ON t${i} (name, code);`,
      i % 4 ? `ALTER TABLE t${i} ENABLE ROW LEVEL SECURITY;` : `CREATE TABLE ${'x'.repeat(60)}_${i} (a int);`,
    );
  }
  return out.join('\n') + '\n';
}

function prismaSchema(n: number): string {
  const out = ['datasource db {\n  provider = "postgresql"\n  url      = env("DATABASE_URL")\n}\n'];
  for (let i = 0; i < n; i++) {
    out.push(
      `model M${i} {\n  id        Int      @id @default(autoincrement())\n  email     String   @db.VarChar(200)\n  price     Float\n  tags      String\n  status    String\n` +
        `  createdAt DateTime @default(now())\n  deletedAt DateTime?\n${i ? `  parentId  Int\n  parent    M${i - 1} @relation(fields: [parentId], references: [id])\n` : ''}` +
        `${i + 1 < n ? `  children  M${i + 1}[]\n` : ''}\n  @@unique([email])\n  @@index([email, status])\n}\n`,
    );
  }
  return out.join('\n');
}

function reportsOf(rule: Rule, schema: Schema, language: 'prisma' | 'sql', tables: 'whole' | 'one by one' | 'engine'): string {
  const out: Report[] = [];
  const ctx = { schema, dialect: schema.dialect, language, pgVersion: 16, options: {}, optionsOf: () => undefined, report: (r: Report) => out.push(r) };
  if (tables === 'whole') rule.checkSchema!(ctx);
  // The engine's way: the tables walked together, each report kept with the table it was made at.
  else if (tables === 'engine') out.push(...new PerTableReports().reports(rule, 'k', schema, ctx));
  else for (const t of schema.tables.values()) rule.checkSchema!({ ...ctx, schema: { dialect: schema.dialect, tables: new Map([[t.key, t]]), enums: new Map() } });
  return JSON.stringify(out);
}

/** Each per-table rule's reports on `schema`, whole and one table at a time; returns how many reports there were. */
function compare(schema: Schema, language: 'prisma' | 'sql', where: string): number {
  let reports = 0;
  for (const rule of perTable) {
    if (!ruleApplies(rule.meta, language, schema.dialect)) continue;
    const whole = reportsOf(rule, schema, language, 'whole');
    assert.equal(reportsOf(rule, schema, language, 'one by one'), whole, `${rule.meta.id} on ${where}`);
    const alone = designWork.alone;
    assert.equal(reportsOf(rule, schema, language, 'engine'), whole, `${rule.meta.id} on ${where}, as the engine runs it`);
    assert.equal(designWork.alone, alone, `${rule.meta.id} reported outside its walk over the tables`);
    reports += (JSON.parse(whole) as unknown[]).length;
  }
  return reports;
}

async function schemaOf(language: 'prisma' | 'sql', code: string): Promise<Schema> {
  const p = prepare({ language, code, file: language === 'prisma' ? 'schema.prisma' : 'schema.sql' });
  return (await p.engine.analyze(p.uri, p.text, language)).unit.schema;
}

describe('design rules marked perTable', () => {
  it('report table by table what they report over the whole schema', async () => {
    assert.ok(perTable.length >= 10, `${perTable.length} rules`);
    assert.ok(compare(await schemaOf('sql', sqlSchema(12)), 'sql', 'generated SQL') > 50);
    assert.ok(compare(await schemaOf('prisma', prismaSchema(12)), 'prisma', 'generated Prisma') > 20);
  });

  it('on every schema of the corpus', { skip: corpusRoot ? false : NO_CORPUS }, async () => {
    const engine = new Engine(disk);
    const rows = manifest().filter((r) => r.kind === 'prisma' || (r.kind === 'sql' && r.dialect !== 'generic'));
    // A Prisma schema, and the last SQL file of each project (its history's end state).
    const lastSql = new Map<string, string>();
    for (const r of rows) if (r.kind === 'sql') lastSql.set(r.project, r.path);
    const files = [...rows.filter((r) => r.kind === 'prisma').map((r) => r.path), ...lastSql.values()];
    let reports = 0;
    for (const rel of files) {
      const file = path.join(corpusRoot!, rel);
      const language = rel.endsWith('.prisma') ? 'prisma' : 'sql';
      const a = await engine.analyze(pathToUri(file), disk.readFile(file) ?? '', language);
      reports += compare(a.unit.schema, language, rel);
    }
    assert.ok(reports > 1000, `${reports} reports compared`);
  });

  it('are run again only on the tables a keystroke rebuilt; the findings are a fresh engine\'s', async () => {
    const plain = (f: Finding) => ({ rule: f.rule, message: f.message, span: f.span, related: f.related, fixes: f.fixes.map((x) => ({ title: x.title, edits: x.edits })) });
    for (const language of ['prisma', 'sql'] as const) {
      let text = language === 'prisma' ? prismaSchema(30) : sqlSchema(30);
      const p = prepare({ language, code: text, file: language === 'prisma' ? 'schema.prisma' : 'schema.sql' });
      const analyse = (e: Engine, uri: string, t: string): Promise<FileAnalysis> => e.analyze(uri, t, language);
      await analyse(p.engine, p.uri, text);
      // Keystrokes in a name in the last table: the tables before it stay the same objects.
      const at = text.lastIndexOf('  tags') + '  tags'.length;
      for (let k = 0; k < 3; k++) {
        text = text.slice(0, at) + 'x' + text.slice(at);
        const runs = designWork.tableRuns;
        const kept = await analyse(p.engine, p.uri, text);
        // The first keystroke after opening a Prisma schema builds every model again; the ones after it, the edited
        // model. In SQL the replay resumes from the last state kept before the edit: the tables after it are new.
        if (k > 0) assert.ok(designWork.tableRuns - runs <= 4 * perTable.length, `${language}: ${designWork.tableRuns - runs} table runs after keystroke ${k}`);
        const other = prepare({ language, code: text, file: language === 'prisma' ? 'schema.prisma' : 'schema.sql' });
        const fresh = await analyse(other.engine, other.uri, other.text);
        const json = (a: FileAnalysis, uri: string) => JSON.stringify(a.findings.map(plain)).split(uri).join('URI');
        assert.equal(json(kept, p.uri), json(fresh, other.uri), `${language} after keystroke ${k}`);
        assert.ok(kept.findings.length > 30);
      }
    }
  });
});
