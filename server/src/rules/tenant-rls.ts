import { displayName } from '../model/schema';
import { counts, fromOptions, someName, squash, stringList } from './support/model';
import { defineRule } from './types';

const COLUMNS = ['tenant_id', 'organization_id', 'organisation_id', 'org_id', 'workspace_id', 'account_id'];

/** Whether a name is one of the option `columns` (compared squashed): worked out once per options object. */
const tenantNamed = fromOptions((o) => {
  const names = new Set(stringList(o.columns, COLUMNS).map(squash));
  return (n: string) => names.has(squash(n));
});

export default defineRule({
  meta: {
    id: 'tenant-rls',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['pg'],
    fixable: true,
    summary: 'A multi-tenant table without row level security.',
    why:
      'A shared table with a `tenant_id` column keeps tenants apart only as long as every query remembers its `WHERE ' +
      'tenant_id = $1`. One forgotten filter in a report, an admin endpoint or a hand-written query shows one ' +
      'customer another customer\'s data. Row level security moves the filter into the database: with RLS enabled ' +
      'and forced and a policy comparing the column to the current tenant (a setting the application sets per ' +
      'transaction), a query without the filter returns only the current tenant\'s rows. FORCE matters because the ' +
      'table owner (often the role migrations and the application use) bypasses RLS otherwise.',
    fix:
      'Append `ALTER TABLE t ENABLE ROW LEVEL SECURITY; ALTER TABLE t FORCE ROW LEVEL SECURITY;` and a policy such as ' +
      '`CREATE POLICY t_tenant_isolation ON t USING (tenant_id = nullif(current_setting(\'app.tenant_id\', true), \'\')::uuid);` ' +
      '(the fix writes this skeleton, typed like the column: with `true` (missing_ok) a query made before the application ' +
      'sets the tenant sees no rows instead of failing; adjust the setting name to what the application sets, e.g. ' +
      'with `set_config(\'app.tenant_id\', $1, true)` at the start of each transaction). The tenant column names are an ' +
      'option. The rule needs RLS and a policy anywhere in the migration history it sees.',
    principle: 'Enforce isolation where the data is, not in every query.',
    options: {
      columns: { type: 'string[]', default: COLUMNS, description: 'Column names that mark a table as holding several tenants\' rows.' },
      setting: { type: 'string', default: 'app.tenant_id', description: 'The configuration parameter the policy skeleton reads the current tenant from.' },
    },
    examples: [
      {
        language: 'sql',
        bad: 'CREATE TABLE documents (\n  id bigint PRIMARY KEY,\n  tenant_id uuid NOT NULL\n);\n',
        good:
          'CREATE TABLE documents (\n  id bigint PRIMARY KEY,\n  tenant_id uuid NOT NULL\n);\n' +
          'ALTER TABLE documents ENABLE ROW LEVEL SECURITY;\nALTER TABLE documents FORCE ROW LEVEL SECURITY;\n' +
          "CREATE POLICY documents_tenant_isolation ON documents USING (tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid);\n",
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table, { whole: true })) return;
    if (ctx.dialect !== 'postgresql') return;
    const setting = typeof ctx.options.setting === 'string' && ctx.options.setting ? ctx.options.setting : 'app.tenant_id';
    const named = tenantNamed(ctx.options);
    const column = table.columns.find((c) => someName(c, named));
    if (!column) return;
    const enabled = table.rls?.enabled === true;
    const forced = table.rls?.forced === true;
    const policies = table.policies?.length ?? 0;
    if (enabled && forced && policies > 0) return;
    const missing = [!enabled && 'RLS is not enabled', enabled && !forced && 'RLS is not forced (the owner bypasses it)', policies === 0 && 'there is no policy']
      .filter(Boolean)
      .join(', ');
    ctx.report({
      message:
        `${displayName(table)} holds rows of many tenants (${column.name}) but ${missing}: every query must remember its ${column.name} ` +
        `filter, and one that forgets reads other tenants' data. Enable and force row level security with a policy on ${column.name}.`,
      at: table.source,
      fixes: enabled || forced || policies > 0 ? [] : [{ title: 'Enable row level security with a tenant policy', safe: false, preferred: true, intent: { kind: 'enableRls', table, column, setting } }],
    });
  },
});
