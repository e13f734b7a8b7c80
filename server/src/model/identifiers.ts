/**
 * Identifiers in the SQL a fix writes, one quoting per dialect: quoted only when the engine needs it
 * (a reserved word, a character outside `[A-Za-z0-9_$]`, and in PostgreSQL an upper-case letter, since
 * unquoted names fold to lower case there), with embedded quote characters doubled.
 * The keyword lists are the engines' own: PostgreSQL's `RESERVED_KEYWORD` and `TYPE_FUNC_NAME_KEYWORD`
 * (kwlist.h; a test checks them against libpg-query's scanner), MySQL 8's reserved words and SQLite's
 * keywords (https://dev.mysql.com/doc/refman/8.0/en/keywords.html, https://sqlite.org/lang_keywords.html).
 */
import type { Dialect } from './schema';

const words = (s: string): ReadonlySet<string> => new Set(s.trim().split(/\s+/));

/** Keywords that cannot stand as a column or table name in PostgreSQL without quotes. */
export const POSTGRES_RESERVED = words(`
  all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create
  current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc
  distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral
  leading limit localtime localtimestamp not null offset on only or order placing primary references returning
  select session_user some symmetric system_user table then to trailing true union unique user using variadic when
  where window with
  authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left
  like natural notnull outer overlaps right similar tablesample verbose
`);

/** MySQL 8.0's reserved words. */
export const MYSQL_RESERVED = words(`
  accessible add all alter analyze and as asc asensitive before between bigint binary blob both by call cascade
  case change char character check collate column condition constraint continue convert create cross cube
  cume_dist current_date current_time current_timestamp current_user cursor database databases day_hour
  day_microsecond day_minute day_second dec decimal declare default delayed delete dense_rank desc describe
  deterministic distinct distinctrow div double drop dual each else elseif empty enclosed escaped except exists
  exit explain false fetch first_value float float4 float8 for force foreign from fulltext function generated get
  grant group grouping groups having high_priority hour_microsecond hour_minute hour_second if ignore in index
  infile inner inout insensitive insert int int1 int2 int3 int4 int8 integer intersect interval into
  io_after_gtids io_before_gtids is iterate join json_table key keys kill lag last_value lateral lead leading
  leave left like limit linear lines load localtime localtimestamp lock long longblob longtext loop low_priority
  master_bind master_ssl_verify_server_cert match maxvalue mediumblob mediumint mediumtext middleint
  minute_microsecond minute_second mod modifies natural not no_write_to_binlog nth_value ntile null numeric of
  on optimize optimizer_costs option optionally or order out outer outfile over partition percent_rank
  precision primary procedure purge range rank read reads read_write real recursive references regexp release
  rename repeat replace require resignal restrict return revoke right rlike row rows row_number schema schemas
  second_microsecond select sensitive separator set show signal smallint spatial specific sql sqlexception
  sqlstate sqlwarning sql_big_result sql_calc_found_rows sql_small_result ssl starting stored straight_join
  system table terminated then tinyblob tinyint tinytext to trailing trigger true undo union unique unlock
  unsigned update usage use using utc_date utc_time utc_timestamp values varbinary varchar varcharacter varying
  virtual when where while window with write xor year_month zerofill
`);

/** SQLite's keywords (it accepts some as names, but which ones depends on the statement: quote them all). */
export const SQLITE_KEYWORDS = words(`
  abort action add after all alter always analyze and as asc attach autoincrement before begin between by
  cascade case cast check collate column commit conflict constraint create cross current current_date
  current_time current_timestamp database default deferrable deferred delete desc detach distinct do drop each
  else end escape except exclude exclusive exists explain fail filter first following for foreign from full
  generated glob group groups having if ignore immediate in index indexed initially inner insert instead
  intersect into is isnull join key last left like limit match materialized natural no not nothing notnull null
  nulls of offset on or order others outer over partition plan pragma preceding primary query raise range
  recursive references regexp reindex release rename replace restrict returning right rollback row rows
  savepoint select set table temp temporary then ties to transaction trigger unbounded union unique update
  using vacuum values view virtual when where window with without
`);

function reserved(dialect: Dialect): ReadonlySet<string> {
  switch (dialect) {
    case 'mysql':
      return MYSQL_RESERVED;
    case 'sqlite':
      return SQLITE_KEYWORDS;
    default:
      return POSTGRES_RESERVED;
  }
}

/** Does the engine fold unquoted names to lower case (so an upper-case name needs quotes)? */
function foldsCase(dialect: Dialect): boolean {
  return dialect !== 'mysql' && dialect !== 'sqlite';
}

/** The identifier as SQL text in `dialect` (PostgreSQL by default), quoted only when it must be. */
export function quoteIdent(name: string, dialect: Dialect = 'postgresql'): string {
  const plain = foldsCase(dialect) ? /^[a-z_][a-z0-9_$]*$/ : /^[A-Za-z_][A-Za-z0-9_$]*$/;
  if (plain.test(name) && !reserved(dialect).has(name.toLowerCase())) return name;
  if (dialect === 'mysql') return `\`${name.replace(/`/g, '``')}\``;
  return `"${name.replace(/"/g, '""')}"`;
}

/** `schema.name` (or just `name`) as SQL text in `dialect`. */
export function quoteQualified(schema: string | undefined, name: string, dialect: Dialect = 'postgresql'): string {
  return schema ? `${quoteIdent(schema, dialect)}.${quoteIdent(name, dialect)}` : quoteIdent(name, dialect);
}
