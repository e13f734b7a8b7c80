/**
 * The files whose creation, change or deletion can change findings in other files, as glob patterns
 * (relative to a workspace folder, `**` for any depth). The editor watches them so that, say, adding a
 * Diesel `metadata.toml` re-checks the open migration without reopening it.
 */
import { SCRIPT_MIGRATION_GLOB } from '../model/migration-file';

export const WATCHED_FILE_GLOBS: readonly string[] = [
  // Schemas, migrations and the config file itself.
  '**/*.prisma',
  '**/*.sql',
  SCRIPT_MIGRATION_GLOB,
  '**/db-design.json',
  // How a migration runs: Diesel's metadata.toml, Flyway's <script>.sql.conf.
  '**/metadata.toml',
  '**/*.sql.conf',
  // The project's engine and runner: Prisma's lock file and config, drizzle-kit's config and journal,
  // the manifests that name a driver, compose files and example env files.
  '**/migration_lock.toml',
  '**/prisma.config.{ts,js,mjs,cjs,mts,cts}',
  '**/drizzle.config.{ts,js,mjs,cjs,mts,cts,json}',
  '**/meta/_journal.json',
  '**/{diesel.toml,Cargo.toml,go.mod,package.json}',
  '**/{docker-compose,compose}*.{yml,yaml}',
  '**/{.env.example,.env.sample,.env.template,.env.dist,.env.defaults,example.env,.env.local.example}',
];
