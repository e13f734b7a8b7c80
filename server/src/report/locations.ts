/**
 * Turns the model's spans (UTF-16 offsets into a file) into report locations (line/character and a
 * display path). The report is read away from the source, so every place carries both.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { SourceText } from '../model/frontend';
import { LineIndex, type SourceRef, type Span } from '../model/text';
import type { Location } from './types';

export class Locator {
  private readonly indexes = new Map<string, LineIndex>();
  private readonly texts = new Map<string, string>();

  /** `baseDir`: the folder display paths are relative to (the report's scope, or the CLI's cwd). */
  constructor(
    files: readonly SourceText[],
    private readonly baseDir?: string,
  ) {
    for (const f of files) this.texts.set(f.uri, f.text);
  }

  displayPath(uri: string): string {
    const parsed = URI.parse(uri);
    if (parsed.scheme !== 'file') return uri;
    const abs = parsed.fsPath;
    const rel = this.baseDir ? path.relative(this.baseDir, abs) : abs;
    return (rel || path.basename(abs)).split(path.sep).join('/');
  }

  at(ref: SourceRef): Location;
  at(uri: string, span: Span): Location;
  at(refOrUri: SourceRef | string, maybeSpan?: Span): Location {
    const uri = typeof refOrUri === 'string' ? refOrUri : refOrUri.uri;
    const span = typeof refOrUri === 'string' ? maybeSpan! : refOrUri.span;
    const lines = this.lines(uri);
    return { uri, path: this.displayPath(uri), range: { start: lines.positionAt(span.start), end: lines.positionAt(span.end) } };
  }

  private lines(uri: string): LineIndex {
    let idx = this.indexes.get(uri);
    if (!idx) {
      // A span in a file we were not given still gets a location (the file's start), never a throw.
      idx = new LineIndex(this.texts.get(uri) ?? '');
      this.indexes.set(uri, idx);
    }
    return idx;
  }
}
