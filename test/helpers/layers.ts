/**
 * The server's layers, lowest first. A file may import from its own top-level folder, from a folder of
 * a lower layer, or from another folder of its own layer as long as no cycle forms between folders.
 * Rules are narrower: they see the model and their own folder (rules/support) only.
 */
import * as path from 'node:path';
import ts from 'typescript';

export const LAYERS: readonly (readonly string[])[] = [['model'], ['sql', 'prisma', 'format', 'ts'], ['workspace'], ['rules'], ['engine'], ['report'], ['cli', 'lsp']];

/** Folders a folder may import besides lower layers (undefined: any lower layer). */
const ONLY: Record<string, readonly string[]> = { rules: ['model'] };

export interface ImportRef {
  /** The importing file, relative to server/src (`rules/set-not-null.ts`). */
  file: string;
  /** The module specifier as written (`../workspace/locks`). */
  spec: string;
  line: number;
  /** Top-level folders of the importer and the imported file. */
  from: string;
  to: string;
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((l) => l.includes(folder));
}

/** Relative module specifiers of a file: import/export declarations, `import x = require()`, `import()` and `require()`. */
export function importsOf(file: string, text: string): { spec: string; line: number }[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const out: { spec: string; line: number }[] = [];
  const add = (node: ts.Node | undefined) => {
    if (node && ts.isStringLiteralLike(node)) out.push({ spec: node.text, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1 });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) add(node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) add(node.moduleReference.expression);
    else if (ts.isCallExpression(node) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) add(node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node.argument.literal);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** Imports that cross top-level folders, for files given relative to server/src. */
export function crossFolderImports(files: ReadonlyMap<string, string>): ImportRef[] {
  const out: ImportRef[] = [];
  for (const [file, text] of files) {
    const from = file.split('/')[0];
    for (const { spec, line } of importsOf(file, text)) {
      if (!spec.startsWith('.')) continue;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      const to = target.split('/')[0];
      if (to !== from) out.push({ file, spec, line, from, to });
    }
  }
  return out;
}

/** Every import against the layer order, and every import on a cycle between top-level folders, as messages naming file and import. */
export function layerViolations(files: ReadonlyMap<string, string>): string[] {
  const refs = crossFolderImports(files);
  const problems: string[] = [];
  const show = (r: ImportRef) => `${r.file}:${r.line} imports '${r.spec}'`;
  for (const r of refs) {
    const a = layerOf(r.from);
    const b = layerOf(r.to);
    if (a < 0 || b < 0) problems.push(`${show(r)}: ${a < 0 ? r.from : r.to}/ is not in the layer order`);
    else if (b > a) problems.push(`${show(r)}: ${r.from}/ sits below ${r.to}/ (order: ${LAYERS.map((l) => l.join('/')).join(' <- ')})`);
    else if (ONLY[r.from] && !ONLY[r.from].includes(r.to)) problems.push(`${show(r)}: ${r.from}/ may import only ${ONLY[r.from].join(', ')}/ and itself`);
  }
  // Cycles between folders: an edge a -> b lies on a cycle when b reaches a. A cycle that climbs a
  // layer is reported above at its upward import; one within a layer (sql <-> format) is reported here.
  const edges = new Map<string, Set<string>>();
  for (const r of refs) {
    if (!edges.has(r.from)) edges.set(r.from, new Set());
    edges.get(r.from)!.add(r.to);
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length) {
      const n = stack.pop()!;
      if (n === goal) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...(edges.get(n) ?? []));
    }
    return false;
  };
  for (const r of refs) {
    if (layerOf(r.from) === layerOf(r.to) && reaches(r.to, r.from)) problems.push(`${show(r)}: closes an import cycle between ${r.from}/ and ${r.to}/`);
  }
  return problems;
}
