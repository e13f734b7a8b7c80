/**
 * The TypeORM front end: an entity file, with the rest of its project's entities (the package's files
 * that declare TypeORM columns), -> the shared model, comments and fixes as decorator edits.
 */
import type { Comment, FrontEndResult, Problem, SourceText } from '../../model/frontend';
import type { FixIntent } from '../../model/intents';
import type { Dialect } from '../../model/schema';
import type { Span } from '../../model/text';
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

/**
 * A place in a base class's property (its column or relation), for the entities that extend the class:
 * each has the column in its own table, so a rule judges each; the finding is said once, naming them.
 */
function sharedAt(model: EntityModel, uri: string, span: Span): string | undefined {
  const inside = (node: { start?: number | null; end?: number | null }) => (node.start ?? 0) <= span.start && span.end <= (node.end ?? 0);
  let owner: { name: string; embedded: boolean } | undefined;
  const users = new Set<string>();
  for (const b of model.entities) {
    const held = [...[...b.columns].map(([key, c]) => ({ ...c, key })), ...b.relations.map((r) => ({ ...r, key: r.property.name, via: undefined }))].filter(
      (c) => c.uri === uri && !b.cls.properties.includes(c.property) && inside(c.property.node),
    );
    for (const c of held) {
      const cls = c.file.classes.find((x) => x.properties.includes(c.property));
      const embedded = c.via === 'embedded';
      if (cls) owner = { name: cls.className, embedded };
      // An embedded class is used by a property (`Person.name`), a base class by an entity.
      users.add(embedded ? `${b.cls.className}.${c.key.split('.')[0]}` : b.cls.className);
    }
  }
  if (!owner || users.size < 2) return undefined;
  const names = [...users].sort();
  const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return owner.embedded ? `It is declared in the embedded class ${owner.name}, which ${list} hold.` : `It is declared in the base class ${owner.name}, which ${list} extend.`;
}

/** The entities of the project `file` belongs to, read for `dialect`; `text` is the file's current text. */
export function loadTypeorm(file: string, text: string, project: TypeormProject, host: FileHost, dialect: Dialect, toUri: (fsPath: string) => string): TypeormResult {
  const paths = project.files.includes(file) ? project.files : [file, ...project.files];
  const read = paths.flatMap((p) => {
    const t = p === file ? text : host.readFile(p);
    return t === undefined ? [] : [readEntityFile(p, t)];
  });
  const model = buildEntities(read, dialect, toUri, project.isEntity, project.naming);
  // The identity strategy on PostgreSQL came with TypeORM 0.3.
  if (project.typeormVersion && /^[\^~=v\s]*0\.[0-2]\./.test(project.typeormVersion)) model.identity = false;
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
    sharedAt: (u, span) => sharedAt(model, u, span),
    model,
  };
}
