/**
 * The editor sends TypeScript/JavaScript migrations to the server: the manifest activates the extension in a
 * workspace with scripts below a migrations folder, the client's document selector names those scripts
 * (and no other TypeScript), and the server reads a script only when its text is a migration's.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { languageOf } from '../../server/src/engine/analyze';
import { DOCUMENT_SELECTOR, SCRIPT_MIGRATION_GLOB } from '../../server/src/lsp/protocol';
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

  it('the client hands the server Prisma, SQL and migration scripts only', () => {
    assert.match(extension, /documentSelector: DOCUMENT_SELECTOR\b/);
    const scripts = DOCUMENT_SELECTOR.filter((s) => s.language === 'typescript' || s.language === 'javascript');
    assert.deepEqual(scripts.map((s) => s.language).sort(), ['javascript', 'typescript']);
    for (const s of scripts) assert.equal(s.pattern, SCRIPT_MIGRATION_GLOB);
    for (const s of DOCUMENT_SELECTOR.filter((x) => x.language === 'prisma' || x.language === 'sql')) assert.equal(s.pattern, undefined);
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
