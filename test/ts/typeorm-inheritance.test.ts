/**
 * Entities that share declarations: a base class's columns are in every entity that extends it. A rule
 * judges each table, and says it once at the base class's property, naming the entities; its fix changes
 * the base class once (fix-all included).
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { applyEdits, fixAllEdits } from '../../server/src/engine/edits';
import { MemoryHost } from '../helpers/memory-host';
import { ruleTester } from '../helpers/rule-tester';

const files = {
  'package.json': '{ "name": "app", "dependencies": { "typeorm": "0.3.20" } }\n',
  'data-source.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres' });\n",
  'user.ts': "import { Column, Entity } from 'typeorm';\nimport { Base } from './base';\n\n@Entity('users')\nexport class User extends Base {\n  @Column({ type: 'text' })\n  email: string;\n}\n",
  'post.ts': "import { Column, Entity } from 'typeorm';\nimport { Base } from './base';\n\n@Entity('posts')\nexport class Post extends Base {\n  @Column({ type: 'text' })\n  body: string;\n}\n",
};

const base = (label: string) => `
  import { Column, CreateDateColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

  export abstract class Base {
    @PrimaryGeneratedColumn({ type: 'bigint' })
    id: string;

${label}
    @CreateDateColumn({ type: 'timestamptz' })
    createdAt: Date;

    @UpdateDateColumn({ type: 'timestamptz' })
    updatedAt: Date;
  }
`;

ruleTester('prefer-text-over-varchar', {
  valid: [],
  invalid: [
    {
      name: "a base class's column: one finding for the two entities, one edit",
      language: 'typescript',
      file: 'base.ts',
      files,
      code: base('    @Column()\n     ^^^^^^^^ prefer-text-over-varchar\n    label: string;\n'),
      output: [base("    @Column({ type: 'text' })\n    label: string;\n")],
    },
  ],
});

describe('TypeORM base classes', () => {
  it('names the entities that share a column or relation, and fix-all adds the index to the base class once', async () => {
    const root = path.resolve('/typeorm-inheritance');
    const host = new MemoryHost();
    for (const [rel, text] of Object.entries(files)) host.files.set(path.join(root, rel), text);
    const text = "import { Column, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';\nimport { Org } from './org';\n\nexport abstract class Base {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @Column()\n  label: string;\n\n  @ManyToOne(() => Org)\n  org: Org;\n}\n";
    host.files.set(path.join(root, 'org.ts'), "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Org {\n  @PrimaryGeneratedColumn()\n  id: number;\n}\n");
    const file = path.join(root, 'base.ts');
    host.files.set(file, text);
    const uri = pathToUri(file);
    const analysis = await new Engine(host).analyze(uri, text, 'typescript');
    const mine = analysis.findings.filter((f) => ['prefer-bigint-pk', 'prefer-text-over-varchar', 'fk-missing-index'].includes(f.rule));
    assert.deepEqual(
      mine.map((f) => [f.rule, text.slice(f.span.start, f.span.end)]),
      [
        ['prefer-bigint-pk', 'PrimaryGeneratedColumn()'],
        ['prefer-text-over-varchar', 'Column()'],
        ['fk-missing-index', 'ManyToOne(() => Org)'],
      ],
    );
    for (const f of mine) assert.match(f.message, /declared in the base class Base, which Post and User extend\.$/);
    // Entity files report nothing of the base class's columns: those findings are on base.ts.
    const user = await new Engine(host).analyze(pathToUri(path.join(root, 'user.ts')), files['user.ts'], 'typescript');
    assert.deepEqual(user.findings.filter((f) => f.rule === 'prefer-bigint-pk' || f.rule === 'prefer-text-over-varchar'), []);
    const fixed = applyEdits(text, fixAllEdits(analysis.findings, uri), uri);
    assert.match(fixed, /label: string;\n\n  @Index\(\)\n  @ManyToOne\(\(\) => Org\)\n/);
  });

  it('a base class with one heir keeps its plain message', async () => {
    const root = path.resolve('/typeorm-inheritance-one');
    const host = new MemoryHost();
    const { 'post.ts': _post, ...rest } = files;
    for (const [rel, text] of Object.entries(rest)) host.files.set(path.join(root, rel), text);
    const text = "import { Column } from 'typeorm';\n\nexport abstract class Base {\n  @Column()\n  label: string;\n}\n";
    const file = path.join(root, 'base.ts');
    host.files.set(file, text);
    const analysis = await new Engine(host).analyze(pathToUri(file), text, 'typescript');
    const f = analysis.findings.find((x) => x.rule === 'prefer-text-over-varchar');
    assert.ok(f);
    assert.doesNotMatch(f.message, /base class/);
  });
});

describe('TypeORM single-table inheritance, embedded columns, views', () => {
  async function schemaOf(extra: Record<string, string>, entity: string) {
    const root = path.resolve('/typeorm-shapes', String(Object.keys(extra).join('+')));
    const host = new MemoryHost();
    for (const [rel, text] of Object.entries({ ...files, ...extra })) host.files.set(path.join(root, rel), text);
    const file = path.join(root, entity);
    const analysis = await new Engine(host).analyze(pathToUri(file), host.files.get(file)!, 'typescript');
    return { analysis, text: host.files.get(file)! };
  }

  it('@ChildEntity columns go into the parent table, nullable, with the discriminator column; the child has no table', async () => {
    const content = "import { Column, Entity, PrimaryGeneratedColumn, TableInheritance } from 'typeorm';\n\n@Entity()\n@TableInheritance({ column: { type: 'varchar', name: 'kind' } })\nexport class Content {\n  @PrimaryGeneratedColumn({ type: 'bigint' })\n  id: string;\n\n  @Column({ type: 'text' })\n  title: string;\n}\n";
    const photo = "import { ChildEntity, Column, Index } from 'typeorm';\nimport { Content } from './content';\n\n@ChildEntity()\nexport class Photo extends Content {\n  @Index()\n  @Column({ type: 'text' })\n  size: string;\n}\n";
    const { analysis } = await schemaOf({ 'content.ts': content, 'photo.ts': photo }, 'photo.ts');
    const tables = [...analysis.unit.schema.tables.values()];
    assert.deepEqual(tables.map((t) => t.name).sort(), ['content', 'posts', 'users']);
    const t = analysis.unit.schema.tables.get('content')!;
    assert.deepEqual(t.columns.map((c) => [c.name, c.type.name, c.nullable]), [
      ['id', 'int8', false],
      ['title', 'text', false],
      ['size', 'text', true],
      ['kind', 'varchar', false],
    ]);
    assert.deepEqual(t.indexes.filter((i) => i.kind === 'index').map((i) => i.columns), [['size']]);
  });

  it('@Column(() => Name) embeds the class columns, prefixed as TypeORM names them', async () => {
    const name = "import { Column } from 'typeorm';\n\nexport class Name {\n  @Column({ type: 'text' })\n  first: string;\n\n  @Column()\n  lastName: string;\n}\n";
    const person = "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\nimport { Name } from './name';\n\n@Entity()\nexport class Person {\n  @PrimaryGeneratedColumn({ type: 'bigint' })\n  id: string;\n\n  @Column(() => Name)\n  name: Name;\n\n  @Column(() => Name, { prefix: 'legal' })\n  legalName: Name;\n\n  @Column(() => Name, { prefix: false })\n  plain: Name;\n}\n";
    const { analysis } = await schemaOf({ 'name.ts': name, 'person.ts': person }, 'name.ts');
    const t = analysis.unit.schema.tables.get('person')!;
    assert.deepEqual(t.columns.map((c) => [c.name, c.type.name]), [
      ['id', 'int8'],
      ['nameFirst', 'text'],
      ['nameLastname', 'varchar'],
      ['legalFirst', 'text'],
      ['legalLastname', 'varchar'],
      ['first', 'text'],
      ['lastName', 'varchar'],
    ]);
    // The varchar column is judged where it is written (name.ts): once, naming the properties that embed it.
    const varchar = analysis.findings.filter((f) => f.rule === 'prefer-text-over-varchar');
    assert.deepEqual(varchar.map((f) => name.slice(f.span.start, f.span.end)), ['Column()']);
    assert.match(varchar[0].message, /It is declared in the embedded class Name, which Person\.legalName, Person\.name and Person\.plain hold\.$/);
  });

  it('@ViewEntity is a view: its columns are read, rules about tables leave it alone', async () => {
    const view = "import { ViewColumn, ViewEntity } from 'typeorm';\n\n@ViewEntity({ name: 'post_stats', expression: 'SELECT 1' })\nexport class PostStats {\n  @ViewColumn()\n  postId: number;\n\n  @ViewColumn({ name: 'comment_count' })\n  comments: number;\n}\n";
    const { analysis } = await schemaOf({ 'post-stats.ts': view }, 'post-stats.ts');
    const t = analysis.unit.schema.tables.get('post_stats')!;
    assert.equal(t.kind, 'view');
    assert.deepEqual(t.columns.map((c) => c.name), ['postId', 'comment_count']);
    assert.deepEqual(analysis.findings.filter((f) => f.rule !== 'syntax-error').map((f) => f.rule), []);
  });
});
