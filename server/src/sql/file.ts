/**
 * One SQL file, split and parsed: its statements, the runner's up/down sections (goose, dbmate,
 * sql-migrate and node-pg-migrate keep both directions in one file), comments and syntax problems.
 * Pure and cached by (uri, text, dialect), so a migration history is parsed once and re-used on every
 * keystroke in another of its files.
 */
import type { Comment, Problem, SourceText } from '../model/frontend';
import type { Dialect } from '../model/schema';
import type { SectionMarker } from '../model/statements';
import { reportsSyntaxErrors } from './dialect';
import { parseStatement, type ParsedStatement } from './parse';
import { splitStatements } from './split';

export type SectionDirection = 'up' | 'down';

export type { SectionMarker };

export interface SqlFileParse {
  uri: string;
  text: string;
  dialect: Dialect;
  statements: ParsedStatement[];
  /** Direction of each statement: `up` unless a marker put it in a down section. */
  directions: SectionDirection[];
  markers: SectionMarker[];
  comments: Comment[];
  problems: Problem[];
  templated: boolean;
}

const UP_DOWN: [RegExp, SectionDirection][] = [
  [/^\+goose\s+up\b/i, 'up'],
  [/^\+goose\s+down\b/i, 'down'],
  [/^migrate:up\b/i, 'up'],
  [/^migrate:down\b/i, 'down'],
  [/^\+migrate\s+up\b/i, 'up'],
  [/^\+migrate\s+down\b/i, 'down'],
  [/^up\s+migration\b/i, 'up'],
  [/^down\s+migration\b/i, 'down'],
];

function markerDirection(body: string): SectionDirection | undefined {
  for (const [re, d] of UP_DOWN) if (re.test(body)) return d;
  return undefined;
}

const cache = new Map<string, SqlFileParse>();
const CACHE_LIMIT = 4000;

export function parseSqlFile(file: SourceText, dialect: Dialect): SqlFileParse {
  const key = `${dialect}\u0000${file.uri}`;
  const hit = cache.get(key);
  if (hit && hit.text === file.text) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parseUncached(file, dialect);
  cache.set(key, parsed);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return parsed;
}

function parseUncached(file: SourceText, dialect: Dialect): SqlFileParse {
  const split = splitStatements(file.text, dialect);
  const statements: ParsedStatement[] = [];
  const problems: Problem[] = [];
  const report = reportsSyntaxErrors(dialect) && !split.templated;
  for (const s of split.statements) {
    for (const st of parseStatement(file.text, s)) {
      statements.push(st);
      if (st.error && report && !st.psqlVariables) {
        problems.push({ rule: 'syntax-error', message: st.error.message, uri: file.uri, span: st.error.span });
      }
    }
  }
  const comments: Comment[] = split.comments.map((c) => ({ uri: file.uri, span: c.span, body: c.body }));
  const markers: SectionMarker[] = [];
  for (const c of split.comments) {
    // Runner markers are line comments (`-- +goose Up`), never block comments.
    if (!file.text.startsWith('--', c.span.start)) continue;
    const d = markerDirection(c.body);
    if (d) markers.push({ direction: d, span: c.span, text: file.text.slice(c.span.start, c.span.end) });
  }
  const directions = statements.map((st) => {
    let d: SectionDirection = 'up';
    for (const m of markers) if (m.span.start < st.span.start) d = m.direction;
    return d;
  });
  return { uri: file.uri, text: file.text, dialect, statements, directions, markers, comments, problems, templated: split.templated };
}
