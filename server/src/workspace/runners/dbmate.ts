/**
 * dbmate: `<version>_<name>.sql` with `-- migrate:up` / `-- migrate:down` sections; `transaction:false`
 * on a section marker opts it out, but the section is still sent as one query string.
 */
import { flatSet, nextFlatFile } from './layout';
import type { MigrationRunner } from './types';

const dbmate: MigrationRunner = {
  info: {
    id: 'dbmate',
    name: 'dbmate',
    usesDown: true,
    behaviour:
      'dbmate runs each migration in a transaction unless the section says `-- migrate:up transaction:false`; even then it sends the ' +
      'section as one query string, so two or more statements still form one implicit transaction',
    optOut: 'write `-- migrate:up transaction:false`, with the statement alone in the migration',
    downMarker: '-- migrate:down',
  },
  sections: { up: /^migrate:up\b/i, down: /^migrate:down\b/i },
  detect(ctx) {
    if (!/^--\s*migrate:up\b/im.test(ctx.head)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'dbmate', (n) => /^\d+.*\.sql$/i.test(n), { self: ctx.base });
  },
  fileMode(f) {
    const marker = new RegExp(`^--\\s*migrate:${f.direction}\\b(.*)$`, 'im').exec(f.text);
    if (marker && /\btransaction:false\b/i.test(marker[1])) {
      return { mode: 'implicit', reason: 'with `transaction:false` dbmate still sends the section as one query string (one implicit transaction)' };
    }
    return { mode: 'transaction', reason: 'dbmate runs each migration in a transaction' };
  },
  // The section is still one query string: only a statement alone in it leaves every transaction.
  optOut: (file) =>
    file.upMarkerEnd === undefined
      ? undefined
      : { title: 'Run this migration without a transaction (transaction:false)', edits: [{ fsPath: file.fsPath, offset: file.upMarkerEnd, newText: ' transaction:false' }], onlyAlone: true },
  newMigration: (ctx) => nextFlatFile(ctx, `-- migrate:up${ctx.atomic ? '' : ' transaction:false'}\n{{SQL}}\n\n-- migrate:down\n`),
};

export default dbmate;
