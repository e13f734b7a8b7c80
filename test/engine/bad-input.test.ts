/** Bad input gets a clear answer, never a crash: CRLF, BOM, binary, huge, half-typed, non-ASCII identifiers. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/edits';
import { repoRoot } from '../helpers/paths';
import { prepare } from '../helpers/rule-tester';

describe('bad input', () => {
  it('CRLF: spans and fixes stay exact and keep CRLF', async () => {
    for (const [language, code, needle] of [
      ['sql', 'CREATE TABLE users (id bigint PRIMARY KEY);\r\nCREATE TABLE posts (id bigint PRIMARY KEY,\r\n  author_id bigint REFERENCES users (id));\r\n', 'REFERENCES'],
      ['prisma', 'datasource db {\r\n  provider = "postgresql"\r\n}\r\nmodel U {\r\n  id Int @id\r\n  ps P[]\r\n}\r\nmodel P {\r\n  id  Int @id\r\n  uId Int\r\n  u   U   @relation(fields: [uId], references: [id])\r\n}\r\n', 'u   U   @relation'],
    ] as const) {
      const p = prepare({ language, code });
      const a = await p.engine.analyze(p.uri, code, language);
      const f = a.findings.find((x) => x.rule === 'fk-missing-index')!;
      assert.equal(f.span.start, code.indexOf(needle), language);
      const fixed = applyEdits(code, f.fixes[0].edits);
      assert.doesNotMatch(fixed.replace(/\r\n/g, ''), /\n/, `${language}: the fix wrote a bare \\n into a CRLF file`);
      const after = await p.engine.analyze(p.uri, fixed, language);
      assert.ok(!after.findings.some((x) => x.rule === 'fk-missing-index' || x.severity === 'error'), language);
    }
  });

  it('non-ASCII identifiers are modelled and flagged at the right place', async () => {
    const code = 'CREATE TABLE "Benutzer" (id bigint PRIMARY KEY);\nCREATE TABLE "Beiträge" (id bigint PRIMARY KEY, "作者" bigint REFERENCES "Benutzer" (id), "größe" timestamp);\n';
    const p = prepare({ language: 'sql', code });
    const a = await p.engine.analyze(p.uri, code, 'sql');
    const ts = a.findings.find((f) => f.rule === 'prefer-timestamptz')!;
    assert.equal(code.slice(ts.span.start, ts.span.end), 'timestamp');
    const fk = a.findings.find((f) => f.rule === 'fk-missing-index')!;
    assert.match(applyEdits(code, fk.fixes[0].edits), /CREATE INDEX "Beiträge_作者_idx" ON "Beiträge" \("作者"\);/);
  });

  it('half-typed SQL and Prisma: findings for what parses, no throw', async () => {
    const sql = prepare({ language: 'sql', code: 'CREATE TABLE a (id bigint PRIMARY KEY, at timestamp);\nCREATE TABLE b (id bigint PRI' });
    const a = await sql.engine.analyze(sql.uri, sql.text, 'sql');
    assert.deepEqual(a.findings.map((f) => f.rule).filter((r) => r === 'prefer-timestamptz' || r === 'syntax-error').sort(), ['prefer-timestamptz', 'syntax-error']);
    const prisma = prepare({ language: 'prisma', code: 'datasource db {\n  provider = "postgresql"\n}\nmodel A {\n  id Int @id\n  at DateTime\n  b' });
    const b = await prisma.engine.analyze(prisma.uri, prisma.text, 'prisma');
    assert.ok(b.findings.length >= 1);
  });

  it('the CLI skips binary and oversized files with a clear note, and checks the rest', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-bad-'));
    try {
      fs.writeFileSync(path.join(dir, 'binary.sql'), Buffer.from([0x53, 0x45, 0, 1, 2, 0xff, 0xfe, 0]));
      fs.writeFileSync(path.join(dir, 'bom.sql'), '\uFEFFCREATE TABLE t (id bigint PRIMARY KEY, at timestamp);\n');
      const line = 'INSERT INTO t VALUES (1, now());\n';
      fs.writeFileSync(path.join(dir, 'huge.sql'), line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)));
      const res = spawnSync(process.execPath, [path.join(repoRoot, 'bin', 'db-design.js'), 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8' });
      assert.notEqual(res.status, 2, res.stderr);
      const out = JSON.parse(res.stdout) as { diagnostics: { file: string; rule: string; message: string; range: { start: { character: number } } }[] };
      const huge = out.diagnostics.filter((d) => d.file === 'huge.sql');
      assert.equal(huge.length, 1);
      assert.match(huge[0].message, /MB/);
      assert.ok(!out.diagnostics.some((d) => d.file === 'binary.sql'));
      const bom = out.diagnostics.find((d) => d.file === 'bom.sql' && d.rule === 'prefer-timestamptz')!;
      assert.equal(bom.range.start.character, 'CREATE TABLE t (id bigint PRIMARY KEY, at '.length, 'columns count from after the BOM, as editors show them');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
