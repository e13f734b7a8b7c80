/**
 * The Drizzle front end: a schema file, with the rest of its schema (the files `drizzle.config.*` names and
 * what they import and re-export), -> the shared model, comments and fix rendering as TypeScript edits.
 */
import * as path from 'node:path';
import type { Comment, FrontEndResult, Problem, SourceText } from '../../model/frontend';
import type { FixIntent } from '../../model/intents';
import { parseSource } from '../parse';
import { buildDrizzle, type DrizzleModel } from './build';
import { findDrizzleConfigs, ModuleFiles, type DrizzleConfig, type FileHost } from './project';
import { readDrizzleFile, type DrizzleFile } from './read';
import { renderDrizzleFix } from './render';

export { findDrizzleConfigs, readDrizzleConfig, ModuleFiles, type DrizzleConfig, type FileHost } from './project';
export { readDrizzleFile, type DrizzleFile, type DrizzleTable } from './read';
export { buildDrizzle, type DrizzleModel } from './build';
export { configsIn } from './project';

export interface DrizzleResult extends FrontEndResult {
  language: 'typescript';
  model: DrizzleModel;
  config?: DrizzleConfig;
}

/** Does this file declare Drizzle tables or enums? A cheap test on the text before any parsing. */
export function mentionsDrizzle(text: string): boolean {
  return /from\s+["']drizzle-orm\/(pg|sqlite|mysql|singlestore)-core["']/.test(text);
}

/** The schema files reached from `entries`: re-exports always, imports from files that use Drizzle. */
export function schemaFiles(entries: string[], host: FileHost, modules: ModuleFiles): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = host.readFile(file);
    if (text === undefined) continue;
    const drizzle = mentionsDrizzle(text);
    const parsed = readDrizzleFile(file, text);
    const follow = new Set(parsed.reexports.map((r) => r.source));
    if (drizzle) for (const [, imp] of parsed.imports) follow.add(imp.source);
    for (const s of follow) {
      const target = modules.resolve(file, s);
      if (target && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen].filter((f) => {
    const text = host.readFile(f);
    return text !== undefined && (mentionsDrizzle(text) || readDrizzleFile(f, text).reexports.length > 0);
  });
}

/** The config whose schema holds `file`, and that schema's files. */
export function drizzleSchemaOf(file: string, host: FileHost, modules = new ModuleFiles(host)): { config?: DrizzleConfig; files: string[] } {
  for (const config of findDrizzleConfigs(path.dirname(file), host)) {
    const entries = config.schema.flatMap((s) => modules.entry(s));
    const files = schemaFiles(entries, host, modules);
    if (files.includes(file)) return { config, files };
  }
  return { files: schemaFiles([file], host, modules) };
}

function comments(file: DrizzleFile, uri: string): Comment[] {
  const parsed = parseSource(file.path, file.text);
  const list = (parsed?.program as unknown as { comments?: { type: string; value: string; start: number; end: number }[] })?.comments ?? [];
  return list.map((c) => ({ uri, span: { start: c.start, end: c.end }, body: c.value.trim() }));
}

/**
 * Loads the Drizzle schema `file` belongs to. `host` reads the other files (an editor's open documents
 * first); `toUri` names them.
 */
export function loadDrizzle(file: string, text: string, host: FileHost, toUri: (fsPath: string) => string): DrizzleResult {
  const overlay: FileHost = { readFile: (p) => (p === file ? text : host.readFile(p)), readDir: (d) => host.readDir(d) };
  const modules = new ModuleFiles(overlay);
  const { config, files } = drizzleSchemaOf(file, overlay, modules);
  if (!files.includes(file)) files.unshift(file);
  const read = files.flatMap((f) => {
    const t = overlay.readFile(f);
    return t === undefined ? [] : [readDrizzleFile(f, t)];
  });
  const model = buildDrizzle(read, toUri, (from, spec) => modules.resolve(from, spec));
  if (config?.dialect) {
    const d = config.dialect.toLowerCase();
    if (/sqlite|turso|libsql|d1/.test(d)) model.schema.dialect = 'sqlite';
    else if (/mysql|singlestore/.test(d)) model.schema.dialect = 'mysql';
    else if (/pg|postgres/.test(d)) model.schema.dialect = 'postgresql';
  }
  const sources: SourceText[] = read.map((f) => ({ uri: toUri(f.path), text: f.text }));
  const problems: Problem[] = [];
  const me = read.find((f) => f.path === file);
  const meUri = toUri(file);
  for (const e of me?.errors ?? []) {
    problems.push({ rule: 'syntax-error', message: `TypeScript syntax error: ${e.message}`, uri: meUri, span: { start: e.offset, end: Math.min(text.length, e.offset + 1) } });
  }
  const result: DrizzleResult = {
    language: 'typescript',
    schema: model.schema,
    files: sources,
    problems,
    comments: read.flatMap((f) => comments(f, toUri(f.path))),
    render: (intent: FixIntent) => renderDrizzleFix(intent, model),
    model,
  };
  if (config) result.config = config;
  return result;
}
