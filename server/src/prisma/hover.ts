/**
 * Hovers that teach, for Prisma schemas: what the word under the cursor becomes in the database for
 * this provider (the column type, the index or constraint with the name Prisma gives it), what to
 * weigh, and the rules that check it. The engine adds the rule findings and the table summary.
 */
import { coveringIndex, SQL_SPELLING, type Column, type Dialect, type Index, type Schema, type Table } from '../model/schema';
import type { Span } from '../model/text';
import { argument, fieldList, type Attribute, type Block, type Field, type ScannedFile } from './syntax';
import { ACTION_NOTES, defaultName, defaultNotes, nativeNotes, PROVIDER_NAMES, quote, scalarNotes } from './hover-text';
import { SCALARS } from './types';

export interface HoverContext {
  scans: readonly ScannedFile[];
  schema: Schema;
  /** `prisma`: relations are emulated by Prisma Client, with no foreign key in the database. */
  relationMode?: 'prisma' | 'foreignKeys';
}

export interface PrismaHover {
  markdown: string;
  span: Span;
  /** The rules that check what the hover describes (the engine links their documentation). */
  rules?: string[];
}

/** A line of hover text, or the rules that check what the lines describe. */
type Line = string | { rules: readonly string[] };

const within = (s: Span, offset: number) => s.start <= offset && offset <= s.end;

function sqlType(c: Column, dialect: Dialect): string {
  const t = c.type;
  const base = SQL_SPELLING[t.name] ?? t.name;
  const params = t.params.length ? `(${t.params.join(',')})` : '';
  const zone = dialect === 'postgresql' && t.name === 'timestamp' ? ' without time zone' : '';
  return `${base}${params}${zone}${t.array ? '[]' : ''}`;
}

function related(rules: readonly string[]): Line[] {
  return [{ rules }];
}

function finish(lines: Line[] | undefined, span: Span): PrismaHover | undefined {
  if (!lines) return undefined;
  const text = lines.filter((l): l is string => typeof l === 'string');
  const rules = [...new Set(lines.flatMap((l) => (typeof l === 'string' ? [] : l.rules)))];
  return { markdown: text.join('\n'), span, ...(rules.length ? { rules } : {}) };
}

function bullets(notes: readonly string[]): string[] {
  return notes.filter(Boolean).map((n) => `- ${n}`);
}

function sqlBlock(sql: string): string[] {
  return ['```sql', sql, '```'];
}

function tableOf(ctx: HoverContext, uri: string, block: Block): Table | undefined {
  for (const t of ctx.schema.tables.values()) {
    if (t.declaration.uri === uri && t.declaration.span.start === block.keywordSpan.start) return t;
  }
  return [...ctx.schema.tables.values()].find((t) => (t.modelName ?? t.name) === block.name);
}

function columnOf(table: Table | undefined, field: Field): Column | undefined {
  return table?.columns.find((c) => c.source.span.start === field.nameSpan.start) ?? table?.columns.find((c) => (c.fieldName ?? c.name) === field.name);
}

function indexOf(table: Table | undefined, attr: Attribute): Index | undefined {
  return table?.indexes.find((i) => i.source?.span.start === attr.span.start);
}

function typeHover(ctx: HoverContext, table: Table | undefined, field: Field, column: Column | undefined): Line[] | undefined {
  const dialect = ctx.schema.dialect;
  const provider = PROVIDER_NAMES[dialect];
  if (!column) return undefined;
  if (column.type.isEnum) {
    const e = [...ctx.schema.enums.values()].find((x) => x.name === column.type.name || x.name.toLowerCase() === column.type.name.split('.').pop());
    const how =
      dialect === 'postgresql' || dialect === 'cockroachdb'
        ? `a native enum type: adding a value is cheap, removing or renaming one is not (the type has to be rebuilt).`
        : dialect === 'mysql'
          ? 'an `ENUM(...)` column: changing the list rewrites the table.'
          : 'text, checked by Prisma Client only.';
    return [`**${field.type}** (enum) on ${provider}: ${how}`, ...(e ? ['', `Values: ${e.values.map((v) => `\`${v}\``).join(', ')}`] : []), ...related(['index-low-cardinality'])];
  }
  if (field.type === 'Unsupported') {
    return [`**Unsupported** column of type \`${column.type.written}\`: Prisma Migrate creates it, Prisma Client cannot read or write it (use raw SQL).`];
  }
  if (!SCALARS.has(field.type)) return undefined;
  const native = column.type.prisma?.native;
  const { notes, rules } = scalarNotes(field.type, dialect, !!native);
  const col = quote(dialect, column.name);
  return [
    `**${field.type}${field.list ? '[]' : ''}${field.optional ? '?' : ''}** on ${provider} is a \`${sqlType(column, dialect)}\` column${native ? ` (from \`@db.${native.name}\`)` : ''}:`,
    '',
    ...sqlBlock(`${col} ${sqlType(column, dialect)}${column.nullable ? '' : ' NOT NULL'}`),
    ...bullets([...notes, field.list && dialect === 'postgresql' ? 'A list is a native array: index it with GIN for `has` / `hasSome` filters.' : '']),
    ...related(rules),
  ];
}

function keyHover(ctx: HoverContext, table: Table, attr: Attribute, columns: string[], kind: 'pkey' | 'key' | 'idx', ix: Index | undefined): Line[] {
  const dialect = ctx.schema.dialect;
  const t = quote(dialect, table.name);
  const cols = columns.map((c) => quote(dialect, c)).join(', ');
  const name = ix?.name ?? defaultName(dialect, table.name, columns, kind);
  const method = ix?.method && ix.method !== 'btree' ? ix.method : undefined;
  const where = ix?.where ? ` WHERE ${ix.where}` : '';
  const lines: string[] = [];
  if (kind === 'pkey') {
    lines.push(`**Primary key** of ${table.modelName ?? table.name}:`, '', ...sqlBlock(`CONSTRAINT ${quote(dialect, name)} PRIMARY KEY (${cols})`));
    lines.push(...bullets(['Unique, not null, and the index every foreign key to this model uses.', columns.length > 1 ? `Also serves lookups on its leading column${columns.length > 2 ? 's' : ''} (${columns[0]}).` : '']));
    return [...lines, ...related(['require-primary-key', 'prefer-bigint-pk', 'prefer-uuidv7', 'redundant-index'])];
  }
  const unique = kind === 'key';
  const using = method ? ` USING ${method.toUpperCase()}` : '';
  lines.push(
    `**${unique ? 'Unique index' : 'Index'}** \`${name}\`${ix?.name ? '' : ' (Prisma\'s default name)'}:`,
    '',
    ...sqlBlock(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${quote(dialect, name)} ON ${t}${using} (${cols})${where};`),
  );
  const notes: string[] = [];
  if (!method || method === 'btree') {
    notes.push(
      columns.length > 1
        ? `Serves lookups and sorts on (${columns[0]}), (${columns.slice(0, 2).join(', ')})${columns.length > 2 ? ', …' : ''}: any leading prefix, not (${columns[columns.length - 1]}) alone. Equality columns first, ranges last.`
        : `Serves equality and range lookups and sorting on ${columns[0]}.`,
    );
  } else {
    notes.push(`A ${method.toUpperCase()} index: ${method === 'gin' ? 'for containment (`@>`, `?`) on JSON and arrays, and full-text search' : method === 'hash' ? 'equality only, no ranges or sorting' : 'for specialised operators'}.`);
  }
  if (unique) notes.push('Also a constraint: a second row with the same values is rejected (NULLs do not count as equal).');
  notes.push('Every insert, delete and update of these columns writes it.');
  lines.push(...bullets(notes));
  const rules = ['redundant-index', 'too-many-indexes', unique ? 'soft-delete-unique' : 'composite-index-order', unique ? '' : 'index-low-cardinality', 'fk-missing-index'].filter(Boolean);
  return [...lines, ...related(rules)];
}

function relationHover(ctx: HoverContext, table: Table, field: Field, attr: Attribute): Line[] | undefined {
  const fk = table.foreignKeys.find((f) => f.source.span.start === attr.span.start);
  const dialect = ctx.schema.dialect;
  if (!fk) {
    return [`**Relation** ${field.name}: the other side of a relation; the foreign key is on the model that lists \`fields:\`.`];
  }
  const onDelete = argument(attr, 'onDelete')?.value.value;
  const onUpdate = argument(attr, 'onUpdate')?.value.value;
  const nullable = fk.columns.every((c) => table.columns.find((x) => x.name === c)?.nullable);
  const implicit = nullable ? 'SetNull' : dialect === 'sqlserver' ? 'NoAction' : 'Restrict';
  const del = onDelete ?? implicit;
  const sqlAction = (a: string) => a.replace(/([a-z])([A-Z])/g, '$1 $2').toUpperCase();
  const lines: string[] = [];
  if (ctx.relationMode === 'prisma' || fk.enforced === false) {
    lines.push(
      `**Relation** ${field.name} → ${fk.refTable}: \`relationMode = "prisma"\`, so there is **no foreign key** in the database.`,
      ...bullets([
        'Prisma Client checks and applies the referential actions itself; writes from anywhere else are not checked.',
        'Nothing indexes the relation scalar fields for you: Prisma warns when they lead no index.',
        `On delete: ${del}${onDelete ? '' : ' (Prisma\'s default)'}: ${ACTION_NOTES[del] ?? ''}.`,
      ]),
    );
    return [...lines, ...related(['fk-on-delete'])];
  }
  const name = fk.name ?? defaultName(dialect, table.name, fk.columns, 'fkey');
  const cols = fk.columns.map((c) => quote(dialect, c)).join(', ');
  const refs = fk.refColumns.map((c) => quote(dialect, c)).join(', ');
  const upd = onUpdate ?? 'Cascade';
  lines.push(
    `**Foreign key** \`${name}\`:`,
    '',
    ...sqlBlock(
      `ALTER TABLE ${quote(dialect, table.name)} ADD CONSTRAINT ${quote(dialect, name)}\n  FOREIGN KEY (${cols}) REFERENCES ${quote(dialect, fk.refTable)} (${refs})\n  ON DELETE ${sqlAction(del)} ON UPDATE ${sqlAction(upd)};`,
    ),
    ...bullets([
      `On delete: **${del}**${onDelete ? '' : ` (not written: Prisma's default for ${nullable ? 'an optional' : 'a required'} relation)`}: ${ACTION_NOTES[del] ?? ''}.`,
      dialect === 'mysql'
        ? 'InnoDB indexes the foreign key columns itself.'
        : coveringIndex(table, fk.columns)
          ? `Indexed: an index starts with ${fk.columns.join(', ')}, so joins and deletes of ${fk.refTable} rows find these rows directly.`
          : `**Not indexed**: the database indexes ${fk.refTable}'s key, not ${fk.columns.join(', ')}, so joins and deletes of ${fk.refTable} rows scan this table.`,
    ]),
  );
  return [...lines, ...related(['fk-on-delete', 'fk-missing-index', 'fk-type-mismatch'])];
}

function attributeHover(ctx: HoverContext, table: Table | undefined, field: Field | undefined, column: Column | undefined, attr: Attribute): Line[] | undefined {
  const dialect = ctx.schema.dialect;
  if (!table) return undefined;
  if (field && attr.name === 'relation') return relationHover(ctx, table, field, attr);
  if (field && column) {
    if (attr.name === 'id') return keyHover(ctx, table, attr, [column.name], 'pkey', indexOf(table, attr));
    if (attr.name === 'unique') return keyHover(ctx, table, attr, [column.name], 'key', indexOf(table, attr));
    if (attr.name === 'updatedAt') {
      return [
        '**@updatedAt**: Prisma Client sets the field to the current time on every update it makes.',
        ...bullets(['Not a database trigger: updates through raw SQL or other programs leave it as it was.', 'Without a `@default`, adding the field to a table with rows needs a value for them.']),
        ...related(['require-timestamps']),
      ];
    }
    if (attr.name === 'default') {
      const v = argument(attr, 'value', 0)?.value;
      const fn = v?.kind === 'call' ? v.value : undefined;
      const args = (v?.args ?? []).map((a) => a.value.text);
      const d = defaultNotes(fn, args, dialect);
      const rules = fn === undefined && !(field.type === 'String') ? [] : d.rules;
      return [`**@default: ${d.title}**`, ...bullets(d.notes), ...related(rules)];
    }
    if (attr.name.startsWith('db.')) {
      const native = attr.name.slice(3);
      const { notes, rules } = nativeNotes(native, dialect);
      return [`**@db.${native}** on ${PROVIDER_NAMES[dialect]}: the column is \`${sqlType(column, dialect)}\`.`, ...bullets(notes), ...related(rules)];
    }
    if (attr.name === 'map') return [`**@map**: the column is called \`${column.name}\` in the database; Prisma Client uses \`${field.name}\`.`];
    return undefined;
  }
  const columns = fieldList(argument(attr, 'fields', 0)?.value).map((f) => table.columns.find((c) => (c.fieldName ?? c.name) === f)?.name ?? f);
  switch (attr.name) {
    case 'id':
      return keyHover(ctx, table, attr, columns, 'pkey', indexOf(table, attr));
    case 'unique':
      return keyHover(ctx, table, attr, columns, 'key', indexOf(table, attr));
    case 'index':
      return keyHover(ctx, table, attr, columns, 'idx', indexOf(table, attr));
    case 'fulltext':
      return ['**@@fulltext**: a MySQL `FULLTEXT` index for `MATCH ... AGAINST` search (preview feature `fullTextIndex`).'];
    case 'map':
      return [`**@@map**: the table is called \`${table.name}\` in the database; Prisma Client uses \`${table.modelName ?? table.name}\`.`, ...related(['identifier-too-long'])];
    default:
      return undefined;
  }
}

export function prismaHover(ctx: HoverContext, uri: string, offset: number): PrismaHover | undefined {
  const file = ctx.scans.find((s) => s.uri === uri);
  const block = file?.blocks.find((b) => (b.kind === 'model' || b.kind === 'view') && within(b.span, offset));
  if (!file || !block) return undefined;
  const table = tableOf(ctx, uri, block);
  for (const field of block.fields) {
    if (!within(field.span, offset)) continue;
    const column = columnOf(table, field);
    const attr = field.attributes.find((a) => within(a.span, offset));
    if (attr) {
      return finish(attributeHover(ctx, table, field, column, attr), attr.span);
    }
    if (within(field.typeSpan, offset)) {
      return finish(typeHover(ctx, table, field, column), field.typeSpan);
    }
    return undefined;
  }
  const attr = block.attributes.find((a) => within(a.span, offset));
  if (attr) {
    return finish(attributeHover(ctx, table, undefined, undefined, attr), attr.span);
  }
  return undefined;
}
