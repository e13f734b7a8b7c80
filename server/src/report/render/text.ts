/** Wording shared by the Markdown and HTML renderers, so both say the same thing the same way. */
import type { Severity } from '../../model/findings';
import type { Location, ReportData } from '../types';

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function percent(part: number, whole: number): string {
  return whole ? `${Math.round((part / whole) * 100)} %` : '–';
}

/** `path:line:column`, 1-based as editors and terminals show positions. */
export function positionLabel(at: Location): string {
  return `${at.path}:${at.range.start.line + 1}:${at.range.start.character + 1}`;
}

const DIALECTS: Record<string, string> = {
  postgresql: 'PostgreSQL',
  sqlite: 'SQLite',
  mysql: 'MySQL',
  cockroachdb: 'CockroachDB',
  sqlserver: 'SQL Server',
  mongodb: 'MongoDB',
};

/** One line: where the schema comes from and how big it is. */
export function describeSource(data: ReportData): string {
  const s = data.summary;
  const from =
    data.source.kind === 'prisma'
      ? 'Prisma schema'
      : data.source.kind === 'typescript'
        ? 'TypeScript schema'
        : data.source.kind === 'sql'
          ? data.source.files.length > 1
            ? 'SQL migrations'
            : /\.[cm]?[jt]s$/.test(data.source.files[0] ?? '')
              ? 'Migration script'
              : 'SQL file'
          : 'No schema files';
  const sizes = [
    plural(s.tables, 'table'),
    s.views ? plural(s.views, 'view') : '',
    plural(s.columns, 'column'),
    plural(s.indexes, 'index', 'indexes'),
    plural(s.relations, 'relation'),
    s.enums ? plural(s.enums, 'enum') : '',
  ].filter(Boolean);
  return `${from} · ${DIALECTS[data.source.dialect] ?? data.source.dialect} · ${sizes.join(', ')} · ${describeFiles(data.source)}`;
}

/** `344 migrations (342 down files)`: down migrations are not replayed, so they are not counted as migrations. */
function describeFiles(source: ReportData['source']): string {
  const m = source.migrations;
  if (!m) return plural(source.files.length, 'file');
  const others = source.files.length - m.up - m.down;
  return [
    `${plural(m.up, 'migration')}${m.down ? ` (${plural(m.down, 'down file')})` : ''}`,
    others > 0 ? plural(others, m.up ? 'other file' : 'file', m.up ? 'other files' : 'files') : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/** `1 error, 12 warnings`: the severities the findings have, in the order of their weight; `none` when there are none. */
export function severityCounts(counts: Record<Severity, number>): string {
  const words: [Severity, string][] = [['error', 'error'], ['warning', 'warning'], ['info', 'info'], ['hint', 'hint']];
  const parts = words.filter(([s]) => counts[s]).map(([s, w]) => plural(counts[s], w, s === 'info' ? 'info' : `${w}s`));
  return parts.length ? parts.join(', ') : 'none';
}

/** The uncovered foreign keys the findings do not count, and why; empty when they all have a finding. */
export function unreportedFks(data: ReportData): string {
  const cov = data.fkCoverage;
  const n = cov.uncovered.filter((u) => !u.reported).length;
  if (!n || !cov.unreportedWhy) return '';
  const which = n === cov.uncovered.length ? (n === 1 ? 'It is' : `These ${n} are`) : `${n} of them are`;
  return `${which} not among this report's findings: ${cov.unreportedWhy}.`;
}
