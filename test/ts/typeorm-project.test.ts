/**
 * A TypeORM project as the front end reads it: the engine from the data source (a literal `type`, one
 * read from the environment, several engines), TypeORM's default names (snake_case tables, `<relation>Id`
 * join columns), columns inherited from a base class, a many-to-many's junction table, and entity files
 * found across the package.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { MemoryHost } from '../helpers/memory-host';

let n = 0;
async function analyse(files: Record<string, string>, entity: string) {
  const root = path.resolve('/typeorm-projects', `p${++n}`);
  const host = new MemoryHost();
  for (const [rel, text] of Object.entries(files)) host.files.set(path.join(root, rel), text);
  const file = path.join(root, entity);
  return new Engine(host).analyze(pathToUri(file), files[entity], 'typescript');
}

const BASE = `import { CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';

export abstract class Base {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @CreateDateColumn()
  createdAt: Date;
}
`;

const ORDER = `import { Column, Entity, ManyToOne } from 'typeorm';
import { Base } from '../common/base';
import { CustomerAccount } from './customer-account';

@Entity()
export class OrderLine extends Base {
  @Column({ type: 'int' })
  quantity: number;

  @ManyToOne(() => CustomerAccount, { nullable: false })
  customer: CustomerAccount;
}
`;

const CUSTOMER = `import { Column, Entity } from 'typeorm';
import { Base } from '../common/base';

@Entity({ name: 'customers', schema: 'sales' })
export class CustomerAccount extends Base {
  @Column()
  email: string;
}
`;

const entities = { 'src/common/base.ts': BASE, 'src/orders/order-line.ts': ORDER, 'src/orders/customer-account.ts': CUSTOMER };

describe('TypeORM projects', () => {
  it("names as TypeORM's default naming strategy does, with inherited columns and the join column's type", async () => {
    const a = await analyse({ 'package.json': '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0"}}', ...entities }, 'src/orders/order-line.ts');
    const order = a.unit.schema.tables.get('order_line');
    assert.ok(order, [...a.unit.schema.tables.keys()].join());
    assert.deepEqual(order.columns.map((c) => `${c.name} ${c.type.name}${c.nullable ? '?' : ''}`), ['id uuid', 'createdAt timestamp', 'quantity int4', 'customerId uuid']);
    assert.deepEqual(order.foreignKeys.map((k) => `${k.columns} -> ${k.refTable}(${k.refColumns})`), ['customerId -> sales.customers(id)']);
    const customers = a.unit.schema.tables.get('sales.customers');
    assert.equal(customers?.schema, 'sales');
    assert.equal(customers?.columns.find((c) => c.name === 'email')?.type.name, 'varchar');
    // Inherited columns point at the base class's file.
    assert.equal(order.columns[0].source.uri, pathToUri(path.resolve('/typeorm-projects', `p${n}`, 'src/common/base.ts')));
    assert.deepEqual(a.engine, { name: 'postgresql', from: 'package.json', file: path.resolve('/typeorm-projects', `p${n}`, 'package.json'), detail: 'dependency pg' });
  });

  it("a many-to-many's owning side gives its junction table, keyed and indexed on both sides", async () => {
    const post =
      "import { Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn } from 'typeorm';\nimport { Tag } from './tag';\n\n@Entity()\nexport class Post {\n  @PrimaryGeneratedColumn({ type: 'bigint' })\n  id: string;\n\n  @ManyToMany(() => Tag)\n  @JoinTable()\n  tags: Tag[];\n}\n";
    const tag = "import { Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Tag {\n  @PrimaryGeneratedColumn('uuid')\n  id: string;\n}\n";
    const a = await analyse({ 'package.json': '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0"}}', 'src/post.ts': post, 'src/tag.ts': tag }, 'src/post.ts');
    const junction = a.unit.schema.tables.get('post_tags_tag');
    assert.ok(junction, [...a.unit.schema.tables.keys()].join());
    assert.deepEqual(junction.columns.map((c) => `${c.name} ${c.type.name}`), ['postId int8', 'tagId uuid']);
    assert.deepEqual(junction.indexes.map((i) => `${i.kind} ${i.columns}`), ['primary postId,tagId', 'index tagId']);
    assert.deepEqual(junction.foreignKeys.map((k) => `${k.columns} -> ${k.refTable} ${k.onDelete}`), ['postId -> post cascade', 'tagId -> tag cascade']);
    assert.equal(post.slice(junction.source.span.start, junction.source.span.end), 'JoinTable()');
    assert.deepEqual(a.findings.filter((f) => /post_tags_tag/.test(f.message)).map((f) => f.rule), []);
  });

  it('the engine is the one a literal data source type names', async () => {
    const a = await analyse(
      { 'package.json': '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0","mysql2":"3.0.0"}}', 'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport default new DataSource({ type: 'mysql', entities: [] });\n", ...entities },
      'src/orders/order-line.ts',
    );
    assert.equal(a.engine.name, 'mysql');
    assert.equal(a.engine.from, 'data-source.ts');
    assert.equal(a.unit.schema.tables.get('sales.customers')?.columns.find((c) => c.name === 'email')?.type.params[0], 255);
    assert.ok(!a.findings.some((f) => f.rule === 'fk-missing-index'), 'InnoDB indexes foreign keys itself');
  });

  it('a type read from the environment, with drivers of several engines: unknown, judged as PostgreSQL', async () => {
    const a = await analyse(
      {
        'package.json': '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0","sqlite3":"5.1.7"}}',
        'src/data-source.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: process.env.DB_TYPE as 'postgres' });\n",
        ...entities,
      },
      'src/orders/order-line.ts',
    );
    assert.deepEqual(a.engine, { name: 'unknown', from: 'nothing', detail: 'the data source type is not written as a literal' });
    assert.equal(a.unit.schema.dialect, 'postgresql');
    assert.ok(a.findings.some((f) => f.rule === 'fk-missing-index'));
    // createdAt is written in the base class: its finding is there, not on each entity that inherits it.
    assert.ok(!a.findings.some((f) => f.rule === 'prefer-timestamptz'));
  });

  describe("the data source's entities list", () => {
    const legacy = "import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';\n\n@Entity()\nexport class Legacy {\n  @PrimaryGeneratedColumn()\n  id: number;\n\n  @Column()\n  name: string;\n}\n";
    const pkg = '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0"}}';
    const tables = async (dataSource: string) => {
      const a = await analyse({ 'package.json': pkg, 'src/data-source.ts': dataSource, 'src/legacy/legacy.ts': legacy, ...entities }, 'src/orders/order-line.ts');
      return [...a.unit.schema.tables.keys()].sort();
    };
    const ds = (list: string) => `import { DataSource } from 'typeorm';\nimport * as path from 'path';\nimport { OrderLine as Line } from './orders/order-line';\nexport default new DataSource({ type: 'postgres', entities: ${list} });\n`;

    it('globs on __dirname (concatenated, in a template, through path.join) and package-relative globs decide which classes are entities', async () => {
      assert.deepEqual(await tables(ds("[__dirname + '/orders/*.{ts,js}']")), ['order_line', 'sales.customers']);
      assert.deepEqual(await tables(ds('[`${__dirname}/orders/*.ts`]')), ['order_line', 'sales.customers']);
      assert.deepEqual(await tables(ds("[path.join(__dirname, '**', '*-account.ts')]")), ['sales.customers']);
      assert.deepEqual(await tables(ds("['src/**/legacy.ts']")), ['legacy']);
    });

    it('classes listed by name (as imported), the base class still lending its columns', async () => {
      const a = await analyse({ 'package.json': pkg, 'src/data-source.ts': ds('[Line]'), 'src/legacy/legacy.ts': legacy, ...entities }, 'src/orders/order-line.ts');
      assert.deepEqual([...a.unit.schema.tables.keys()], ['order_line']);
      assert.deepEqual(a.unit.schema.tables.get('order_line')!.columns.map((c) => c.name), ['id', 'createdAt', 'quantity', 'customerId']);
    });

    it('a list not written literally, autoLoadEntities, or globs of compiled output only: every @Entity class', async () => {
      const all = ['legacy', 'order_line', 'sales.customers'];
      assert.deepEqual(await tables(ds('[...models]')), all);
      assert.deepEqual(await tables("import { TypeOrmModule } from '@nestjs/typeorm';\nTypeOrmModule.forRoot({ type: 'postgres', autoLoadEntities: true, entities: [] });\n"), all);
      assert.deepEqual(await tables(ds("['dist/**/*.entity.js']")), all);
    });

    it('ormconfig.json entities, relative to the package', async () => {
      const a = await analyse(
        { 'package.json': pkg, 'ormconfig.json': JSON.stringify({ type: 'postgres', entities: ['src/legacy/**/*.ts'] }), 'src/legacy/legacy.ts': legacy, ...entities },
        'src/legacy/legacy.ts',
      );
      assert.deepEqual([...a.unit.schema.tables.keys()], ['legacy']);
      assert.equal(a.engine.from, 'ormconfig.json');
    });
  });

  it("typeorm-naming-strategies' SnakeNamingStrategy names columns, join columns and junction columns in snake_case; a project's own class does not", async () => {
    const pkg = '{"dependencies":{"typeorm":"0.3.20","pg":"8.11.0","typeorm-naming-strategies":"4.1.0"}}';
    const ds = (imp: string) => `import { DataSource } from 'typeorm';\n${imp}\nexport default new DataSource({ type: 'postgres', namingStrategy: new SnakeNamingStrategy() });\n`;
    const snake = await analyse({ 'package.json': pkg, 'src/data-source.ts': ds("import { SnakeNamingStrategy } from 'typeorm-naming-strategies';"), ...entities }, 'src/orders/order-line.ts');
    assert.deepEqual(snake.unit.schema.tables.get('order_line')!.columns.map((c) => c.name), ['id', 'created_at', 'quantity', 'customer_id']);
    const own = await analyse({ 'package.json': pkg, 'src/data-source.ts': ds("import { SnakeNamingStrategy } from './naming';"), ...entities }, 'src/orders/order-line.ts');
    assert.deepEqual(own.unit.schema.tables.get('order_line')!.columns.map((c) => c.name), ['id', 'createdAt', 'quantity', 'customerId']);
  });
});
