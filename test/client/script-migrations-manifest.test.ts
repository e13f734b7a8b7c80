/**
 * The editor sends TypeScript/JavaScript migrations, Drizzle schemas and TypeORM entities to the server: the
 * manifest activates the extension in a workspace with scripts below a migrations folder or a drizzle-kit or
 * TypeORM config, the client's document selector names those scripts (and all scripts of a project whose
 * package.json uses Drizzle or TypeORM, no other TypeScript), and the server reads a script only when its text
 * is a migration's, a schema's or entities'.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { languageOf } from '../../server/src/engine/analyze';
import { DOCUMENT_SELECTOR, documentSelectorFor, SCRIPT_MIGRATION_GLOB, scriptOrmProjectDirs, usesScriptOrm } from '../../server/src/lsp/protocol';
import { repoRoot } from '../helpers/paths';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { activationEvents: string[] };
const extension = fs.readFileSync(path.join(repoRoot, 'client', 'src', 'extension.ts'), 'utf8');

describe('TS/JS migrations in the editor', () => {
  it('the manifest activates on scripts below a migrations folder, with the glob the client selects them by', () => {
    assert.ok(pkg.activationEvents.includes(`workspaceContains:${SCRIPT_MIGRATION_GLOB}`), JSON.stringify(pkg.activationEvents));
    assert.match(SCRIPT_MIGRATION_GLOB, /^\*\*\/\{[^}]*\balterations\b[^}]*\}\/\*\*\/\*\.\{[^}]*\bts\b[^}]*\bjs\b/);
    // The language server is never activated for every TypeScript file.
    assert.ok(!pkg.activationEvents.some((e) => e === 'onLanguage:typescript' || e === 'onLanguage:javascript'));
  });

  it('the client hands the server Prisma, SQL and migration scripts only, outside Drizzle and TypeORM projects', () => {
    assert.match(extension, /documentSelector: documentSelectorFor\(ormProjects\)/);
    for (const selector of [DOCUMENT_SELECTOR, documentSelectorFor([])]) {
      const scripts = selector.filter((s) => s.language === 'typescript' || s.language === 'javascript');
      assert.deepEqual(scripts.map((s) => s.language).sort(), ['javascript', 'typescript']);
      for (const s of scripts) assert.equal(s.pattern, SCRIPT_MIGRATION_GLOB);
      for (const s of selector.filter((x) => x.language === 'prisma' || x.language === 'sql')) assert.equal(s.pattern, undefined);
    }
  });

  it('in a project whose package.json uses Drizzle or TypeORM, every script of that project goes to the server', () => {
    assert.equal(usesScriptOrm('{ "dependencies": { "drizzle-orm": "^0.44.0", "pg": "^8" } }'), true);
    assert.equal(usesScriptOrm('{ "devDependencies": { "typeorm": "0.3.20" } }'), true);
    assert.equal(usesScriptOrm('{ "dependencies": { "drizzle-kit-helpers": "1", "react": "19" }, "keywords": ["typeorm"] }'), false);
    assert.equal(usesScriptOrm('{ "dependencies": '), false);
    assert.equal(usesScriptOrm('null'), false);
    const selector = documentSelectorFor(['/home/me/app/apps/api', '/home/me/[odd]/app']);
    const wide = selector.filter((s) => (s.language === 'typescript' || s.language === 'javascript') && s.pattern !== SCRIPT_MIGRATION_GLOB);
    assert.deepEqual(wide, [
      { scheme: 'file', language: 'typescript', pattern: '/home/me/app/apps/api/**/*' },
      { scheme: 'file', language: 'javascript', pattern: '/home/me/app/apps/api/**/*' },
    ]);
    // The manifest activates in such projects through their drizzle-kit or TypeORM config file.
    assert.ok(pkg.activationEvents.some((e) => /^workspaceContains:\*\*\/drizzle\.config\.\{[^}]*\bts\b/.test(e)), JSON.stringify(pkg.activationEvents));
    assert.ok(pkg.activationEvents.some((e) => /^workspaceContains:\*\*\/ormconfig\./.test(e)), JSON.stringify(pkg.activationEvents));
  });

  it('a TypeORM project without ormconfig or migrations activates the extension: data-source files, *.entity files, entity folders', () => {
    const globs = pkg.activationEvents.filter((e) => e.startsWith('workspaceContains:')).map((e) => globRegExp(e.slice('workspaceContains:'.length)));
    const activates = (p: string) => globs.some((g) => g.test(p));
    assert.ok(activates('src/data-source.ts'));
    assert.ok(activates('apps/api/src/users/user.entity.ts'));
    assert.ok(activates('src/entity/User.ts'));
    assert.ok(activates('packages/server/src/database/entities/ChatFlow.ts'));
    assert.ok(!activates('src/services/user.service.ts'));
    assert.ok(!activates('src/index.ts'));
  });

  it('the projects are re-read when a package.json changes: node_modules packages are not projects', () => {
    assert.match(extension, /createFileSystemWatcher\('\*\*\/package\.json'\)/);
    assert.match(extension, /clientOptions\.documentSelector = documentSelectorFor\(now\)/);
    const dirs = scriptOrmProjectDirs([
      { path: '/w/apps/web/package.json', text: '{ "dependencies": { "next": "15" } }' },
      { path: '/w/apps/api/package.json', text: '{ "dependencies": { "typeorm": "0.3.20" } }' },
      { path: '/w/node_modules/typeorm-extension/package.json', text: '{ "dependencies": { "typeorm": "0.3.20" } }' },
      { path: '/w/packages/db/package.json', text: '{ "dependencies": { "drizzle-orm": "0.44.0" } }' },
      { path: '/w/broken/package.json', text: undefined },
    ]);
    assert.deepEqual(dirs, ['/w/apps/api', '/w/packages/db']);
  });

  it('the server reads a Drizzle schema or TypeORM entities, and no other script of such a project', () => {
    assert.equal(languageOf('/p/src/db/schema.ts', "import { pgTable, integer } from 'drizzle-orm/pg-core';\nexport const a = pgTable('a', { id: integer('id') });"), 'typescript');
    assert.equal(languageOf('/p/src/user.entity.ts', "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n@Entity() export class User { @PrimaryGeneratedColumn() id: number }"), 'typescript');
    assert.equal(languageOf('/p/src/service.ts', "import { eq } from 'drizzle-orm';\nexport const byId = (id: number) => eq(users.id, id);"), undefined);
    assert.equal(languageOf('/p/src/repo.ts', "import { Repository } from 'typeorm';\nexport class Repo extends Repository<User> {}"), undefined);
  });

  it('the server reads a script below a migrations folder only when it calls a raw-SQL function', () => {
    const migration = "export class A1 { async up(queryRunner) { await queryRunner.query('CREATE TABLE a (id int)') } }";
    assert.equal(languageOf('/p/src/migrations/1-a.ts', migration), 'sql');
    assert.equal(languageOf('file:///p/packages/schemas/alterations/1.0.0-1-a.ts', "const a = { up: async (pool) => { await pool.query(sql`create table a (id int)`) } }"), 'sql');
    assert.equal(languageOf('/p/src/services/user.ts', migration), undefined);
    assert.equal(languageOf('/p/src/migrations/index.d.ts', migration), undefined);
    assert.equal(languageOf('/p/src/migrations/helpers.ts', 'export const now = () => new Date()'), undefined);
  });
});

/** VS Code's glob syntax as far as the manifest uses it: `**`, `*`, `{a,b}`. */
function globRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '{') re += '(?:';
    else if (c === '}') re += ')';
    else if (c === ',') re += '|';
    else re += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
