/**
 * Prisma's lint asked on the engine thread answers what the same lint asked here answers, for both engine
 * versions, for a valid schema, one with errors and one with a byte-order mark; lintWhile runs its other
 * work meanwhile and gives both answers.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SourceText } from '../../server/src/model/frontend';
import { getDatamodel, lint, lintWhile, type EngineVersion } from '../../server/src/prisma/engine';
import { lintAside } from '../../server/src/prisma/engine-thread';
import { PG } from './helpers';

const VALID = PG + 'model User {\n  id    Int    @id\n  email String @unique\n}\n';
const BROKEN = VALID.replace('String @unique', 'Strin @unique');
const SEVEN = 'datasource db {\n  provider = "postgresql"\n}\n\nmodel A {\n  id Int @id\n}\n';

/** The thread's answer, once the engine version has loaded there (it loads on first ask). */
async function aside(version: EngineVersion, files: SourceText[]) {
  for (let i = 0; i < 200; i++) {
    const pending = lintAside(version, files);
    if (pending) return pending();
    await sleep(50);
  }
  assert.fail(`the engine thread did not load engine ${version}`);
}

test('engine thread: its lint is the lint asked here', async () => {
  for (const [version, text] of [[6, VALID], [6, BROKEN], [6, '\ufeff' + BROKEN], [7, SEVEN], [7, SEVEN.replace('Int @id', 'Int @idd')]] as const) {
    const files = [{ uri: 'file:///t/schema.prisma', text }, { uri: 'file:///t/more.prisma', text: 'model B {\n  id Int @id\n}\n' }];
    const there = await aside(version, files);
    assert.ok(there, 'answered');
    assert.deepEqual(there, lint(version, files), `engine ${version}: ${text.slice(-40)}`);
  }
});

test('engine thread: lintWhile gives the lint and what ran meanwhile', async () => {
  const files = [{ uri: 'file:///t/schema.prisma', text: SEVEN.replace('Int @id', 'Int @idd') }];
  await aside(7, files);
  let ran = 0;
  const [linted, other] = lintWhile(7, files, () => (ran++, getDatamodel(7, [{ uri: 'file:///t/schema.prisma', text: SEVEN }])));
  assert.equal(ran, 1);
  assert.deepEqual(linted, lint(7, files));
  assert.ok(linted.ok && linted.value.length > 0, 'the error');
  assert.ok(other.ok && (other.value.models ?? []).some((m) => m.name === 'A'));
});

test('engine thread: two requests waited for in the other order each get their own answer', async () => {
  const valid = [{ uri: 'file:///t/schema.prisma', text: SEVEN }];
  const broken = [{ uri: 'file:///t/schema.prisma', text: SEVEN.replace('Int @id', 'Int @idd') }];
  await aside(7, valid);
  const first = lintAside(7, valid);
  const second = lintAside(7, broken);
  assert.ok(first && second);
  assert.deepEqual(second(), lint(7, broken), 'the later request first');
  assert.deepEqual(first(), lint(7, valid), 'then the earlier one, kept meanwhile');
});
