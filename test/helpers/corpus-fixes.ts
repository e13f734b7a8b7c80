/**
 * Every kind of fix, applied one at a time to a copy of a real project (the shared corpus, each project
 * checked from its root as a user would): the files the fix touches, new migrations included, are
 * analysed again with the rest of the project as it is on disk. A fix must leave them parsing, clear
 * its finding, add no finding of another rule, empty no file, give a new migration a version of its own
 * and never turn a down migration into an up one. A design finding is about the schema the history ends
 * with: one that the same rule reported in the same words before the fix is the same finding, moved with
 * the statement that declares its object.
 *
 * In CI (CI set in the environment) every fix of every finding is applied: about 20,700 fixes, half of them
 * musicbrainz's, about 15 processor minutes, so the corpus is checked in two test files that run side by side
 * (corpus/fixes.test.ts, corpus/fixes-musicbrainz.test.ts). Elsewhere, to keep a run short, it samples: per
 * project, the first fix of each rule in file order; FIXES_PER_RULE=N takes N (100000: all), FIX_PROJECTS=a,b
 * only those projects. It prints per rule how many fixes it applied and how many failed, which the issue
 * notes quote, and per project the processor time of the check and of the fixes.
 * Checks not met yet are `todo` (NOT_YET says what is missing): they run and print, without failing.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { check, diskHost } from '../../server/src/cli/check';
import { Engine, uriToPath, type AnalysisHost } from '../../server/src/engine/analyze';
import { loadConfig } from '../../server/src/engine/config';
import { applyEdits } from '../../server/src/engine/edits';
import type { Finding, Fix } from '../../server/src/model/findings';
import { ruleById } from '../../server/src/rules/registry';
import { ensureSqlParser } from '../../server/src/sql';
import { findMigrationSet, upFiles } from '../../server/src/workspace/migrations';
import { analyseAll, parseErrors, PARSE_RULES } from './fix-check';
import { corpusRoot, NO_CORPUS } from './paths';

/** How many of each rule's fixes a project gets: all in CI, the first elsewhere, FIXES_PER_RULE when set. */
const FIXES_PER_RULE = Number(process.env.FIXES_PER_RULE ?? (process.env.CI ? 100000 : 1));

type FaultKind = 'parse' | 'stays' | 'adds' | 'reorders' | 'emptied' | 'version' | 'down-to-up';
interface Fault {
  kind: FaultKind;
  text: string;
}

/** What each check asks of every fix. */
const CHECKS: Record<FaultKind, string> = {
  parse: 'the files it touches still parse',
  stays: 'its finding is gone',
  adds: 'it adds no finding of another rule',
  reorders: 'moving a statement past later migrations changes no design finding',
  emptied: 'it empties no migration',
  version: 'a migration it creates has a version of its own',
  'down-to-up': 'it never turns a down migration into an up one',
};

/**
 * Checks not met yet on the corpus, with what is missing. Each still runs and prints its failures; a
 * `todo` test does not fail the run, and shows in the report as unfinished.
 */
const NOT_YET: Partial<Record<FaultKind, string>> = {};

/**
 * The project on disk, with the files a fix wrote (or created) in memory. Each fix's files are a new
 * revision: one engine serves all fixes of a project, and its replay caches keep the history before the
 * first file a fix changed, as they do for an edit in the editor.
 */
class Overlay implements AnalysisHost {
  private changed = new Map<string, string>();
  private rev = 0;
  /** The project on disk, read once: the run never writes it, and each fix's revision would read it all again. */
  private disk = new Map<string, string | undefined>();
  private dirs = new Map<string, { name: string; isDir: boolean }[]>();
  show(changed: Map<string, string>): void {
    this.changed = changed;
    this.rev++;
  }
  revision(): number {
    return this.rev;
  }
  readFile(p: string): string | undefined {
    if (this.changed.has(p)) return this.changed.get(p);
    if (!this.disk.has(p)) this.disk.set(p, diskHost.readFile(p));
    return this.disk.get(p);
  }
  readDir(p: string): { name: string; isDir: boolean }[] {
    if (!this.dirs.has(p)) this.dirs.set(p, diskHost.readDir(p));
    const out = [...this.dirs.get(p)!];
    const dir = p.endsWith(path.sep) ? p : p + path.sep;
    for (const f of this.changed.keys()) {
      if (!f.startsWith(dir)) continue;
      const [name, ...rest] = f.slice(dir.length).split(path.sep);
      if (!out.some((e) => e.name === name)) out.push({ name, isDir: rest.length > 0 });
    }
    return out;
  }
}

/**
 * The version a migration is known by: the leading number of its file or folder name (Diesel's dashes
 * removed); Prisma keys a migration by its whole folder name.
 */
function versionOf(p: string): string | undefined {
  const base = path.basename(p);
  if (base === 'migration.sql') return path.basename(path.dirname(p));
  const own = /^V?(\d[\d-]*\d|\d)/.exec(base === 'up.sql' || base === 'down.sql' ? path.basename(path.dirname(p)) : base);
  return own?.[1].replace(/-/g, '');
}

/** A version an existing migration has, taken again by the new file `p` (an up/down pair shares one). */
function reusedVersion(p: string): string | undefined {
  const v = versionOf(p);
  if (!v) return undefined;
  const dir = path.dirname(p);
  const folderLayout = ['up.sql', 'down.sql', 'migration.sql'].includes(path.basename(p));
  const entries = folderLayout
    ? diskHost.readDir(path.dirname(dir)).map((e) => path.join(path.dirname(dir), e.name, 'up.sql'))
    : diskHost.readDir(dir).map((e) => path.join(dir, e.name));
  const pair = (x: string) => x.replace(/\.(up|down)\.sql$/i, '.sql');
  return entries.some((e) => versionOf(e) === v && (folderLayout ? path.dirname(e) !== dir : pair(e) !== pair(p))) ? v : undefined;
}

const isDown = (p: string) => /(^|[._/-])down(\.sql)?$/i.test(p.replace(/\.sql$/i, '').split(path.sep).slice(-2).join('/')) || /\.down\.sql$/i.test(p);
const hasStatements = (text: string) => text.split(/\r?\n/).some((l) => l.trim() && !l.trim().startsWith('--'));

/** Do later up migrations of its set follow the migration at `p`? */
function followed(p: string): boolean {
  const set = findMigrationSet(p, diskHost, loadConfig(diskHost, path.dirname(p), {}).migrations);
  const ups = set ? upFiles(set) : [];
  const k = ups.findIndex((f) => f.fsPath === p);
  return k >= 0 && k < ups.length - 1;
}

/** What is wrong with the project after `fix`, or undefined when nothing is. */
/** A project as checked before any fix: its findings by file, and the design findings anywhere in it. */
interface Before {
  byUri: Map<string, Finding[]>;
  /** `rule message` of each design finding. */
  design: Set<string>;
}

function beforeFixes(all: Finding[]): Before {
  const byUri = new Map<string, Finding[]>();
  for (const f of all) byUri.set(f.uri, [...(byUri.get(f.uri) ?? []), f]);
  const design = new Set(all.filter((f) => ruleById(f.rule)?.meta.category === 'design').map((f) => `${f.rule} ${f.message}`));
  return { byUri, design };
}

/** How many findings of each rule each file has, keyed `uri rule`. */
function perRuleCounts(xs: Finding[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of xs) out.set(`${f.uri} ${f.rule}`, (out.get(`${f.uri} ${f.rule}`) ?? 0) + 1);
  return out;
}

async function fault(finding: Finding, fix: Fix, before: Before, project: { host: Overlay; engine: Engine }): Promise<Fault | undefined> {
  const changed = new Map<string, string>();
  const touched = new Set([finding.uri, ...fix.edits.map((e) => e.uri)]);
  let creates = false;
  for (const uri of touched) {
    const p = uriToPath(uri)!;
    const old = diskHost.readFile(p);
    if (old === undefined) {
      creates = true;
      // A down file belongs to the up migration of its version (pop's engine variants share one too).
      const v = isDown(p) ? undefined : reusedVersion(p);
      if (v) return { kind: 'version', text: `new migration ${path.relative(path.dirname(path.dirname(p)), p)} reuses version ${v}` };
      if (isDown(uriToPath(finding.uri)!) && !isDown(p)) return { kind: 'down-to-up', text: `a fix on a down migration created an up migration ${path.basename(p)}` };
    }
    const text = applyEdits(old ?? '', fix.edits, uri);
    if (old !== undefined && hasStatements(old) && !hasStatements(text)) return { kind: 'emptied', text: `emptied ${path.basename(p)}` };
    changed.set(p, text);
  }
  project.host.show(changed);
  const after = await analyseAll(project.engine, project.host, touched);
  const was = [...touched].flatMap((u) => before.byUri.get(u) ?? []);
  if (parseErrors(after) > parseErrors(was)) return { kind: 'parse', text: `no longer parses: ${after.find((f) => PARSE_RULES.has(f.rule))?.message}` };
  // The same message may stand for several statements (two indexes on one table): one fewer is gone.
  const same = (xs: Finding[]) => xs.filter((f) => f.uri === finding.uri && f.rule === finding.rule && f.message === finding.message).length;
  if (same(after) >= same(was)) return { kind: 'stays', text: 'the finding stays' };
  const [nowCounts, wasCounts] = [perRuleCounts(after), perRuleCounts(was)];
  const count = (counts: Map<string, number>, f: Finding) => counts.get(`${f.uri} ${f.rule}`) ?? 0;
  // A design finding is about an object of the schema the history ends with, reported where the object is
  // declared: when a fix moves the declaring statement to a new migration, the finding moves with it. The
  // same rule saying the same thing anywhere in the project before the fix is that finding, not a new one.
  const added = after.find((f) => f.rule !== finding.rule && count(nowCounts, f) > count(wasCounts, f) && !before.design.has(`${f.rule} ${f.message}`));
  if (!added) return undefined;
  // A design finding follows from the schema the history ends with, which a move past later migrations changes.
  const reorders = creates && ruleById(added.rule)?.meta.category === 'design' && followed(uriToPath(finding.uri)!);
  return { kind: reorders ? 'reorders' : 'adds', text: `adds ${added.rule}: ${added.message.slice(0, 120)}` };
}

/** The checks over the corpus projects `select` takes (by name), as one suite titled `title`. */
export function fixesOnRealProjects(title: string, select: (name: string) => boolean): void {
  describe(title, () => {
    const only = process.env.FIX_PROJECTS?.split(',').filter(Boolean);
    const projects = corpusRoot
      ? ['sql', 'prisma'].flatMap((kind) => fs.readdirSync(path.join(corpusRoot!, kind)).filter((n) => select(n) && (!only || only.includes(n))).map((n) => path.join(corpusRoot!, kind, n)))
      : [];
    const failures: (Fault & { where: string })[] = [];
    before(async () => {
      if (!corpusRoot) return;
      await ensureSqlParser();
      const perRule = new Map<string, { applied: number; failed: number }>();
      const perProject: string[] = [];
      for (const root of projects) {
        // Processor time, not wall time: the figures hold on a busy machine too.
        const cpu = () => {
          const u = process.cpuUsage();
          return (u.user + u.system) / 1000;
        };
        const started = cpu();
        const result = await check([root], {}, false);
        const checked = cpu();
        const all = beforeFixes(result.files.flatMap((f) => f.findings));
        const taken = new Map<string, number>();
        const host = new Overlay();
        const project = { host, engine: new Engine(host, () => ({})) };
        let applied = 0;
        let failed = 0;
        for (const file of result.files) {
          for (const finding of file.findings) {
            if (finding.fixes.length === 0 || (taken.get(finding.rule) ?? 0) >= FIXES_PER_RULE) continue;
            taken.set(finding.rule, (taken.get(finding.rule) ?? 0) + 1);
            for (const fix of finding.fixes) {
              const tally = perRule.get(finding.rule) ?? { applied: 0, failed: 0 };
              perRule.set(finding.rule, tally);
              tally.applied++;
              applied++;
              const problem = await fault(finding, fix, all, project);
              if (!problem) continue;
              tally.failed++;
              failed++;
              failures.push({ ...problem, where: `${path.basename(root)} ${path.relative(root, file.path)} ${finding.rule} "${fix.title}"` });
            }
          }
        }
        const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
        perProject.push(`${path.basename(root).padEnd(20)} ${String(applied).padStart(5)} applied ${String(failed).padStart(4)} failed  processor time: check ${secs(checked - started)}, fixes ${secs(cpu() - checked)}`);
        // A long run (FIXES_PER_RULE) shows its progress as it goes.
        if (FIXES_PER_RULE > 1) process.stderr.write(`${perProject[perProject.length - 1]}\n`);
      }
      console.log(`fixes applied per project:\n${perProject.join('\n')}`);
      const rows = [...perRule].sort(([a], [b]) => a.localeCompare(b)).map(([rule, t]) => `${rule.padEnd(40)} ${String(t.applied).padStart(4)} applied ${String(t.failed).padStart(4)} failed`);
      console.log(`fixes applied to corpus projects, per rule:\n${rows.join('\n')}`);
    });
    for (const [kind, what] of Object.entries(CHECKS) as [FaultKind, string][]) {
      const skip = corpusRoot ? false : NO_CORPUS;
      it(`each fix: ${what}`, { skip, todo: skip ? false : NOT_YET[kind] ?? false }, () => {
        const mine = failures.filter((f) => f.kind === kind).map((f) => `${f.where}: ${f.text}`);
        if (mine.length) console.log(`${kind}: ${mine.length} fixes\n  ${mine.join('\n  ')}`);
        assert.deepEqual(mine, []);
      });
    }
  });
}
