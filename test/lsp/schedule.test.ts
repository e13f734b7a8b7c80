/**
 * When documents are analysed again after edits: the pause adapts to how long the document takes, files
 * that depend on the edited one follow it newest first, and a newer keystroke replaces what has not run.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { Scheduler } from '../../server/src/lsp/schedule';

describe('lsp scheduler', () => {
  let clock = 0;
  let ran: { uri: string; at: number }[] = [];
  /** Each run takes `cost[uri]` ms of the fake clock. */
  let cost: Record<string, number> = {};
  const make = () =>
    new Scheduler(
      async (uri) => {
        ran.push({ uri, at: Date.now() });
        clock += cost[uri] ?? 0;
      },
      // The time: the fake timers' clock, plus the time the runs took.
      () => clock + Date.now(),
    );
  beforeEach(() => {
    mock.timers.enable({ apis: ['setTimeout', 'Date'] });
    clock = 0;
    ran = [];
    cost = {};
  });
  afterEach(() => mock.timers.reset());
  const flush = async (ms: number) => {
    mock.timers.tick(ms);
    // Let the runs' promises settle, so their durations are recorded.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  it('answers a keystroke after a quiet spell at once, and waits a pause that adapts to the document for keystrokes in quick succession', async () => {
    const s = make();
    cost = { 'a.sql': 10, 'big.sql': 2000 };
    assert.equal(s.debounce('a.sql'), 20, 'never analysed: the shortest pause');
    s.edited('a.sql', []);
    await flush(0);
    assert.deepEqual(ran.map((r) => r.uri), ['a.sql'], 'the first keystroke: at once');
    s.edited('big.sql', []);
    await flush(0);
    assert.deepEqual(ran.map((r) => r.uri), ['a.sql', 'big.sql']);
    assert.equal(s.debounce('a.sql'), 20, 'a 10 ms analysis: the shortest pause');
    assert.equal(s.debounce('big.sql'), 300, 'a 2 s analysis waits the longest pause, not 500 ms');
    cost['big.sql'] = 400;
    s.edited('big.sql', []);
    s.edited('big.sql', []);
    await flush(299);
    assert.equal(ran.length, 2, 'two keystrokes in quick succession: the slow document waits its pause');
    await flush(1);
    assert.equal(ran.length, 3, 'one run for both');
    assert.equal(s.debounce('big.sql'), 100, 'a quarter of its last run');
    cost['a.sql'] = 90;
    s.edited('a.sql', []);
    await flush(0);
    assert.equal(ran.length, 4, 'a.sql was quiet: at once');
    assert.equal(s.debounce('a.sql'), 23, 'a 90 ms analysis: a pause of about 20 ms');
  });

  it('folds keystrokes in quick succession into one run after the first', async () => {
    const s = make();
    for (let i = 0; i < 5; i++) {
      s.edited('a.sql', []);
      await flush(15);
    }
    await flush(50);
    assert.deepEqual(
      ran.map((r) => r.uri),
      ['a.sql', 'a.sql'],
      'the first at once, the four that followed it within the pause in one run',
    );
  });

  it('runs the dependent files after the edited one, newest first, and a newer keystroke reschedules them', async () => {
    const s = make();
    s.edited('m2.sql', ['m1.sql', 'm3.sql', 'm4.sql']);
    await flush(60);
    assert.deepEqual(ran.map((r) => r.uri), ['m2.sql'], 'the dependents wait');
    s.edited('m2.sql', ['m1.sql', 'm3.sql', 'm4.sql']);
    await flush(60);
    assert.deepEqual(ran.map((r) => r.uri), ['m2.sql', 'm2.sql'], 'the second keystroke put them off again');
    await flush(2000);
    assert.deepEqual(ran.map((r) => r.uri), ['m2.sql', 'm2.sql', 'm4.sql', 'm3.sql', 'm1.sql']);
  });

  it('forgets a closed document', async () => {
    const s = make();
    s.edited('a.sql', []);
    s.forget('a.sql');
    await flush(1000);
    assert.deepEqual(ran, []);
  });
  it('runs a document the budget stopped again while its runs get further, and stops after runs that do not', async () => {
    const s = make();
    s.ran('big.sql', 1, { from: 100, rulesSkipped: 0 });
    await flush(50);
    assert.equal(ran.length, 1, 'the same text again, soon');
    s.ran('big.sql', 1, { from: 500, rulesSkipped: 0 });
    await flush(50);
    s.ran('big.sql', 1, { from: 900, rulesSkipped: 12 });
    await flush(50);
    s.ran('big.sql', 1, { from: 900, rulesSkipped: 3 });
    await flush(50);
    assert.equal(ran.length, 4, 'further each time: statements, then rules');
    for (let i = 0; i < 4; i++) {
      s.ran('big.sql', 1, { from: 900, rulesSkipped: 3 });
      await flush(50);
    }
    assert.equal(ran.length, 7, 'three runs that get no further are allowed, the fourth is not followed');
    s.ran('big.sql', 2, { from: 10, rulesSkipped: 0 });
    await flush(50);
    assert.equal(ran.length, 8, 'a new version starts again');
    s.ran('big.sql', 2, undefined);
    await flush(500);
    assert.equal(ran.length, 8, 'a whole run is not followed');
  });
});
