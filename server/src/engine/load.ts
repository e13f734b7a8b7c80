/**
 * Reading a file into the shared model with the front end of its language (a Prisma schema folder, a
 * Drizzle schema, a SQL file in its migration set), and the database engine it is read for.
 */
import * as path from 'node:path';
import type { Budget } from '../model/budget';
import type { FrontEndResult, SourceText } from '../model/frontend';
import { findInstalledPrismaVersion, loadPrisma, prismaSchemaFiles } from '../prisma';
import { engineMarks, ensureSqlParser } from '../sql';
import { loadDrizzle, mentionsDrizzle } from '../ts/drizzle';
import { readScriptSql, scriptSourceSpan } from '../ts/migration-sql';
import { dataSourceEngine, loadTypeorm, mentionsTypeorm, typeormProject } from '../ts/typeorm';
import type { EngineDecision, ProjectEngines } from '../workspace/project-engine';
import { SQL_ONLY_DESIGN_RULES } from '../workspace/source-of-truth';
import type { SqlWorkspace } from '../workspace/unit';
import type { AnalysisHost } from './analyze';
import type { ResolvedConfig } from './config';
import { isScriptPath, looksBinary, pathToUri, uriToPath, type Language } from './files';

/** What loading reads through: the engine's file access, its SQL workspace and its engine decisions. */
export interface LoadContext {
  host: AnalysisHost;
  sql: SqlWorkspace;
  engines: ProjectEngines;
}

/**
 * The file's unit and engine. A SQL file that PostgreSQL's parser rejects and that carries another engine's
 * marks is read again as that engine's, unless something explicit named the engine.
 */
export async function loadUnit(
  ctx: LoadContext,
  uri: string,
  text: string,
  language: Language,
  config: ResolvedConfig,
  budget?: Budget,
): Promise<{ unit: FrontEndResult; engine: EngineDecision }> {
  if (language === 'prisma') {
    const fsPath = uriToPath(uri);
    const files: SourceText[] = [];
    if (fsPath) {
      for (const p of prismaSchemaFiles(fsPath, ctx.host)) {
        const u = pathToUri(p);
        if (u === uri) continue;
        const t = ctx.host.readFile(p);
        if (t !== undefined && !looksBinary(t)) files.push({ uri: u, text: t });
      }
    }
    files.unshift({ uri, text });
    // Engine.analyze settles the unit (FrontEndResult.settle) before it reads its problems.
    const unit = loadPrisma(files, { engine: config.prismaEngine, schemaDir: fsPath ? path.dirname(fsPath) : undefined, early: true });
    const withDatasource = files.find((f) => /^\s*datasource\s+\w+\s*\{/m.test(f.text));
    const provider = withDatasource && /datasource\s+\w+\s*\{[^}]*?provider\s*=\s*"([^"]+)"/.exec(withDatasource.text)?.[1];
    const engine: EngineDecision = withDatasource
      ? { name: unit.schema.dialect, from: path.basename(uriToPath(withDatasource.uri) ?? 'schema.prisma'), detail: `datasource provider "${provider ?? unit.schema.dialect}"` }
      : { name: unit.schema.dialect, from: 'Prisma default' };
    return { unit, engine };
  }
  if (language === 'typescript' && !mentionsDrizzle(text) && mentionsTypeorm(text)) return loadEntities(ctx, uri, text, config);
  if (language === 'typescript') {
    const fsPath = uriToPath(uri) ?? uri;
    const unit = loadDrizzle(fsPath, text, ctx.host, pathToUri);
    const engine: EngineDecision = unit.config?.dialect
      ? { name: unit.schema.dialect, from: path.basename(unit.config.file), file: unit.config.file, detail: `dialect: "${unit.config.dialect}"` }
      : { name: unit.schema.dialect, from: 'drizzle-orm import' };
    return { unit, engine };
  }
  await ensureSqlParser();
  const fsPath = uriToPath(uri);
  const set = fsPath ? ctx.sql.setOf(fsPath, config.migrations) : undefined;
  const configured = configuredEngine(config);
  let engine = ctx.engines.decide(fsPath, uri, text, configured, set);
  const options = (dialect: EngineDecision['name']) => ({
    dialect: dialect === 'unknown' ? ('postgresql' as const) : dialect,
    pgVersion: config.pgVersion,
    migrations: config.migrations,
    toUri: pathToUri,
    prismaVersion: (dir: string) => findInstalledPrismaVersion(dir, ctx.host),
    budget,
  });
  let unit = ctx.sql.load(uri, fsPath, text, options(engine.name));
  // A file PostgreSQL's parser rejects that carries another engine's marks is that engine's.
  // Not against an explicit word (the config, a folder or file name, the set's own lock file or journal), and
  // backticks alone prove nothing: a PostgreSQL file with a MySQL-style name in it is a real mistake.
  const explicit = configured || /^(folder name|file name|migration_lock\.toml|meta\/_journal\.json)$/.test(engine.from);
  if (!explicit && (engine.name === 'postgresql' || engine.name === 'unknown') && unit.problems.some((p) => p.rule === 'syntax-error')) {
    // A TypeScript migration's marks are in its SQL, not in the code around it.
    const mark = engineMarks(unit.files[0]?.text ?? text).find((m) => m.engine !== 'postgresql' && m.mark !== 'backtick-quoted names');
    if (mark) {
      engine = { name: mark.engine, from: 'file content', file: fsPath, detail: `${mark.mark}, which PostgreSQL rejects` };
      unit = ctx.sql.load(uri, fsPath, text, options(engine.name));
    }
  }
  // The SQL of a TS/JS migration reads `\"` as a quote: findings are placed on the source as written.
  if (isScriptPath(uri)) {
    const script = readScriptSql(uri, text);
    unit.sourceSpan = (span) => scriptSourceSpan(script, span);
  }
  return { unit, engine };
}

/**
 * TypeORM entities, read for the engine of the project's data source. A data source whose `type` comes from
 * the environment (one code base, several engines) leaves it to the project's files, or unknown: then the
 * entities are judged as PostgreSQL's, as SQL of an unknown engine is read.
 */
function loadEntities(ctx: LoadContext, uri: string, text: string, config: ResolvedConfig): { unit: FrontEndResult; engine: EngineDecision } {
  const fsPath = uriToPath(uri) ?? uri;
  const project = typeormProject(path.dirname(fsPath), ctx.host);
  const ds = dataSourceEngine(project);
  const engine: EngineDecision =
    configuredEngine(config) ??
    (ds.engine
      ? { name: ds.engine, from: path.basename(ds.source.file), file: ds.source.file, detail: `type: "${ds.source.type}"` }
      : (ctx.engines.project(path.dirname(fsPath)).decision ?? { name: 'unknown', from: 'nothing', detail: ds.why }));
  const unit = loadTypeorm(fsPath, text, project, ctx.host, engine.name === 'unknown' ? 'postgresql' : engine.name, pathToUri);
  // Row-level security is not something an entity can declare: those findings stay on the migrations.
  unit.cannotDeclare = SQL_ONLY_DESIGN_RULES;
  return { unit, engine };
}

export function configuredEngine(config: ResolvedConfig): EngineDecision | undefined {
  return config.dialect ? { name: config.dialect, from: config.dialectFrom ?? 'settings', detail: `dialect "${config.dialect}"` } : undefined;
}

/** Rules word their messages for a Prisma schema or for SQL; a Drizzle schema reads like SQL's names. */
export function designLanguage(language: Language): 'prisma' | 'sql' {
  return language === 'typescript' ? 'sql' : language;
}
