/**
 * Files other than the open one decide findings (a Diesel metadata.toml, a package.json naming the
 * driver): the server asks the client to watch them, and a change on disk re-checks open files
 * without reopening them.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession } from './lsp-session';

const has = (code: string) => (d: Diagnostic[]) => d.some((x) => x.code === code);
const lacks = (code: string) => (d: Diagnostic[]) => !has(code)(d);

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-watch-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

describe('watched project files', () => {
  let lsp: LspSession | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await lsp?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('registers watchers for the runner and engine files, not only schemas and migrations', async () => {
    dir = project({});
    lsp = await LspSession.start({ root: dir });
    // The server registers on `initialized`; a request answered after that has let the registration arrive.
    await lsp.conn.sendRequest('dbDesign/rules');
    const regs = lsp.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles');
    const globs = regs.flatMap((r) => (r.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern));
    for (const name of ['metadata.toml', 'migration_lock.toml', 'drizzle.config.', 'prisma.config.', 'diesel.toml', 'package.json', 'db-design.json', '*.sql', '*.prisma']) {
      assert.ok(globs.some((g) => g.includes(name)), `${name} in ${globs.join(' ')}`);
    }
  });

  it('a Diesel metadata.toml created, then deleted, re-checks the open migration', async () => {
    const idx = 'migrations/2024-02-01-000000_add_idx';
    dir = project({
      'Cargo.toml': '[package]\nname = "app"\n\n[dependencies]\ndiesel = { version = "2", features = ["postgres"] }\n',
      'migrations/2024-01-01-000000_create_users/up.sql': 'CREATE TABLE users (id bigint PRIMARY KEY, email text);\n',
      'migrations/2024-01-01-000000_create_users/down.sql': 'DROP TABLE users;\n',
      [`${idx}/up.sql`]: 'CREATE INDEX CONCURRENTLY users_email_idx ON users (email);\n',
      [`${idx}/down.sql`]: 'DROP INDEX users_email_idx;\n',
    });
    lsp = await LspSession.start({ root: dir });
    const up = path.join(dir, idx, 'up.sql');
    const uri = lsp.open(up, 'sql', fs.readFileSync(up, 'utf8'));
    await lsp.waitFor(uri, has('concurrently-in-transaction'), 'concurrently-in-transaction while Diesel wraps the migration');

    // The output channel says what was detected for the project, and the status bar tooltip lists it.
    const aboutProject = (log: string) => log.startsWith(`Project ${path.join(dir!, 'migrations')}:`);
    const first = lsp.logs.filter(aboutProject);
    assert.equal(first.length, 1, lsp.logs.join('\n'));
    assert.match(first[0], /\n {2}Engine: postgresql \(from \.\.\/Cargo\.toml: diesel feature "postgres"\)\n/);
    assert.match(first[0], /\n {2}Runner: Diesel \(from the migration folder layout\)\n/);
    assert.match(first[0], /\n {2}Transaction mode: in a transaction \(/);
    const tooltip = await lsp.waitForDetected(uri, () => true, 'the status bar facts');
    assert.deepEqual(tooltip, first[0].split('\n').slice(1).map((l) => l.trim()));

    const metadata = path.join(dir, idx, 'metadata.toml');
    fs.writeFileSync(metadata, 'run_in_transaction = false\n');
    lsp.filesChanged([{ file: metadata, type: 1 }]);
    await lsp.waitFor(uri, lacks('concurrently-in-transaction'), 'concurrently-in-transaction to go once metadata.toml opts out');
    // Said again because it changed, with the file it came from.
    const second = lsp.logs.filter(aboutProject);
    assert.equal(second.length, 2, lsp.logs.join('\n'));
    assert.match(second[1], /\n {2}Transaction mode: statement by statement, outside any transaction \(its metadata\.toml sets `run_in_transaction = false`\)/);

    fs.rmSync(metadata);
    lsp.filesChanged([{ file: metadata, type: 3 }]);
    await lsp.waitFor(uri, has('concurrently-in-transaction'), 'concurrently-in-transaction back once metadata.toml is gone');
  });

  it('a package.json naming a SQLite driver switches the open migration to SQLite', async () => {
    dir = project({ 'migrations/001_init.sql': 'CREATE TABLE notes (id bigint PRIMARY KEY, body text, created_at timestamp, updated_at timestamp);\n' });
    lsp = await LspSession.start({ root: dir });
    const file = path.join(dir, 'migrations/001_init.sql');
    const uri = lsp.open(file, 'sql', fs.readFileSync(file, 'utf8'));
    await lsp.waitFor(uri, has('prefer-timestamptz'), 'prefer-timestamptz while nothing names the engine');

    const manifest = path.join(dir, 'package.json');
    fs.writeFileSync(manifest, JSON.stringify({ dependencies: { 'better-sqlite3': '^11.0.0' } }));
    lsp.filesChanged([{ file: manifest, type: 1 }]);
    await lsp.waitFor(uri, lacks('prefer-timestamptz'), 'prefer-timestamptz to go on SQLite');
  });
});
