/** A layout of plain SQL files: `versioned/v1.0/*.sql`, `versioned/v1.1/...`, folders in version order, files by name inside. */
import * as path from 'node:path';
import type { MigrationFile } from '../migrations';
import { naturalCompare, SQL } from './layout';
import type { MigrationLayout } from './types';

const VERSION_DIR = /^v?\d+(\.\d+)+$/i;

const versionFolders: MigrationLayout = {
  layout: 'version-folders',
  detect(ctx) {
    if (!VERSION_DIR.test(ctx.dirName)) return undefined;
    const dirs = ctx.host
      .readDir(ctx.parent)
      .filter((e) => e.isDir && VERSION_DIR.test(e.name))
      .map((e) => e.name);
    if (dirs.length < 2) return undefined;
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
