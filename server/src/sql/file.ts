/**
 * One SQL file, split and parsed: its statements, the runner's up/down sections (goose, dbmate,
 * sql-migrate and node-pg-migrate keep both directions in one file; the caller passes their markers),
 * comments and syntax problems.
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

/** A runner's up/down section markers, as comment bodies after `--` (the workspace's runner modules list them). */
export interface SectionSyntax {
  up: RegExp;
  down: RegExp;
}

function markerDirection(body: string, sections: readonly SectionSyntax[]): SectionDirection | undefined {
  for (const s of sections) {
    if (s.up.test(body)) return 'up';
    if (s.down.test(body)) return 'down';
  }
  return undefined;
}

/** Each list of section markers gets a number, for the cache key. */
const sectionIds = new WeakMap<readonly SectionSyntax[], number>();
function sectionsId(sections: readonly SectionSyntax[]): number {
  let id = sectionIds.get(sections);
  if (id === undefined) sectionIds.set(sections, (id = nextSectionsId++));
  return id;
}
let nextSectionsId = 0;
const NO_SECTIONS: readonly SectionSyntax[] = [];

const cache = new Map<string, SqlFileParse>();
const CACHE_LIMIT = 4000;

/** `sections`: the runners' up/down markers that split the file into sections (none: every statement is up). */
export function parseSqlFile(file: SourceText, dialect: Dialect, sections: readonly SectionSyntax[] = NO_SECTIONS): SqlFileParse {
  const key = `${dialect}\u0000${sectionsId(sections)}\u0000${file.uri}`;
  const hit = cache.get(key);
  if (hit && hit.text === file.text) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const parsed = parseUncached(file, dialect, sections);
  cache.set(key, parsed);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return parsed;
}

function parseUncached(file: SourceText, dialect: Dialect, sections: readonly SectionSyntax[]): SqlFileParse {
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
    const d = markerDirection(c.body, sections);
    if (d) markers.push({ direction: d, span: c.span, text: file.text.slice(c.span.start, c.span.end) });
  }
  const directions = statements.map((st) => {
    let d: SectionDirection = 'up';
    for (const m of markers) if (m.span.start < st.span.start) d = m.direction;
    return d;
  });
  return { uri: file.uri, text: file.text, dialect, statements, directions, markers, comments, problems, templated: split.templated };
}
