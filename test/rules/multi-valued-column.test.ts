import { ruleTester } from '../helpers/rule-tester';

const DS = (provider: string) => `datasource db {\n  provider = "${provider}"\n}\n`;

ruleTester('multi-valued-column', {
  valid: [
    { name: 'prisma: a native list', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id   Int      @id\n  tags String[]\n}\n` },
    { name: 'prisma: names that only look like lists (kids, paid)', language: 'prisma', code: `${DS('postgresql')}\nmodel P {\n  id   Int    @id\n  kids String\n  paid String\n}\n` },
    { name: 'sql: text[]', language: 'sql', code: 'CREATE TABLE p (id bigint PRIMARY KEY, tag_ids bigint[], tags text[]);\n' },
  ],
  invalid: [
    {
      name: 'prisma: ids in a string',
      language: 'prisma',
      code: `
        datasource db {
          provider = "postgresql"
        }

        model Post {
          id      Int    @id
          userIds String
          ^^^^^^^ multi-valued-column
          tags    Json?
          ^^^^ multi-valued-column
        }
      `,
    },
    {
      name: 'prisma on MySQL',
      language: 'prisma',
      code: `
        datasource db {
          provider = "mysql"
        }

        model Post {
          id          Int    @id
          categoryIds String @db.Text
          ^^^^^^^^^^^ multi-valued-column
        }
      `,
    },
    {
      name: 'sql: *_ids text and a custom pattern',
      language: 'sql',
      config: { rules: { 'multi-valued-column': ['info', { patterns: ['*_ids', 'recipients'] }] } },
      code: `
        CREATE TABLE mails (id bigint PRIMARY KEY, attachment_ids text, recipients varchar(2000));
                                                   ^^^^^^^^^^^^^^ multi-valued-column
                                                                        ^^^^^^^^^^ multi-valued-column
      `,
    },
  ],
});
