/**
 * New or history: a migration is new when git says it is untracked, added or modified since the base
 * (the merge-base with the default branch, or the ref given to `--changed-since`), or when it comes
 * after the configured `migrations.baseline`, the last migration that has run everywhere. Every other
 * migration is history: it has run, so it is replayed for context but never edited, and its locks are in
 * the past. Without git and without a baseline nothing is known (`unknown`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gitChanges } from './git';
import { fileAt, upFileFor, upFiles, upPosition, type MigrationFile, type MigrationSet } from './migrations';
import { perSet } from './set-memo';

export type MigrationStatus = 'new' | 'history' | 'unknown';

export interface MigrationAge {
  status: MigrationStatus;
  /** Why, in a few words: `untracked`, `committed before merge-base with main`, `after migrations.baseline "0042"`. */
  reason: string;
}

const real = new Map<string, string>();
function realPath(p: string): string {
  let r = real.get(p);
  if (r === undefined) {
    try {
      r = fs.realpathSync(p);
    } catch {
      // Not on disk yet (a new file open in the editor): its folder decides.
      try {
        r = path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        r = p;
      }
    }
    if (real.size > 50_000) real.clear();
    real.set(p, r);
  }
  return r;
}

/** The position of a file in the set's up order (a down file takes its up file's place). */
function upIndex(set: MigrationSet, file: MigrationFile): number {
  const up = file.direction === 'up' ? file : upFileFor(set, file);
  return up ? upPosition(set, up) : -1;
}

/** `migrations.baseline` names a migration by its name, folder or version. */
function baselineIndex(set: MigrationSet, baseline: string): number {
  return perSet(set, `baseline\u0000${baseline}`, () => {
    const ups = upFiles(set);
    const b = baseline.replace(/\\/g, '/').replace(/\/$/, '');
    return ups.findIndex((f) => f.name === b || f.name.split('/')[0] === b || f.version === b || path.basename(f.name) === b || f.name.replace(/\.sql$/i, '') === b);
  });
}

export function migrationAge(fsPath: string, set: MigrationSet, opts: { baseline?: string; since?: string } = {}): MigrationAge {
  const file = fileAt(set, fsPath);
  if (opts.baseline && file) {
    const at = baselineIndex(set, opts.baseline);
    if (at >= 0) {
      const mine = upIndex(set, file);
      return mine > at
        ? { status: 'new', reason: `after migrations.baseline "${opts.baseline}"` }
        : { status: 'history', reason: `at or before migrations.baseline "${opts.baseline}"` };
    }
  }
  const git = gitChanges(path.dirname(fsPath), opts.since);
  if (!git) return { status: 'unknown', reason: opts.baseline ? `migrations.baseline "${opts.baseline}" is not a migration of this folder, and git cannot tell` : 'no git repository and no migrations.baseline' };
  if (git.changed.has(realPath(fsPath))) return { status: 'new', reason: `added or changed since ${git.baseLabel}` };
  return { status: 'history', reason: `committed before ${git.baseLabel}` };
}
