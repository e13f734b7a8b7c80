/**
 * The TypeORM front end: an entity file, with the rest of its project's entities (the package's files
 * that declare TypeORM columns), -> the shared model, comments and fixes as decorator edits.
 */
import type { Comment, FrontEndResult, Problem, SourceText } from '../../model/frontend';
import type { FixIntent } from '../../model/intents';
import type { Dialect } from '../../model/schema';
import type { FileHost } from '../drizzle/project';
import { parseSource } from '../parse';
import { buildEntities, type EntityModel } from './build';
import type { TypeormProject } from './project';
import { readEntityFile, type EntityFile } from './read';
import { renderTypeormFix } from './render';

export { buildEntities, type BuiltEntity, type EntityModel } from './build';
export { dataSourceEngine, typeormProject, type TypeormProject } from './project';
export { mentionsTypeorm, readEntityFile, type EntityFile } from './read';

export interface TypeormResult extends FrontEndResult {
  language: 'typescript';
  model: EntityModel;
}

function comments(file: EntityFile, uri: string): Comment[] {
  return (parseSource(file.path, file.text)?.comments ?? []).map((c) => ({ uri, span: { start: c.start ?? 0, end: c.end ?? 0 }, body: c.value.trim() }));
}

/** The entities of the project `file` belongs to, read for `dialect`; `text` is the file's current text. */
export function loadTypeorm(file: string, text: string, project: TypeormProject, host: FileHost, dialect: Dialect, toUri: (fsPath: string) => string): TypeormResult {
  const paths = project.files.includes(file) ? project.files : [file, ...project.files];
  const read = paths.flatMap((p) => {
    const t = p === file ? text : host.readFile(p);
    return t === undefined ? [] : [readEntityFile(p, t)];
  });
  const model = buildEntities(read, dialect, toUri);
  const me = read.find((f) => f.path === file);
  const uri = toUri(file);
  const problems: Problem[] = (me?.errors ?? []).map((e) => ({
    rule: 'syntax-error',
    message: `TypeScript syntax error: ${e.message}`,
    uri,
    span: { start: e.offset, end: Math.min(text.length, e.offset + 1) },
  }));
  const sources: SourceText[] = read.map((f) => ({ uri: toUri(f.path), text: f.text }));
  return {
    language: 'typescript',
    schema: model.schema,
    files: sources,
    problems,
    comments: read.flatMap((f) => comments(f, toUri(f.path))),
    render: (intent: FixIntent) => renderTypeormFix(intent, model),
    model,
  };
}
