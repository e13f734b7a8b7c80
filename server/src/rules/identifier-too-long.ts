import { EncodedOffsets, type SourceRef } from '../model/text';
import { displayName } from '../model/schema';
import { label } from './support/model';
import { defineRule } from './types';

/** PostgreSQL keeps NAMEDATALEN - 1 bytes of an identifier. */
const MAX_BYTES = 63;

function clipped(name: string): string {
  let out = '';
  for (const ch of name) {
    if (EncodedOffsets.utf8Length(out + ch) > MAX_BYTES) break;
    out += ch;
  }
  return out;
}

export default defineRule({
  meta: {
    id: 'identifier-too-long',
    category: 'design',
    defaultSeverity: 'warning',
    appliesTo: ['prisma', 'pg'],
    fixable: false,
    summary: 'PostgreSQL silently truncates identifiers longer than 63 bytes.',
    why:
      'PostgreSQL keeps the first 63 bytes of a name (NAMEDATALEN - 1) and only raises a NOTICE, which migration tools ' +
      'usually swallow. The table, column or index is created under the shortened name; later statements that use the ' +
      'full name are truncated the same way and keep working, but tools that compare names (ORMs, schema diffing, ' +
      'Prisma introspection) see a different name, and two long names that share their first 63 bytes collide. ' +
      'Bytes, not characters: a name with accented letters reaches the limit sooner. Prisma already rejects `map:` ' +
      'names of constraints that are too long; table and column names in `@@map` / `@map` are checked here.',
    fix: 'Choose a shorter name (rename before the object exists; afterwards rename it in a migration).',
    principle: 'What you name must be what the database stores.',
    examples: [
      {
        language: 'sql',
        bad: 'CREATE TABLE customer_subscription_billing_period_adjustment_history_entries_archive (\n  id bigint PRIMARY KEY\n);\n',
        good: 'CREATE TABLE subscription_adjustment_history (\n  id bigint PRIMARY KEY\n);\n',
      },
      {
        language: 'prisma',
        bad:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Entry {\n  id Int @id\n\n  @@map("customer_subscription_billing_period_adjustment_history_entries_archive")\n}\n',
        good: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Entry {\n  id Int @id\n\n  @@map("subscription_adjustment_history")\n}\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (ctx.dialect !== 'postgresql') return;
    const report = (kind: string, name: string, bytes: number | undefined, what: () => string, at: SourceRef) => {
      ctx.report({
        message:
          `The ${kind} name of ${what()} is ${bytes ?? 'more than ' + MAX_BYTES} bytes long; PostgreSQL keeps only the first ${MAX_BYTES}` +
          `${bytes !== undefined ? ` ("${clipped(name)}")` : ` ("${name}")`} and says so only in a NOTICE. Choose a name of at most ${MAX_BYTES} bytes.`,
        at,
      });
    };
    // `what` names the object, worked out only for a report: most names are short.
    const check = (kind: string, name: string | undefined, what: () => string, at: SourceRef | undefined, qualifier?: string) => {
      if (!name || !at) return;
      const bytes = EncodedOffsets.utf8Length(name);
      if (bytes > MAX_BYTES) return report(kind, name, bytes, what, at);
      // PostgreSQL's parser has already cut the name it hands over: what gives it away is a name at the
      // limit written in more characters than it has (quotes and a schema prefix allowed for).
      const written = at.span.end - at.span.start;
      const room = name.length + 2 + (qualifier ? qualifier.length + 3 : 0);
      if (bytes >= MAX_BYTES - 3 && written > room) report(kind, name, undefined, what, at);
    };
    check(table.kind === 'table' ? 'table' : 'view', table.name, () => displayName(table), table.source, table.schema);
    for (const column of table.columns) check('column', column.name, () => label(table, column), column.source);
    // Index and constraint names: Prisma validates its own; in SQL the parser cuts them before the model
    // sees them and their spans cover the whole statement, so the front end would have to report them.
  },
});
