/**
 * pop (Ory/Buffalo): `<20-digit version>_<name>[.<engine>].up.sql` and `.down.sql`; plain files and the
 * connection's engine's files form one history per engine. Each file runs in a transaction, except
 * `*.autocommit.up.sql`.
 */
import * as path from 'node:path';
import { flatSet, newMigrationOf, nextVersion, stemFor } from './layout';
import type { MigrationRunner } from './types';

/** ory/pop's engine infix: `NAME.postgres.up.sql`. */
/** A migration's name without its direction and `.autocommit`: the same for an up file and its down file. */
function pairKey(fsPath: string): string {
  return fsPath.replace(/\.autocommit(?=\.(?:up|down)\.sql$)/i, '').replace(/\.(?:up|down)\.sql$/i, '');
}

const POP_ENGINE = /\.(postgres|mysql|sqlite3?|cockroach)\.(?:up|down)\.sql$/i;

const pop: MigrationRunner = {
  info: {
    id: 'pop',
    name: 'pop (Ory/Buffalo)',
    usesDown: true,
    behaviour: 'pop runs each migration file in a transaction, except files named `*.autocommit.up.sql`',
    optOut: 'name the file `<version>_<name>.autocommit.up.sql`',
  },
  detect(ctx) {
    if (!/\.(up|down)\.sql$/i.test(ctx.base)) return undefined;
    if (!/^\d{20}_/.test(ctx.base) && !POP_ENGINE.test(ctx.base)) return undefined;
    // pop applies a folder's plain files and the files of the connection's engine: one history per engine
    // (plain files alone belong with PostgreSQL's, the engine they are read for when nothing else says).
    const engine = (n: string) => POP_ENGINE.exec(n)?.[1].toLowerCase().replace(/^sqlite$/, 'sqlite3');
    const mine = engine(ctx.base) ?? 'postgres';
    return flatSet(ctx.dir, ctx.host, 'pop', (n) => /\.(up|down)\.sql$/i.test(n) && (engine(n) ?? mine) === mine);
  },
  fileMode(f) {
    if (/\.autocommit\./i.test(f.name)) return { mode: 'none', reason: 'its name says `.autocommit.`, which pop runs outside a transaction' };
    return { mode: 'transaction', reason: 'pop runs each migration in a transaction' };
  },
  // An up file and its down file share their name up to the direction; `.autocommit` may be on either.
  upFileFor: (set, down) => set.files.find((f) => f.direction === 'up' && pairKey(f.fsPath) === pairKey(down.fsPath)),
  downFileFor: (up) => (/\.up\.sql$/i.test(up) ? path.join(path.dirname(up), path.basename(up).replace(/\.up\.sql$/i, '.down.sql')) : undefined),
  // `<version>_<name>.<engine>.autocommit.up.sql` with its (empty) down file, as Ory's projects write them.
  newMigration(ctx) {
    const version = nextVersion(ctx.set);
    if (!version) return undefined;
    const engine = POP_ENGINE.exec(path.basename(ctx.entry.fsPath))?.[1] ?? 'postgres';
    const stem = stemFor(ctx).replace(/\.(?:postgres|mysql|sqlite3?|cockroach|autocommit)\b/gi, '');
    const file = (dir: string) => path.join(path.dirname(ctx.entry.fsPath), `${version}_${stem}.${engine}.autocommit.${dir}.sql`);
    return newMigrationOf(ctx.set, [
      { fsPath: file('up'), content: '{{SQL}}\n' },
      { fsPath: file('down'), content: '' },
    ]);
  },
};

export default pop;
