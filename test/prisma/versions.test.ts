/**
 * Schemas written for Prisma 5, 6 and 7 are checked by the engine of their era and never get an
 * error that version of Prisma would not give: the design rules must not sit on top of false
 * prisma-validation errors. The corpus test runs the same check over the real schemas.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadPrisma } from '../../server/src/prisma';
import { memoryFs } from './helpers';

const PRISMA_5 = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["views", "jsonProtocol", "fullTextSearch"]
}

datasource db {
  provider  = "postgresql"
  url       = env("DATABASE_URL")
  directUrl = env("DIRECT_URL")
}

model Project {
  id     String @id @default(uuid())
  domain String @unique
}

view DashboardProject {
  id     String @id
  domain String
}
`;

const PRISMA_6 = `generator client {
  provider        = "prisma-client-js"
  previewFeatures = ["prismaSchemaFolder", "driverAdapters", "omitApi"]
}

datasource db {
  provider          = "postgresql"
  url               = env("DATABASE_URL")
  shadowDatabaseUrl = env("SHADOW_URL")
}

model User {
  id    Int    @id @default(autoincrement())
  email String @unique
}
`;

const PRISMA_7 = `generator client {
  provider        = "prisma-client"
  output          = "../src/generated/prisma"
  previewFeatures = ["relationJoins", "partialIndexes"]
}

datasource db {
  provider = "postgresql"
}

model User {
  id        String    @id @default(uuid(7)) @db.Uuid
  email     String
  deletedAt DateTime? @db.Timestamptz(3)

  @@unique([email], where: { deletedAt: null })
}
`;

function errors(text: string, opts: Parameters<typeof loadPrisma>[1] = {}) {
  const r = loadPrisma([{ uri: 'file:///v/schema.prisma', text }], opts);
  return { r, errors: r.problems.filter((p) => p.severity === 'error').map((p) => p.message) };
}

describe('Prisma 5, 6 and 7 schemas', () => {
  it('a Prisma 5 schema (views with keys, old preview features) gets no error', () => {
    const { r, errors: e } = errors(PRISMA_5);
    assert.equal(r.engine, 6);
    assert.deepEqual(e, []);
    // What Prisma 6 started to reject stays visible, as a warning that says why.
    assert.ok(r.problems.some((p) => p.severity === 'warning' && /Prisma 5 and earlier accept this/.test(p.message)));
  });

  it('a Prisma 6 schema (url, shadowDatabaseUrl, deprecated preview features) gets no error', () => {
    const { r, errors: e } = errors(PRISMA_6);
    assert.equal(r.engine, 6);
    assert.deepEqual(e, []);
  });

  it('a Prisma 7 schema (no url, prisma-client generator, uuid(7), partial unique) gets no error', () => {
    const { r, errors: e } = errors(PRISMA_7);
    assert.equal(r.engine, 7);
    assert.deepEqual(e, []);
    const ix = r.schema.tables.get('user')!.indexes.find((i) => i.kind === 'unique')!;
    assert.equal(ix.where, '{ deletedAt: null }', 'the partial index is read as partial');
  });

  it('the installed Prisma decides over the schema shape', () => {
    const fs = memoryFs({ '/p/node_modules/prisma/package.json': JSON.stringify({ version: '5.22.0' }) });
    const five = errors(PRISMA_5, { schemaDir: '/p/prisma', fs });
    assert.equal(five.r.engineChoice.reason, 'installed');
    assert.equal(five.r.engine, 6);
    assert.deepEqual(five.errors, []);
    const seven = loadPrisma([{ uri: 'file:///v/schema.prisma', text: PRISMA_7 }], {
      schemaDir: '/q/prisma',
      fs: memoryFs({ '/q/node_modules/@prisma/client/package.json': JSON.stringify({ version: '7.1.0' }) }),
    });
    assert.equal(seven.engine, 7);
    assert.deepEqual(seven.problems.filter((p) => p.severity === 'error'), []);
  });

  it('no uuid(7) fix for a project on a Prisma older than 5.18, which does not know it', () => {
    const text = PRISMA_6.replace('id    Int    @id @default(autoincrement())', 'id    String @id @default(uuid())');
    const intent = (r: ReturnType<typeof loadPrisma>) => ({ kind: 'changeDefault' as const, table: r.schema.tables.get('user')!, column: r.schema.tables.get('user')!.columns[0], prisma: 'uuid(7)' });
    const old = loadPrisma([{ uri: 'file:///v/schema.prisma', text }], { installedVersion: '5.10.2' });
    assert.equal(old.render(intent(old)), undefined);
    const recent = loadPrisma([{ uri: 'file:///v/schema.prisma', text }], { installedVersion: '5.18.0' });
    assert.equal(recent.render(intent(recent))?.[0].newText, 'uuid(7)');
  });

  it('design rules run on the engine facts of every era (Prisma 5 views with keys included)', () => {
    for (const text of [PRISMA_5, PRISMA_6, PRISMA_7]) assert.equal(errors(text).r.factsFrom, 'engine');
    assert.equal(errors(PRISMA_5).r.schema.tables.get('dashboardproject')?.kind, 'view');
  });
});
