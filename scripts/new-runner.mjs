// Scaffolds a migration runner: `npm run new:runner -- <id> [--dry-run] [--root <dir>]`.
// Writes server/src/workspace/runners/<id>.ts (the runner module) and test/workspace/runners/<id>.test.ts
// (its cases), and lists the module in server/src/workspace/runners/index.ts, before the generic layouts.
// Fill in the parts the comments point at, then `npx tsc -b && npm run gen` (the config schema's runner
// list comes from the registry) and `node scripts/run-tests.mjs workspace/runners/<id>`.
// --dry-run prints what it would write; --root writes into another checkout (the tests use a temp dir).
import * as fs from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const dry = args.includes('--dry-run');
const rootAt = args.indexOf('--root');
const root = rootAt >= 0 ? path.resolve(args[rootAt + 1]) : path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const id = args.filter((a, i) => !a.startsWith('--') && (rootAt < 0 || i !== rootAt + 1))[0];

function fail(message) {
  console.error(`new:runner: ${message}`);
  process.exit(1);
}

if (!id) fail('usage: npm run new:runner -- <id> [--dry-run]   (id: lower case, digits and dashes, e.g. `knex`)');
if (!/^[a-z][a-z0-9-]*$/.test(id)) fail(`"${id}" is not a runner id: lower case letters, digits and dashes, starting with a letter`);

const RUNNERS = 'server/src/workspace/runners';
const moduleRel = `${RUNNERS}/${id}.ts`;
const testRel = `test/workspace/runners/${id}.test.ts`;
const indexRel = `${RUNNERS}/index.ts`;
const camel = id.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const indexPath = path.join(root, indexRel);
if (!fs.existsSync(indexPath)) fail(`no runner registry at ${indexRel}`);
if (fs.existsSync(path.join(root, moduleRel))) fail(`${moduleRel} exists already`);
const index = fs.readFileSync(indexPath, 'utf8');
if (new RegExp(`^import \\w+ from './${id}';$`, 'm').test(index)) fail(`the registry lists ${id} already`);

const moduleText = `/**
 * ${id}: <how its migrations are laid out> (e.g. \`<version>_<name>.sql\` in a \`migrations\` folder); <how it
 * runs each file> (in a transaction, as one query string, statement by statement); <its opt-out>.
 */
import { flatSet, nextFlatFile } from './layout';
import type { MigrationRunner } from './types';

const ${camel}: MigrationRunner = {
  info: {
    id: '${id}',
    name: '${id}',
    // Does it apply down migrations (an up migration without one is then a gap)?
    usesDown: false,
    // One line on how it runs a file, for messages; cite its documentation in the commit.
    behaviour: '${id} runs each migration in a transaction',
    // optOut: how one file runs outside a transaction (a marker), for messages; outsideTransaction: the advice for
    // a statement that cannot run in a transaction, when it is not "a migration of its own, marked with optOut".
  },
  // Claim the file only when its name, folder or marker comments say it is this runner's (detection tries the
  // registry in order: the generic layouts come last).
  detect(ctx) {
    if (!/^\\d+_.+\\.${id.replace(/-/g, '_')}\\.sql$/i.test(ctx.base)) return undefined;
    return flatSet(ctx.dir, ctx.host, '${id}', (n) => /^\\d+_.+\\.${id.replace(/-/g, '_')}\\.sql$/i.test(n), { self: ctx.base });
  },
  fileMode: () => ({ mode: 'transaction', reason: '${id} runs each migration in a transaction' }),
  // The migration a fix creates to run a statement outside a transaction: the next free version after
  // \`ctx.entry\`, named and marked the way the runner expects (omit it when no file would help).
  newMigration: (ctx) => nextFlatFile(ctx, '{{SQL}}\\n', '.${id.replace(/-/g, '_')}.sql'),
};

export default ${camel};
`;

const testText = `import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findMigrationSet } from '../../../server/src/workspace/migrations';
import { fileMode, runsInTransaction, siblingMigration } from '../../../server/src/workspace/runners';
import { MemoryHost } from '../../helpers/rule-tester';

const root = path.resolve('/ws');
function host(files: Record<string, string>): MemoryHost {
  const h = new MemoryHost();
  for (const [p, t] of Object.entries(files)) h.files.set(path.join(root, p), t);
  return h;
}
const ext = '.${id.replace(/-/g, '_')}.sql';

describe('runner ${id}', () => {
  const files = { [\`db/1_init\${ext}\`]: 'CREATE TABLE t (id int);\\n', [\`db/10_more\${ext}\`]: 'ALTER TABLE t ADD c int;\\n', [\`db/2_next\${ext}\`]: 'SELECT 1;\\n' };

  it('is detected from its layout, in version order', () => {
    const set = findMigrationSet(path.join(root, \`db/2_next\${ext}\`), host(files));
    assert.equal(set?.runner, '${id}');
    assert.deepEqual(set?.files.map((f) => f.name), [\`1_init\${ext}\`, \`2_next\${ext}\`, \`10_more\${ext}\`]);
  });

  it('runs each file the way its documentation says', () => {
    const set = findMigrationSet(path.join(root, \`db/1_init\${ext}\`), host(files))!;
    const run = fileMode('${id}', { text: 'SELECT 1;', name: set.files[0].name, statementCount: 2, allNonTransactional: false, direction: 'up', set });
    assert.equal(runsInTransaction(run, 2), true);
  });

  it('names a new migration after the one a fix splits, with a version of its own', () => {
    const set = findMigrationSet(path.join(root, \`db/10_more\${ext}\`), host(files))!;
    const made = siblingMigration(set, set.files[2], 'concurrently', true);
    assert.equal(made?.name, \`11_concurrently\${ext}\`);
  });
});
`;

const lines = index.split('\n');
const importAt = lines.findIndex((l) => /^import \w+ from '\.\/[\w-]+';$/.test(l) && l.slice(l.indexOf("'")) > `'./${id}';`);
const lastImport = lines.reduce((at, l, i) => (/^import \w+ from '\.\/[\w-]+';$/.test(l) ? i : at), -1);
if (lastImport < 0) fail('the registry has no runner imports to extend');
const firstLayout = lines.findIndex((l) => l.trim() === 'versionFolders,');
if (firstLayout < 0) fail('the registry has no `versionFolders,` line to list the runner before');
const newIndex = [...lines];
newIndex.splice(firstLayout, 0, `  ${camel},`);
newIndex.splice(importAt >= 0 ? importAt : lastImport + 1, 0, `import ${camel} from './${id}';`);
const indexText = newIndex.join('\n');

const writes = [
  [moduleRel, moduleText],
  [testRel, testText],
  [indexRel, indexText],
];
for (const [rel, text] of writes) {
  if (dry) {
    console.log(`would write ${rel} (${text.split('\n').length} lines)`);
    continue;
  }
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
  fs.writeFileSync(path.join(root, rel), text);
  console.log(`wrote ${rel}`);
}
if (!dry) console.log(`next: fill in ${moduleRel}, then \`npx tsc -b && npm run gen\` and \`node scripts/run-tests.mjs workspace/runners/${id}\``);
