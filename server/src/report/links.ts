/** Link targets for a report written to a file: relative to that file, so it can live beside the schema. */
import * as path from 'node:path';
import { uriToPath } from '../engine/analyze';
import type { Location } from './types';

/** From `dir` to each source; Markdown gets GitHub's `#L<line>` anchor. */
export function relativeLinks(dir: string, format: 'md' | 'html' | 'json'): (at: Location) => string {
  return (at) => {
    const file = uriToPath(at.uri);
    const rel = file ? path.relative(dir, file).split(path.sep).join('/') : at.path;
    return format === 'md' ? `${rel}#L${at.range.start.line + 1}` : rel;
  };
}
