import { defineRule } from './types';

// Findings come from Prisma's own engine (server/src/prisma); this file holds the metadata.
export default defineRule({
  meta: {
    id: 'prisma-validation',
    category: 'tool',
    defaultSeverity: 'error',
    appliesTo: ['prisma'],
    fixable: false,
    summary: "Prisma's own schema errors and warnings.",
    why:
      "The schema is validated by Prisma's engine, in the version the project uses (Prisma 6 or 7), so a schema Prisma " +
      'accepts is never reported. Errors keep their severity; Prisma warnings are warnings. In VS Code they are hidden ' +
      'while the official Prisma extension is active, which already shows them.',
    fix: "Follow Prisma's message.",
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n  name Strin\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel User {\n  id Int @id\n  name String\n}\n',
      },
    ],
  },
});
