/**
 * Plain SQL files (psql-style scripts): numbered or dated files in a migrations-like folder, or a
 * configured folder, run statement by statement. PostgreSQL extension scripts (`1.2--1.3.sql`) run inside
 * the transaction of ALTER EXTENSION ... UPDATE.
 */
import * as path from 'node:path';
import { flatSet, nextFlatFile, SQL } from './layout';
import type { MigrationRunner } from './types';

/** Folder names that say "migrations" when nothing else does. */
const MIGRATION_FOLDER = /(^|[-_.])(migrations?|migrate|updates?|upgrades?|deltas?|patches|changes|changesets?|versioned|schema[-_]changes?|evolutions?)([-_.]|$)/i;
const numbered = (n: string) => SQL.test(n) && /^v?\d/i.test(n);

const plain: MigrationRunner = {
  info: {
    id: 'plain',
    name: 'plain SQL files',
    usesDown: false,
    behaviour: 'plain migration files run statement by statement (as psql does), each statement committing on its own unless the file has BEGIN ... COMMIT',
  },
  detect(ctx) {
    const files = () => ctx.host.readDir(ctx.dir).filter((e) => !e.isDir && SQL.test(e.name)).map((e) => e.name);
    if (ctx.configured || MIGRATION_FOLDER.test(ctx.dirName) || /migrat/i.test(ctx.base)) {
      const useNumbered = numbered(ctx.base) && files().filter(numbered).length >= 2;
      return flatSet(ctx.dir, ctx.host, 'plain', useNumbered ? numbered : (n) => SQL.test(n), { source: ctx.configured ? 'config' : 'layout', self: ctx.base });
    }
    if (numbered(ctx.base) && files().filter(numbered).length >= 3) return flatSet(ctx.dir, ctx.host, 'plain', numbered);
    return undefined;
  },
  fileMode(f) {
    if (f.set.files.some((x) => /^\d+(\.\d+)*--\d+(\.\d+)*\.sql$/.test(path.basename(x.fsPath)))) {
      return { mode: 'transaction', reason: 'extension update scripts run inside the transaction of ALTER EXTENSION ... UPDATE' };
    }
    return { mode: 'none', reason: 'plain SQL files run statement by statement' };
  },
  newMigration: (ctx) => nextFlatFile(ctx, '{{SQL}}\n'),
};

export default plain;
