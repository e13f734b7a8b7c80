/**
 * Design rules on TypeORM entities: findings on the decorators, fixes as decorator edits in the file's
 * style, every fixed text re-parsed and re-checked by the rule tester. The data source in `data-source.ts`
 * says the engine (PostgreSQL).
 */
import { ruleTester } from '../helpers/rule-tester';

const DATA_SOURCE = {
  'package.json': '{ "name": "app", "dependencies": { "typeorm": "0.3.20" } }\n',
  'data-source.ts': "import { DataSource } from 'typeorm';\nexport const db = new DataSource({ type: 'postgres', entities: [__dirname + '/*.ts'] });\n",
};

const USER = `import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class User {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'text' })
  name: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
`;

const files = { ...DATA_SOURCE, 'user.ts': USER };

ruleTester('fk-missing-index', {
  valid: [
    {
      name: '@Index() on the relation',
      language: 'typescript',
      file: 'note.ts',
      files,
      code: `
        import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Index()
          @ManyToOne(() => User, { onDelete: 'CASCADE' })
          @JoinColumn({ name: 'author_id' })
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
    },
    {
      name: 'one-to-one: its unique constraint leads with the column',
      language: 'typescript',
      file: 'profile.ts',
      files,
      code: `
        import { CreateDateColumn, Entity, JoinColumn, OneToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Profile {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @OneToOne(() => User, { onDelete: 'CASCADE' })
          @JoinColumn()
          user: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'relation with its own column: @Index() above the column, Index imported',
      language: 'typescript',
      file: 'note.ts',
      files,
      code: `
        import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Column({ type: 'bigint' })
          authorId: string;
          @ManyToOne(() => User, { onDelete: 'CASCADE' })
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
          @JoinColumn({ name: 'authorId' })
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
      output: [`
        import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, Index } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Index()
          @Column({ type: 'bigint' })
          authorId: string;
          @ManyToOne(() => User, { onDelete: 'CASCADE' })
          @JoinColumn({ name: 'authorId' })
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `],
    },
    {
      name: 'relation alone (join column userId by default): @Index() on the relation property',
      language: 'typescript',
      file: 'session.ts',
      files,
      code: `
        import {
          CreateDateColumn,
          Entity,
          ManyToOne,
          PrimaryGeneratedColumn,
        } from "typeorm";
        import { User } from "./user";

        @Entity()
        export class LoginSession {
          @PrimaryGeneratedColumn({ type: "bigint" })
          id: string;

          @ManyToOne(() => User, (user) => user.id, { onDelete: "CASCADE" })
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
          user: User;

          @CreateDateColumn({ type: "timestamptz" })
          createdAt: Date;
        }
      `,
      output: [`
        import {
          CreateDateColumn,
          Entity,
          ManyToOne,
          PrimaryGeneratedColumn,
          Index,
        } from "typeorm";
        import { User } from "./user";

        @Entity()
        export class LoginSession {
          @PrimaryGeneratedColumn({ type: "bigint" })
          id: string;

          @Index()
          @ManyToOne(() => User, (user) => user.id, { onDelete: "CASCADE" })
          user: User;

          @CreateDateColumn({ type: "timestamptz" })
          createdAt: Date;
        }
      `],
    },
    {
      name: 'composite key with an index on its first column: that index is widened, not doubled',
      language: 'typescript',
      file: 'member.ts',
      files: {
        ...DATA_SOURCE,
        'org.ts': "import { Entity, PrimaryColumn } from 'typeorm';\n\n@Entity('orgs')\nexport class Org {\n  @PrimaryColumn({ type: 'bigint' })\n  id: string;\n\n  @PrimaryColumn({ type: 'bigint' })\n  region: string;\n}\n",
      },
      code: `
        import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
        import { Org } from "./org";

        @Entity("members")
        @Index(["orgId"])
        export class Member {
          @PrimaryGeneratedColumn({ type: "bigint" })
          id: string;

          @Column({ name: "org_id", type: "bigint" })
          orgId: string;

          @Column({ name: "org_region", type: "bigint" })
          orgRegion: string;

          @ManyToOne(() => Org, { onDelete: "CASCADE" })
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-missing-index
          @JoinColumn([{ name: "org_id", referencedColumnName: "id" }, { name: "org_region", referencedColumnName: "region" }])
          org: Org;
        }
      `,
      output: [`
        import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from "typeorm";
        import { Org } from "./org";

        @Entity("members")
        @Index(["orgId", "orgRegion"])
        export class Member {
          @PrimaryGeneratedColumn({ type: "bigint" })
          id: string;

          @Column({ name: "org_id", type: "bigint" })
          orgId: string;

          @Column({ name: "org_region", type: "bigint" })
          orgRegion: string;

          @ManyToOne(() => Org, { onDelete: "CASCADE" })
          @JoinColumn([{ name: "org_id", referencedColumnName: "id" }, { name: "org_region", referencedColumnName: "region" }])
          org: Org;
        }
      `],
    },
  ],
});

ruleTester('fk-on-delete', {
  valid: [],
  invalid: [
    {
      name: 'onDelete added to the relation options',
      language: 'typescript',
      file: 'note.ts',
      files,
      code: `
        import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Index()
          @ManyToOne(() => User, { nullable: false })
           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ fk-on-delete
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
      output: [
        `
        import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Index()
          @ManyToOne(() => User, { onDelete: 'CASCADE', nullable: false })
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
        `
        import { CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
        import { User } from './user';

        @Entity()
        export class Note {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @Index()
          @ManyToOne(() => User, { onDelete: 'RESTRICT', nullable: false })
          author: User;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @UpdateDateColumn({ type: 'timestamptz' })
          updatedAt: Date;
        }
      `,
      ],
    },
  ],
});

ruleTester('prefer-timestamptz', {
  valid: [{ name: 'timestamptz written', language: 'typescript', file: 'user.ts', files: DATA_SOURCE, code: USER }],
  invalid: [
    {
      name: 'a date column without a type gets one; a written type is replaced',
      language: 'typescript',
      file: 'event.ts',
      files: DATA_SOURCE,
      code: `
        import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

        @Entity()
        export class Event {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @CreateDateColumn()
           ^^^^^^^^^^^^^^^^^^ prefer-timestamptz
          createdAt: Date;

          @Column({ type: 'timestamp', nullable: true })
          updatedAt?: Date;
        }
      `,
      output: [`
        import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

        @Entity()
        export class Event {
          @PrimaryGeneratedColumn({ type: 'bigint' })
          id: string;

          @CreateDateColumn({ type: 'timestamptz' })
          createdAt: Date;

          @Column({ type: 'timestamptz', nullable: true })
          updatedAt?: Date;
        }
      `],
    },
  ],
});
