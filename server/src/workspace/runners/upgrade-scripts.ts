/**
 * A layout of plain SQL upgrade scripts named by version, outside a folder named like migrations (those
 * the plain layout takes whole): `myapp-1.2.3.sql`, `schema_v2.1.sql`, `upgrade-1.2-to-1.3.sql`,
 * `3_to_4.sql`, ordered by version. Scripts that name both versions are unmistakable from two on; a version
 * after a name alone takes three, so two versions of a schema dump are not read as a history.
 */
import { flatSet, MIGRATION_FOLDER, SQL, upgradeVersion } from './layout';
import type { MigrationLayout } from './types';

const upgradeScripts: MigrationLayout = {
  layout: 'upgrade-scripts',
  detect(ctx) {
    if (MIGRATION_FOLDER.test(ctx.dirName) || !upgradeVersion(ctx.base)) return undefined;
    const versioned = ctx.host
      .readDir(ctx.dir)
      .filter((e) => !e.isDir && SQL.test(e.name) && upgradeVersion(e.name))
      .map((e) => e.name);
    const fromTo = versioned.filter((n) => upgradeVersion(n)?.to !== undefined).length;
    if (!(upgradeVersion(ctx.base)?.to !== undefined ? fromTo >= 2 : versioned.length >= 3)) return undefined;
    return flatSet(ctx.dir, ctx.host, 'plain', (n) => SQL.test(n) && upgradeVersion(n) !== undefined, { self: ctx.base });
  },
};

export default upgradeScripts;
