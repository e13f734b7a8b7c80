/** The CLI's summary line counts as a reader counts: "1 warning", "2 hints", never "1 warnings" or "2 hint". */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../server/src/cli/check';
import { toText } from '../../server/src/cli/format';
import type { Finding, Severity } from '../../server/src/model/findings';

const text = 'CREATE TABLE t (id int PRIMARY KEY, at timestamp);\n';
const finding = (rule: string, severity: Severity, start: number): Finding => ({
  rule,
  severity,
  message: `${rule} here`,
  uri: 'file:///p/db/t.sql',
  span: { start, end: start + 2 },
  fixes: [],
});

function summary(findings: Finding[], fixedFiles = 0): string {
  const result: CheckResult = { files: [{ path: '/p/db/t.sql', uri: 'file:///p/db/t.sql', text, findings }], failures: [], configErrors: [], fixedFiles };
  return toText(result, false).split('\n').filter((l) => /problem|fixed/.test(l)).join('\n');
}

describe('CLI summary wording', () => {
  it('one of a kind is singular, several plural, hints included', () => {
    const s = summary([finding('fk-missing-index', 'warning', 0), finding('prefer-bigint-pk', 'hint', 16), finding('prefer-identity', 'hint', 20)], 1);
    assert.match(s, /^3 problems \(0 errors, 1 warning, 0 info, 2 hints\) in 1 file$/m);
    assert.match(s, /^fixed 1 file$/m);
    assert.doesNotMatch(s, /\b1 [a-z]+s\b/);
  });

  it('a single problem is "1 problem"', () => {
    assert.match(summary([finding('fk-missing-index', 'error', 0)]), /^1 problem \(1 error, 0 warnings, 0 info, 0 hints\) in 1 file$/m);
  });
});
