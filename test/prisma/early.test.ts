/**
 * Typing a field's name in the editor: Engine.analyze reads the schema from the datamodel before the edit (the
 * field renamed) while Prisma's lint runs on the engine thread, then settles. Each keystroke's findings are a
 * fresh engine's findings on the same text, a keystroke that the lint does not bear out (a name the model
 * already has) included; and the keystrokes that rename a plain field cost the one lint.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { Engine } from '../../server/src/engine/analyze';
import { engineCalls } from '../../server/src/prisma/engine';
import { lintAside } from '../../server/src/prisma/engine-thread';
import { MemoryHost } from '../helpers/memory-host';
import { PG } from './helpers';

const URI = 'file:///early/prisma/schema.prisma';
const BASE = PG + 'model User {\n  id    Int     @id\n  email String  @unique\n  nick  String?\n  age   Int\n  createdAt DateTime @default(now())\n}\n';

/** Findings as the editor shows them (fixes left out: they are rendered on demand). */
function shown(a: { findings: { rule: string; severity: string; message: string; span: unknown }[] }) {
  return a.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: f.message, span: f.span }));
}

test('early reading: each keystroke in a field\'s name gives a fresh engine\'s findings', async () => {
  // The engine thread loads its engine on first ask.
  for (const version of [6, 7] as const) {
    let pending;
    for (let i = 0; i < 200 && !(pending = lintAside(version, [{ uri: URI, text: BASE }])); i++) await sleep(50);
    pending?.();
  }
  const host = new MemoryHost();
  const engine = new Engine(host);
  await engine.analyze(URI, BASE, 'prisma');
  let text = BASE;
  const steps: [string, string, number][] = [
    ['  nick  String?', '  nickx  String?', 1],
    ['  nickx  String?', '  nickxy  String?', 1],
    ['  age   Int', '  nickxy   Int', 0], // a name the model has: the lint refuses it, read again
    ['  nickxy   Int', '  ages   Int', 0],
    ['  ages   Int', '  ages2   Int', 1],
  ];
  for (const [find, replace, lintOnly] of steps) {
    assert.ok(text.includes(find), find);
    text = text.replace(find, replace);
    const before = engineCalls();
    const edited = await engine.analyze(URI, text, 'prisma');
    const calls = engineCalls() - before;
    const fresh = await new Engine(new MemoryHost()).analyze(URI.replace('early', 'fresh'), text, 'prisma');
    assert.deepEqual(shown(edited), shown(fresh), replace);
    if (lintOnly) assert.equal(calls, 1, `${replace}: the lint only`);
  }
});
