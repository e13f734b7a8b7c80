/**
 * Declarative rule cases, in the manner of ESLint's RuleTester and rust-analyzer's fixtures:
 *
 *   invalid: [{ language: 'sql', code: `
 *     CREATE TABLE t (at timestamp);
 *                        ^^^^^^^^^ prefer-timestamptz
 *   `, output: ['CREATE TABLE t (at timestamptz);\n'] }]
 *
 * A marker line (`^^^ rule-id`) flags the columns above it on the previous source line. The harness
 * checks that the rule reports exactly the marked spans, that each fix yields the stated text, that
 * the fixed text still parses (no new syntax-error / prisma-validation finding), that the finding is
 * gone after the fix, and that applying the fixes again changes nothing.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri, type Language } from '../../server/src/engine/analyze';
import type { ConfigOverrides } from '../../server/src/engine/config';
import { applyEdits, fixAllEdits } from '../../server/src/engine/edits';
import { HOVER_WORD_LIMIT, hoverWords } from '../../server/src/engine/finding-hover';
import { hoverAt } from '../../server/src/engine/hover';
import { checkEveryFix, parseErrors, PARSE_RULES } from './fix-check';
import { MemoryHost } from './memory-host';
import type { Finding } from '../../server/src/model/findings';
import { LineIndex } from '../../server/src/model/text';

export interface Case {
  name?: string;
  language: Language;
  /** Source with marker lines. Common leading indentation is removed. */
  code: string;
  /**
   * File name inside the case's folder (default schema.prisma / migration.sql). Folder names set the dialect.
   * The default migration.sql is a psql script: its project's db-design.json says `migrations.runner: plain`
   * (unless the case's own config has a `migrations` section), since a lone SQL file does not say what runs it.
   */
  file?: string;
  /** Other files of the project (path relative to the case folder → text), e.g. the rest of a Prisma schema folder. */
  files?: Record<string, string>;
  /** db-design.json contents for the case. */
  config?: Record<string, unknown>;
  overrides?: ConfigOverrides;
}

export interface InvalidCase extends Case {
  /** The whole fixed text after each fix of the (first) finding, in offer order; omit to skip fix checks. */
  output?: string[];
  /**
   * Rules whose findings a fix may add, each with why that finding is right (every other new finding in
   * a file the fix touches fails the case).
   */
  fixMayAdd?: Record<string, string>;
}

const MARKER = /^(\s*)(\^+)\s+([a-z0-9-]+)\s*$/;

export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n').replace(/[ \t]+$/, '');
}

export interface Expected {
  rule: string;
  start: number;
  end: number;
}

/** Splits marker lines from the source: returns the clean text and the marked spans. */
export function parseMarkers(code: string): { text: string; expected: Expected[] } {
  const out: string[] = [];
  const expected: Expected[] = [];
  let offset = 0;
  let prevLineStart = -1;
  let prevLineLength = 0;
  for (const line of code.split('\n')) {
    const m = MARKER.exec(line);
    if (m && prevLineStart >= 0) {
      const col = m[1].length;
      expected.push({ rule: m[3], start: prevLineStart + col, end: prevLineStart + Math.min(col + m[2].length, prevLineLength) });
      continue;
    }
    out.push(line);
    prevLineStart = offset;
    prevLineLength = line.length;
    offset += line.length + 1;
  }
  return { text: out.join('\n'), expected };
}

export { MemoryHost } from './memory-host';

let caseCounter = 0;

export interface Prepared {
  engine: Engine;
  host: MemoryHost;
  uri: string;
  text: string;
  expected: Expected[];
  language: Language;
}

export function prepare(c: Case): Prepared {
  const root = path.resolve('/db-design-cases', `case${++caseCounter}`);
  const host = new MemoryHost();
  const { text, expected } = parseMarkers(dedent(c.code));
  const file = path.join(root, c.file ?? (c.language === 'prisma' ? 'schema.prisma' : c.language === 'typescript' ? 'schema.ts' : 'migration.sql'));
  host.files.set(file, text);
  for (const [rel, t] of Object.entries(c.files ?? {})) host.files.set(path.join(root, rel), dedent(t));
  const config = c.file === undefined && c.language === 'sql' ? { migrations: { runner: 'plain' }, ...c.config } : c.config;
  if (config) host.files.set(path.join(root, 'db-design.json'), JSON.stringify(config));
  const engine = new Engine(host, () => c.overrides ?? {});
  return { engine, host, uri: pathToUri(file), text, expected, language: c.language };
}

function describeFinding(f: Finding, text: string): string {
  const lines = new LineIndex(text);
  const p = lines.positionAt(f.span.start);
  return `${f.rule} at ${p.line + 1}:${p.character + 1} "${text.slice(f.span.start, f.span.end)}": ${f.message}`;
}


/** Runs the cases of one rule as node:test tests. */
export function ruleTester(ruleId: string, cases: { valid: Case[]; invalid: InvalidCase[] }): void {
  describe(ruleId, () => {
    cases.valid.forEach((c, i) => {
      it(`valid ${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
        const p = prepare(c);
        const analysis = await p.engine.analyze(p.uri, p.text, p.language);
        const mine = analysis.findings.filter((f) => f.rule === ruleId);
        assert.deepEqual(mine.map((f) => describeFinding(f, p.text)), [], 'expected no finding');
        assert.deepEqual(
          analysis.findings.filter((f) => PARSE_RULES.has(f.rule) && f.severity === 'error').map((f) => describeFinding(f, p.text)),
          [],
          'a valid case must parse',
        );
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid ${i + 1}${c.name ? `: ${c.name}` : ''}`, async () => {
        const p = prepare(c);
        assert.ok(p.expected.some((e) => e.rule === ruleId), `case has no ^^^ ${ruleId} marker`);
        const analysis = await p.engine.analyze(p.uri, p.text, p.language);
        const markedRules = new Set(p.expected.map((e) => e.rule));
        const actual = analysis.findings
          .filter((f) => markedRules.has(f.rule))
          .map((f) => ({ rule: f.rule, start: f.span.start, end: Math.min(f.span.end, new LineIndex(p.text).lineEnd(new LineIndex(p.text).positionAt(f.span.start).line)) }));
        const show = (xs: Expected[]) => xs.map((e) => `${e.rule} "${p.text.slice(e.start, e.end)}" @${e.start}`).sort();
        assert.deepEqual(show(actual), show(p.expected), 'findings differ from the ^^^ markers');
        // Every hover on a finding reads at a glance.
        for (const f of analysis.findings.filter((x) => x.rule === ruleId)) {
          const h = hoverAt(analysis, f.span.start);
          assert.ok(h, `no hover on ${describeFinding(f, p.text)}`);
          if (process.env.HOVER_DUMP) console.log(`HOVER ${ruleId} ${hoverWords(h.markdown)}\n${h.markdown}\n`);
          assert.ok(hoverWords(h.markdown) <= HOVER_WORD_LIMIT, `hover of ${hoverWords(h.markdown)} words on ${describeFinding(f, p.text)}:\n${h.markdown}`);
        }
        const parseErrorsBefore = parseErrors(analysis.findings);

        // Every fix of every finding, on a copy of the project with all the files it touches.
        await checkEveryFix({ files: p.host.files, overrides: c.overrides }, p.uri, ruleId, Object.keys(c.fixMayAdd ?? {}));
        if (!c.output) return;
        const target = analysis.findings.find((f) => f.rule === ruleId)!;
        assert.equal(target.fixes.length, c.output.length, `expected ${c.output.length} fixes, got: ${target.fixes.map((f) => f.title).join(' | ')}`);
        for (const [k, fix] of target.fixes.entries()) {
          const fixed = applyEdits(p.text, fix.edits, p.uri);
          assert.equal(fixed, dedent(c.output[k]), `fix "${fix.title}" produced other text`);
          const after = await p.engine.analyze(p.uri, fixed, p.language);
          const parseErrorsAfter = after.findings.filter((f) => PARSE_RULES.has(f.rule) && f.severity === 'error');
          assert.ok(parseErrorsAfter.length <= parseErrorsBefore, `fixed text no longer parses: ${parseErrorsAfter.map((f) => describeFinding(f, fixed)).join('; ')}`);
          // A fix that also writes other files (a new migration) is judged with them, by checkEveryFix above.
          const alone = fix.edits.every((e) => e.uri === p.uri);
          assert.ok(
            !alone || !after.findings.some((f) => f.rule === ruleId && f.message === target.message),
            `fix "${fix.title}" left the finding in place`,
          );
          // A second application finds nothing left to do for this rule.
          const again = applyEdits(fixed, fixAllEdits(after.findings.filter((f) => f.rule === ruleId), p.uri), p.uri);
          const remaining = after.findings.filter((f) => f.rule === ruleId).length;
          if (remaining === 0) assert.equal(again, fixed, 'applying the fixes again changed the text');
        }
      });
    });
  });
}
