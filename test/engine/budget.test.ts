/**
 * The editor's guard: work on one document that runs past its budget stops, keeps what it found, and says in
 * one info finding what it did not check. Budgets here are injected (which phase is out of time, after how
 * many asks) or run on a fake clock: nothing depends on how fast the machine is.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FileAnalysis } from '../../server/src/engine/analyze';
import { Budget, type BudgetPhase } from '../../server/src/model/budget';
import { prepare } from '../helpers/rule-tester';

/** Says `phase` is spent once it has been asked about `after` times; every other phase has time. */
class CutBudget extends Budget {
  private asked = 0;
  constructor(
    private readonly phase: BudgetPhase,
    private readonly after: number,
  ) {
    super(2000, () => 0);
  }
  override spent(phase: BudgetPhase): boolean {
    return phase === this.phase && ++this.asked > this.after;
  }
}

const UPDATES = 40;
/** A table without a key until the last statement (pg_dump's order), and updates the statement rules flag. */
const code = ['CREATE TABLE t (id bigint NOT NULL, note text);', ...Array.from({ length: UPDATES }, (_, i) => `UPDATE t SET note = 'n${i}';`), 'ALTER TABLE t ADD PRIMARY KEY (id);', ''].join('\n');
const statementStarts = [0, ...[...code.matchAll(/\n(?=\S)/g)].map((m) => m.index + 1)];

async function analyse(budget?: Budget): Promise<FileAnalysis> {
  const p = prepare({ language: 'sql', code, file: 'dump.sql' });
  return p.engine.analyze(p.uri, code, 'sql', budget ? { budget } : {});
}

function notices(a: FileAnalysis) {
  return a.findings.filter((f) => /checked this file only in part/.test(f.message));
}

describe('editor budget', () => {
  it('without a budget, or with time to spare, everything is checked and nothing is said', async () => {
    const full = await analyse();
    assert.equal(full.findings.filter((f) => f.rule === 'update-without-where').length, UPDATES);
    assert.equal(notices(full).length, 0);
    const roomy = await analyse(new Budget(2000, () => 0));
    assert.deepEqual(
      roomy.findings.map((f) => [f.rule, f.span.start]),
      full.findings.map((f) => [f.rule, f.span.start]),
    );
  });

  for (const phase of ['parse', 'replay'] as const) {
    it(`out of time while ${phase === 'parse' ? 'reading' : 'replaying'} statements: findings up to there, one notice where checking stopped`, async () => {
      const kept = 11;
      const a = await analyse(new CutBudget(phase, kept));
      const [notice, ...more] = notices(a);
      assert.ok(notice && more.length === 0, 'one notice');
      assert.equal(notice.severity, 'info');
      assert.equal(notice.span.start, statementStarts[kept], 'at the first statement not checked');
      assert.match(notice.message, new RegExp(`last ${statementStarts.length - kept} statements`));
      assert.match(notice.message, /npx db-design check dump\.sql/);
      const updates = a.findings.filter((f) => f.rule === 'update-without-where');
      assert.equal(updates.length, kept - 1, 'the statements before the cut are checked');
      assert.ok(updates.every((f) => f.span.start < notice.span.start));
      // The key comes in the unread part: design rules over a half-read table would report it missing.
      assert.ok(!a.findings.some((f) => f.rule === 'require-primary-key'));
    });
  }

  it('out of time for the rules: what ran is kept, the notice counts the rules left out', async () => {
    const a = await analyse(new CutBudget('rules', 0));
    const [notice, ...more] = notices(a);
    assert.ok(notice && more.length === 0);
    assert.equal(notice.span.start, 0);
    assert.match(notice.message, /\d+ rules did not run/);
    assert.equal(a.findings.filter((f) => f.rule === 'update-without-where').length, 0);
  });

  it('a fake clock: reading stops at its share of the budget, the rest of the file is left', async () => {
    let now = 0;
    // One millisecond per reading of the clock: reading statements stops at 30% of 100 ms.
    const a = await analyse(new Budget(100, () => now++));
    const [notice] = notices(a);
    assert.ok(notice && notice.span.start > 0 && notice.span.start < code.length);
    assert.equal(a.unit.schema.tables.get('t')?.indexes.some((i) => i.kind === 'primary'), false, 'the schema holds what was read');
  });

  it('a migration checked in part does not change what the migrations after it see', async () => {
    const files = {
      'prisma/migrations/migration_lock.toml': 'provider = "postgresql"\n',
      'prisma/migrations/20200101000000_a/migration.sql': code,
      'prisma/migrations/20200102000000_b/migration.sql': 'CREATE INDEX t_id_idx ON t (id);\n',
    };
    const second = '20200102000000_b/migration.sql';
    const run = async (cutFirst: boolean) => {
      const p = prepare({ language: 'sql', code: files[`prisma/migrations/${second}`], file: `prisma/migrations/${second}`, files });
      if (cutFirst) {
        const first = p.uri.replace(second, '20200101000000_a/migration.sql');
        const a = await p.engine.analyze(first, code, 'sql', { budget: new CutBudget('replay', 5) });
        assert.equal(notices(a).length, 1);
      }
      const b = await p.engine.analyze(p.uri, p.text, 'sql');
      return b.findings.map((f) => `${f.rule}@${f.span.start}`);
    };
    const alone = await run(false);
    // The key the first migration adds at its end makes the second one's index redundant.
    assert.ok(alone.some((f) => f.startsWith('redundant-index@')), alone.join(', '));
    assert.deepEqual(await run(true), alone);
  });
  it('runs the budget stops go on from where the last one stopped, until the file is checked whole', async () => {
    // Each run may replay 60 statements; the replay keeps a state every 16, and the next run of the same
    // text starts from the last one (the editor runs again while each run gets further).
    const long = ['CREATE TABLE t (id bigint NOT NULL, note text);', ...Array.from({ length: 200 }, (_, i) => `UPDATE t SET note = 'n${i}';`), 'ALTER TABLE t ADD PRIMARY KEY (id);', ''].join('\n');
    const p = prepare({ language: 'sql', code: long, file: 'dump.sql' });
    const full = await prepare({ language: 'sql', code: long, file: 'dump.sql' }).engine.analyze(p.uri, long, 'sql');
    const reached: number[] = [];
    let a: FileAnalysis;
    do {
      a = await p.engine.analyze(p.uri, long, 'sql', { budget: new CutBudget('replay', 60) });
      if (a.partial !== undefined) reached.push(a.partial.from);
      assert.ok(reached.length < 10, `no end in sight: ${reached.join(', ')}`);
    } while (a.partial !== undefined);
    assert.ok(reached.length >= 2, `${reached.length} runs stopped early`);
    assert.deepEqual(reached, [...reached].sort((x, y) => x - y), 'each run got further');
    assert.equal(notices(a).length, 0);
    assert.deepEqual(
      a.findings.map((f) => [f.rule, f.span.start, f.message]),
      full.findings.map((f) => [f.rule, f.span.start, f.message]),
    );
  });
});
