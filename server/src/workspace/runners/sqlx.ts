/** sqlx (Rust): `<version>_<name>.sql` in the migrations folder of a Cargo project; `-- no-transaction` opts out. */
import { lineBreak } from '../../model/text';
import { cargoProject, flatSet, nextFlatFile } from './layout';
import type { MigrationRunner } from './types';

const sqlx: MigrationRunner = {
  info: {
    id: 'sqlx',
    name: 'sqlx',
    usesDown: false,
    behaviour: 'sqlx runs each migration in a transaction unless the file starts with `-- no-transaction`',
    optOut: 'start the file with `-- no-transaction`',
  },
  detect(ctx) {
    if (!/^\d+_.+\.sql$/i.test(ctx.base) || ctx.dirName !== 'migrations' || !cargoProject(ctx.dir, ctx.host)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'sqlx', (n) => /^\d+_.+\.sql$/i.test(n), { self: ctx.base });
  },
  fileMode(f) {
    if (/^\s*--\s*no-transaction\b/i.test(f.text)) return { mode: 'none', reason: 'the file starts with `-- no-transaction`' };
    return { mode: 'transaction', reason: 'sqlx runs each migration in a transaction' };
  },
  optOut: (file) => ({
    title: 'Run this migration without a transaction (-- no-transaction)',
    edits: [{ fsPath: file.fsPath, offset: 0, newText: `-- no-transaction${lineBreak(file.text)}` }],
    onlyAlone: false,
  }),
  newMigration: (ctx) => nextFlatFile(ctx, `${ctx.atomic ? '' : '-- no-transaction\n'}{{SQL}}\n`),
};

export default sqlx;
