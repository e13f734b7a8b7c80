import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('prefer-text-over-varchar', {
  valid: [
    { name: 'prisma String is text', language: 'prisma', code: `${DS('postgresql')}\nmodel U {\n  id    Int    @id\n  email String\n}\n` },
    { name: 'prisma on MySQL: VarChar is the norm there', language: 'prisma', code: `${DS('mysql')}\nmodel U {\n  id    Int    @id\n  email String @db.VarChar(255)\n}\n` },
    { name: 'prisma on SQL Server', language: 'prisma', code: `${DS('sqlserver')}\nmodel U {\n  id    Int    @id\n  email String @db.VarChar(255)\n}\n` },
    { name: 'sql text', language: 'sql', code: 'CREATE TABLE u (id bigint PRIMARY KEY, email text);\n' },
    { name: 'sql on MySQL', language: 'sql', file: 'mysql/1.sql', code: 'CREATE TABLE u (id bigint PRIMARY KEY, email varchar(255));\n' },
    {
      name: 'allowVarchar accepts an explicit length',
      language: 'sql',
      config: { rules: { 'prefer-text-over-varchar': ['info', { allowVarchar: true }] } },
      code: 'CREATE TABLE u (id bigint PRIMARY KEY, email varchar(255));\n',
    },
  ],
  invalid: [
    {
      name: 'prisma: @db.VarChar(255) is removed, the comment stays',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id
          email String @unique @db.VarChar(255) // login
                               ^^^^^^^^^^^^^^^^ prefer-text-over-varchar
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model User {
          id    Int    @id
          email String @unique // login
        }
      `],
    },
    {
      name: 'sql: text, or text with the limit as a CHECK',
      language: 'sql',
      code: `
        CREATE TABLE users (id bigint PRIMARY KEY, email varchar(255) NOT NULL);
                                                         ^^^^^^^^^^^^ prefer-text-over-varchar
      `,
      output: [
        `
        CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);
      `,
        `
        CREATE TABLE users (id bigint PRIMARY KEY, email text CHECK (char_length(email) <= 255) NOT NULL);
      `,
      ],
    },
    {
      name: 'sql: lower-case keywords are kept lower-case; ALTER TABLE ADD COLUMN is a column definition',
      language: 'sql',
      code: `
        alter table users add column nick character varying(40) not null default '';
                                          ^^^^^^^^^^^^^^^^^^^^^ prefer-text-over-varchar
      `,
      output: [
        `
        alter table users add column nick text not null default '';
      `,
        `
        alter table users add column nick text check (char_length(nick) <= 40) not null default '';
      `,
      ],
    },
    {
      name: 'sql: ALTER COLUMN TYPE gets text but no CHECK (a type change cannot carry one)',
      language: 'sql',
      code: `
        ALTER TABLE users ALTER COLUMN email TYPE varchar(320);
                                                  ^^^^^^^^^^^^ prefer-text-over-varchar
      `,
      output: [`
        ALTER TABLE users ALTER COLUMN email TYPE text;
      `],
    },
    {
      name: 'allowVarchar still reports varchar without a length',
      language: 'sql',
      config: { rules: { 'prefer-text-over-varchar': ['info', { allowVarchar: true }] } },
      code: `
        CREATE TABLE u (id bigint PRIMARY KEY, email varchar);
                                                     ^^^^^^^ prefer-text-over-varchar
      `,
      output: [`
        CREATE TABLE u (id bigint PRIMARY KEY, email text);
      `],
    },
  ],
});
