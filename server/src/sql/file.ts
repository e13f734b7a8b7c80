/**
 * One SQL file, split and parsed: its statements, the runner's up/down sections (goose, dbmate,
 * sql-migrate and node-pg-migrate keep both directions in one file; the caller passes their markers),
 * comments and syntax problems.
 * Pure and cached by (uri, text, dialect), so a migration history is parsed once and re-used on every
 * keystroke in another of its files.
 */
import type { Budget, Unread } from '../model/budget';
import { changedRange } from '../model/changed';
import type { Comment, Problem, SourceText } from '../model/frontend';
import type { Dialect } from '../model/schema';
import type { SectionMarker } from '../model/statements';
import { reportsSyntaxErrors } from './dialect';
import { movedStatement, parseStatement, readingsMoved, type ParsedStatement } from './parse';
import { splitFile } from './split-file';

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
  /** The statements the budget left unread (the rest of the file); the next parse of the same text goes on from such a parse. */
  unread?: Unread;
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
export function parseSqlFile(file: SourceText, dialect: Dialect, sections: readonly SectionSyntax[] = NO_SECTIONS, budget?: Budget): SqlFileParse {
  const key = `${dialect}\u0000${sectionsId(sections)}\u0000${file.uri}`;
  const hit = cache.get(key);
  if (hit && hit.text === file.text && !hit.unread) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  // The file's previous text (the editor's last version), or the same text read in part by a run the budget
  // stopped: its statements that did not move are kept as they are.
  const parsed = parseUncached(file, dialect, sections, budget, hit);
  cache.delete(key);
  cache.set(key, parsed);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  return parsed;
}

function parseUncached(file: SourceText, dialect: Dialect, sections: readonly SectionSyntax[], budget: Budget | undefined, previous?: SqlFileParse): SqlFileParse {
  // Statements of the previous text by where they start, to keep the objects of those that stayed put (and what
  // was worked out from them: descriptions, tokens) when only part of the file changed.
  const was = new Map<number, ParsedStatement>();
  for (const st of previous?.statements ?? []) if (!st.container) was.set(st.span.start, st);
  // Statements after the edit moved by its length: what was worked out from them moves with them.
  const edit = previous && previous.text !== file.text ? changedRange(previous.text, file.text) : undefined;
  const delta = edit ? edit.newEnd - edit.oldEnd : 0;
  const split = splitFile(file.text, dialect);
  const statements: ParsedStatement[] = [];
  const problems: Problem[] = [];
  const report = reportsSyntaxErrors(dialect) && !split.templated;
  let unread: Unread | undefined;
  for (let k = 0; k < split.statements.length; k++) {
    const s = split.statements[k];
    if (budget?.spent('parse')) {
      unread = { from: s.span.start, count: split.statements.length - k };
      break;
    }
    const old = was.get(s.span.start);
    const same = old && old.span.end === s.span.end && old.text === file.text.slice(s.span.start, s.span.end);
    let read: ParsedStatement[];
    if (same) read = [old];
    else {
      // A statement after the edit, moved by its length: the same parse at its new place, its readings moved along.
      const before = edit && delta !== 0 && s.span.start >= edit.newEnd ? was.get(s.span.start - delta) : undefined;
      const sameText = before && before.span.end + delta === s.span.end && before.text === file.text.slice(s.span.start, s.span.end);
      const moved = sameText ? movedStatement(before, s, delta) : undefined;
      read = moved ? [moved] : parseStatement(file.text, s);
      if (sameText && read.length === 1) readingsMoved(read[0], before, delta);
    }
    for (const st of read) {
      statements.push(st);
      if (st.error && report && !st.psqlVariables) {
        problems.push({ rule: 'syntax-error', message: st.error.message, uri: file.uri, span: st.error.span });
      }
    }
  }
  // Comments among the unread statements (suppressions) would only be reported as unused.
  const read = unread ? split.comments.filter((c) => c.span.start < unread.from) : split.comments;
  const comments: Comment[] = read.map((c) => ({ uri: file.uri, span: c.span, body: c.body }));
  const markers: SectionMarker[] = [];
  for (const c of read) {
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
  const parsed: SqlFileParse = { uri: file.uri, text: file.text, dialect, statements, directions, markers, comments, problems, templated: split.templated };
  if (unread) parsed.unread = unread;
  return parsed;
}
