import { ruleTester } from '../helpers/rule-tester';

ruleTester('ban-char-type', {
  valid: [
    { name: 'text', language: 'sql', code: 'CREATE TABLE c (code text PRIMARY KEY);\n' },
    { name: '"char" is the internal one-byte type', language: 'sql', code: 'CREATE TABLE c (id bigint PRIMARY KEY, flag "char");\n' },
    { name: 'prisma on MySQL: CHAR is fine there', language: 'prisma', code: 'datasource db {\n  provider = "mysql"\n}\n\nmodel C {\n  code String @id @db.Char(2)\n}\n' },
  ],
  invalid: [
    {
      name: 'sql char(2)',
      language: 'sql',
      code: `
        CREATE TABLE countries (code character(2) PRIMARY KEY);
                                     ^^^^^^^^^^^^ ban-char-type
      `,
      output: [`
        CREATE TABLE countries (code text PRIMARY KEY);
      `],
    },
    {
      name: 'sql: a char(36) key that char(36) foreign keys reference: no fix (text alone would mismatch them)',
      language: 'sql',
      code: `
        CREATE TABLE users (id char(36) PRIMARY KEY);
                               ^^^^^^^^ ban-char-type
        CREATE TABLE sessions (id bigint PRIMARY KEY, user_id char(36) REFERENCES users (id));
                                                              ^^^^^^^^ ban-char-type
      `,
      output: [],
    },
    {
      name: 'prisma @db.Char',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Country {
          code String @id @db.Char(2)
                          ^^^^^^^^^^^ ban-char-type
        }
      `,
      output: [`
        datasource db {
          provider = "postgresql"
        }

        model Country {
          code String @id
        }
      `],
    },
  ],
});
