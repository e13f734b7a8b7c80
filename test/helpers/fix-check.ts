/**
 * The rule tester's check of every fix: each fix of each finding of the rule is applied to a copy of the
 * case's project, to every file it touches (files it creates included), and the touched files are
 * analysed again. A fix must leave them parsing, clear its finding, add no finding of any rule to a
 * touched file (so it is not offered again: applying it twice is applying it once).
 */
import assert from 'node:assert/strict';
import { Engine, languageOf, uriToPath, type AnalysisHost, type Language } from '../../server/src/engine/analyze';
import type { ConfigOverrides } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/edits';
import type { Finding, Fix } from '../../server/src/model/findings';
import { MemoryHost } from './memory-host';

interface Project {
  files: Map<string, string>;
  overrides?: ConfigOverrides;
}

/** Rules whose error findings mean a file no longer parses. */
export const PARSE_RULES = new Set(['syntax-error', 'prisma-validation']);

/** How many of `findings` say a file does not parse. */
export function parseErrors(findings: readonly Finding[]): number {
  return findings.filter((f) => PARSE_RULES.has(f.rule) && f.severity === 'error').length;
}

function copyHost(files: Map<string, string>): MemoryHost {
  const host = new MemoryHost();
  for (const [p, text] of files) host.files.set(p, text);
  return host;
}

/** Findings per rule in each file, keyed `uri rule`. */
function counts(findings: Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of findings) out.set(`${f.uri} ${f.rule}`, (out.get(`${f.uri} ${f.rule}`) ?? 0) + 1);
  return out;
}

/** The findings in each of `uris` (files the host has, in a language the engine reads), each file's own. */
export async function analyseAll(engine: Engine, host: AnalysisHost, uris: Iterable<string>): Promise<Finding[]> {
  const out: Finding[] = [];
  for (const uri of uris) {
    const p = uriToPath(uri);
    const text = p === undefined ? undefined : host.readFile(p);
    const language: Language | undefined = p === undefined ? undefined : languageOf(p, text);
    if (text === undefined || !language) continue;
    out.push(...(await engine.analyze(uri, text, language)).findings.filter((f) => f.uri === uri));
  }
  return out;
}

function applyFix(files: Map<string, string>, fix: Fix): Set<string> {
  const touched = new Set(fix.edits.map((e) => e.uri));
  for (const uri of touched) {
    const p = uriToPath(uri);
    assert.ok(p, `fix "${fix.title}" edits ${uri}, not a file`);
    files.set(p, applyEdits(files.get(p) ?? '', fix.edits, uri));
  }
  return touched;
}

const show = (f: Finding) => `${f.rule} in ${f.uri.split('/').slice(-3).join('/')}: ${f.message.slice(0, 140)}`;

/** Checks every fix of every finding of `ruleId` in `uri`. */
export async function checkEveryFix(project: Project, uri: string, ruleId: string, mayAdd: readonly string[] = []): Promise<void> {
  const base = copyHost(project.files);
  const engine = new Engine(base, () => project.overrides ?? {});
  const path = uriToPath(uri)!;
  const findings = (await engine.analyze(uri, base.files.get(path)!, languageOf(path, base.files.get(path))!)).findings.filter((f) => f.uri === uri && f.rule === ruleId);
  for (const finding of findings) {
    for (const fix of finding.fixes) {
      const host = copyHost(project.files);
      const before = await analyseAll(new Engine(host, () => project.overrides ?? {}), host, new Set([uri, ...fix.edits.map((e) => e.uri)]));
      const touched = applyFix(host.files, fix);
      touched.add(uri);
      const fixedEngine = new Engine(host, () => project.overrides ?? {});
      const after = await analyseAll(fixedEngine, host, touched);
      const label = `fix "${fix.title}" of "${finding.message.slice(0, 80)}"`;
      assert.ok(parseErrors(after) <= parseErrors(before), `${label}: the result no longer parses: ${after.filter((f) => PARSE_RULES.has(f.rule)).map(show).join('; ')}`);
      assert.ok(!after.some((f) => f.rule === ruleId && f.uri === uri && f.message === finding.message), `${label} left its finding in place`);
      const was = counts(before);
      const added = [...counts(after)].filter(([k, n]) => n > (was.get(k) ?? 0) && ![ruleId, ...mayAdd].some((r) => k.endsWith(` ${r}`)));
      assert.deepEqual(added.map(([k]) => k), [], `${label} added findings: ${after.filter((f) => added.some(([k]) => k === `${f.uri} ${f.rule}`)).map(show).join('; ')}`);
    }
  }
}
