/**
 * A schema folder (Prisma 6.6+: every .prisma file beside and below the datasource file) is one
 * schema for the rules: relations, indexes and naming conventions count across files, findings
 * appear in the file that holds the model, and quick fixes edit that file.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/engine/edits';
import { prepare, ruleTester } from '../helpers/rule-tester';

const MAIN = `
  datasource db {
    provider = "postgresql"
  }

  model User {
    id        String   @id @db.Uuid
    createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
    updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)
    posts     Post[]
  }
`;

const POST = `
  model Post {
    id        Int      @id
    authorId  String
    author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
    createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
    updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)
  }
`;

ruleTester('fk-missing-index', {
  valid: [
    { name: 'multi-file: the model file with the index', language: 'prisma', file: 'schema/post.prisma', files: { 'schema/schema.prisma': MAIN }, code: POST.replace('  }\n', '\n    @@index([authorId])\n  }\n') },
    { name: 'multi-file: the other file has no finding of the model', language: 'prisma', file: 'schema/schema.prisma', files: { 'schema/post.prisma': POST }, code: MAIN },
  ],
  invalid: [
    {
      name: 'multi-file: reported and fixed in the file that holds the model',
      language: 'prisma',
      file: 'schema/post.prisma',
      files: { 'schema/schema.prisma': MAIN },
      code: `
        model Post {
          id        Int      @id
          authorId  String   @db.Uuid
          author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
          ^^^^^^ fk-missing-index
          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
          updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)
        }
      `,
      output: [`
        model Post {
          id        Int      @id
          authorId  String   @db.Uuid
          author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
          updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)

          @@index([authorId])
        }
      `],
    },
  ],
});

ruleTester('fk-type-mismatch', {
  valid: [],
  invalid: [
    {
      name: 'multi-file: the referenced key is in another file; the fix edits this one',
      language: 'prisma',
      file: 'schema/post.prisma',
      files: { 'schema/schema.prisma': MAIN },
      code: `
        model Post {
          id        Int      @id
          authorId  String
                    ^^^^^^ fk-type-mismatch
          author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
          updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)

          @@index([authorId])
        }
      `,
      output: [`
        model Post {
          id        Int      @id
          authorId  String   @db.Uuid
          author    User     @relation(fields: [authorId], references: [id], onDelete: Cascade)
          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
          updatedAt DateTime @updatedAt @map("updated_at") @db.Timestamptz(3)

          @@index([authorId])
        }
      `],
    },
  ],
});

ruleTester('require-timestamps', {
  valid: [],
  invalid: [
    {
      name: 'multi-file: the names come from the models in the other files',
      language: 'prisma',
      file: 'schema/tag.prisma',
      files: { 'schema/schema.prisma': MAIN, 'schema/post.prisma': POST },
      code: `
        model Tag {
              ^^^ require-timestamps
          id   Int    @id
          name String
        }
      `,
      output: [`
        model Tag {
          id   Int    @id
          name String

          createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)
          updatedAt DateTime @default(now()) @updatedAt @map("updated_at") @db.Timestamptz(3)
        }
      `],
    },
  ],
});

describe('multi-file schemas', () => {
  it('every edit of every fix lands in the file of the model it reports on', async () => {
    const p = prepare({ language: 'prisma', file: 'schema/post.prisma', files: { 'schema/schema.prisma': MAIN }, code: POST });
    const a = await p.engine.analyze(p.uri, p.text, 'prisma');
    const fixes = a.findings.flatMap((f) => f.fixes);
    assert.ok(fixes.length >= 2, a.findings.map((f) => f.rule).join(', '));
    for (const fix of fixes) for (const e of fix.edits) assert.equal(e.uri, p.uri, fix.title);
    // and the other file, analysed, reports nothing about Post
    const main = prepare({ language: 'prisma', file: 'schema/schema.prisma', files: { 'schema/post.prisma': POST }, code: MAIN });
    const b = await main.engine.analyze(main.uri, main.text, 'prisma');
    assert.deepEqual(b.findings.filter((f) => /Post/.test(f.message)).map((f) => f.message), []);
  });

  it('a fix applied to its file gives a folder Prisma accepts', async () => {
    const p = prepare({ language: 'prisma', file: 'schema/post.prisma', files: { 'schema/schema.prisma': MAIN }, code: POST });
    const a = await p.engine.analyze(p.uri, p.text, 'prisma');
    const fix = a.findings.find((f) => f.rule === 'fk-type-mismatch')!.fixes[0];
    const fixed = applyEdits(p.text, fix.edits, p.uri);
    const after = await p.engine.analyze(p.uri, fixed, 'prisma');
    assert.deepEqual(after.findings.filter((f) => f.rule === 'prisma-validation').map((f) => f.message), []);
    assert.equal(after.findings.filter((f) => f.rule === 'fk-type-mismatch').length, 0);
    assert.match(fixed, /authorId {2}String {3}@db\.Uuid/);
  });
});
