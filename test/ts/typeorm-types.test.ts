/**
 * Column-type and key rules on TypeORM entities (PostgreSQL data source): findings at the decorators, fixes
 * as decorator edits, every fixed text re-parsed and re-checked by the rule tester.
 */
import { ruleTester } from '../helpers/rule-tester';

const files = {
  'package.json': '{ "name": "app", "dependencies": { "typeorm": "0.3.20" } }\n',
  'data-source.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres' });\n",
};

/** An entity with the bookkeeping columns, so only the rule under test speaks. */
const entity = (body: string, imports = '', key = "@PrimaryGeneratedColumn({ type: 'bigint' })\n    id: string") => `
  import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn${imports} } from 'typeorm'

  @Entity()
  export class Product {
    ${key}
${body}
    @CreateDateColumn({ type: 'timestamptz' })
    createdAt: Date

    @UpdateDateColumn({ type: 'timestamptz' })
    updatedAt: Date
  }
`;

ruleTester('prefer-uuidv7', {
  valid: [{ name: 'bigint identity key', language: 'typescript', file: 'product.ts', files, code: entity('') }],
  invalid: [
    {
      name: "@PrimaryGeneratedColumn('uuid'): no fix in the entity",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity('', '', "@PrimaryGeneratedColumn('uuid')\n     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7\n    id: string"),
      output: [],
    },
    {
      name: "PostgreSQL 18: @PrimaryGeneratedColumn('uuid') becomes a uuid @PrimaryColumn defaulting to uuidv7(), imported",
      language: 'typescript',
      file: 'product.ts',
      files,
      config: { postgresVersion: 18 },
      code: entity('', '', "@PrimaryGeneratedColumn('uuid', { name: 'product_id' })\n     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7\n    id: string"),
      output: [entity('', ', PrimaryColumn', "@PrimaryColumn({ type: 'uuid', name: 'product_id', default: () => 'uuidv7()' })\n    id: string")],
    },
    {
      name: 'PostgreSQL 18: a written gen_random_uuid() default becomes uuidv7()',
      language: 'typescript',
      file: 'product.ts',
      files,
      config: { postgresVersion: 18 },
      code: entity('', ', PrimaryColumn', "@PrimaryColumn({ type: 'uuid', default: () => 'gen_random_uuid()' })\n                                            ^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-uuidv7\n    id: string"),
      output: [entity('', ', PrimaryColumn', "@PrimaryColumn({ type: 'uuid', default: () => 'uuidv7()' })\n    id: string")],
    },
  ],
});

ruleTester('money-as-float', {
  valid: [{ name: 'numeric price', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'numeric', precision: 12, scale: 2 })\n    price: string\n") }],
  invalid: [
    {
      name: 'double precision price becomes numeric(12,2)',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'double precision' })\n                    ^^^^^^^^^^^^^^^^^^ money-as-float\n    price: number\n"),
      output: [entity("    @Column({ type: 'numeric', precision: 12, scale: 2 })\n    price: number\n")],
    },
    {
      name: 'type as the first argument: the digits have no options object to go in, no fix',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column('real')\n            ^^^^^^ money-as-float\n    price: number\n"),
      output: [],
    },
    {
      name: 'a float counted in cents becomes bigint',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'double precision' })\n                    ^^^^^^^^^^^^^^^^^^ money-as-float\n    priceCents: number\n"),
      output: [entity("    @Column({ type: 'bigint' })\n    priceCents: number\n")],
    },
  ],
});

ruleTester('ban-char-type', {
  valid: [{ name: 'text code', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'text' })\n    code: string\n") }],
  invalid: [
    {
      name: 'char with a length',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'char', length: 2 })\n                    ^^^^^^ ban-char-type\n    code: string\n"),
      output: [entity("    @Column({ type: 'text' })\n    code: string\n")],
    },
  ],
});

ruleTester('ban-money-type', {
  valid: [{ name: 'numeric price', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'numeric', precision: 12, scale: 2 })\n    price: string\n") }],
  invalid: [
    {
      name: 'money column',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'money' })\n                    ^^^^^^^ ban-money-type\n    price: string\n"),
      output: [entity("    @Column({ type: 'numeric' })\n    price: string\n")],
    },
  ],
});

ruleTester('soft-delete-unique', {
  valid: [{ name: 'unique email, no soft delete', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'text', unique: true })\n    sku: string\n") }],
  invalid: [
    {
      name: 'unique column beside @DeleteDateColumn',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'text', unique: true })\n                            ^^^^^^^^^^^^ soft-delete-unique\n    sku: string\n\n    @DeleteDateColumn({ type: 'timestamptz' })\n    deletedAt?: Date\n", ', DeleteDateColumn'),
      output: [],
    },
  ],
});

const indexed = (n: number) => Array.from({ length: n }, (_, i) => `    @Index()\n    @Column({ type: 'text' })\n    c${i}: string\n`).join('\n');

ruleTester('too-many-indexes', {
  valid: [{ name: 'eight indexes, the primary key included', language: 'typescript', file: 'product.ts', files, code: entity(indexed(7), ', Index') }],
  invalid: [
    {
      name: 'nine indexes',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity(indexed(8), ', Index').replace('  export class Product {\n', '  export class Product {\n               ^^^^^^^ too-many-indexes\n'),
      output: [],
    },
  ],
});

ruleTester('fk-type-mismatch', {
  valid: [
    {
      // TypeORM gives a join column the referenced column's type whatever its own @Column says, so the two
      // cannot differ in the database.
      name: 'an integer @Column under the join column of a bigint key takes the key type',
      language: 'typescript',
      file: 'note.ts',
      files: { ...files, 'product.ts': entity('') },
      code: `
        import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm'
        import { Product } from './product'

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string

          @Index()
          @Column({ type: 'integer', name: 'product_id' })
          productId: number

          @ManyToOne(() => Product, { onDelete: 'CASCADE' })
          @JoinColumn({ name: 'product_id' })
          product: Product

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date
        }
      `,
    },
  ],
  invalid: [],
});

const LONG = 'customer_lifetime_value_excluding_refunds_and_chargebacks_in_cents';

ruleTester('identifier-too-long', {
  valid: [{ name: 'a short name', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'bigint', name: 'lifetime_value' })\n    lifetimeValue: string\n") }],
  invalid: [
    {
      name: 'a column name over 63 bytes',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity(`    @Column({ type: 'bigint', name: '${LONG}' })\n                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ identifier-too-long\n    lifetimeValue: string\n`),
      output: [],
    },
  ],
});

ruleTester('index-low-cardinality', {
  valid: [{ name: 'an unindexed flag', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'boolean' })\n    active: boolean\n") }],
  invalid: [
    {
      name: '@Index() on a boolean',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Index()\n     ^^^^^^^ index-low-cardinality\n    @Column({ type: 'boolean' })\n    active: boolean\n", ', Index'),
      output: [],
    },
  ],
});

ruleTester('multi-valued-column', {
  valid: [{ name: 'a text array', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'text', array: true })\n    tags: string[]\n") }],
  invalid: [
    {
      name: 'ids in a text column',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'text' })\n    tagIds: string\n    ^^^^^^ multi-valued-column\n"),
      output: [],
    },
    {
      name: "simple-array: comma-separated text",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column('simple-array')\n    tags: string[]\n    ^^^^ multi-valued-column\n"),
      output: [],
    },
  ],
});

ruleTester('prefer-identity', {
  valid: [
    { name: "the identity strategy", language: 'typescript', file: 'product.ts', files, code: entity('', '', "@PrimaryGeneratedColumn('identity', { type: 'bigint' })\n    id: string") },
    { name: 'a uuid key', language: 'typescript', file: 'product.ts', files, code: entity('', '', "@PrimaryGeneratedColumn('uuid')\n    id: string") },
  ],
  invalid: [
    {
      name: "@PrimaryGeneratedColumn() is serial: the identity strategy, before its options",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity('', '', "@PrimaryGeneratedColumn({ type: 'bigint' })\n                                    ^^^^^^^^ prefer-identity\n    id: string"),
      output: [entity('', '', "@PrimaryGeneratedColumn('identity', { type: 'bigint' })\n    id: string")],
    },
    {
      name: "no options, and the 'increment' strategy named",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity('', '', "@PrimaryGeneratedColumn()\n     ^^^^^^^^^^^^^^^^^^^^^^^^ prefer-identity\n    id: number"),
      output: [entity('', '', "@PrimaryGeneratedColumn('identity')\n    id: number")],
    },
    {
      name: "'increment' becomes 'identity'",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity('', '', "@PrimaryGeneratedColumn('increment', { type: 'bigint' })\n                                                 ^^^^^^^^ prefer-identity\n    id: string"),
      output: [entity('', '', "@PrimaryGeneratedColumn('identity', { type: 'bigint' })\n    id: string")],
    },
    {
      name: 'TypeORM 0.2 has no identity strategy on PostgreSQL: no fix',
      language: 'typescript',
      file: 'product.ts',
      files: { ...files, 'package.json': '{ "name": "app", "dependencies": { "typeorm": "^0.2.45" } }\n' },
      code: entity('', '', "@PrimaryGeneratedColumn({ type: 'bigint' })\n                                    ^^^^^^^^ prefer-identity\n    id: string"),
      output: [],
    },
  ],
});
