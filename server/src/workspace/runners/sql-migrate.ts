/** sql-migrate: files with `-- +migrate Up` / `-- +migrate Down` sections; `notransaction` on the marker opts out. */
import { flatSet, nextFlatFile, SQL } from './layout';
import type { MigrationRunner } from './types';

const sqlMigrate: MigrationRunner = {
  info: {
    id: 'sql-migrate',
    name: 'sql-migrate',
    usesDown: true,
    behaviour: 'sql-migrate runs each migration in a transaction unless the marker says `-- +migrate Up notransaction`',
    optOut: 'write `-- +migrate Up notransaction`',
    downMarker: '-- +migrate Down',
  },
  sections: { up: /^\+migrate\s+up\b/i, down: /^\+migrate\s+down\b/i },
  detect(ctx) {
    if (!/^--\s*\+migrate\s+up\b/im.test(ctx.head)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'sql-migrate', (n) => SQL.test(n), { self: ctx.base });
  },
  fileMode(f) {
    const marker = new RegExp(`^--\\s*\\+migrate\\s+${f.direction}\\b(.*)$`, 'im').exec(f.text);
    if (marker && /\bnotransaction\b/i.test(marker[1])) return { mode: 'none', reason: 'the marker says `notransaction`' };
    return { mode: 'transaction', reason: 'sql-migrate runs each migration in a transaction' };
  },
  optOut: (file) =>
    file.upMarkerEnd === undefined
      ? undefined
      : { title: 'Run this migration without a transaction (notransaction)', edits: [{ fsPath: file.fsPath, offset: file.upMarkerEnd, newText: ' notransaction' }], onlyAlone: true },
  newMigration: (ctx) => nextFlatFile(ctx, `-- +migrate Up${ctx.atomic ? '' : ' notransaction'}\n{{SQL}}\n`),
};

export default sqlMigrate;
