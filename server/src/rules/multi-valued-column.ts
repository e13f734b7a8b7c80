import { counts, fromOptions, globRegExp, isJsonType, isTextType, label, namesOf, stringList } from './support/model';
import { defineRule } from './types';

const PATTERNS = ['*_ids', '*Ids', '*IDs', 'ids', 'tags', '*_tags', '*Tags', '*_list', '*List', '*_csv', '*Csv'];

/** Whether a name matches one of the option `patterns`: compiled once per options object. */
const listLikeOf = fromOptions((o) => {
  const patterns = stringList(o.patterns, PATTERNS).map((p) => globRegExp(p, true));
  return (n: string) => patterns.some((re) => re.test(n));
});

export default defineRule({
  meta: {
    id: 'multi-valued-column',
    category: 'design',
    defaultSeverity: 'info',
    appliesTo: ['prisma', 'pg', 'sqlite', 'mysql'],
    fixable: false,
    summary: 'A text or JSON column that holds a list of ids or values.',
    why:
      'First normal form asks for one value per column. A comma-separated `tag_ids` text or a JSON array of user ids ' +
      'hides a relationship from the database: no foreign key keeps the ids valid, no index finds the rows that ' +
      'contain a given id without scanning and parsing every row, and adding or removing one element rewrites the ' +
      'whole value (and races with concurrent writers). The rule looks at names that announce a list (`*_ids`, ' +
      '`*Ids`, `tags`, `*_list`...; an option) on text and JSON columns; real array types (`text[]`, Prisma ' +
      '`String[]`) are not reported.',
    fix:
      'Model the relationship: a junction table with one row per (owner, item) pair and foreign keys on both ' +
      'sides, indexed on the item side for reverse lookups (in Prisma an implicit or explicit many-to-many relation). ' +
      'For a list of plain values without identity, a native array (`text[]`, Prisma `String[]` on PostgreSQL) with a ' +
      'GIN index is the lighter choice. There is no automatic fix: the data has to be migrated.',
    principle: 'One fact per column; relationships are rows, not strings.',
    options: {
      patterns: {
        type: 'string[]',
        default: PATTERNS,
        description: 'Column or field name patterns (`*` = any characters, case-sensitive) that announce a list.',
      },
    },
    examples: [
      {
        language: 'prisma',
        bad: 'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id     Int    @id\n  tagIds String\n}\n',
        good:
          'datasource db {\n  provider = "postgresql"\n}\n\nmodel Post {\n  id   Int   @id\n  tags Tag[]\n}\n\n' +
          'model Tag {\n  id    Int    @id\n  posts Post[]\n}\n',
      },
      {
        language: 'sql',
        bad: 'CREATE TABLE posts (\n  id bigint PRIMARY KEY,\n  tag_ids text\n);\n',
        good:
          'CREATE TABLE posts (id bigint PRIMARY KEY);\nCREATE TABLE tags (id bigint PRIMARY KEY);\n' +
          'CREATE TABLE post_tags (\n  post_id bigint REFERENCES posts (id),\n  tag_id bigint REFERENCES tags (id),\n  PRIMARY KEY (post_id, tag_id)\n);\n',
      },
    ],
  },

  checkTable(ctx, table) {
    if (!counts(table)) return;
    const listLike = listLikeOf(ctx.options);
    const arrays = ctx.dialect === 'postgresql' || ctx.dialect === 'cockroachdb';
    for (const column of table.columns) {
      if (column.type.array || !(isTextType(column) || isJsonType(column))) continue;
      const name = namesOf(column).find(listLike);
      if (!name) continue;
      const json = isJsonType(column);
      const ids = /ids$/i.test(name);
      const instead = ids
        ? `Use a junction table with a foreign key to each side${table.origin === 'prisma' ? ' (a many-to-many relation)' : ''}.`
        : arrays
          ? `Use a junction table, or a native array (${table.origin === 'prisma' ? 'String[]' : 'text[]'}) with a GIN index.`
          : 'Use a junction table.';
      ctx.report({
        message:
          `${label(table, column)} is ${json ? 'JSON' : 'text'} named like a list of ${ids ? 'ids' : 'values'}: the database cannot ` +
          `${ids ? 'check the ids with a foreign key, ' : ''}index the elements or update one without rewriting the whole value. ${instead}`,
        at: column.source,
      });
    }
  },
});
