/**
 * Every quick fix the design rules offer on Prisma schemas of each provider: applied one by one to
 * a formatted schema, each must validate in Prisma's engine and leave `prisma format` nothing to do.
 * The schemas are formatted by Prisma itself first, so "formatted" is Prisma's word, not ours.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/model/findings';
import { formatPrisma, loadPrisma } from '../../server/src/prisma';
import { prepare } from '../helpers/rule-tester';
import { FixChecker } from './fix-check';

function formatted(text: string): string {
  const uri = 'file:///fmt/schema.prisma';
  const unit = loadPrisma([{ uri, text }]);
  const out = formatPrisma(unit.engine, [{ uri, text }], uri);
  assert.ok(out.ok);
  return out.value;
}

interface Natives {
  varchar: string;
  json: string;
  money: string;
  char: string;
  uuid: string;
  /** The default of an Int key (CockroachDB wants sequence()). */
  serial?: string;
  /** The second relation into Comment (SQL Server refuses two cascade paths). */
  userRelation?: string;
}

const KITCHEN_SINK = (provider: string, natives: Natives) => `
generator client {
  provider = "prisma-client"
  output = "./generated"
  previewFeatures = ["partialIndexes"]
}

datasource db {
  provider = "${provider}"
}

model User {
  id Int @id @default(${natives.serial ?? 'autoincrement()'})
  email String @unique ${natives.varchar}
  status String @default("active") // lifecycle
  balance Float @default(0)
${natives.json === 'none' ? '' : `  settings Json ${natives.json}\n`}  country String ${natives.char}
  deletedAt DateTime?
  posts Post[]
  comments Comment[]

  @@index([email])
}

model Post {
  id String @id @default(uuid()) ${natives.uuid}
  authorId Int
  author User @relation(fields: [authorId], references: [id])
  published Boolean
  createdAt DateTime @default(now())
  total Decimal ${natives.money}
  comments Comment[]

  @@index([published])
  @@index([createdAt, authorId])
}

model Comment {
  id Int @id
  postId String
  post Post @relation(fields: [postId], references: [id], onUpdate: Cascade)
  userId Int?
  user User? @relation(fields: [userId], references: [id]${natives.userRelation ?? ''})
  tagIds String
}
`;

const PROVIDERS: Record<string, Natives> = {
  postgresql: { varchar: '@db.VarChar(255)', json: '@db.Json', money: '@db.Money', char: '@db.Char(2)', uuid: '@db.Uuid' },
  cockroachdb: { varchar: '@db.String(255)', json: '', money: '', char: '@db.Char(2)', uuid: '@db.Uuid', serial: 'sequence()' },
  mysql: { varchar: '@db.VarChar(191)', json: '', money: '', char: '@db.Char(2)', uuid: '@db.Char(36)' },
  sqlite: { varchar: '', json: '', money: '', char: '', uuid: '' },
  sqlserver: { varchar: '@db.NVarChar(255)', json: 'none', money: '', char: '@db.NChar(2)', uuid: '@db.UniqueIdentifier', userRelation: ', onDelete: NoAction, onUpdate: NoAction' },
};

async function findings(text: string): Promise<{ findings: Finding[]; uri: string; engine: 6 | 7 }> {
  const p = prepare({ language: 'prisma', code: text });
  const a = await p.engine.analyze(p.uri, p.text, 'prisma');
  return { findings: a.findings, uri: p.uri, engine: (a.unit as unknown as { engine: 6 | 7 }).engine };
}

describe('design fixes on formatted Prisma schemas', () => {
  for (const [provider, natives] of Object.entries(PROVIDERS)) {
    it(`${provider}: every fix validates and stays formatted`, async (t) => {
      // SQL Server has no enums, lists or partial indexes in Prisma; the schema stays valid without them.
      const source = provider === 'sqlserver' ? KITCHEN_SINK(provider, natives).replace('  previewFeatures = ["partialIndexes"]\n', '') : KITCHEN_SINK(provider, natives);
      const text = formatted(source);
      const { findings: found, uri, engine } = await findings(text);
      assert.deepEqual(found.filter((f) => f.rule === 'prisma-validation' && f.severity === 'error').map((f) => f.message), []);
      const checker = new FixChecker(engine, [{ uri, text }]);
      const candidates = found.flatMap((f) => f.fixes.map((fix, i) => ({ finding: f, fix, group: `${f.rule}:${f.span.start}:${i}` })));
      // One fix at a time: these all sit in three models and may interact.
      const problems = candidates.flatMap((c) => checker.check([c]).map((p) => `${p.rule} "${p.fix}": ${p.problem}`));
      assert.deepEqual(problems, []);
      const fixed = [...new Set(candidates.map((c) => c.finding.rule))].sort();
      t.diagnostic(`${candidates.length} fixes (${fixed.join(', ')})`);
      assert.ok(fixed.includes('fk-on-delete') && fixed.includes('redundant-index') && fixed.includes('require-timestamps'), fixed.join(', '));
    });
  }

  it('the checker itself notices a broken fix and an unformatted one', () => {
    const text = formatted(KITCHEN_SINK('postgresql', PROVIDERS.postgresql));
    const uri = 'file:///x/schema.prisma';
    const checker = new FixChecker(7, [{ uri, text }]);
    const at = text.indexOf('  status');
    const finding: Finding = { rule: 'test', severity: 'info', message: '', uri, span: { start: at, end: at }, fixes: [] };
    const broken = { title: 'broken', safe: false, edits: [{ uri, span: { start: at, end: at }, newText: '  oops Nope\n' }] };
    const ugly = { title: 'ugly', safe: false, edits: [{ uri, span: { start: at, end: at }, newText: '  averyveryverylongname Int\n' }] };
    const problems = checker.check([
      { finding, fix: broken, group: 'a' },
      { finding, fix: ugly, group: 'b' },
    ]);
    const kinds = problems.map((p) => `${p.fix}: ${p.problem.startsWith('new Prisma error') ? 'invalid' : 'unformatted'}`);
    assert.ok(kinds.includes('broken: invalid'), kinds.join('; '));
    assert.deepEqual(kinds.filter((k) => k.startsWith('ugly')), ['ugly: unformatted']);
  });
});
