/**
 * What a statement does, in a small typed form that lock analysis and the statement rules share:
 * "CREATE INDEX on t, not concurrently", "ALTER TABLE t: add column c NOT NULL without default", with
 * the spans fixes need (the table name, each ALTER TABLE action, keywords). Read off libpg-query's
 * AST and scanner tokens (`describe`); statements the parser rejected are `unparsed`.
 */
import type { StatementInfo, StatementSyntax } from '../model/statements';
import type { SourceRef } from '../model/text';
import type { SchemaChange } from '../model/schema-change';
import { movedInfo } from '../model/moved';
import type { Dialect } from '../model/schema';
import { statementChanges } from './build';
import { describe } from './describe';
import { describeLite } from './lite/describe';
import { perParsedStatement, type ParsedStatement } from './parse';
import { Site } from './site';
import { findWord, word } from './tokens';

export type { AlterAction, Rel, StatementInfo } from '../model/statements';

/**
 * A parsed statement, described once: `info` (what it does, for the rules) and `changes` (what it does to
 * the schema, in model pieces). SQLite/MySQL statements the PostgreSQL parser rejects get both from
 * their own reader; the replay applies `changes` and nothing else changes a schema.
 */
const describedOnce = perParsedStatement<StatementInfo>(movedInfo);

/** What a statement does, without a view of it (one per statement of the file at every analysis otherwise). */
export function statementInfo(parsed: ParsedStatement, uri: string, dialect?: Dialect): StatementInfo {
  return describedOnce(parsed, uri, dialect, () => describeStatement(parsed, new Site(parsed, uri), dialect));
}

function describeStatement(parsed: ParsedStatement, site: Site, dialect: Dialect | undefined): StatementInfo {
  if (!parsed.stmt && (dialect === 'sqlite' || dialect === 'mysql')) {
    try {
      const lite = describeLite(parsed, site.uri, dialect);
      if (lite) return lite;
    } catch {
      // A reader bug costs this statement its description, never the file.
    }
  }
  return describe(site, parsed.stmt);
}

export class StatementView implements StatementSyntax {
  readonly site: Site;
  private described: StatementInfo | undefined;
  private read: SchemaChange[] | undefined;
  private whole: SourceRef | undefined;

  constructor(
    readonly parsed: ParsedStatement,
    readonly uri: string,
    /** SQLite and MySQL statements the PostgreSQL parser rejected are described by their own reader. */
    readonly dialect?: Dialect,
  ) {
    this.site = new Site(parsed, uri);
  }

  /**
   * What the statement does, for the rules and the lock analysis. Described once per parsed statement (the
   * parse caches keep them while their text stays), not again by each analysis that reads the statement.
   */
  get info(): StatementInfo {
    return (this.described ??= describedOnce(this.parsed, this.uri, this.dialect, () => describeStatement(this.parsed, this.site, this.dialect)));
  }

  /** What it does to the schema, in model pieces: what the replay applies (`applyChanges`). */
  get changes(): readonly SchemaChange[] {
    return (this.read ??= statementChanges(this.parsed, { uri: this.uri, dialect: this.dialect }));
  }

  /** The whole statement, `;` included (one object per view: fixes look statements up by it, read only). */
  get ref(): SourceRef {
    return (this.whole ??= this.site.statementRef());
  }

  get text(): string {
    return this.parsed.text;
  }

  /** The first token whose word is `w` (`index`, `concurrently`), from token `from`. */
  keyword(w: string, from = 0): { index: number; ref: SourceRef } | undefined {
    const tokens = this.site.tokens;
    const i = findWord(tokens, from, tokens.length - 1, w);
    return i >= 0 ? { index: i, ref: this.site.tokenRef(i, i) } : undefined;
  }

  /** From the statement start to the end of its first `n` tokens (the words a finding points at). */
  head(n: number): SourceRef {
    const tokens = this.site.tokens;
    if (tokens.length === 0) return this.ref;
    return this.site.tokenRef(0, Math.min(n, tokens.length) - 1);
  }

  after(index: number): SourceRef {
    const end = this.site.tokenRef(index, index).span.end;
    return { uri: this.uri, span: { start: end, end } };
  }

  /** Just before the terminating `;` (or the statement end when there is none): where `NOT VALID` goes. */
  beforeSemicolon(): SourceRef {
    const tokens = this.site.tokens;
    const last = tokens.length - 1;
    if (last >= 0 && tokens[last].text === ';' && last > 0) {
      const end = this.site.tokenRef(last - 1, last - 1).span.end;
      return { uri: this.uri, span: { start: end, end } };
    }
    const end = this.parsed.span.end;
    return { uri: this.uri, span: { start: end, end } };
  }
}

export { cannotRunInTransaction, isChange, isConcurrent } from '../model/statements';

/** The word at token `i`, for callers that walk tokens themselves. */
export { word };

export { describe } from './describe';
export { VOLATILE_FUNCTIONS, volatileCall, volatility } from './volatility';
