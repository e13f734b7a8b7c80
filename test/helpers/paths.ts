/** Where tests find the repository and the shared corpus (present in CI, absent in a user's clone). */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Repository root: tests run from out/test/..., two or three levels below it. */
export const repoRoot = (() => {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + __dirname);
    dir = up;
  }
  return dir;
})();

/** `../shared/corpus` beside the repository, or $DB_DESIGN_CORPUS; undefined when neither exists. */
export const corpusRoot: string | undefined = (() => {
  const candidate = process.env.DB_DESIGN_CORPUS ?? path.resolve(repoRoot, '..', 'shared', 'corpus');
  return fs.existsSync(candidate) ? candidate : undefined;
})();

/** Message for `t.skip()` when the corpus is absent. */
export const NO_CORPUS = 'needs ../shared/corpus (present in CI); skipped in this clone';

export function walk(dir: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) visit(p);
      else if (e.isFile() && accept(p)) out.push(p);
    }
  };
  visit(dir);
  return out.sort();
}
