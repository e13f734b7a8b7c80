// Scaffolds a rule: `npm run new:rule -- <id> [--category design|migration|query] [--dry-run] [--root <dir>]`.
// Writes server/src/rules/<id>.ts (metadata and a check that reports nothing yet) and test/rules/<id>.test.ts
// (one valid and one invalid case, failing until the check is written), then regenerates the rule registry.
// Fill in the parts the comments point at, then `npm run gen` (docs page, config and settings schema) and
// `node scripts/run-tests.mjs rules/<id> engine/consistency rules/examples`.
// --dry-run prints what it would write; --root writes into another checkout (the tests use a temp dir).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const args = process.argv.slice(2);
const valueOf = (flag) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
const dry = args.includes('--dry-run');
const root = path.resolve(valueOf('--root') ?? path.join(here, '..'));
const category = valueOf('--category') ?? 'design';
const id = args.filter((a, i) => !a.startsWith('--') && !['--root', '--category'].includes(args[i - 1]))[0];

function fail(message) {
  console.error(`new:rule: ${message}`);
  process.exit(1);
}

const USAGE = 'usage: npm run new:rule -- <id> [--category design|migration|query] [--dry-run]   (id: lower case words joined by dashes, e.g. `prefer-citext`)';
if (!id) fail(USAGE);
if (!/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/.test(id)) fail(`"${id}" is not a rule id: lower case words of letters and digits joined by single dashes, starting with a letter`);
if (!['design', 'migration', 'query'].includes(category)) fail(`"${category}" is not a category: design (the schema as it ends up), migration (statements of a migration) or query (statements of a script)`);

const RULES = 'server/src/rules';
const ruleRel = `${RULES}/${id}.ts`;
const testRel = `test/rules/${id}.test.ts`;
if (!fs.existsSync(path.join(root, RULES, 'registry.ts'))) fail(`no rule registry at ${RULES}/registry.ts`);
// Files of the rules folder that are not rules: an id may not take their names either.
if (['types', 'registry', 'registry.generated', 'support'].includes(id)) fail(`"${id}" names a file of ${RULES} that is not a rule`);
for (const rel of [ruleRel, testRel]) if (fs.existsSync(path.join(root, rel))) fail(`${rel} exists already`);

const design = `/**
 * ${id}: <the design problem, in one line>. Runs over the schema as it ends up, from a Prisma schema or from
 * SQL migrations alike: read the model (types, nullability, keys, indexes), not the source text.
 */
import type { Column, Table } from '../model/schema';
import { label, tables } from './support/model';
import { defineRule } from './types';

/** Does this column have the problem? */
function flagged(table: Table, column: Column): boolean {
  // Replace with the check: column.type.name, column.nullable, table.indexes, table.foreignKeys, ...
  return table.name === '' && column.name === '';
}

export default defineRule({
  meta: {
    id: '${id}',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg'],
    // A fix is an intent from model/intents.ts (changeColumnType, addIndex, ...) that each front end renders.
    fixable: false,
    summary: '<What is wrong, in one line.>',
    why: '<Why it matters: what breaks, and when. A short paragraph of Markdown, shown in hovers and on the docs page.>',
    fix: '<What to do instead, and what the quick fix does.>',
    // Each example is checked: \`bad\` must be flagged and \`good\` must not (add a Prisma one when it applies to Prisma).
    examples: [{ language: 'sql', bad: 'CREATE TABLE t (\\n  id bigint PRIMARY KEY,\\n  c text\\n);\\n', good: 'CREATE TABLE t (\\n  id bigint PRIMARY KEY\\n);\\n' }],
  },

  checkSchema(ctx) {
    for (const table of tables(ctx.schema)) {
      for (const column of table.columns) {
        if (!flagged(table, column)) continue;
        ctx.report({
          // What is wrong, why it matters, what to do, in the words of the user's project.
          message: \`\${label(table, column)} <is what>: <why it matters>. <What to do>.\`,
          at: column.type.source ?? column.source,
        });
      }
    }
  },
});
`;

const statements = (kind) => `/**
 * ${id}: <the problem, in one line>. Runs over the statements of ${kind === 'migration' ? 'a migration, in order' : 'a script or query file'}; each
 * arrives described (st.info: its kind, tables, columns), with each table as it stood before it (st.before).
 */
import type { SqlStatement } from '../model/migration-file';
import { headTo${kind === 'migration' ? ', isMigrationUp' : ''} } from './support/migration';
import { defineRule } from './types';

/** Is this statement the one the rule is about? */
function flagged(st: SqlStatement): boolean {
  // Replace with the check, reading st.info (st.info.kind === '...', its tables and columns).
  return st.view.text === '';
}

export default defineRule({
  meta: {
    id: '${id}',
    category: '${kind}',
    defaultSeverity: 'warning',
    appliesTo: ['pg'],
    // A fix is an intent from model/intents.ts (\`edits\` for migration text) that the SQL front end renders.
    fixable: false,
    summary: '<What is wrong, in one line.>',
    why: '<Why it matters: what breaks, and when. A short paragraph of Markdown, shown in hovers and on the docs page.>',
    fix: '<What to do instead, and what the quick fix does.>',
    // Each example is checked: \`bad\` must be flagged and \`good\` must not.
    examples: [{ language: 'sql'${kind === 'query' ? ", file: 'queries/report.sql'" : ''}, bad: 'DELETE FROM t;\\n', good: 'DELETE FROM t WHERE id = 1;\\n' }],
  },

  checkStatements(ctx) {
    for (const st of ctx.statements) {
      if (${kind === 'migration' ? '!isMigrationUp(ctx, st) || ' : ''}!flagged(st)) continue;
      ctx.report({
        // What is wrong, why it matters, what to do, in the words of the user's project (its runner, its engine).
        message: '<What is wrong>: <why it matters>. <What to do>.',
        at: headTo(st, undefined),
      });
    }
  },
});
`;

const designCases = `import { ruleTester } from '../helpers/rule-tester';

// Cases are source text with \`^^^ ${id}\` under each flagged span; a fixable rule states the whole fixed text
// in \`output\`, and the tester checks that it re-parses, is no longer flagged, and that a second fix changes nothing.
ruleTester('${id}', {
  valid: [{ name: '<the design done right>', language: 'sql', code: 'CREATE TABLE t (id bigint PRIMARY KEY);\\n' }],
  invalid: [
    {
      name: '<what it flags>',
      language: 'sql',
      code: \`
        CREATE TABLE t (id bigint PRIMARY KEY, c text);
                                                 ^^^^ ${id}
      \`,
    },
  ],
});
`;

const statementCases = (kind) => `import { ruleTester } from '../helpers/rule-tester';

// Cases are source text with \`^^^ ${id}\` under each flagged span; a fixable rule states the whole fixed text
// in \`output\`, and the tester checks that it re-parses, is no longer flagged, and that a second fix changes nothing.
// ${kind === 'migration' ? 'The file is a migration (migration.sql) unless \`file\` names another; \`files\` adds earlier migrations.' : 'A query file: \`file\` names it (a migration would be judged as one).'}
ruleTester('${id}', {
  valid: [{ name: '<the statement done right>', language: 'sql'${kind === 'query' ? ", file: 'queries/report.sql'" : ''}, code: 'DELETE FROM t WHERE id = 1;\\n' }],
  invalid: [
    {
      name: '<what it flags>',
      language: 'sql',${kind === 'query' ? "\n      file: 'queries/report.sql'," : ''}
      code: \`
        DELETE FROM t;
        ^^^^^^^^^^^^^ ${id}
      \`,
    },
  ],
});
`;

const writes = [
  [ruleRel, category === 'design' ? design : statements(category)],
  [testRel, category === 'design' ? designCases : statementCases(category)],
];
for (const [rel, text] of writes) {
  if (dry) {
    console.log(`would write ${rel} (${text.split('\n').length - 1} lines)`);
    continue;
  }
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
  console.log(`wrote ${rel}`);
}
if (dry) {
  console.log(`would regenerate ${RULES}/registry.generated.ts`);
} else {
  const gen = spawnSync(process.execPath, [path.join(here, 'gen.mjs'), 'registry', '--root', root], { stdio: 'inherit' });
  if (gen.status !== 0) fail('regenerating the registry failed');
  console.log(
    `next: write the check and the cases (both fail until then), then \`npm run gen\` (docs page, config and settings schema) and ` +
      `\`node scripts/run-tests.mjs rules/${id} engine/consistency rules/examples\``,
  );
}
