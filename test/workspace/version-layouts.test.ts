/**
 * Numbered, dated and version-numbered layouts of plain SQL files as ordered histories: version folders
 * (`versioned/v1.10/`, `deltas/3/`), upgrade scripts named by version (`myapp-1.2.3.sql`, `N_to_M.sql`,
 * `a-1.2-to-1.3.sql`), ordered by comparing versions; then the same on the real projects of the corpus.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findMigrationSet, type WorkspaceHost } from '../../server/src/workspace/migrations';
import { MemoryHost } from '../helpers/rule-tester';
import { corpusRoot, NO_CORPUS } from '../helpers/paths';

const root = path.resolve('/ws');

function host(files: Record<string, string>): MemoryHost {
  const h = new MemoryHost();
  for (const [p, t] of Object.entries(files)) h.files.set(path.join(root, p), t);
  return h;
}

const empty = (...names: string[]) => Object.fromEntries(names.map((n) => [n, '']));

function order(h: WorkspaceHost, target: string, base = root) {
  const set = findMigrationSet(path.join(base, target), h);
  assert.ok(set, `no set for ${target}`);
  return set.files.map((f) => `${f.direction === 'down' ? 'down:' : ''}${path.relative(set.root, f.fsPath).split(path.sep).join('/')}@${f.version}`);
}

describe('version-numbered layouts of plain SQL files', () => {
  it('deltas/<n>/<file>.sql: folders by number (2 before 10), files by name inside', () => {
    const files = empty('db/deltas/10/001_x.sql', 'db/deltas/2/002_b.sql', 'db/deltas/2/001_a.sql', 'db/deltas/1/init.sql');
    assert.deepEqual(order(host(files), 'db/deltas/2/002_b.sql'), ['1/init.sql@1', '2/001_a.sql@2', '2/002_b.sql@2', '10/001_x.sql@10']);
  });

  it('whole-number folders outside a migrations-like folder are not a history', () => {
    const files = empty('fixtures/1/a.sql', 'fixtures/2/b.sql');
    assert.equal(findMigrationSet(path.join(root, 'fixtures/2/b.sql'), host(files)), undefined);
  });

  it('upgrade scripts named after their version: compared as versions, not as text', () => {
    const files = empty('sql/upgrade/myapp-1.10.0.sql', 'sql/upgrade/myapp-1.2.3.sql', 'sql/upgrade/myapp-1.2.sql', 'sql/upgrade/myapp-2.0.sql');
    assert.deepEqual(order(host(files), 'sql/upgrade/myapp-1.2.3.sql'), ['myapp-1.2.sql@1.2', 'myapp-1.2.3.sql@1.2.3', 'myapp-1.10.0.sql@1.10.0', 'myapp-2.0.sql@2.0']);
  });

  it('upgrade scripts outside a migrations-like folder: three make a history, fewer do not', () => {
    const three = empty('db/schema-1.0.sql', 'db/schema-1.1.sql', 'db/schema-1.10.sql');
    assert.deepEqual(order(host(three), 'db/schema-1.1.sql'), ['schema-1.0.sql@1.0', 'schema-1.1.sql@1.1', 'schema-1.10.sql@1.10']);
    assert.equal(findMigrationSet(path.join(root, 'db/schema-1.1.sql'), host(empty('db/schema-1.0.sql', 'db/schema-1.1.sql'))), undefined);
  });

  it('N_to_M and from-to scripts: by the version they start from; going down is a downgrade', () => {
    const files = empty('db/10_to_11.sql', 'db/9_to_10.sql', 'db/1_to_2.sql', 'db/2_to_1.sql');
    assert.deepEqual(order(host(files), 'db/9_to_10.sql'), ['1_to_2.sql@1', 'down:2_to_1.sql@2', '9_to_10.sql@9', '10_to_11.sql@10']);
    const named = empty('scripts/app-1.9-to-1.10.sql', 'scripts/app-1.10-to-2.0.sql');
    assert.deepEqual(order(host(named), 'scripts/app-1.10-to-2.0.sql'), ['app-1.9-to-1.10.sql@1.9', 'app-1.10-to-2.0.sql@1.10']);
  });

  it('a numbered runner file that mentions versions keeps its own version and direction', () => {
    const files = { 'db/migrations/00002_revert_2_to_1.sql': '-- +goose Up\n', 'db/migrations/00001_init.sql': '-- +goose Up\n' };
    assert.deepEqual(order(host(files), 'db/migrations/00002_revert_2_to_1.sql'), ['00001_init.sql@00001', '00002_revert_2_to_1.sql@00002']);
  });
});

describe('version-numbered layouts in the corpus', () => {
  const disk: WorkspaceHost = {
    readFile: (p) => (fs.existsSync(p) && fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined),
    readDir: (p) => (fs.existsSync(p) ? fs.readdirSync(p, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() })) : []),
  };
  const versions = (list: string[]) => list.map((f) => f.replace(/^.*@/, ''));
  const ascending = (list: string[]) => list.every((v, i) => i === 0 || naturalLe(list[i - 1], v));
  const naturalLe = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true }) <= 0;

  it('pi-hole: N_to_M.sql upgrade scripts, 1_to_2 ... 19_to_20 in version order', (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const dir = 'sql/pi-hole/advanced/Scripts/database_migration/gravity';
    const got = order(disk, `${dir}/9_to_10.sql`, corpusRoot);
    assert.equal(got.length, 19);
    assert.deepEqual(got.slice(0, 3), ['1_to_2.sql@1', '2_to_3.sql@2', '3_to_4.sql@3']);
    assert.deepEqual(got.slice(-2), ['18_to_19.sql@18', '19_to_20.sql@19']);
    assert.ok(ascending(versions(got)));
  });

  it('temporal: versioned/v1.N/ folders, v1.2 before v1.10', (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const dir = 'sql/temporal/schema/postgresql/v12/temporal/versioned';
    const got = order(disk, `${dir}/v1.10/task_queue_user_data.sql`, corpusRoot);
    assert.equal(got[0], 'v1.0/schema.sql@1.0');
    assert.ok(got.indexOf('v1.2/queue.sql@1.2') < got.indexOf('v1.10/task_queue_user_data.sql@1.10'));
    assert.ok(ascending(versions(got)));
  });

  it('timescaledb: extension update scripts from--to, ordered by version, downgrades as down files', (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const got = order(disk, 'sql/timescaledb/sql/updates/2.9.0--2.9.1.sql', corpusRoot);
    const ups = got.filter((f) => !f.startsWith('down:'));
    assert.ok(ups.indexOf('2.9.3--2.10.0.sql@2.9.3') < ups.indexOf('2.13.0--2.13.1.sql@2.13.0') && ups.indexOf('2.9.3--2.10.0.sql@2.9.3') >= 0);
    assert.ok(got.includes('down:2.9.1--2.9.0.sql@2.9.1'));
    assert.ok(ascending(versions(ups)));
  });

  it('musicbrainz: numbered schema-change scripts (20.all.sql ... 32.all.sql) and dated updates', (t) => {
    if (!corpusRoot) return t.skip(NO_CORPUS);
    const changes = order(disk, 'sql/musicbrainz/admin/sql/updates/schema-change/21.all.sql', corpusRoot);
    assert.equal(changes[0], '20.all.sql@20');
    assert.ok(ascending(versions(changes)));
    const dated = order(disk, 'sql/musicbrainz/admin/sql/updates/20130618-places.sql', corpusRoot);
    assert.ok(dated.length > 200);
    assert.ok(ascending(versions(dated)));
  });
});
