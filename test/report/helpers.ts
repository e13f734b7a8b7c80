/** Builds reports from in-memory projects, the way the editor and the CLI do, without touching the disk. */
import * as path from 'node:path';
import { Engine, pathToUri } from '../../server/src/engine/analyze';
import { buildReport, reportInput, type ReportData } from '../../server/src/report';
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
