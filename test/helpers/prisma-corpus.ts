/** Shared by the corpus tests: plain disk access and the folder a multi-file schema lives in. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AnalysisHost } from '../../server/src/engine/analyze';

/** Reads files as they are on disk (byte-order marks kept: the corpus tests compare raw text). */
export const disk: AnalysisHost = {
  readFile: (p) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return undefined;
    }
  },
  readDir: (d) => {
    try {
      return fs.readdirSync(d, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
    } catch {
      return [];
    }
  },
};

/** The deepest folder holding every path: the name of a multi-file schema. */
export function commonDir(paths: readonly string[]): string {
  let dir = path.dirname(paths[0]);
  while (!paths.every((p) => p.startsWith(dir + path.sep))) dir = path.dirname(dir);
  return dir;
}
