/** An in-memory project folder for tests (rule cases, workspace and engine tests). */
import * as path from 'node:path';
import type { AnalysisHost } from '../../server/src/engine/analyze';

/** An in-memory project folder, so cases never touch the disk and never see each other. */
export class MemoryHost implements AnalysisHost {
  readonly files = new Map<string, string>();
  readFile(p: string): string | undefined {
    return this.files.get(path.resolve(p));
  }
  readDir(p: string): { name: string; isDir: boolean }[] {
    const dir = path.resolve(p) + path.sep;
    const seen = new Map<string, boolean>();
    for (const f of this.files.keys()) {
      if (!f.startsWith(dir)) continue;
      const rest = f.slice(dir.length).split(path.sep);
      seen.set(rest[0], rest.length > 1 || seen.get(rest[0]) === true);
    }
    return [...seen].map(([name, isDir]) => ({ name, isDir }));
  }
}
