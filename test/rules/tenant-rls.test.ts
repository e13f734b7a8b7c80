import { ruleTester } from '../helpers/rule-tester';

ruleTester('tenant-rls', {
  valid: [
    {
      name: 'enabled, forced, with a policy',
      language: 'sql',
      code: `
        CREATE TABLE docs (id bigint PRIMARY KEY, tenant_id uuid NOT NULL);
        ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
        ALTER TABLE docs FORCE ROW LEVEL SECURITY;
        CREATE POLICY docs_isolation ON docs USING (tenant_id = current_setting('app.tenant_id')::uuid);
      `,
    },
    { name: 'no tenant column', language: 'sql', code: 'CREATE TABLE docs (id bigint PRIMARY KEY, owner_id bigint);\n' },
    { name: 'prisma is not checked', language: 'prisma', code: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel D {\n  id       Int    @id\n  tenantId String @map("tenant_id")\n}\n' },
  ],
  invalid: [
    {
      name: 'no RLS: the fix appends ENABLE, FORCE and a policy typed like the column (a psql script runs statement by statement: in a transaction of their own)',
      language: 'sql',
      code: `
        CREATE TABLE documents (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
                     ^^^^^^^^^ tenant-rls
      `,
      output: [`
        CREATE TABLE documents (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
        BEGIN;
        ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
        ALTER TABLE documents FORCE ROW LEVEL SECURITY;
        CREATE POLICY documents_tenant_isolation ON documents USING (organization_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
        COMMIT;
      `],
    },
    {
      name: "goose NO TRANSACTION with one change: the policy's statements get a transaction of their own",
      language: 'sql',
      file: 'db/00002_docs.sql',
      files: { 'db/00001_init.sql': '-- +goose Up\nCREATE TABLE users (id bigint PRIMARY KEY);\n' },
      code: `
        -- +goose NO TRANSACTION
        -- +goose Up
        CREATE TABLE documents (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
                     ^^^^^^^^^ tenant-rls
      `,
      output: [`
        -- +goose NO TRANSACTION
        -- +goose Up
        CREATE TABLE documents (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
        BEGIN;
        ALTER TABLE documents ENABLE ROW LEVEL SECURITY;
        ALTER TABLE documents FORCE ROW LEVEL SECURITY;
        CREATE POLICY documents_tenant_isolation ON documents USING (organization_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
        COMMIT;
      `],
    },
    {
      name: 'renamed by a later migration: the policy goes right after the CREATE TABLE, under the name it has there',
      language: 'sql',
      file: 'migrations/000001_init.up.sql',
      files: {
        'migrations/000001_init.down.sql': '',
        'migrations/000002_rename.up.sql': 'ALTER TABLE docs_v1 RENAME TO documents;\n',
        'migrations/000002_rename.down.sql': '',
      },
      code: `
        CREATE TABLE docs_v1 (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
                     ^^^^^^^ tenant-rls
      `,
      output: [`
        CREATE TABLE docs_v1 (id bigint PRIMARY KEY, organization_id bigint NOT NULL);
        ALTER TABLE docs_v1 ENABLE ROW LEVEL SECURITY;
        ALTER TABLE docs_v1 FORCE ROW LEVEL SECURITY;
        CREATE POLICY docs_v1_tenant_isolation ON docs_v1 USING (organization_id = nullif(current_setting('app.tenant_id', true), '')::bigint);
      `],
    },
    {
      name: 'enabled but not forced: reported, no skeleton',
      language: 'sql',
      config: { rules: { 'tenant-rls': ['info', { columns: ['account_ref'] }] } },
      code: `
        CREATE TABLE docs (id bigint PRIMARY KEY, account_ref uuid);
                     ^^^^ tenant-rls
        ALTER TABLE docs ENABLE ROW LEVEL SECURITY;
        CREATE POLICY p ON docs USING (true);
      `,
      output: [],
    },
  ],
});
