/**
 * Plain SQL files: numbered or dated files in a migrations-like folder, or a configured folder. Such a
 * folder does not say what applies it: psql runs each statement on its own, while many home-grown
 * runners wrap each file in a transaction. So their transaction mode is known only when something says
 * it: `migrations.runner` / `migrations.inTransaction` in db-design.json, or psql meta-commands
 * (`\set ON_ERROR_STOP 1`) in the files. PostgreSQL extension scripts (`1.2--1.3.sql`) run inside the
 * transaction of ALTER EXTENSION ... UPDATE.
 */
import * as path from 'node:path';
import type { MigrationSet } from '../migrations';
import { splitStatements } from '../../sql/split';
import { perSet } from '../set-memo';
import { flatSet, MIGRATION_FOLDER, newestFile, newMigrationOf, nextFlatFile, SQL, stemFor, upgradeVersion, versionAfter } from './layout';
import type { FileRunFacts, MigrationRunner } from './types';

/** The first psql meta-command (`\set ON_ERROR_STOP 1`, `\i file.sql`) of a text, as the splitter reads them. */
function metaCommand(text: string): string | undefined {
  if (!text.includes('\\')) return undefined;
  const meta = splitStatements(text, 'postgresql').skipped.find((r) => r.kind === 'meta');
  return meta ? text.slice(meta.span.start, meta.span.end).trim() : undefined;
}

/** A meta-command of this file or, failing that, of any file of the set: psql runs these files. */
function psqlCommand(set: MigrationSet, f: FileRunFacts): string | undefined {
  return metaCommand(f.text) ?? perSet(set, 'psql-meta-command', () => {
    for (const file of set.files) {
      const m = metaCommand(f.textOf(file));
      if (m) return m;
    }
    return undefined;
  });
}

const LEADING_VERSION = /^v?\d/i;
const numbered = (n: string) => SQL.test(n) && LEADING_VERSION.test(n);

const plain: MigrationRunner = {
  info: {
    id: 'plain',
    name: 'plain SQL files',
    usesDown: false,
    behaviour: 'plain migration files run statement by statement (as psql does), each statement committing on its own unless the file has BEGIN ... COMMIT',
  },
  detect(ctx) {
    // Asked for each file of the folder: counted without a list.
    const numberedFiles = () => {
      let n = 0;
      for (const e of ctx.host.readDir(ctx.dir)) if (!e.isDir && numbered(e.name)) n++;
      return n;
    };
    if (ctx.configured || MIGRATION_FOLDER.test(ctx.dirName) || /migrat/i.test(ctx.base)) {
      const useNumbered = numbered(ctx.base) && numberedFiles() >= 2;
      return flatSet(ctx.dir, ctx.host, 'plain', useNumbered ? numbered : (n) => SQL.test(n), { self: ctx.base });
    }
    if (numbered(ctx.base) && numberedFiles() >= 3) return flatSet(ctx.dir, ctx.host, 'plain', numbered);
    return undefined;
  },
  fileMode(f) {
    if (extensionScripts(f.set)) {
      return { mode: 'transaction', reason: 'extension update scripts run inside the transaction of ALTER EXTENSION ... UPDATE' };
    }
    if (f.set.runnerSource === 'config') return { mode: 'none', reason: 'db-design.json says psql-style plain SQL files (`migrations.runner`), run statement by statement' };
    const meta = psqlCommand(f.set, f);
    if (meta) return { mode: 'none', reason: `the migrations are psql scripts (\`${meta}\`), which psql runs statement by statement` };
    return { mode: 'unknown', reason: 'nothing in this folder of SQL files says which runner applies it, so whether it runs each file in a transaction is not known' };
  },
  newMigration(ctx) {
    // Extension scripts all run in ALTER EXTENSION's transaction: a new one would not leave it.
    if (extensionScripts(ctx.set)) return undefined;
    const newest = newestFile(ctx.set);
    const dir = newest ? path.dirname(newest.fsPath) : undefined;
    // Version folders: a new folder after the newest (`v1.13/` -> `v1.14/`, `deltas/3/` -> `deltas/4/`).
    if (newest && dir !== ctx.set.root) {
      const folder = /^(v?)(.*)$/i.exec(path.basename(dir!))!;
      const next = versionAfter(folder[2]);
      return next ? newMigrationOf(ctx.set, [{ fsPath: path.join(ctx.set.root, `${folder[1]}${next}`, `${stemFor(ctx)}.sql`), content: '{{SQL}}\n' }]) : undefined;
    }
    // Upgrade scripts named by version: the next script of the chain (`19_to_20.sql` -> `20_to_21.sql`, `app-1.2.3.sql` -> `app-1.2.4.sql`).
    const up = newest ? upgradeVersion(path.basename(newest.fsPath)) : undefined;
    if (newest && up) {
      const next = versionAfter(up.to ?? up.version);
      if (!next) return undefined;
      const base = path.basename(newest.fsPath);
      const name = up.to
        ? base.replace(/(\d+(?:\.\d+)*)([-_.]to[-_.]v?)(\d+(?:\.\d+)*)\.sql$/i, `${up.to}$2${next}.sql`)
        : base.replace(/([-_]v?)(\d+(?:\.\d+)+)\.sql$/i, `$1${next}.sql`);
      return newMigrationOf(ctx.set, [{ fsPath: path.join(dir!, name), content: '{{SQL}}\n' }]);
    }
    return nextFlatFile(ctx, '{{SQL}}\n');
  },
};

/** PostgreSQL extension update scripts (`1.2--1.3.sql`), which ALTER EXTENSION ... UPDATE runs. */
function extensionScripts(set: MigrationSet): boolean {
  return perSet(set, 'extension-scripts', () => set.files.some((x) => /^\d+(\.\d+)*--\d+(\.\d+)*\.sql$/.test(path.basename(x.fsPath))));
}

export default plain;
