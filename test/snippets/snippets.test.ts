/**
 * The snippets encode the good patterns, so each one, expanded with its defaults, must pass the
 * engine's own review: no error or warning finding, no syntax error, no Prisma validation error.
 * Prisma snippets that go inside a model or need related models are linted inside a small host
 * schema, indented the way VS Code indents the lines of an inserted snippet.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse as parseJsonc } from 'jsonc-parser';
import { Engine, pathToUri, type Language } from '../../server/src/engine/analyze';
import { repoRoot } from '../helpers/paths';
import { MemoryHost } from '../helpers/rule-tester';
import { expandSnippet } from './expand';

interface Snippet {
  prefix: string | string[];
  description: string;
  body: string | string[];
}

function load(file: string): Record<string, Snippet> {
  return parseJsonc(fs.readFileSync(path.join(repoRoot, 'snippets', file), 'utf8')) as Record<string, Snippet>;
}

const DATASOURCE = 'datasource db {\n  provider = "postgresql"\n}\n';
const ID = 'id BigInt @id @default(autoincrement())';

/** Where a Prisma snippet is inserted: `{{snippet}}` at the indentation VS Code would use. */
const PRISMA_HOSTS: Record<string, string> = {
  'Model with audit fields': `${DATASOURCE}\n{{snippet}}\n`,
  Enum: `${DATASOURCE}\n{{snippet}}\n`,
  'Relation with index': `${DATASOURCE}\nmodel User {\n  ${ID}\n  posts Post[]\n}\n\nmodel Post {\n  ${ID}\n  {{snippet}}\n}\n`,
  'Explicit many-to-many model': `${DATASOURCE}\nmodel Post {\n  ${ID}\n  tags PostTag[]\n}\n\nmodel Tag {\n  ${ID}\n  posts PostTag[]\n}\n\n{{snippet}}\n`,
};

/** Inserts the expansion at the marker; lines after the first take the marker line's indentation. */
function insert(host: string, expansion: string): string {
  return host.replace(/^([ \t]*)\{\{snippet\}\}/m, (_m, indent: string) => indent + expansion.split('\n').join('\n' + indent));
}

let counter = 0;

/**
 * A pattern that must span several migrations (CONCURRENTLY outside a transaction, VALIDATE after the
 * NOT VALID has committed) says where each starts with a `-- migration N` line. Each part becomes a
 * migration folder of its own, as the user is told to split it, and each is reviewed as such.
 */
export function splitMigrations(text: string): string[] {
  const parts: string[][] = [];
  for (const line of text.split('\n')) {
    if (/^-- migration \d+\b/.test(line) || !parts.length) parts.push([]);
    parts[parts.length - 1].push(line);
  }
  return parts.map((p) => p.join('\n').replace(/\n*$/, '\n'));
}

async function lint(language: Language, text: string) {
  const host = new MemoryHost();
  const dir = path.resolve('/db-design-snippets', `s${++counter}`);
  const files =
    language === 'prisma'
      ? [[path.join(dir, 'schema.prisma'), text]]
      : splitMigrations(text).map((part, i) => [path.join(dir, 'migrations', `00${i + 1}_snippet`, 'migration.sql'), part]);
  for (const [file, t] of files) host.files.set(file, t);
  const engine = new Engine(host);
  const findings = [];
  for (const [file, t] of files) findings.push(...(await engine.analyze(pathToUri(file), t, language)).findings);
  return findings;
}

function describeFindings(findings: { rule: string; severity: string; message: string }[]): string {
  return findings.map((f) => `${f.severity} ${f.rule}: ${f.message}`).join('\n');
}

const REQUIRED = {
  'sql.code-snippets': [
    'Table with identity key',
    'Table with UUID v7 key',
    'Foreign key column with its index',
    'Junction table',
    'Add NOT NULL column safely',
    'Create index concurrently',
    'Row level security for a tenant table',
    'Soft delete with partial unique index',
    'Transaction block',
  ],
  'prisma.code-snippets': ['Model with audit fields', 'Relation with index', 'Explicit many-to-many model', 'Enum'],
};

describe('snippets', () => {
  it('a multi-migration snippet splits at its "-- migration N" lines', () => {
    assert.deepEqual(splitMigrations('-- migration 1: a\nA;\n-- migration 2: b\nB;\n'), ['-- migration 1: a\nA;\n', '-- migration 2: b\nB;\n']);
    assert.deepEqual(splitMigrations('A;\nB;'), ['A;\nB;\n']);
  });

  it('package.json contributes both snippet files, and each holds the patterns it promises', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const contributed = pkg.contributes.snippets.map((s: { language: string; path: string }) => `${s.language}:${path.basename(s.path)}`).sort();
    assert.deepEqual(contributed, ['prisma:prisma.code-snippets', 'sql:sql.code-snippets']);
    for (const [file, names] of Object.entries(REQUIRED)) {
      const snippets = load(file);
      for (const name of names) assert.ok(snippets[name], `${file} has no "${name}"`);
      for (const [name, s] of Object.entries(snippets)) {
        assert.ok(s.prefix.length && s.description && s.body.length, `${file}: "${name}" needs a prefix, a description and a body`);
      }
    }
  });

  for (const [name, snippet] of Object.entries(load('sql.code-snippets'))) {
    it(`SQL "${name}" expands to SQL that passes review`, async () => {
      const text = expandSnippet(snippet.body) + '\n';
      assert.doesNotMatch(text, /\$\{?\d/, 'a placeholder survived expansion');
      const findings = await lint('sql', text);
      const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || f.rule === 'syntax-error');
      assert.equal(bad.length, 0, `${text}\n${describeFindings(bad)}`);
    });
  }

  for (const [name, snippet] of Object.entries(load('prisma.code-snippets'))) {
    it(`Prisma "${name}" expands to a schema that passes review`, async () => {
      const host = PRISMA_HOSTS[name];
      assert.ok(host, `no host schema for the Prisma snippet "${name}": add one to PRISMA_HOSTS`);
      const text = insert(host, expandSnippet(snippet.body));
      const findings = await lint('prisma', text);
      const bad = findings.filter((f) => f.severity === 'error' || f.severity === 'warning' || f.rule === 'prisma-validation');
      assert.equal(bad.length, 0, `${text}\n${describeFindings(bad)}`);
    });
  }

  it('a flawed expansion is caught: the same check flags a timestamp without time zone', async () => {
    // Guards the test itself: if linting found nothing anywhere, every snippet would pass.
    const findings = await lint('sql', 'CREATE TABLE t (id bigint PRIMARY KEY, at timestamp NOT NULL);\n');
    assert.ok(findings.some((f) => f.rule === 'prefer-timestamptz' && f.severity === 'warning'), describeFindings(findings));
  });
});
