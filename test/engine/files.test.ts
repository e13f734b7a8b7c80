/**
 * Path and URI conversions (engine/files.ts): remembered, so the same answer every time; a relative path is
 * resolved against the current folder each time it is asked.
 */
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { pathToUri, uriToPath } from '../../server/src/engine/files';

describe('path and URI conversions', () => {
  it('give what vscode-uri gives, asked once or again', () => {
    const p = path.resolve('/p/a/../mig rations/0001_ä.sql');
    for (let i = 0; i < 2; i++) {
      assert.equal(pathToUri(p), URI.file(p).toString());
      assert.equal(pathToUri([path.resolve('/p'), 'x', '..', 'mig rations', '0001_ä.sql'].join(path.sep)), URI.file(p).toString(), 'an absolute path is normalised');
      assert.equal(uriToPath(URI.file(p).toString()), p);
      assert.equal(uriToPath('untitled:Untitled-1'), undefined);
    }
  });

  it('resolves a relative path against the current folder each time', () => {
    const before = process.cwd();
    const a = os.tmpdir();
    try {
      process.chdir(a);
      const first = pathToUri('m.sql');
      process.chdir(path.dirname(a));
      const second = pathToUri('m.sql');
      assert.equal(first, URI.file(path.join(a, 'm.sql')).toString());
      assert.equal(second, URI.file(path.join(path.dirname(a), 'm.sql')).toString());
    } finally {
      process.chdir(before);
    }
  });
});
