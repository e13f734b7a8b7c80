/** The examples in every rule's metadata (and so in its docs page) are run: bad is flagged, good is not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules/registry';
import { prepare } from '../helpers/rule-tester';

describe('rule doc examples', () => {
  for (const rule of allRules) {
    rule.meta.examples.forEach((ex, i) => {
      it(`${rule.meta.id} example ${i + 1} (${ex.language})`, async () => {
        for (const [code, flagged] of [[ex.bad, true], [ex.good, false]] as const) {
          // Rules that are off by default are switched on for their own examples.
          const overrides = rule.meta.defaultSeverity === 'off' ? { rules: { [rule.meta.id]: 'warning' as const } } : undefined;
          const p = prepare({ language: ex.language, code, file: ex.file, overrides });
          const a = await p.engine.analyze(p.uri, p.text, p.language);
          const hits = a.findings.filter((f) => f.rule === rule.meta.id);
          if (flagged) assert.ok(hits.length > 0, `the bad example is not flagged:\n${code}`);
          else assert.deepEqual(hits.map((f) => f.message), [], `the good example is flagged:\n${code}`);
        }
      });
    });
  }
});
