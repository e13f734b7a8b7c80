/**
 * Diesel: `migrations/<version>_<name>/up.sql` and `down.sql`, one folder per migration; each file runs
 * in a transaction unless the folder's metadata.toml says `run_in_transaction = false`.
 */
import * as path from 'node:path';
import { byName, DOWN_STUB, folderSet, nextFolder } from './layout';
import type { MigrationRunner } from './types';

const NO_TX = /^\s*run_in_transaction\s*=\s*false\s*$/im;

/**
 * Diesel's order: the version is the folder name up to its first `_`, compared with its `-` removed
 * (`2017-08-01-000000_x` is version 20170801000000, after `20170701000000_y`).
 */
export function dieselOrder(a: string, b: string): number {
  const version = (d: string) => d.split('_')[0].replace(/-/g, '');
  return byName(version(a), version(b)) || byName(a, b);
}

const diesel: MigrationRunner = {
  info: {
    id: 'diesel',
    name: 'Diesel',
    usesDown: true,
    behaviour: 'Diesel runs each up.sql and down.sql in a transaction unless the migration folder has a metadata.toml with `run_in_transaction = false`',
    optOut: 'add `run_in_transaction = false` to a metadata.toml in the migration folder',
  },
  layoutOwnsFiles: true,
  detect(ctx) {
    if ((ctx.base !== 'up.sql' && ctx.base !== 'down.sql') || !/^\d[\d-]*_/.test(ctx.dirName)) return undefined;
    return folderSet(ctx.parent, ctx.host, 'diesel', ['up.sql', 'down.sql'], dieselOrder);
  },
  fileMode(f) {
    if (f.sideConfig && NO_TX.test(f.sideConfig)) return { mode: 'none', reason: 'its metadata.toml sets `run_in_transaction = false`' };
    return { mode: 'transaction', reason: 'Diesel runs each migration in a transaction' };
  },
  sideConfig: (entry) => path.join(path.dirname(entry.fsPath), 'metadata.toml'),
  // A metadata.toml that says `run_in_transaction = true` is the author's word: not overridden.
  optOut: (file) => {
    if (file.sideConfig !== undefined && /^\s*run_in_transaction\s*=/im.test(file.sideConfig)) return undefined;
    const side = file.sideConfig ?? '';
    const sep = side && !side.endsWith('\n') ? '\n' : '';
    return {
      title: 'Run this migration without a transaction (run_in_transaction = false in metadata.toml)',
      edits: [{ fsPath: path.join(path.dirname(file.fsPath), 'metadata.toml'), offset: side.length, newText: `${sep}run_in_transaction = false\n` }],
      onlyAlone: false,
    };
  },
  upFileFor: (set, down) => set.files.find((f) => f.direction === 'up' && path.dirname(f.fsPath) === path.dirname(down.fsPath)),
  downFileFor: (up) => (path.basename(up) === 'up.sql' ? path.join(path.dirname(up), 'down.sql') : undefined),
  newMigration: (ctx) =>
    nextFolder(ctx, [
      { name: 'up.sql', content: '{{SQL}}\n' },
      { name: 'down.sql', content: DOWN_STUB },
      ...(ctx.atomic ? [] : [{ name: 'metadata.toml', content: 'run_in_transaction = false\n' }]),
    ]),
};

export default diesel;
