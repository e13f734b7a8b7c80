/**
 * golang-migrate: `<version>_<name>.up.sql` and `.down.sql`; each file sent as one query string (one
 * implicit transaction when it holds two or more statements).
 */
import * as path from 'node:path';
import { DOWN_STUB, flatSet, nextFlatFiles } from './layout';
import type { MigrationRunner } from './types';

const golangMigrate: MigrationRunner = {
  info: {
    id: 'golang-migrate',
    name: 'golang-migrate',
    usesDown: true,
    behaviour:
      'golang-migrate sends each file as one query string (one implicit transaction when it holds two or more statements) ' +
      'unless the database URL sets `x-multi-statement=true`, which runs the statements one by one',
    outsideTransaction: 'Put the statement in a migration file of its own, or set `x-multi-statement=true` in the database URL.',
  },
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!/\.(up|down)\.sql$/i.test(ctx.base)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'golang-migrate', (n) => /\.(up|down)\.sql$/i.test(n));
  },
  fileMode: () => ({ mode: 'implicit', reason: 'golang-migrate sends the file as one query string, which PostgreSQL runs as one implicit transaction' }),
  downFileFor: (up) => (/\.up\.sql$/i.test(up) ? path.join(path.dirname(up), path.basename(up).replace(/\.up\.sql$/i, '.down.sql')) : undefined),
  // A file with a single statement is sent alone: no implicit transaction around it. With its down file.
  newMigration: (ctx) =>
    nextFlatFiles(ctx, [
      { ext: '.up.sql', content: '{{SQL}}\n' },
      { ext: '.down.sql', content: DOWN_STUB },
    ]),
};

export default golangMigrate;
