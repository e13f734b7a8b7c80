/**
 * pop (Ory/Buffalo): `<20-digit version>_<name>[.<engine>].up.sql` and `.down.sql`; plain files and the
 * connection's engine's files form one history per engine. Each file runs in a transaction, except
 * `*.autocommit.up.sql`.
 */
import * as path from 'node:path';
import { flatSet, newMigrationOf, nextVersion, stemFor } from './layout';
import { perSet } from '../set-memo';
import type { MigrationFile, MigrationSet } from '../migrations';
import type { MigrationRunner } from './types';

/** The engines pop names in a file's infix (`NAME.postgres.up.sql`): one list for every pattern below. */
const ENGINES = 'postgres|mysql|sqlite3?|cockroach';
const POP_ENGINE = new RegExp(`\\.(${ENGINES})\\.(?:up|down)\\.sql$`, 'i');
const ENGINE_INFIX = new RegExp(`\\.(?:${ENGINES})(?=\\.(?:up|down)\\.sql$)`, 'i');

/**
 * A migration's name without its direction and `.autocommit` (and, `loose`, its engine): the same for an up
 * file and its down file. Loosely, a plain down file (`X.down.sql`) serves an engine's `X.<engine>.up.sql`
 * that has no down file of its own, as Ory's older folders write them.
 */
function pairKey(fsPath: string, loose = false): string {
  const name = fsPath.replace(/\.autocommit(?=\.(?:up|down)\.sql$)/i, '');
  return (loose ? name.replace(ENGINE_INFIX, '') : name).replace(/\.(?:up|down)\.sql$/i, '');
}

/** The up file of a down file: the one of the same name, else the one of the same name but for its engine. */
function upFileFor(set: MigrationSet, down: MigrationFile): MigrationFile | undefined {
  const byName = (loose: boolean) =>
    perSet(set, `pop-up-by-name-${loose}`, () => new Map(set.files.filter((f) => f.direction === 'up').reverse().map((f) => [pairKey(f.fsPath, loose), f])));
  const exact = byName(false).get(pairKey(down.fsPath));
  if (exact) return exact;
  const up = byName(true).get(pairKey(down.fsPath, true));
  // Not an up file that has a down file of its own.
  const downNames = perSet(set, 'pop-down-names', () => new Set(set.files.filter((f) => f.direction === 'down').map((f) => pairKey(f.fsPath))));
  return up && !downNames.has(pairKey(up.fsPath)) ? up : undefined;
}

/** The engine whose history a file belongs to: its infix, or PostgreSQL for plain files. */
function engineOf(name: string): string {
  return POP_ENGINE.exec(name)?.[1].toLowerCase().replace(/^sqlite$/, 'sqlite3') ?? 'postgres';
}

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
    // A plain file is pop's by its 20-digit version, or by sitting among engine files (Ory's older folders
    // use 14-digit versions): either way the answer is the same whichever file of the folder is read first.
    if (!/^\d{20}_/.test(ctx.base) && !POP_ENGINE.test(ctx.base) && !ctx.host.readDir(ctx.dir).some((e) => !e.isDir && POP_ENGINE.test(e.name))) return undefined;
    // pop applies a folder's plain files and the files of the connection's engine: one history per engine
    // (plain files alone belong with PostgreSQL's, the engine they are read for when nothing else says).
    const mine = engineOf(ctx.base);
    return flatSet(ctx.dir, ctx.host, 'pop', (n) => /\.(up|down)\.sql$/i.test(n) && (POP_ENGINE.test(n) ? engineOf(n) : mine) === mine);
  },
  // A file of one engine's history finds the same history: one detection serves the engine's files.
  sharesSet: (detectedFrom, other) => engineOf(path.basename(other)) === engineOf(path.basename(detectedFrom)),
  fileMode(f) {
    if (/\.autocommit\./i.test(f.name)) return { mode: 'none', reason: 'its name says `.autocommit.`, which pop runs outside a transaction' };
    return { mode: 'transaction', reason: 'pop runs each migration in a transaction' };
  },
  // An up file and its down file share their name up to the direction; `.autocommit` may be on either.
  upFileFor,
  downFileFor: (up) => (/\.up\.sql$/i.test(up) ? path.join(path.dirname(up), path.basename(up).replace(/\.up\.sql$/i, '.down.sql')) : undefined),
  // `<version>_<name>.<engine>.autocommit.up.sql` with its (empty) down file, as Ory's projects write them
  // (without `.autocommit` when its statements belong together).
  newMigration(ctx) {
    const version = nextVersion(ctx.set, ctx.later);
    if (!version) return undefined;
    const engine = POP_ENGINE.exec(path.basename(ctx.entry.fsPath))?.[1] ?? 'postgres';
    const stem = stemFor(ctx).replace(new RegExp(`\\.(?:${ENGINES}|autocommit)\\b`, 'gi'), '');
    const file = (dir: string) => path.join(path.dirname(ctx.entry.fsPath), `${version}_${stem}.${engine}${ctx.atomic ? '' : '.autocommit'}.${dir}.sql`);
    return newMigrationOf(ctx.set, [
      { fsPath: file('up'), content: '{{SQL}}\n' },
      { fsPath: file('down'), content: '' },
    ]);
  },
};

export default pop;
