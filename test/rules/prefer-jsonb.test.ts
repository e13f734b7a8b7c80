import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('prefer-jsonb', {
  valid: [
    { name: 'prisma Json is jsonb', language: 'prisma', code: `${DS('postgresql')}\nmodel E {\n  id Int  @id\n  p  Json\n}\n` },
    { name: 'prisma on MySQL: json is all there is', language: 'prisma', code: `${DS('mysql')}\nmodel E {\n  id Int  @id\n  p  Json @db.Json\n}\n` },
    { name: 'prisma on CockroachDB', language: 'prisma', code: `${DS('cockroachdb')}\nmodel E {\n  id Int  @id\n  p  Json\n}\n` },
    { name: 'sql jsonb', language: 'sql', code: 'CREATE TABLE e (id bigint PRIMARY KEY, p jsonb);\n' },
    { name: 'sqlite json', language: 'sql', file: 'sqlite/1.sql', code: 'CREATE TABLE e (id INTEGER PRIMARY KEY, p json);\n' },
  ],
  invalid: [
    {
      name: 'prisma: @db.Json is dropped',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Event {
          id      Int   @id
          payload Json? @db.Json
                        ^^^^^^^^ prefer-jsonb
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Event {
          id      Int   @id
          payload Json?
        }
      `],
    },
    {
      name: 'sql: json and json[]',
      language: 'sql',
      code: `
        CREATE TABLE events (id bigint PRIMARY KEY, payload JSON NOT NULL, parts json[]);
                                                            ^^^^ prefer-jsonb
                                                                                 ^^^^^^ prefer-jsonb
      `,
      output: [`
        CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb NOT NULL, parts json[]);
      `],
    },
  ],
});
