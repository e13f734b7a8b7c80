/**
 * A table as Markdown, as hovers show it: in one line (for a hover about a finding), or in full
 * (columns, keys, indexes, foreign keys, row level security) for the schema at the end of the history
 * and for a table as it stood at one statement of it.
 */
import { columnDisplayName, coveringIndex, displayName, findColumn, type Column, type Table } from './schema';

function typeText(c: Column): string {
  const t = c.type;
  const base = t.prisma ? t.written : `${t.name}${t.params.length ? `(${t.params.join(',')})` : ''}${t.array ? '[]' : ''}`;
  return base;
}

/** The table in one line, for a hover that is about a finding: `Post` (table `posts`): 4 columns, 1 foreign key not indexed. */
export function tableLine(t: Table): string {
  const title = t.modelName && t.modelName !== t.name ? `\`${t.modelName}\` (table \`${t.name}\`)` : `\`${displayName(t)}\``;
  const n = (k: number, what: string) => `${k} ${what}${k === 1 ? '' : 's'}`;
  const bits = [n(t.columns.length, 'column'), n(t.indexes.filter((i) => i.kind !== 'primary').length, 'index').replace(/indexs$/, 'indexes')];
  if (t.foreignKeys.length) {
    const open = t.foreignKeys.filter((fk) => !coveringIndex(t, fk.columns)).length;
    bits.push(`${n(t.foreignKeys.length, 'foreign key')}${open ? `, ${open} not indexed` : ''}`);
  }
  if (!t.indexes.some((i) => i.kind === 'primary')) bits.push('no primary key');
  return `${title}: ${bits.join(' · ')}.`;
}

export function tableSummary(t: Table): string {
  const pk = t.indexes.find((i) => i.kind === 'primary');
  const lines: string[] = [];
  const title = t.modelName && t.modelName !== t.name ? `${t.modelName} → table \`${t.name}\`` : `\`${displayName(t)}\``;
  lines.push(`**${t.kind === 'table' ? 'Table' : t.kind === 'view' ? 'View' : 'Materialized view'}** ${title}`);
  lines.push('');
  lines.push('| column | type | |');
  lines.push('|---|---|---|');
  for (const c of t.columns) {
    const marks: string[] = [];
    if (pk?.columns.some((x) => x.toLowerCase() === c.name.toLowerCase())) marks.push('PK');
    if (t.foreignKeys.some((fk) => fk.columns.some((x) => x.toLowerCase() === c.name.toLowerCase()))) marks.push('FK');
    if (!c.nullable) marks.push('not null');
    if (c.default) marks.push(`default ${c.default.text}`);
    lines.push(`| ${escapeCell(columnDisplayName(c))} | \`${escapeCell(typeText(c))}\` | ${escapeCell(marks.join(', '))} |`);
  }
  const keys = t.indexes.filter((i) => i.kind !== 'primary');
  if (pk) lines.push('', `Primary key: (${pk.columns.join(', ')})`);
  if (keys.length) {
    lines.push('', 'Indexes:');
    for (const ix of keys) {
      lines.push(`- ${ix.kind === 'unique' ? 'unique ' : ''}${ix.name ? `\`${ix.name}\` ` : ''}(${ix.columns.join(', ')})${ix.method && ix.method !== 'btree' ? ` using ${ix.method}` : ''}${ix.where ? ` where ${ix.where}` : ''}`);
    }
  }
  if (t.foreignKeys.length) {
    lines.push('', 'Foreign keys:');
    for (const fk of t.foreignKeys) {
      const covered = coveringIndex(t, fk.columns);
      const cols = fk.columns.map((c) => {
        const col = findColumn(t, c);
        return col ? columnDisplayName(col) : c;
      });
      lines.push(
        `- (${cols.join(', ')}) → ${fk.refTable}(${fk.refColumns.join(', ')})${fk.onDelete ? ` on delete ${fk.onDelete}` : ''} · ${covered ? 'indexed' : '**not indexed**'}`,
      );
    }
  }
  if (t.rls) lines.push('', `Row level security: ${t.rls.enabled ? 'enabled' : 'disabled'}${t.rls.forced ? ', forced' : ''}`);
  return lines.join('\n');
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
