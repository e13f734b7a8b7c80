/** Wording shared by the Markdown and HTML renderers, so both say the same thing the same way. */
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
    data.source.kind === 'prisma' ? 'Prisma schema' : data.source.kind === 'sql' ? (data.source.files.length > 1 ? 'SQL migrations' : 'SQL file') : 'No schema files';
  const sizes = [
    plural(s.tables, 'table'),
    s.views ? plural(s.views, 'view') : '',
    plural(s.columns, 'column'),
    plural(s.indexes, 'index', 'indexes'),
    plural(s.relations, 'relation'),
    s.enums ? plural(s.enums, 'enum') : '',
  ].filter(Boolean);
  return `${from} · ${DIALECTS[data.source.dialect] ?? data.source.dialect} · ${sizes.join(', ')} · ${plural(data.source.files.length, 'file')}`;
}
