/** Builds reports from in-memory projects, the way the editor and the CLI do, without touching the disk. */
import * as path from 'node:path';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { buildReport, reportInput, type ReportData, type ReportRelation, type ReportTable } from '../../server/src/report';
import { dedent, MemoryHost } from '../helpers/rule-tester';

let counter = 0;

export interface Project {
  root: string;
  host: MemoryHost;
  engine: Engine;
  uri(rel: string): string;
}

/** Files by path relative to a fresh project root; text is dedented. */
export function project(files: Record<string, string>): Project {
  const root = path.resolve('/db-design-report-tests', `p${++counter}`);
  const host = new MemoryHost();
  for (const [rel, text] of Object.entries(files)) host.files.set(path.join(root, rel), dedent(text));
  return { root, host, engine: new Engine(host), uri: (rel: string) => pathToUri(path.join(root, rel)) };
}

export const DOCS = (id: string) => `https://example.test/docs/${id}.md`;

/** The report of `targets` (paths relative to the project root; '' is the root itself). */
export async function report(p: Project, ...targets: string[]): Promise<ReportData> {
  const input = await reportInput(p.engine, p.host, (targets.length ? targets : ['']).map((t) => p.uri(t)), { docsUrl: DOCS });
  return buildReport(input);
}

/** Names and comments that would run or break out if they reached the page as markup. */
export const HOSTILE_SQL = `
  CREATE TABLE "<img src=x onerror=alert(1)>" (
    id bigint PRIMARY KEY,
    "</script><script>alert(2)</script>" text
  );
  COMMENT ON COLUMN "<img src=x onerror=alert(1)>".id IS '</script><script>alert(3)</script>';
  COMMENT ON TABLE "<img src=x onerror=alert(1)>" IS '<b onmouseover=alert(4)>hi</b> & "quotes" | pipe \`tick\`';
  CREATE TABLE child (id bigint PRIMARY KEY, p bigint REFERENCES "<img src=x onerror=alert(1)>" (id), at timestamp);
`;

export async function hostileReport(): Promise<ReportData> {
  return report(project({ 'db/schema.sql': HOSTILE_SQL }), 'db/schema.sql');
}

const LOC = { uri: 'file:///s.sql', path: 's.sql', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };

/**
 * A deterministic schema: `n` tables, each referencing up to three earlier ones, mostly near it; with
 * `hubShare`, that share of the references go to one of two hub tables (`users`, `organizations` in a
 * real schema), which is what makes a left-to-right layout one tall column.
 */
export function schema(n: number, groups = 1, hubShare = 0): ReportData {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const tables: ReportTable[] = [];
  const relations: ReportRelation[] = [];
  for (let i = 0; i < n; i++) {
    const refs = i === 0 ? [] : Array.from({ length: Math.floor(rand() * 4) }, () => (rand() < hubShare ? Math.min(i - 1, Math.floor(rand() * 2)) : Math.max(0, i - 1 - Math.floor(rand() * 8))));
    const key = `t${i}`;
    tables.push({
      key,
      name: `table_${i}`,
      kind: 'table',
      group: groups > 1 ? `schema_${i % groups}` : '',
      columns: [
        { name: 'id', type: 'bigint', shortType: 'int8', nullable: false, keys: ['PK'], at: LOC },
        ...refs.map((r, j) => ({ name: `ref${j}_id`, type: 'bigint', shortType: 'int8', nullable: true, keys: ['FK' as const], at: LOC })),
        ...Array.from({ length: Math.floor(rand() * 8) }, (_, j) => ({ name: `attribute_${j}`, type: 'text', shortType: 'text', nullable: true, keys: [], at: LOC })),
      ],
      indexes: [],
      foreignKeys: [],
      findings: 0,
      at: LOC,
    });
    refs.forEach((r, j) => relations.push({ child: key, childColumns: [`ref${j}_id`], parent: `t${r}`, parentColumns: ['id'], cardinality: 'many-to-one', optional: true, label: `ref${j}_id` }));
  }
  return {
    version: 1,
    title: 't',
    source: { kind: 'sql', dialect: 'postgresql', files: ['s.sql'] },
    summary: { tables: n, views: 0, columns: 0, indexes: 0, relations: relations.length, enums: 0 },
    tables,
    relations,
    enums: [],
    fkCoverage: { total: 0, covered: 0, uncovered: [] },
    hygiene: [],
    findings: { counts: { error: 0, warning: 0, info: 0, hint: 0 }, byRule: [] },
    notes: [],
  };
}
