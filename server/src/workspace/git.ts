/**
 * What git says has changed: files added, modified or untracked relative to a base commit. The base is
 * the merge-base of HEAD with the default branch (origin/HEAD, else main or master), or a ref the user
 * gives (`--changed-since`). A migration among them is new; every other migration of the repository has
 * been committed on the default branch, so it has run somewhere and is history.
 *
 * git runs as a child process, at most once per repository every few seconds (the editor asks on
 * every keystroke). Without git, or outside a repository, nothing is known and callers behave as before.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface GitChanges {
  /** The repository's top folder. */
  top: string;
  /** The commit compared against (undefined in a repository without commits: everything is new). */
  base?: string;
  /** How the base was chosen: the ref given, or `merge-base with origin/main`. */
  baseLabel: string;
  /** Absolute paths of files added, modified or untracked since the base. */
  changed: Set<string>;
}

const TTL_MS = 3000;
const cache = new Map<string, { at: number; value: GitChanges | undefined }>();

/**
 * git reads the repository's own config, which can name programs to run (core.fsmonitor, hooks): in a
 * workspace the user has not trusted, the editor switches git off and nothing is known from it.
 */
let gitAllowed = true;
export function allowGit(allowed: boolean): void {
  gitAllowed = allowed;
  cache.clear();
}

function git(cwd: string, args: string[]): string | undefined {
  if (!gitAllowed) return undefined;
  try {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', timeout: 10_000, maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] });
    return r.status === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** The default branch to compare with: origin/HEAD, else main or master (local, then remote). */
function defaultBranch(top: string): string | undefined {
  const remoteHead = git(top, ['symbolic-ref', '-q', '--short', 'refs/remotes/origin/HEAD'])?.trim();
  if (remoteHead) return remoteHead;
  for (const ref of ['main', 'master', 'origin/main', 'origin/master']) {
    if (git(top, ['rev-parse', '--verify', '-q', `${ref}^{commit}`]) !== undefined) return ref;
  }
  return undefined;
}

function split(out: string | undefined): string[] {
  return (out ?? '').split('\0').filter(Boolean);
}

/**
 * The files changed in the repository holding `dir`: since `since` when given (a ref), otherwise since
 * the merge-base with the default branch. Undefined outside a repository, without git, or when `since`
 * names nothing git knows.
 */
export function gitChanges(dir: string, since?: string): GitChanges | undefined {
  if (!gitAllowed) return undefined;
  // Found on disk first: outside a repository no git process starts, and inside one every folder of
  // it shares one answer.
  // A repository created while the editor runs is seen within half a minute.
  if (Date.now() - repoCheckedAt > 30_000) {
    repoOf.clear();
    repoCheckedAt = Date.now();
  }
  const repo = repositoryOf(dir);
  if (!repo) return undefined;
  const key = `${since ?? ''}\u0000${repo}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
  const value = compute(repo, since);
  cache.set(key, { at: Date.now(), value });
  if (cache.size > 200) cache.delete(cache.keys().next().value as string);
  return value;
}

function compute(dir: string, since?: string): GitChanges | undefined {
  const top = git(dir, ['rev-parse', '--show-toplevel'])?.trim();
  if (!top) return undefined;
  const hasHead = git(top, ['rev-parse', '--verify', '-q', 'HEAD^{commit}']) !== undefined;
  let base: string | undefined;
  let baseLabel: string;
  if (since !== undefined) {
    base = git(top, ['rev-parse', '--verify', '-q', `${since}^{commit}`])?.trim();
    if (!base) return undefined;
    baseLabel = since;
  } else if (hasHead) {
    const branch = defaultBranch(top);
    base = branch ? git(top, ['merge-base', 'HEAD', branch])?.trim() : undefined;
    // No default branch to compare with: what is committed on this branch counts as run.
    base ||= git(top, ['rev-parse', 'HEAD'])?.trim();
    baseLabel = branch ? `merge-base with ${branch}` : 'HEAD';
  } else {
    baseLabel = 'no commits yet';
  }
  const files = new Set<string>();
  const add = (rel: string) => files.add(path.join(top, rel));
  if (base) for (const f of split(git(top, ['diff', '--name-only', '--no-renames', '-z', base]))) add(f);
  else for (const f of split(git(top, ['ls-files', '-z', '--cached']))) add(f);
  for (const f of split(git(top, ['ls-files', '-z', '--others', '--exclude-standard']))) add(f);
  return { top, base, baseLabel, changed: files };
}

/**
 * Lines (1-based, of the file as it is now) added or changed since `base`, from `git diff -U0`.
 * Undefined when git cannot tell (then every line counts as changed).
 */
export function changedLines(top: string, base: string | undefined, fsPath: string): Set<number> | undefined {
  if (!base) return undefined;
  const out = git(top, ['diff', '-U0', '--no-color', '--no-renames', base, '--', path.relative(top, fsPath)]);
  if (out === undefined) return undefined;
  const lines = new Set<number>();
  for (const m of out.matchAll(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/gm)) {
    const start = Number(m[1]);
    const count = m[2] === undefined ? 1 : Number(m[2]);
    for (let i = 0; i < count; i++) lines.add(start + i);
  }
  return lines;
}

const repoOf = new Map<string, string | null>();
let repoCheckedAt = 0;

/** The nearest folder at or above `dir` with a `.git` folder or file (a worktree's), remembered per folder. */
function repositoryOf(dir: string): string | undefined {
  const seen: string[] = [];
  let d = path.resolve(dir);
  let found: string | null = null;
  for (;;) {
    const hit = repoOf.get(d);
    if (hit !== undefined) {
      found = hit;
      break;
    }
    seen.push(d);
    if (fs.existsSync(path.join(d, '.git'))) {
      found = d;
      break;
    }
    const up = path.dirname(d);
    if (up === d) break;
    d = up;
  }
  if (repoOf.size > 20_000) repoOf.clear();
  for (const s of seen) repoOf.set(s, found);
  return found ?? undefined;
}

/** Forget what git said (after the CLI or a test changes the repository). */
export function clearGitCache(): void {
  cache.clear();
  repoOf.clear();
}
