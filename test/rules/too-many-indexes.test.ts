import { ruleTester } from '../helpers/rule-tester';

const model = (provider: string, n: number) =>
  `datasource db {\n  provider = "${provider}"\n}\n\nmodel Item {\n  id Int @id\n${Array.from({ length: n }, (_, i) => `  c${i} Int`).join('\n')}\n\n${Array.from({ length: n }, (_, i) => `  @@index([c${i}])`).join('\n')}\n}\n`;

ruleTester('too-many-indexes', {
  valid: [
    { name: 'prisma: eight indexes, the key included', language: 'prisma', code: model('postgresql', 7) },
    { name: 'the limit is an option', language: 'prisma', config: { rules: { 'too-many-indexes': ['info', { max: 12 }] } }, code: model('mysql', 10) },
    { name: 'sql: a partial table is not judged', language: 'sql', code: Array.from({ length: 10 }, (_, i) => `CREATE INDEX ON t (c${i});`).join('\n') + '\n' },
  ],
  invalid: [
    {
      name: 'prisma: nine indexes',
      language: 'prisma',
      code: model('postgresql', 8).replace('model Item {', 'model Item {\n      ^^^^ too-many-indexes'),
      output: [],
    },
    {
      name: 'prisma on SQLite with a lower limit',
      language: 'prisma',
      config: { rules: { 'too-many-indexes': ['info', { max: 2 }] } },
      code: model('sqlite', 2).replace('model Item {', 'model Item {\n      ^^^^ too-many-indexes'),
    },
    {
      name: 'sql',
      language: 'sql',
      config: { rules: { 'too-many-indexes': ['info', { max: 2 }] } },
      code: `
        CREATE TABLE t (id bigint PRIMARY KEY, a int UNIQUE, b int);
                     ^ too-many-indexes
        CREATE INDEX ON t (b);
      `,
    },
  ],
});
