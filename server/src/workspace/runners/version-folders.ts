/**
 * A layout of plain SQL files in one folder per version, folders in version order and files by name
 * inside: `versioned/v1.0/*.sql`, `versioned/v1.1/...` (dotted versions, wherever they are), or
 * `deltas/1/*.sql`, `deltas/2/...` (whole numbers, in a folder named like migrations: deltas, updates,
 * upgrades, patches, migrations).
 */
import * as path from 'node:path';
import type { MigrationFile } from '../migrations';
import { MIGRATION_FOLDER, naturalCompare, SQL } from './layout';
import type { MigrationLayout } from './types';

const DOTTED = /^v?\d+(\.\d+)+$/i;
const WHOLE = /^v?\d+$/i;

const versionFolders: MigrationLayout = {
  layout: 'version-folders',
  detect(ctx) {
    const whole = MIGRATION_FOLDER.test(path.basename(ctx.parent));
    const isVersion = (name: string) => DOTTED.test(name) || (whole && WHOLE.test(name));
    if (!isVersion(ctx.dirName)) return undefined;
    const dirs = ctx.host
      .readDir(ctx.parent)
      .filter((e) => e.isDir && isVersion(e.name))
      .map((e) => e.name);
    // Two dotted folders make a history anywhere; whole numbers only under a migrations-like folder.
    if (dirs.length < (whole ? 1 : 2)) return undefined;
    const files: MigrationFile[] = [];
    for (const d of dirs.sort(naturalCompare)) {
      const inside = ctx.host
        .readDir(path.join(ctx.parent, d))
        .filter((e) => !e.isDir && SQL.test(e.name))
        .map((e) => e.name)
        .sort(naturalCompare);
      for (const n of inside) files.push({ fsPath: path.join(ctx.parent, d, n), name: `${d}/${n}`, direction: 'up', version: d.replace(/^v/i, '') });
    }
    return { root: ctx.parent, runner: 'plain', runnerSource: 'layout', files };
  },
};

export default versionFolders;
