/**
 * Alteration scripts on slonik (Logto's `alterations/<version>-<timestamp>-<name>.ts`, an object with
 * `up(pool)` / `down(pool)`, SQL in `sql` tagged templates): applied in the order of the timestamp in their
 * names, each inside a transaction of the alteration command.
 */
import { isScriptFile } from '../script-migrations';
import { flatSet } from './layout';
import { imports, isMigrationScript } from './scripts';
import type { MigrationRunner } from './types';

/** `1.2.0-1700000000-name.ts`, `next-1700000000.5-name.ts`: the timestamp after the version. */
const NAME = /^[^-]+-(\d+(?:\.\d+)?)-/;

const slonik: MigrationRunner = {
  info: {
    id: 'slonik',
    name: 'slonik alteration scripts',
    usesDown: true,
    behaviour: 'the alteration command runs each alteration script in a transaction',
  },
  scripts: true,
  layoutOwnsFiles: true,
  detect(ctx) {
    if (!isMigrationScript(ctx) || !imports(ctx.head, /(?:@[\w-]+\/)?slonik/) || !NAME.test(ctx.base)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'slonik', (n) => isScriptFile(n) && NAME.test(n), {
      self: ctx.base,
      parse: (name) => ({ name, direction: 'up', version: NAME.exec(name)?.[1] ?? '', group: 0 }),
    });
  },
  fileMode: () => ({ mode: 'transaction', reason: 'the alteration command runs each script in a transaction' }),
};

export default slonik;
