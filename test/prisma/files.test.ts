import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupPrismaSchemas, isMigrationSnapshot, prismaSchemaFiles } from '../../server/src/prisma';
import { memoryFs } from './helpers';

const DS = 'datasource db {\n  provider = "postgresql"\n}\n';
const MODEL = 'model A {\n  id Int @id\n}\n';

test('files: a schema folder with the datasource beside the models (papermark, formbricks)', () => {
  const fs = memoryFs({
    '/p/package.json': '{}',
    '/p/prisma/schema/schema.prisma': DS,
    '/p/prisma/schema/link.prisma': MODEL,
    '/p/prisma/schema/team.prisma': MODEL,
    '/p/prisma/migrations/1_init/migration.sql': '',
  });
  const all = ['/p/prisma/schema/link.prisma', '/p/prisma/schema/schema.prisma', '/p/prisma/schema/team.prisma'];
  assert.deepEqual(prismaSchemaFiles('/p/prisma/schema/link.prisma', fs), all);
  assert.deepEqual(prismaSchemaFiles('/p/prisma/schema/schema.prisma', fs), all);
});

test('files: the datasource in a parent folder, models in subfolders (rallly)', () => {
  const fs = memoryFs({
    '/r/packages/db/package.json': '{}',
    '/r/packages/db/prisma/schema.prisma': DS,
    '/r/packages/db/prisma/models/user.prisma': MODEL,
    '/r/packages/db/prisma/models/billing/plan.prisma': MODEL,
  });
  const all = ['/r/packages/db/prisma/models/billing/plan.prisma', '/r/packages/db/prisma/models/user.prisma', '/r/packages/db/prisma/schema.prisma'];
  assert.deepEqual(prismaSchemaFiles('/r/packages/db/prisma/models/billing/plan.prisma', fs), all);
  assert.deepEqual(prismaSchemaFiles('/r/packages/db/prisma/schema.prisma', fs), all);
});

test('files: migration snapshots are never part of the schema, and stand alone', () => {
  const fs = memoryFs({
    '/w/prisma/schema.prisma': DS + MODEL,
    '/w/prisma/migrations/2023_x/schema.prisma': DS + MODEL,
    '/w/prisma/migrations/2024_y/schema.prisma': DS + MODEL,
  });
  assert.equal(isMigrationSnapshot('/w/prisma/migrations/2023_x/schema.prisma'), true);
  assert.equal(isMigrationSnapshot('/w/prisma/schema.prisma'), false);
  assert.deepEqual(prismaSchemaFiles('/w/prisma/schema.prisma', fs), ['/w/prisma/schema.prisma']);
  assert.deepEqual(prismaSchemaFiles('/w/prisma/migrations/2023_x/schema.prisma', fs), ['/w/prisma/migrations/2023_x/schema.prisma']);
  assert.deepEqual(groupPrismaSchemas(['/w/prisma/migrations/2024_y/schema.prisma', '/w/prisma/schema.prisma', '/w/prisma/migrations/2023_x/schema.prisma'], fs), [
    ['/w/prisma/migrations/2023_x/schema.prisma'],
    ['/w/prisma/migrations/2024_y/schema.prisma'],
    ['/w/prisma/schema.prisma'],
  ]);
});

test('files: separate schemas side by side, a nested schema, no datasource anywhere', () => {
  const fs = memoryFs({
    '/s/prisma/main.prisma': DS + MODEL,
    '/s/prisma/analytics.prisma': DS + MODEL,
    '/t/prisma/schema.prisma': DS,
    '/t/prisma/a.prisma': MODEL,
    '/t/prisma/other/schema.prisma': DS,
    '/t/prisma/other/b.prisma': MODEL,
    '/u/package.json': '{}',
    '/u/lib/models.prisma': MODEL,
  });
  assert.deepEqual(prismaSchemaFiles('/s/prisma/main.prisma', fs), ['/s/prisma/main.prisma']);
  assert.deepEqual(prismaSchemaFiles('/t/prisma/a.prisma', fs), ['/t/prisma/a.prisma', '/t/prisma/schema.prisma']);
  assert.deepEqual(prismaSchemaFiles('/t/prisma/other/b.prisma', fs), ['/t/prisma/other/b.prisma', '/t/prisma/other/schema.prisma']);
  assert.deepEqual(prismaSchemaFiles('/u/lib/models.prisma', fs), ['/u/lib/models.prisma']);
});

test('files: a file the file system does not list yet (unsaved) is still part of its schema', () => {
  const fs = memoryFs({ '/p/prisma/schema/schema.prisma': DS });
  assert.deepEqual(prismaSchemaFiles('/p/prisma/schema/new.prisma', fs), ['/p/prisma/schema/new.prisma', '/p/prisma/schema/schema.prisma']);
});

test('files: a datasource file at a package root is not a folder schema of the whole project', () => {
  const fs = memoryFs({
    '/q/package.json': '{}',
    '/q/schema.prisma': DS + MODEL,
    '/q/src/fixtures/other.prisma': MODEL,
  });
  assert.deepEqual(prismaSchemaFiles('/q/schema.prisma', fs), ['/q/schema.prisma']);
});
