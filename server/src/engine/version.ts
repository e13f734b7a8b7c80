import * as fs from 'node:fs';
import * as path from 'node:path';

/** The package version, read from package.json beside the bundle (dist/) or the source tree (out/). */
export const PACKAGE_VERSION: string = (() => {
  for (const p of [path.join(__dirname, '..', 'package.json'), path.join(__dirname, '..', '..', '..', 'package.json')]) {
    try {
      const pkg = JSON.parse(fs.readFileSync(p, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'db-design' && pkg.version) return pkg.version;
    } catch {
      /* try the next layout */
    }
  }
  return '0.0.0';
})();
