/**
 * Flyway: `V<version>__<name>.sql` (versioned), `U<version>__` (undo), `R__` (repeatable, after all
 * versioned ones); each migration in a transaction, except on PostgreSQL one made only of statements that
 * cannot run in one. `executeInTransaction=false` in `<script>.sql.conf` or the script opts out.
 */
import * as path from 'node:path';
import { flatSet, newMigrationOf, nextVersion, stemFor, type ParsedName } from './layout';
import type { MigrationRunner } from './types';

const FILE = /^[VUR]\d*(?:[._]\d+)*__.+\.sql$/i;

function parse(name: string): ParsedName {
  const m = /^([VUR])(\d*(?:[._]\d+)*)__/i.exec(name);
  const kind = m?.[1].toUpperCase();
  return {
    name,
    direction: kind === 'U' || /\.down\.sql$/i.test(name) ? 'down' : 'up',
    version: m ? m[2].replace(/_/g, '.') : (/^v?(\d+(?:[._]\d+)*)/i.exec(name)?.[1] ?? ''),
    group: kind === 'R' ? 1 : 0,
  };
}

const flyway: MigrationRunner = {
  info: {
    id: 'flyway',
    name: 'Flyway',
    usesDown: false,
    behaviour:
      'Flyway runs each migration in a transaction; on PostgreSQL it runs a migration made only of statements that cannot run in one ' +
      '(such as CREATE INDEX CONCURRENTLY) without a transaction, and refuses a migration that mixes both unless `mixed` is enabled',
    optOut: 'set `executeInTransaction=false` in a `<script>.sql.conf` file next to the migration',
    mixedTransaction: 'Flyway runs a migration that mixes it with other statements in a transaction (or refuses it unless `mixed` is set)',
    outsideTransaction: 'Put the statement in a migration of its own: Flyway runs such a migration outside a transaction.',
  },
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!/^V\d+(?:[._]\d+)*__.+\.sql$/i.test(ctx.base) && !/^[UR]\d*(?:[._]\d+)*__.+\.sql$/i.test(ctx.base)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'flyway', (n) => FILE.test(n), { parse });
  },
  fileMode(f) {
    if (f.sideConfig && /^\s*executeInTransaction\s*=\s*false\s*$/im.test(f.sideConfig)) {
      return { mode: 'none', reason: 'its .conf file sets `executeInTransaction=false`' };
    }
    if (/^--\s*flyway:executeInTransaction\s*=\s*false\b/im.test(f.text)) return { mode: 'none', reason: 'the script says `flyway:executeInTransaction=false`' };
    if (f.allNonTransactional) return { mode: 'none', reason: 'Flyway runs a migration made only of non-transactional statements without a transaction' };
    return { mode: 'transaction', reason: 'Flyway runs each migration in a transaction' };
  },
  sideConfig: (entry) => `${entry.fsPath}.conf`,
  optOut: (file) => {
    if (file.sideConfig !== undefined && /^\s*executeInTransaction\s*=/im.test(file.sideConfig)) return undefined;
    const side = file.sideConfig ?? '';
    const sep = side && !side.endsWith('\n') ? '\n' : '';
    return {
      title: `Run this migration without a transaction (executeInTransaction=false in ${path.basename(file.fsPath)}.conf)`,
      edits: [{ fsPath: `${file.fsPath}.conf`, offset: side.length, newText: `${sep}executeInTransaction=false\n` }],
      onlyAlone: false,
    };
  },
  newMigration(ctx) {
    const version = nextVersion(ctx.set, ctx.later);
    if (!version) return undefined;
    // Flyway runs a migration made only of non-transactional statements outside a transaction.
    return newMigrationOf(ctx.set, [{ fsPath: path.join(path.dirname(ctx.entry.fsPath), `V${version}__${stemFor(ctx)}.sql`), content: '{{SQL}}\n' }]);
  },
};

export default flyway;
