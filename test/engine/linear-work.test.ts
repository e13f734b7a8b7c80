/**
 * The linear shape of the work, by counting it (not timing it): from N to 4N statements or migrations the
 * work grows about 4 times, never 16. Counters: characters split and handed to libpg-query, statements
 * applied in replays, files replayed and schemas copied by the migration history.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { parseWork } from '../../server/src/sql/parse';
import { splitWork } from '../../server/src/sql/split';
import { snapshotWork } from '../../server/src/model/snapshot';
import { replayWork } from '../../server/src/workspace/file-replay';
import { MemoryHost } from '../helpers/rule-tester';

/** Linear work grows 4 times from N to 4N; a little more is fixed costs amortised, 16 would be quadratic. */
const MAX_GROWTH = 5;

type Counts = Record<string, number>;
function snapshot(): Counts {
  return {
    splitChars: splitWork.chars,
    parsedChars: parseWork.parsedChars,
    scannedChars: parseWork.scannedChars,
    statementsParsed: parseWork.statements,
    statementsApplied: replayWork.statementsApplied,
    filesReplayed: replayWork.filesReplayed,
    schemasCopied: replayWork.schemasCopied,
    snapshots: snapshotWork.snapshots,
  };
}
async function measure(run: () => Promise<void>): Promise<Counts> {
  const before = snapshot();
  await run();
  const after = snapshot();
  return Object.fromEntries(Object.keys(after).map((k) => [k, after[k] - before[k]]));
}
function assertLinear(small: Counts, large: Counts, what: string): void {
  for (const k of Object.keys(large)) {
    if (large[k] === 0) continue;
    // A counter that is zero at N but not at 4N grew from nothing: that is not a shape, say so.
    assert.ok(small[k] > 0, `${what}: ${k} is 0 for N but ${large[k]} for 4N`);
    assert.ok(large[k] <= MAX_GROWTH * small[k], `${what}: ${k} grew ${(large[k] / small[k]).toFixed(1)}x from N to 4N (${small[k]} -> ${large[k]})`);
  }
}

let run = 0;
/** Statement texts differ from run to run, so the parser's statement cache cannot hide work. */
function tableStatements(i: number, sep: string): string[] {
  const t = `r${run}_t${i}`;
  return [
    `CREATE TABLE app.${t} (${sep}id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,${sep}"order" integer NOT NULL,${sep}name varchar(200) NOT NULL,${sep}created_at timestamp);`,
    `CREATE INDEX ${t}_name_idx ON app.${t} (name);`,
    `ALTER TABLE app.${t} ADD CONSTRAINT ${t}_name_len CHECK (char_length(name) > 0);`,
    `COMMENT ON TABLE app.${t} IS 'table ${i}; with a semicolon';`,
    `/* rows */ INSERT INTO app.${t} ("order", name) VALUES (1, $b$body; with a semicolon$b$);`,
    `UPDATE app.${t} SET name = 'x' WHERE id = ${i};`,
  ];
}

async function checkFile(tables: number, sep: string, join: string): Promise<void> {
  run++;
  const parts: string[] = [];
  for (let i = 0; i < tables; i++) parts.push(...tableStatements(i, sep));
  const text = parts.join(join);
  const file = path.resolve('/linear', `run${run}`, 'dump.sql');
  const host = new MemoryHost();
  host.files.set(file, text);
  const a = await new Engine(host).analyze(pathToUri(file), text, 'sql');
  assert.ok(a.findings.length > 0);
}

/** A Prisma history of `migrations` files (3 statements in every 2), in a host of its own. */
function historyHost(migrations: number): { host: MemoryHost; files: string[] } {
  run++;
  const root = path.resolve('/linear', `history${run}`);
  const host = new MemoryHost() as MemoryHost & { revision(): number };
  host.revision = () => 0;
  const M = (i: number) => path.join(root, 'prisma', 'migrations', `${String(20200101000000 + i * 100)}_m${i}`, 'migration.sql');
  host.files.set(path.join(root, 'prisma', 'migrations', 'migration_lock.toml'), 'provider = "postgresql"\n');
  const files: string[] = [];
  for (let i = 0; i < migrations; i++) {
    const name = `r${run}_t${Math.floor(i / 2)}`;
    const t = `"${name}"`;
    host.files.set(
      M(i),
      i % 2 === 0
        ? `CREATE TABLE ${t} ("id" BIGSERIAL NOT NULL, "name" TEXT NOT NULL, CONSTRAINT "${name}_pkey" PRIMARY KEY ("id"));\n`
        : `ALTER TABLE ${t} ADD COLUMN "note" TEXT;\nCREATE INDEX "${name}_name_idx" ON ${t}("name");\n`,
    );
    files.push(M(i));
  }
  return { host, files };
}

/** Every migration of the set, in order, with one engine; the findings of each file. */
async function checkInOrder(history: { host: MemoryHost; files: string[] }, inOrder = false): Promise<unknown[]> {
  const engine = new Engine(history.host, undefined, { inOrder });
  const out: unknown[] = [];
  for (const f of history.files) {
    const a = await engine.analyze(pathToUri(f), history.host.files.get(f)!, 'sql');
    out.push(a.findings.map((x) => ({ ...x, fixes: x.fixes })));
  }
  return out;
}

async function checkHistory(migrations: number): Promise<void> {
  await checkInOrder(historyHost(migrations));
}

describe('linear work', () => {
  it('one long line of statements (a minified dump): N vs 4N', async () => {
    assertLinear(await measure(() => checkFile(50, ' ', ' ')), await measure(() => checkFile(200, ' ', ' ')), 'one line');
  });

  it('DDL over many lines: N vs 4N', async () => {
    assertLinear(await measure(() => checkFile(50, '\n  ', '\n')), await measure(() => checkFile(200, '\n  ', '\n')), 'many lines');
  });

  it('a migration history checked file by file: N vs 4N migrations', async () => {
    const small = await measure(() => checkHistory(60));
    const large = await measure(() => checkHistory(240));
    assert.ok(small.statementsApplied > 0 && small.schemasCopied > 0);
    assertLinear(small, large, 'history');
  });

  it('a history checked in order as db-design check does: each statement applied once, the same findings as an editor gets', async () => {
    const history = historyHost(60);
    let editor: unknown[] = [];
    let check: unknown[] = [];
    const asEditor = await measure(async () => {
      editor = await checkInOrder(history);
    });
    const asCheck = await measure(async () => {
      check = await checkInOrder(history, true);
    });
    // 30 files of one statement, 30 of two.
    assert.equal(asCheck.statementsApplied, 90);
    // One schema state per file (the state after it, which the next file starts from) and a few regular checkpoints:
    // the replay worked out ahead gives its end state to the file's analysis without a copy.
    assert.ok(asCheck.snapshots <= 60 + 60 / 16 + 2, `${asCheck.snapshots} snapshots`);
    assert.ok(asEditor.statementsApplied > 90, `an editor replays the files after the first to find the end state: ${asEditor.statementsApplied}`);
    assert.ok(check.some((f) => (f as unknown[]).length > 0));
    assert.deepEqual(check, editor);
  });
});
