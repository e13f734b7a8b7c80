/**
 * `npm run new:rule -- <id>` scaffolds a rule file and its cases and regenerates the rule registry. Run here
 * into a temporary copy of server/src (nothing is left in the repository): the scaffolded rule type-checks
 * against the real rule types, and once compiled it is one of the registry's rules.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';
import { repoRoot } from '../helpers/paths';

const script = path.join(repoRoot, 'scripts/new-rule.mjs');
const RULES = 'server/src/rules';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'new-rule-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [script, ...args, '--root', tmp], { encoding: 'utf8' });
}
const read = (rel: string) => fs.readFileSync(path.join(tmp, rel), 'utf8');

/** Type errors of the given files of the temp copy, checked with the repository's compiler options. */
function typeErrors(rels: string[]): string[] {
  const config = ts.readConfigFile(path.join(repoRoot, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, repoRoot);
  const program = ts.createProgram(
    rels.map((r) => path.join(tmp, r)),
    { ...options, noEmit: true, rootDir: tmp, outDir: undefined, typeRoots: [path.join(repoRoot, 'node_modules/@types')] },
  );
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file ? path.relative(tmp, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

describe('npm run new:rule', () => {
  fs.cpSync(path.join(repoRoot, 'server/src'), path.join(tmp, 'server/src'), { recursive: true });
  const registry = () => read(`${RULES}/registry.generated.ts`);

  it('refuses ids that are not rule ids, ids taken, and names of the rules folder; writes nothing on a dry run', () => {
    const before = registry();
    for (const bad of [['Not_An_Id'], ['two--dashes'], ['-dash'], ['drop-table'], ['types'], ['support'], ['fine-id', '--category', 'other'], []]) {
      const r = run(...bad);
      assert.notEqual(r.status, 0, `accepted ${bad.join(' ')}`);
      assert.match(r.stderr, /new:rule: /);
    }
    // Without --root it would write into the repository: a dry run there writes nothing either.
    const inRepo = spawnSync(process.execPath, [script, 'scaffolded-design', '--dry-run'], { encoding: 'utf8' });
    assert.equal(inRepo.status, 0, inRepo.stderr);
    assert.equal(fs.existsSync(path.join(repoRoot, RULES, 'scaffolded-design.ts')), false);
    const dry = run('scaffolded-design', '--dry-run');
    assert.equal(dry.status, 0, dry.stderr);
    assert.match(dry.stdout, /would write server\/src\/rules\/scaffolded-design\.ts/);
    assert.match(dry.stdout, /would write test\/rules\/scaffolded-design\.test\.ts/);
    assert.equal(registry(), before);
    assert.equal(fs.existsSync(path.join(tmp, RULES, 'scaffolded-design.ts')), false);
  });

  it('writes a rule of each category and its cases, registers them, and type-checks them', () => {
    for (const [id, category] of [['scaffolded-design', 'design'], ['scaffolded-migration', 'migration'], ['scaffolded-query', 'query']]) {
      const r = run(id, '--category', category);
      assert.equal(r.status, 0, r.stderr);
      assert.match(registry(), new RegExp(`^import r\\d+ from './${id}';$`, 'm'));
      assert.match(read(`${RULES}/${id}.ts`), new RegExp(`id: '${id}',\\n    category: '${category}',`));
      const cases = read(`test/rules/${id}.test.ts`);
      assert.match(cases, new RegExp(`ruleTester\\('${id}'`));
      assert.match(cases, new RegExp(`\\^+ ${id}\\n`));
      const syntax = ts.transpileModule(cases, { reportDiagnostics: true, fileName: `${id}.test.ts` }).diagnostics ?? [];
      assert.deepEqual(syntax.map((d) => d.messageText), [], `test/rules/${id}.test.ts`);
      assert.notEqual(run(id).status, 0, 'a second run does not overwrite the rule');
    }
    assert.deepEqual(typeErrors([`${RULES}/scaffolded-design.ts`, `${RULES}/scaffolded-migration.ts`, `${RULES}/scaffolded-query.ts`, `${RULES}/registry.ts`]), []);
  });

  it('scaffolds rules that the compiled registry lists with their metadata', () => {
    // Compiled next to a copy of the compiled rules, so their imports resolve.
    fs.cpSync(path.join(repoRoot, 'out/server'), path.join(tmp, 'out/server'), { recursive: true });
    for (const f of ['scaffolded-design', 'scaffolded-migration', 'scaffolded-query', 'registry.generated']) {
      const js = ts.transpileModule(read(`${RULES}/${f}.ts`), {
        compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
      }).outputText;
      fs.writeFileSync(path.join(tmp, 'out', RULES, `${f}.js`), js);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { allRules } = require(path.join(tmp, 'out', RULES, 'registry.js')) as typeof import('../../server/src/rules/registry');
    const byId = new Map(allRules.map((r) => [r.meta.id, r]));
    assert.equal(byId.get('scaffolded-design')?.meta.category, 'design');
    assert.equal(typeof byId.get('scaffolded-design')?.checkSchema, 'function');
    assert.equal(byId.get('scaffolded-migration')?.meta.category, 'migration');
    assert.equal(typeof byId.get('scaffolded-query')?.checkStatements, 'function');
    assert.equal(byId.get('scaffolded-query')?.meta.examples[0].file, 'queries/report.sql');
    assert.ok(byId.has('drop-table'), 'the rules already there stay registered');
  });
});
