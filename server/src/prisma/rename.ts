/**
 * An edit that only renames one scalar field of a model (typing its name): Prisma's datamodel after it is the
 * one before, with that field's name changed, so the engine's `get_datamodel` (a parse, a validation and a
 * JSON of the whole schema: the largest part of such a keystroke in a large schema) is not asked again. The
 * engine's lint still runs on the new text; when it finds an error, the datamodel is dropped as usual.
 *
 * Refused whenever the name could mean more than the field's own name in the datamodel: a field that is not a
 * plain scalar or enum field of a model, a field with attributes that name or derive names from it (`@id`,
 * `@unique`, `@relation`, `@map`, ...), or either name appearing anywhere else in the schema's text (an
 * `@@index([...])`, a relation's `references`, a comment). The tests hold the result to the engine's own answer.
 */
import type { SourceText } from '../model/frontend';
import { changedRange } from '../model/changed';
import type { Datamodel } from './datamodel';
import type { ScannedFile } from './syntax';

export interface FieldRename {
  model: string;
  from: string;
  to: string;
}

/** Field attributes that neither name nor derive a name from the field. */
const NAMELESS = new Set(['default', 'updatedAt', 'ignore']);

const IDENT = /^[A-Za-z][A-Za-z0-9_]*$/;
const isIdentChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * The rename an edit from the texts `oldScans` read to `files` made, when it is nothing else. The scans before
 * the edit are enough (the block and the field are the same, only the name changed): the answer comes before
 * the edited text is scanned, so the lint can start first (reuse.ts).
 */
export function fieldRename(oldScans: readonly ScannedFile[], files: readonly SourceText[]): FieldRename | undefined {
  if (oldScans.length !== files.length) return undefined;
  let found: FieldRename | undefined;
  for (let i = 0; i < files.length; i++) {
    const old = oldScans[i].text;
    const now = files[i].text;
    if (old === now) continue;
    if (found) return undefined;
    const { from, oldEnd, newEnd } = changedRange(old, now);
    for (let k = from; k < oldEnd; k++) if (!isIdentChar(old.charCodeAt(k))) return undefined;
    for (let k = from; k < newEnd; k++) if (!isIdentChar(now.charCodeAt(k))) return undefined;
    // The word around the change: the texts are the same before `from`, and after the change.
    let start = from;
    while (start > 0 && isIdentChar(old.charCodeAt(start - 1))) start--;
    let a = oldEnd;
    while (a < old.length && isIdentChar(old.charCodeAt(a))) a++;
    let b = newEnd;
    while (b < now.length && isIdentChar(now.charCodeAt(b))) b++;
    const before = old.slice(start, a);
    const after = now.slice(start, b);
    if (!IDENT.test(before) || !IDENT.test(after) || before === after) return undefined;
    const block = oldScans[i].blocks.find((x) => x.bodySpan.start <= start && start < x.bodySpan.end);
    const field = block?.kind === 'model' ? block.fields.find((f) => f.nameSpan.start === start && f.nameSpan.end === a) : undefined;
    if (!block || !field || field.attributes.some((x) => !NAMELESS.has(x.name) && !x.name.startsWith('db.'))) return undefined;
    found = { model: block.name, from: before, to: after };
  }
  if (!found) return undefined;
  const { from, to } = found;
  if (oldScans.reduce((n, s) => n + wordCount(s.text, from), 0) !== 1) return undefined;
  if (files.reduce((n, f) => n + wordCount(f.text, to), 0) !== 1) return undefined;
  return found;
}

/** How many times `word` stands alone in `text` (not inside a longer identifier). */
function wordCount(text: string, word: string): number {
  let n = 0;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
    if (!isIdentChar(text.charCodeAt(i - 1)) && !isIdentChar(text.charCodeAt(i + word.length))) n++;
  }
  return n;
}

/** `datamodel` with the field renamed, or undefined when it does not hold that field as a plain scalar or enum field. */
export function renamedDatamodel(datamodel: Datamodel, { model, from, to }: FieldRename): Datamodel | undefined {
  const models = datamodel.models ?? [];
  const m = models.findIndex((x) => x.name === model);
  if (m < 0) return undefined;
  const fields = models[m].fields;
  const f = fields.findIndex((x) => x.name === from);
  const field = fields[f];
  if (!field || (field.kind !== 'scalar' && field.kind !== 'enum') || field.dbName) return undefined;
  if (datamodel.indexes?.some((ix) => ix.model === model && ix.fields.some((x) => x.name === from))) return undefined;
  const renamed = { ...models[m], fields: fields.map((x, k) => (k === f ? { ...x, name: to } : x)) };
  return { ...datamodel, models: models.map((x, k) => (k === m ? renamed : x)) };
}
