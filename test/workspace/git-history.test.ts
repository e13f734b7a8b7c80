/**
 * New vs history in a real git repository (git init in a temp folder): migrations committed on main are
 * history, an untracked one is new. `--changed-since HEAD` reports only the new one; no fix or code
 * action edits a committed migration; the fix of a design problem introduced in history creates a new
 * migration; a configured baseline does the same without git; without either, no edit of an existing
 * migration is safe.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { URI } from 'vscode-uri';
import { Engine, pathToUri, type FileAnalysis } from '../../server/src/engine/analyze';
import { diskHost } from '../../server/src/cli/check';
import { allRules } from '../../server/src/rules/registry';
import { clearGitCache } from '../../server/src/workspace/git';
import { LspSession } from '../client/lsp-session';
import { repoRoot } from '../helpers/paths';

const MIGRATION = new Set(allRules.filter((r) => r.meta.category === 'migration').map((r) => r.meta.id));
const cli = path.join(repoRoot, 'bin', 'db-design.js');

const HISTORY: Record<string, string> = {
  'db/migrations/000001_init.up.sql':
    'CREATE TABLE users (id bigint PRIMARY KEY);\nCREATE TABLE posts (id bigint PRIMARY KEY, title text, author_id bigint REFERENCES users (id) ON DELETE CASCADE);\n',
  'db/migrations/000001_init.down.sql': 'DROP TABLE posts;\nDROP TABLE users;\n',
  'db/migrations/000002_add_score.up.sql': 'ALTER TABLE posts ADD COLUMN score integer NOT NULL;\n',
  'db/migrations/000002_add_score.down.sql': 'ALTER TABLE posts DROP COLUMN score;\n',
};
const NEW = {
  'db/migrations/000003_title_index.up.sql':
    'CREATE INDEX posts_title_idx ON posts (title);\nCREATE TABLE comments (id bigint PRIMARY KEY, post_id bigint REFERENCES posts (id) ON DELETE CASCADE);\n',
};

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

/** Every file a fix's edits touch, as paths relative to the repository. */
function touched(root: string, a: FileAnalysis): string[] {
  return a.findings.flatMap((f) => f.fixes.flatMap((x) => x.edits.map((e) => path.relative(root, URI.parse(e.uri).fsPath))));
}

describe('new migrations and history in a git repository', () => {
  let root: string;
  const analyze = async (engine: Engine, rel: string) => engine.analyze(pathToUri(path.join(root, rel)), fs.readFileSync(path.join(root, rel), 'utf8'), 'sql');

  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-git-')));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.email', 'test@example.com');
    git(root, 'config', 'user.name', 'test');
    write(root, { 'package.json': '{"dependencies": {"pg": "8.11.0"}}\n', ...HISTORY });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'history');
    write(root, NEW);
    clearGitCache();
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it('history: no migration-safety findings, no fix that edits it; the new migration keeps both', async () => {
    const engine = new Engine(diskHost);
    const old = await analyze(engine, 'db/migrations/000002_add_score.up.sql');
    assert.equal(old.age?.status, 'history');
    assert.deepEqual(old.findings.filter((f) => MIGRATION.has(f.rule)).map((f) => f.rule), [], 'its locks are in the past');
    for (const rel of Object.keys(HISTORY)) {
      const a = await analyze(engine, rel);
      assert.equal(a.age?.status, 'history', rel);
      for (const file of touched(root, a)) assert.ok(!(file in HISTORY), `${rel}: a fix edits the committed ${file}`);
    }
    const fresh = await analyze(engine, 'db/migrations/000003_title_index.up.sql');
    assert.equal(fresh.age?.status, 'new');
    assert.ok(fresh.findings.some((f) => f.rule === 'require-concurrent-index'), 'the new migration gets its migration-safety finding');
    const fk = fresh.findings.find((f) => f.rule === 'fk-missing-index');
    assert.ok(fk?.fixes.some((x) => x.safe), 'and its safe fix (it edits only the new file)');
  });

  it('a design problem introduced in history stays visible there, and its fix writes a new migration', async () => {
    const engine = new Engine(diskHost);
    const init = await analyze(engine, 'db/migrations/000001_init.up.sql');
    const fk = init.findings.find((f) => f.rule === 'fk-missing-index');
    assert.ok(fk, 'fk-missing-index where the foreign key was introduced');
    assert.equal(fk.fixes.length, 1);
    const fix = fk.fixes[0];
    assert.equal(fix.safe, false, 'creating a migration is never applied on save');
    const [edit] = fix.edits;
    const target = path.relative(root, URI.parse(edit.uri).fsPath);
    assert.equal(target, 'db/migrations/000004_fk_missing_index.up.sql', 'named and versioned after the last migration');
    assert.ok(!fs.existsSync(path.join(root, target)));
    assert.match(edit.newText, /^CREATE INDEX CONCURRENTLY \S+ ON posts \(author_id\);/m, 'CONCURRENTLY: the table holds data');
  });

  it('check --changed-since HEAD reports only the new migration and says how many it left out', () => {
    const res = spawnSync(process.execPath, [cli, 'check', '--format', 'json', '--changed-since', 'HEAD', '.'], { cwd: root, encoding: 'utf8' });
    assert.notEqual(res.status, 2, res.stderr);
    const out = JSON.parse(res.stdout) as { diagnostics: { file: string; rule: string }[]; changedSince: { ref: string; leftOut: number } };
    assert.deepEqual([...new Set(out.diagnostics.map((d) => d.file))], ['db/migrations/000003_title_index.up.sql']);
    assert.ok(out.diagnostics.some((d) => d.rule === 'require-concurrent-index'));
    const all = JSON.parse(spawnSync(process.execPath, [cli, 'check', '--format', 'json', '.'], { cwd: root, encoding: 'utf8' }).stdout) as { diagnostics: unknown[] };
    assert.equal(out.changedSince.leftOut, all.diagnostics.length - out.diagnostics.length);
    assert.ok(out.changedSince.leftOut > 0);
    assert.match(res.stderr, new RegExp(`--changed-since HEAD: left out ${out.changedSince.leftOut} finding`));
    const bad = spawnSync(process.execPath, [cli, 'check', '--changed-since', 'no-such-ref', '.'], { cwd: root, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /--changed-since no-such-ref/);
  });

  it('no code action in the editor edits a committed migration', async () => {
    const session = await LspSession.start({ root });
    try {
      for (const rel of Object.keys(HISTORY)) {
        const file = path.join(root, rel);
        const text = fs.readFileSync(file, 'utf8');
        const uri = session.open(file, 'sql', text);
        const diagnostics = await session.diagnosticsFor(uri);
        const lines = text.split('\n').length;
        const actions = (await session.conn.sendRequest('textDocument/codeAction', {
          textDocument: { uri },
          range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } },
          context: { diagnostics },
        })) as CodeAction[];
        for (const a of actions) {
          for (const u of editedUris(a.edit)) {
            const target = path.relative(root, URI.parse(u).fsPath);
            assert.ok(!(target in HISTORY), `${rel}: "${a.title}" edits the committed ${target}`);
          }
        }
      }
    } finally {
      await session.stop();
    }
  });

  it('in Restricted Mode (an untrusted workspace) the server runs no git: nothing is known to be history', async () => {
    const rel = 'db/migrations/000002_add_score.up.sql';
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    const rulesSeen = async (trusted: boolean) => {
      const session = await LspSession.start({ root, initializationOptions: { trusted } });
      try {
        return (await session.diagnosticsFor(session.open(path.join(root, rel), 'sql', text))).map((d) => String(d.code));
      } finally {
        await session.stop();
      }
    };
    assert.ok(!(await rulesSeen(true)).includes('add-column-not-null-without-default'), 'trusted: git says it has run');
    assert.ok((await rulesSeen(false)).includes('add-column-not-null-without-default'), 'restricted: no git, so not known to have run');
  });

  it('without git: migrations.baseline makes the same split; with neither, no edit of a migration is safe', async () => {
    const plain = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'db-design-nogit-')));
    try {
      write(plain, { ...HISTORY, ...NEW });
      let engine = new Engine(diskHost);
      const unknown = await analyze2(engine, plain, 'db/migrations/000003_title_index.up.sql');
      assert.equal(unknown.age?.status, 'unknown');
      const edits = unknown.findings.flatMap((f) => f.fixes).filter((x) => x.edits.some((e) => e.uri === unknown.uri));
      assert.ok(edits.length > 0);
      assert.ok(edits.every((x) => !x.safe), 'never marked safe: it may have run');
      write(plain, { 'db-design.json': JSON.stringify({ migrations: { baseline: '000002_add_score.up.sql' } }) });
      engine = new Engine(diskHost);
      const old = await analyze2(engine, plain, 'db/migrations/000002_add_score.up.sql');
      assert.equal(old.age?.status, 'history');
      assert.deepEqual(old.findings.filter((f) => MIGRATION.has(f.rule)), []);
      const fresh = await analyze2(engine, plain, 'db/migrations/000003_title_index.up.sql');
      assert.equal(fresh.age?.status, 'new');
      assert.ok(fresh.findings.some((f) => f.rule === 'require-concurrent-index'));
      assert.ok(fresh.findings.some((f) => f.rule === 'fk-missing-index' && f.fixes.some((x) => x.safe)), 'a new migration keeps its safe fixes');
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
  });
});

async function analyze2(engine: Engine, root: string, rel: string): Promise<FileAnalysis> {
  return engine.analyze(pathToUri(path.join(root, rel)), fs.readFileSync(path.join(root, rel), 'utf8'), 'sql');
}

function editedUris(edit: WorkspaceEdit | undefined): string[] {
  if (!edit) return [];
  const out = Object.keys(edit.changes ?? {});
  for (const c of edit.documentChanges ?? []) {
    if ('textDocument' in c) out.push(c.textDocument.uri);
    else if ('uri' in c) out.push(c.uri);
  }
  return out;
}
