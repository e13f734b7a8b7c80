/**
 * Where a rule's documentation lives. The packaged extension ships docs/rules/*.md beside its
 * bundles, so the link works offline and matches the installed version; elsewhere (tests run from
 * out/, a checkout) it points at the repository's copy.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { URI } from 'vscode-uri';

export const REPOSITORY_DOCS = 'https://github.com/db-design/db-design/blob/main/docs/rules/';

let localDocs: string | undefined | null = null;

function bundledDocsDir(): string | undefined {
  if (localDocs === null) {
    // dist/server.js and dist/cli.js sit one level below the package root.
    const candidates = [path.join(__dirname, '..', 'docs', 'rules'), path.join(__dirname, '..', '..', '..', 'docs', 'rules')];
    localDocs = candidates.find((d) => fs.existsSync(path.join(d, 'README.md')));
  }
  return localDocs;
}

/** Per rule, the installed copy's address (or the repository's): the files do not change while the server runs. */
const localUrls = new Map<string, string>();

/** `remote` asks for the repository address (SARIF, JSON output) rather than the installed copy. */
export function docsUrl(ruleId: string, remote = false): string {
  const dir = remote ? undefined : bundledDocsDir();
  if (!dir) return `${REPOSITORY_DOCS}${ruleId}.md`;
  let url = localUrls.get(ruleId);
  if (url === undefined) {
    const file = path.join(dir, `${ruleId}.md`);
    url = fs.existsSync(file) ? URI.file(file).toString() : `${REPOSITORY_DOCS}${ruleId}.md`;
    localUrls.set(ruleId, url);
  }
  return url;
}
