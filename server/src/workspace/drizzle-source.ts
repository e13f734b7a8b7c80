/**
 * drizzle-kit as a source of truth: a migration set is generated from the Drizzle schema of the
 * drizzle.config.* whose `out` is the set's folder. Its design findings are reported on the TypeScript
 * tables; the SQL keeps migration safety and what the schema does not declare.
 */
import * as path from 'node:path';
import { LineIndex } from '../model/text';
import { buildDrizzle, configsIn, findDrizzleConfigs, ModuleFiles, readDrizzleFile, schemaFiles, type DrizzleConfig } from '../ts/drizzle';
import type { MigrationSet, WorkspaceHost } from './migrations';
import type { GeneratedFrom, SourceDeclaration } from './source-of-truth';

/** Configs near a migrations folder: in its parents, or below the folder that holds it (`server/db/drizzle.config.ts`). */
function configsNear(root: string, host: WorkspaceHost): DrizzleConfig[] {
  const found = findDrizzleConfigs(path.dirname(root), host, 4);
  const below = (dir: string, depth: number): void => {
    for (const e of host.readDir(dir)) {
      if (!e.isDir || e.name === 'node_modules' || e.name.startsWith('.') || path.join(dir, e.name) === root) continue;
      const sub = path.join(dir, e.name);
      found.push(...configsIn(sub, host));
      if (depth > 1) below(sub, depth - 1);
    }
  };
  below(path.dirname(root), 3);
  return found;
}

export function drizzleSource(set: MigrationSet, host: WorkspaceHost): GeneratedFrom | undefined {
  if (set.runner !== 'drizzle') return undefined;
  const config = configsNear(set.root, host).find((c) => path.resolve(c.out) === path.resolve(set.root));
  if (!config) return undefined;
  const modules = new ModuleFiles(host);
  const sources = schemaFiles(
    config.schema.flatMap((s) => modules.entry(s)),
    host,
    modules,
  );
  if (!sources.length) return undefined;
  let tables: Map<string, SourceDeclaration> | undefined;
  return {
    tool: 'drizzle-kit',
    sources,
    // drizzle-kit writes the whole file; SQL added by hand to a custom migration still keeps what the schema
    // cannot say (policies, raw indexes on tables it does not declare) through `declaration`.
    wrote: () => true,
    declaration(table) {
      if (!tables) {
        tables = new Map();
        const files = sources.flatMap((f) => {
          const text = host.readFile(f);
          return text === undefined ? [] : [readDrizzleFile(f, text)];
        });
        const model = buildDrizzle(files, (p) => p, (from, spec) => modules.resolve(from, spec));
        for (const b of model.tables) {
          const text = b.file.text;
          tables.set(b.table.name.toLowerCase(), {
            file: b.file.path,
            span: b.table.source.span,
            line: LineIndex.of(text).positionAt(b.table.source.span.start).line + 1,
            name: `${b.drizzle.variable ?? b.table.name} (${b.table.name})`,
          });
        }
      }
      return tables.get(table.toLowerCase());
    },
  };
}
