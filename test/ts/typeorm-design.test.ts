/**
 * More design rules on TypeORM entities (PostgreSQL data source): type changes that drop a length, new
 * date columns, index decorators removed or reordered, and findings an entity cannot fix by itself.
 */
import { ruleTester } from '../helpers/rule-tester';

const files = {
  'package.json': '{ "name": "app", "dependencies": { "typeorm": "0.3.20" } }\n',
  'data-source.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres' });\n",
};

/** An entity with the bookkeeping columns, so only the rule under test speaks. */
const entity = (body: string, imports = '') => `
  import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn${imports} } from 'typeorm'

  @Entity()
  export class Product {
    @PrimaryGeneratedColumn({ type: 'bigint' })
    id: string
${body}
    @CreateDateColumn({ type: 'timestamptz' })
    createdAt: Date

    @UpdateDateColumn({ type: 'timestamptz' })
    updatedAt: Date
  }
`;

ruleTester('prefer-text-over-varchar', {
  valid: [{ name: 'text', language: 'typescript', file: 'product.ts', files, code: entity("    @Column({ type: 'text' })\n    name: string\n") }],
  invalid: [
    {
      name: 'a string property without a type is varchar: the type is written',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ nullable: true })\n     ^^^^^^^^^^^^^^^^^^^^^^^^^^ prefer-text-over-varchar\n    sku?: string\n"),
      output: [entity("    @Column({ type: 'text', nullable: true })\n    sku?: string\n")],
    },
    {
      name: 'varchar with a length: the length goes with it',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column({ type: 'varchar', length: 100, nullable: true })\n                    ^^^^^^^^^ prefer-text-over-varchar\n    title?: string\n"),
      output: [entity("    @Column({ type: 'text', nullable: true })\n    title?: string\n")],
    },
  ],
});

ruleTester('prefer-jsonb', {
  valid: [],
  invalid: [
    {
      name: "type 'json' becomes 'jsonb'",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Column('json')\n            ^^^^^^ prefer-jsonb\n    attributes: object\n"),
      output: [entity("    @Column('jsonb')\n    attributes: object\n")],
    },
  ],
});

ruleTester('prefer-bigint-pk', {
  valid: [],
  invalid: [
    {
      name: '@PrimaryGeneratedColumn() is integer: bigint in its options',
      language: 'typescript',
      file: 'tag.ts',
      files,
      code: `
        import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

        @Entity()
        export class Tag {
          @PrimaryGeneratedColumn()
           ^^^^^^^^^^^^^^^^^^^^^^^^ prefer-bigint-pk
          id: number;

          @Column({ type: 'text' })
          label: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
      output: [`
        import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

        @Entity()
        export class Tag {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: number;

          @Column({ type: 'text' })
          label: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `],
    },
  ],
});

ruleTester('require-timestamps', {
  valid: [{ name: 'both date columns', language: 'typescript', file: 'product.ts', files, code: entity('') }],
  invalid: [
    {
      name: 'date columns added after the last property, imported, in the file style (no semicolons)',
      language: 'typescript',
      file: 'invoice.ts',
      files,
      code: `
        import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm'

        @Entity('invoices')
                ^^^^^^^^^^ require-timestamps
        export class Invoice {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string

          @Column({ type: 'text' })
          number: string
        }
      `,
      output: [`
        import { Column, Entity, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn } from 'typeorm'

        @Entity('invoices')
        export class Invoice {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string

          @Column({ type: 'text' })
          number: string

          @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
          createdAt: Date

          @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
          updatedAt: Date
        }
      `],
    },
  ],
});

ruleTester('redundant-index', {
  valid: [],
  invalid: [
    {
      name: 'an index the unique constraint already covers: its decorator goes',
      language: 'typescript',
      file: 'product.ts',
      files,
      code: entity("    @Index()\n     ^^^^^^^ redundant-index\n    @Column({ type: 'text', unique: true })\n    code: string\n", ', Index'),
      output: [entity("    @Column({ type: 'text', unique: true })\n    code: string\n", ', Index')],
    },
  ],
});

ruleTester('composite-index-order', {
  valid: [],
  invalid: [
    {
      name: "the class's @Index list is reordered, equality columns first",
      language: 'typescript',
      file: 'event.ts',
      files,
      code: `
        import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

        @Entity()
        @Index(['createdAt', 'kind'])
         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^ composite-index-order
        export class Event {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Column({ type: 'text' })
          kind: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
      output: [`
        import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

        @Entity()
        @Index(['kind', 'createdAt'])
        export class Event {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Column({ type: 'text' })
          kind: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `],
    },
  ],
});

ruleTester('enum-like-text', {
  valid: [],
  invalid: [
    {
      name: "a default from the file's enum reads as its value",
      language: 'typescript',
      file: 'product.ts',
      files,
      code: `
        import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm'

        export enum Status {
          ACTIVE = 'active',
          RETIRED = 'retired',
        }

        @Entity()
        export class Product {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string

          @Column({ type: 'text', default: Status.ACTIVE })
          status: string
          ^^^^^^ enum-like-text

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date
        }
      `,
    },
  ],
});

ruleTester('require-primary-key', {
  valid: [{ name: 'a generated key', language: 'typescript', file: 'product.ts', files, code: entity('') }],
  invalid: [
    {
      name: 'an entity with no primary column',
      language: 'typescript',
      file: 'log.ts',
      files,
      code: `
        import { Column, CreateDateColumn, Entity } from 'typeorm';

        @Entity()
        export class AuditLog {
                     ^^^^^^^^ require-primary-key
          @Column({ type: 'text' })
          message: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;
        }
      `,
    },
  ],
});
