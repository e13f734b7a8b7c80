/**
 * flowise (TypeORM, one code base for four engines): its entity classes give the model. The expected
 * tables are read from the entity files' own text here (each `@Entity(...)` and the class after it, named
 * as TypeORM's default naming strategy names it), independently of the front end. `check` at the project
 * root puts design findings on the entities, and not on the migrations that create the same tables.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { check } from '../../server/src/cli/check';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';
import { disk } from '../helpers/prisma-corpus';

const root = corpusRoot && path.join(corpusRoot, 'sql/flowise');
const server = root && path.join(root, 'packages/server/src');

/** `@Entity()` / `@Entity('name')` / `@Entity({ name: 'name' })` followed (after other decorators) by `class Name`: the table names. */
function expectedTables(files: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    for (const m of text.matchAll(/@Entity\(\s*(?:'([^']+)'|"([^"]+)"|\{\s*name:\s*'([^']+)'\s*\})?\s*\)(?:\s*@\w+\([^)]*\))*\s*export\s+class\s+(\w+)/g)) {
      const snake = m[4].replace(/([A-Z])([A-Z])([a-z])/g, '$1_$2$3').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      out.set(m[1] ?? m[2] ?? m[3] ?? snake, f);
    }
  }
  return out;
}

describe('flowise: TypeORM entities -> the model', { skip: root && fs.existsSync(root) ? false : NO_CORPUS }, () => {
  const entityFiles = () => walk(server!, (f) => /[\\/]entities[\\/][^\\/]+\.ts$/.test(f));

  it('every entity class is a table, named as TypeORM names it, with its columns, keys and relations', async () => {
    const expected = expectedTables(entityFiles());
    assert.ok(expected.size >= 30, `${expected.size} entity classes`);
    const file = path.join(server!, 'database/entities/ChatFlow.ts');
    const a = await new Engine(disk).analyze(pathToUri(file), fs.readFileSync(file, 'utf8'), 'typescript');
    const tables = a.unit.schema.tables;
    console.log(`flowise: ${tables.size} tables read from ${new Set([...tables.values()].map((t) => t.declaration.uri)).size} entity files (engine ${a.engine.name}: ${a.engine.detail})`);
    assert.deepEqual([...tables.values()].map((t) => t.name).sort(), [...expected.keys()].sort());
    for (const t of tables.values()) assert.equal(t.declaration.uri, pathToUri(expected.get(t.name)!), t.name);

    const chatFlow = tables.get('chat_flow')!;
    const col = (name: string) => chatFlow.columns.find((c) => c.name === name);
    assert.equal(col('flowData')?.type.name, 'text');
    assert.equal(col('flowData')?.nullable, false);
    assert.equal(col('deployed')?.type.name, 'bool');
    assert.equal(col('deployed')?.nullable, true);
    assert.deepEqual(col('type')?.type.params, [20]);
    assert.equal(col('id')?.type.name, 'uuid');
    assert.deepEqual(chatFlow.indexes.find((i) => i.kind === 'primary')?.columns, ['id']);
    // The span of a column is its property name in the file.
    const text = fs.readFileSync(file, 'utf8');
    assert.equal(text.slice(col('workspaceId')!.source.span.start, col('workspaceId')!.source.span.end), 'workspaceId');

    const orgUser = tables.get('organization_user')!;
    assert.deepEqual(orgUser.indexes.find((i) => i.kind === 'primary')?.columns, ['organizationId', 'userId']);
    const fks = orgUser.foreignKeys.map((k) => `${k.columns.join()}->${k.refTable}(${k.refColumns.join()})`).sort();
    assert.deepEqual(fks, ['createdBy->user(id)', 'organizationId->organization(id)', 'roleId->role(id)', 'updatedBy->user(id)', 'userId->user(id)']);
    // A join column takes the referenced column's type (TypeORM overrides what its own @Column says).
    assert.equal(orgUser.columns.find((c) => c.name === 'userId')?.type.name, 'uuid');
    // One-to-one: the join column and its unique constraint.
    const message = tables.get('chat_message')!;
    assert.ok(message.foreignKeys.some((k) => k.columns[0] === 'executionId' && k.refTable === 'execution'));
    assert.ok(message.indexes.some((i) => i.kind === 'unique' && i.columns[0] === 'executionId'));
    assert.ok(message.indexes.some((i) => i.kind === 'index' && i.columns[0] === 'chatflowid'));
  });

  it('check at the root: design findings on the entities, not on the migrations', async () => {
    const result = await check([root!], {}, false);
    assert.deepEqual(result.failures, []);
    const entities = result.files.filter((f) => /[\\/]entities[\\/]/.test(f.path));
    const perRule: Record<string, number> = {};
    for (const f of entities) for (const x of f.findings) perRule[x.rule] = (perRule[x.rule] ?? 0) + 1;
    console.log(`flowise: ${entities.length} entity files checked; findings per rule ${JSON.stringify(perRule)}`);
    assert.equal(entities.length, entityFiles().filter((f) => /@Entity\(/.test(fs.readFileSync(f, 'utf8'))).length);
    assert.ok((perRule['fk-missing-index'] ?? 0) > 0 && (perRule['prefer-timestamptz'] ?? 0) > 0);
    for (const f of entities) for (const x of f.findings.filter((y) => y.rule === 'fk-missing-index')) assert.ok(x.fixes.length > 0, x.message);
    // The migrations create the same tables, SQLite's rebuilt under a temporary name: none repeats an entity's finding.
    const migrations = result.files.filter((f) => f.path.includes(`${path.sep}migrations${path.sep}`));
    assert.ok(migrations.length > 200);
    const postgres = migrations.filter((f) => f.path.includes(`${path.sep}postgres${path.sep}`));
    const repeated = [
      ...migrations.flatMap((f) => f.findings.filter((x) => x.rule === 'fk-missing-index')),
      ...postgres.flatMap((f) => f.findings.filter((x) => x.rule === 'prefer-timestamptz')),
    ];
    assert.deepEqual(repeated.map((x) => x.message), []);
  });
});
