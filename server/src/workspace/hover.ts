/**
 * SQL hovers that need the migration history: a table or column name shows its definition at that
 * point of the history (after the statement under the cursor) and where it was created; the start of
 * a DDL statement shows the lock it takes, what that blocks and the safer alternative.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Schema, Table } from '../model/schema';
import { findColumn } from '../model/schema';
import { sessionSetting } from '../model/statements';
import { tableSummary } from '../model/summary';
import { LineIndex, wordAt, type SourceRef, type Span } from '../model/text';
import type { StatementFacts } from './file-replay';
import { applyChanges } from '../model/apply';
import { snapshot } from '../model/snapshot';
import { lockEffects, lockMarkdown } from '../model/locks';
import type { SqlUnit } from './unit';

interface HoverResult {
  markdown: string;
  span: Span;
}

/** A word (identifier) at the offset, without its quotes. */
function identifierAt(text: string, offset: number): { value: string; span: Span } | undefined {
  const word = wordAt(text, offset);
  if (!word) return undefined;
  const { start, end } = word.span;
  // Quoted identifiers keep their case; include the quotes in the hovered span.
  const quote = text[start - 1];
  if ((quote === '"' || quote === '`') && text[end] === quote) return { value: word.text, span: { start: start - 1, end: end + 1 } };
  return { value: word.text, span: word.span };
}

/** Applies the file's statements `from..to` (inclusive) to `schema`: what the analysis read of each, read again. */
function replayRange(unit: SqlUnit, schema: Schema, from: number, to: number): void {
  for (let j = from; j <= to; j++) {
    const st = unit.replay.statements[j];
    if (st?.direction === 'up') applyChanges(schema, st.view.changes);
  }
}

/**
 * The schema after statement `i` of the file (-1: before the first), for reading: a state the analysis
 * kept (every `spacing` statements), or one replayed from the last kept state before it.
 */
function stateAfter(unit: SqlUnit, i: number): Schema {
  if (i < 0) return unit.schemaBefore();
  const { states, spacing } = unit.replay;
  const k = Math.min(Math.floor((i + 1) / spacing), states.length) - 1;
  if (k >= 0 && spacing * (k + 1) - 1 === i) return states[k];
  const schema = k >= 0 ? snapshot(states[k]) : unit.schemaBefore();
  replayRange(unit, schema, k >= 0 ? spacing * (k + 1) : 0, i);
  return schema;
}

function where(unit: SqlUnit, ref: SourceRef, readText: (uri: string) => string | undefined): string {
  const text = ref.uri === unit.file.uri ? unit.file.text : readText(ref.uri);
  const line = text !== undefined ? LineIndex.of(text).positionAt(ref.span.start).line + 1 : undefined;
  let name = ref.uri;
  try {
    const fsPath = URI.parse(ref.uri).fsPath;
    name = unit.set ? path.relative(unit.set.root, fsPath).split(path.sep).join('/') : path.basename(fsPath);
  } catch {
    // Not a file URI: show it as it is.
  }
  if (ref.uri === unit.file.uri) return `this file${line ? `, line ${line}` : ''}`;
  return `\`${name}\`${line ? ` line ${line}` : ''}`;
}

function statementAt(unit: SqlUnit, offset: number): StatementFacts | undefined {
  return unit.replay.statements.find((s) => s.view.parsed.span.start <= offset && offset <= s.view.parsed.span.end);
}

function tableHover(unit: SqlUnit, t: Table, readText: (uri: string) => string | undefined, point: string): string {
  const lines = [tableSummary(t), ''];
  if (t.unread) lines.push(`Created in ${where(unit, t.declaration, readText)} by a statement that does not parse: its columns are unknown.`);
  else if (t.partial) lines.push(`Known only from the statements that change it: the migration history does not create it.`);
  else lines.push(`Created in ${where(unit, t.declaration, readText)}. Shown ${point}.`);
  return lines.join('\n');
}

/** The schemas before and after statement `i`: one replay from a kept state, then the statement itself. */
function statesAround(unit: SqlUnit, i: number): { before: Schema; after: Schema } {
  const before = stateAfter(unit, i - 1);
  const { spacing, states } = unit.replay;
  if ((i + 1) % spacing === 0 && (i + 1) / spacing <= states.length) return { before, after: states[(i + 1) / spacing - 1] };
  const after = snapshot(before);
  replayRange(unit, after, i, i);
  return { before, after };
}

export function sqlHover(unit: SqlUnit, offset: number, pgVersion: number, readText: (uri: string) => string | undefined = () => undefined): HoverResult | undefined {
  const st = statementAt(unit, offset);
  const parts: string[] = [];
  let span: Span | undefined;
  const word = identifierAt(unit.file.text, offset);
  const { before, after } = st ? statesAround(unit, st.index) : { before: unit.schemaBefore(), after: unit.schema };
  const point = st ? 'as of this statement' : 'at the end of the file';

  if (word) {
    const lower = word.value.toLowerCase();
    const find = (s: Schema) => [...s.tables.values()].find((t) => t.name === word.value || t.name.toLowerCase() === lower || t.key === lower);
    const table = find(after) ?? find(before);
    if (table) {
      parts.push(tableHover(unit, table, readText, find(after) ? point : 'as it stood before this statement'));
      span = word.span;
    } else if (st) {
      // A column of a table this statement names.
      for (const key of st.before.keys()) {
        const t = after.tables.get(key) ?? before.tables.get(key);
        const c = t ? findColumn(t, word.value) : undefined;
        if (!t || !c) continue;
        const type = `${c.type.written || c.type.name}`;
        const marks = [c.nullable ? 'nullable' : 'not null', c.default ? `default \`${c.default.text}\`` : undefined].filter(Boolean).join(', ');
        parts.push(
          `**Column** \`${t.name}.${c.name}\` \`${type}\` — ${marks}\n\nDeclared in ${where(unit, c.declaration, readText)}. Shown ${point}.`,
        );
        span = word.span;
        break;
      }
    }
  }

  if (st && (unit.schema.dialect === 'postgresql' || unit.schema.dialect === 'cockroachdb')) {
    const info = st.view.info;
    const head = headSpan(st);
    if (head && head.start <= offset && offset <= head.end) {
      const earlier = unit.replay.statements.filter((s) => s.index < st.index && s.direction === st.direction).map((s) => s.view.info);
      const effects = lockEffects(info, { pgVersion, before: (k) => st.before.get(k), timezone: sessionSetting(earlier, 'timezone') });
      if (effects.length) {
        parts.push(lockMarkdown(effects));
        span ??= head;
      }
    }
  }
  if (!parts.length || !span) return undefined;
  return { markdown: parts.join('\n\n---\n\n'), span };
}

/** From the statement's first token to the end of the name of the table it acts on (`ALTER TABLE users`). */
function headSpan(st: StatementFacts): Span | undefined {
  const info = st.view.info;
  const start = st.view.parsed.span.start;
  const rel =
    'table' in info && info.table && typeof info.table === 'object' && 'at' in info.table
      ? info.table.at
      : info.kind === 'refresh'
        ? info.view.at
        : info.kind === 'truncate' || info.kind === 'drop-table'
          ? info.tables[0]?.at
          : undefined;
  if (rel) return { start, end: rel.span.end };
  const head = st.view.head(3);
  return head.span;
}
