/** goose: `<version>_<name>.sql` with `-- +goose Up` / `-- +goose Down` sections; `-- +goose NO TRANSACTION` opts out. */
import { lineBreak } from '../../model/text';
import { DOWN_STUB, flatSet, nextFlatFile } from './layout';
import type { MigrationRunner } from './types';

const goose: MigrationRunner = {
  info: {
    id: 'goose',
    name: 'goose',
    usesDown: true,
    behaviour: 'goose runs each migration file in a transaction unless it starts with `-- +goose NO TRANSACTION`',
    optOut: 'add `-- +goose NO TRANSACTION` at the top of the file',
    downMarker: '-- +goose Down',
  },
  sections: { up: /^\+goose\s+up\b/i, down: /^\+goose\s+down\b/i },
  detect(ctx) {
    if (!/^--\s*\+goose\s+up\b/im.test(ctx.head)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'goose', (n) => /^\d+_.*\.sql$/i.test(n), { self: ctx.base });
  },
  fileMode(f) {
    if (/^--\s*\+goose\s+no\s+transaction\b/im.test(f.text)) return { mode: 'none', reason: 'the file says `-- +goose NO TRANSACTION`' };
    return { mode: 'transaction', reason: 'goose runs each migration in a transaction' };
  },
  optOut: (file) => ({
    title: 'Run this migration without a transaction (-- +goose NO TRANSACTION)',
    edits: [{ fsPath: file.fsPath, offset: 0, newText: `-- +goose NO TRANSACTION${lineBreak(file.text)}` }],
    onlyAlone: false,
  }),
  newMigration: (ctx) => nextFlatFile(ctx, `${ctx.atomic ? '' : '-- +goose NO TRANSACTION\n'}-- +goose Up\n{{SQL}}\n\n-- +goose Down\n${DOWN_STUB}`),
};

export default goose;
