/**
 * TypeORM entities as the source of truth of a TypeORM migration set: the entities of the set's package
 * declare the tables, so design findings about those tables are reported on the entities. TypeORM
 * migrations are generated (`migration:generate`) or written by hand alike, so no statement counts as
 * the tool's own: only statements that create or change a table the entities declare leave their design
 * findings to them; raw indexes, policies and tables no entity declares keep theirs on the SQL.
 */
import { buildEntities, readEntityFile, typeormProject } from '../ts/typeorm';
import { LineIndex } from '../model/text';
import type { MigrationSet, WorkspaceHost } from './migrations';
import type { GeneratedFrom, SourceDeclaration } from './source-of-truth';

export function typeormSource(set: MigrationSet, host: WorkspaceHost): GeneratedFrom | undefined {
  if (set.runner !== 'typeorm') return undefined;
  const project = typeormProject(set.root, host);
  if (!project.files.length) return undefined;
  let tables: Map<string, SourceDeclaration> | undefined;
  return {
    tool: 'TypeORM entities',
    sources: project.files,
    wrote: () => false,
    declaresOnly: true,
    declaration(table) {
      if (!tables) {
        tables = new Map();
        const files = project.files.flatMap((f) => {
          const text = host.readFile(f);
          return text === undefined ? [] : [readEntityFile(f, text)];
        });
        // Names do not depend on the engine.
        for (const b of buildEntities(files, 'postgresql', (p) => p, project.isEntity, project.naming).entities) {
          const span = b.table.source.span;
          tables.set(b.table.name.toLowerCase(), {
            file: b.file.path,
            span,
            line: LineIndex.of(b.file.text).positionAt(span.start).line + 1,
            name: `@Entity class ${b.cls.className}`,
          });
        }
      }
      return tables.get(table.toLowerCase());
    },
  };
}
