/** Layers import downwards only: model <- sql/prisma/format/ts <- workspace <- rules <- engine <- report <- cli/lsp. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { layerViolations } from '../helpers/layers';
import { repoRoot, walk } from '../helpers/paths';

const src = path.join(repoRoot, 'server', 'src');

function tree(files: Record<string, string>): Map<string, string> {
  return new Map(Object.entries(files));
}

describe('layers', () => {
  it('no import in server/src runs against the layer order, and no folders import each other in a cycle', () => {
    const files = new Map(walk(src, (f) => f.endsWith('.ts')).map((f) => [path.relative(src, f).split(path.sep).join('/'), fs.readFileSync(f, 'utf8')]));
    assert.ok(files.size > 100, `read ${files.size} files`);
    assert.deepEqual(layerViolations(files), []);
  });

  it('names the file and the import that runs upwards, in every import form', () => {
    const problems = layerViolations(
      tree({
        'model/frontend.ts': "import type { FixIntent } from '../rules/intents';\n",
        'prisma/hover.ts': "\nexport { docsUrl } from '../engine/docs';\n",
        'report/scope.ts': "const check = () => import('../cli/check');\n",
        'sql/load.ts': "const w = require('../workspace/replay');\n",
        'rules/intents.ts': 'export type X = 1;\n',
        'engine/docs.ts': '',
        'cli/check.ts': '',
        'workspace/replay.ts': "import { Schema } from '../model/schema';\n",
        'model/schema.ts': '',
      }),
    );
    assert.deepEqual(
      problems,
      [
        "model/frontend.ts:1 imports '../rules/intents': model/ sits below rules/ (order: model <- sql/prisma/format/ts <- workspace <- rules <- engine <- report <- cli/lsp)",
        "prisma/hover.ts:2 imports '../engine/docs': prisma/ sits below engine/ (order: model <- sql/prisma/format/ts <- workspace <- rules <- engine <- report <- cli/lsp)",
        "report/scope.ts:1 imports '../cli/check': report/ sits below cli/ (order: model <- sql/prisma/format/ts <- workspace <- rules <- engine <- report <- cli/lsp)",
        "sql/load.ts:1 imports '../workspace/replay': sql/ sits below workspace/ (order: model <- sql/prisma/format/ts <- workspace <- rules <- engine <- report <- cli/lsp)",
      ],
    );
  });

  it('rules see only the model and their own folder', () => {
    const problems = layerViolations(
      tree({
        'rules/set-not-null.ts': "import { notNullCheck } from '../workspace/locks';\nimport { defineRule } from './types';\nimport { x } from './support/migration';\nimport type { Table } from '../model/schema';\n",
        'rules/support/migration.ts': "import type { FileFacts } from '../../model/migration-file';\n",
      }),
    );
    assert.deepEqual(problems, ["rules/set-not-null.ts:1 imports '../workspace/locks': rules/ may import only model/ and itself"]);
  });

  it('folders of one layer may import each other, but not both ways', () => {
    assert.deepEqual(layerViolations(tree({ 'format/sql.ts': "import { splitStatements } from '../sql';\n", 'sql/index.ts': '' })), []);
    assert.deepEqual(
      layerViolations(tree({ 'format/sql.ts': "import { splitStatements } from '../sql';\n", 'sql/index.ts': "import { formatSql } from '../format/sql';\n" })),
      ["format/sql.ts:1 imports '../sql': closes an import cycle between format/ and sql/", "sql/index.ts:1 imports '../format/sql': closes an import cycle between sql/ and format/"],
    );
  });

  it('a folder outside the layer order is named', () => {
    assert.deepEqual(layerViolations(tree({ 'util/x.ts': "import '../model/schema';\n" })), ["util/x.ts:1 imports '../model/schema': util/ is not in the layer order"]);
  });
});
