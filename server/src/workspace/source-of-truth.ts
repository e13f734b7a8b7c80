/**
 * One source of truth: a migration set a tool generates from a schema (Prisma Migrate from
 * `schema.prisma`; drizzle-kit from TypeScript tables; TypeORM migrations from the entities) is judged for its design on
 * that schema, not on the generated SQL. The generated migrations keep the migration-safety,
 * transaction and query rules, and design findings only on what the schema cannot express: statements
 * written by hand (row-level security, raw indexes, triggers) and rules about things the schema cannot say.
 *
 * Each tool is a `SourceFinder`; other front ends add theirs with `registerSourceFinder`.
 */
import * as path from 'node:path';
import { LineIndex, type Span } from '../model/text';
import { prismaSchemaFiles, scanPrisma } from '../prisma';
import { argument, findAttribute } from '../prisma/syntax';
import { drizzleSource } from './drizzle-source';
import { typeormSource } from './typeorm-source';
import type { MigrationSet, WorkspaceHost } from './migrations';

export interface SourceDeclaration {
  /** Path of the source file. */
  file: string;
  span: Span;
  /** 1-based line of `span.start`. */
  line: number;
  /** The source's name for it (`model User`). */
  name: string;
}

export interface GeneratedFrom {
  /** The tool that writes the migrations: `Prisma Migrate`. */
  tool: string;
  /** Files of the source the migrations are generated from. */
  sources: string[];
  /** Did the tool write the statement that starts at `start` (as opposed to SQL added by hand)? */
  wrote(text: string, start: number): boolean;
  /** The migrations are not generated from the source, which declares the same tables (TypeORM entities). */
  declaresOnly?: boolean;
  /** Where a table (lower-case name) is declared in the source. */
  declaration(table: string): SourceDeclaration | undefined;
}

export type SourceFinder = (set: MigrationSet, host: WorkspaceHost) => GeneratedFrom | undefined;

/**
 * Design rules about what no ORM schema says (row-level security): their findings stay on the SQL, where
 * the fix has to go.
 */
export const SQL_ONLY_DESIGN_RULES: ReadonlySet<string> = new Set(['tenant-rls', 'rls-enabled-no-policy']);

const finders: SourceFinder[] = [];

export function registerSourceFinder(finder: SourceFinder): void {
  if (!finders.includes(finder)) finders.push(finder);
}

/** The source a migration set is generated from, if a registered tool claims it. */
export function generatedFrom(set: MigrationSet, host: WorkspaceHost): GeneratedFrom | undefined {
  for (const f of finders) {
    const found = f(set, host);
    if (found) return found;
  }
  return undefined;
}

/** Prisma Migrate's section comments, written above each statement it generates. */
const PRISMA_SECTIONS =
  /^--\s*(CreateTable|CreateIndex|CreateEnum|CreateExtension|CreateSchema|AddForeignKey|AlterTable|AlterEnum|DropForeignKey|DropIndex|DropTable|DropEnum|DropExtension|RenameIndex|RenameForeignKey|RedefineTables|RedefineIndex|AddPrimaryKey|DropPrimaryKey|Warnings?)\s*$/;

/**
 * Is the statement at `start` in one of Prisma's sections: a section comment, then its statements, up to
 * the blank line Prisma writes after each section? SQL added by hand has no such comment above it.
 */
export function underPrismaSection(text: string, start: number): boolean {
  return prismaSectionComment(text, start) !== undefined;
}

/** The Prisma section comment (`-- CreateIndex`) the statement at `start` is under, if any. */
export function prismaSectionComment(text: string, start: number): string | undefined {
  let end = text.lastIndexOf('\n', start - 1);
  // Blank lines right above the statement (a hand-tidied file) still leave it under its section comment.
  let leading = true;
  while (end > 0) {
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(lineStart, end).trim();
    if (line === '' && leading) {
      end = lineStart - 1;
      continue;
    }
    leading = false;
    if (line === '') return undefined;
    if (PRISMA_SECTIONS.test(line)) return line;
    end = lineStart - 1;
  }
  return undefined;
}

function prismaSource(set: MigrationSet, host: WorkspaceHost): GeneratedFrom | undefined {
  if (set.runner !== 'prisma' || host.readFile(path.join(set.root, 'migration_lock.toml')) === undefined) return undefined;
  const parent = path.dirname(set.root);
  const prismaIn = (dir: string) =>
    host
      .readDir(dir)
      .filter((e) => !e.isDir && e.name.endsWith('.prisma'))
      .map((e) => e.name)
      .sort((a, b) => (a === 'schema.prisma' ? -1 : b === 'schema.prisma' ? 1 : a.localeCompare(b)));
  let first = prismaIn(parent)[0];
  let dir = parent;
  if (!first) {
    dir = path.join(parent, 'schema');
    first = prismaIn(dir)[0];
  }
  if (!first) return undefined;
  const sources = prismaSchemaFiles(path.join(dir, first), host);
  let models: Map<string, SourceDeclaration> | undefined;
  return {
    tool: 'Prisma Migrate',
    sources,
    wrote: underPrismaSection,
    declaration(table) {
      if (!models) {
        models = new Map();
        for (const file of sources) {
          const text = host.readFile(file);
          if (text === undefined) continue;
          for (const b of scanPrisma(file, text).blocks) {
            if (b.kind !== 'model' && b.kind !== 'view') continue;
            const mapped = argument(findAttribute(b.attributes, 'map'), 'name', 0)?.value;
            const name = (mapped?.kind === 'string' ? mapped.value : undefined) ?? b.name;
            models.set(name.toLowerCase(), { file, span: b.nameSpan, line: LineIndex.of(text).positionAt(b.nameSpan.start).line + 1, name: `${b.kind} ${b.name}` });
          }
        }
      }
      return models.get(table.toLowerCase());
    },
  };
}

registerSourceFinder(prismaSource);

registerSourceFinder(drizzleSource);

registerSourceFinder(typeormSource);
