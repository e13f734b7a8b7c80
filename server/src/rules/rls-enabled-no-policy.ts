import { displayName } from '../model/schema';
import { counts } from './support/model';
import { defineRule } from './types';

export default defineRule({
  meta: {
    id: 'rls-enabled-no-policy',
    category: 'design',
    defaultSeverity: 'warning',
    hurtsProduction: true,
    appliesTo: ['pg'],
    fixable: false,
    summary: 'Row level security is enabled on a table that has no policy.',
    why:
      'With row level security enabled and no policy, PostgreSQL applies a default-deny rule: every role that is not ' +
      'the owner (or, with FORCE, every role) sees no rows and cannot write any, without an error. Applications then ' +
      'fail in confusing ways: empty lists, updates that affect zero rows. Usually the policy was meant to come in a ' +
      'later migration, or lives in a file that was never applied.',
    fix: 'Create the policies the table needs (`CREATE POLICY ... ON t USING (...)`), or disable row level security until they exist.',
    principle: 'Turn on a security mechanism together with the rules it enforces.',
    examples: [
      {
        language: 'sql',
        bad: 'CREATE TABLE notes (id bigint PRIMARY KEY, owner_id bigint NOT NULL);\nALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n',
        good:
          'CREATE TABLE notes (id bigint PRIMARY KEY, owner_id bigint NOT NULL);\nALTER TABLE notes ENABLE ROW LEVEL SECURITY;\n' +
          "CREATE POLICY notes_owner ON notes USING (owner_id = current_setting('app.user_id')::bigint);\n",
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table, { whole: true })) return;
    if (ctx.dialect !== 'postgresql') return;
    // Undefined: the front end does not track policies, so nothing can be said.
    if (!table.rls?.enabled || table.policies === undefined || table.policies.length > 0) return;
    ctx.report({
      message:
        `Row level security is enabled on ${displayName(table)} but no policy exists: ${table.rls.forced ? 'every role' : 'every role except the owner'} ` +
        `sees no rows and cannot write any, without an error. Add a policy, or leave RLS off until it exists.`,
      at: table.source,
    });
  },
});
