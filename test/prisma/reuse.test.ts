import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { SourceText } from '../../server/src/model/frontend';
import { engineCalls, loadPrisma, type PrismaResult } from '../../server/src/prisma';

// relationMode = "prisma" makes Prisma warn about the relation field without an index: a diagnostic after the comments.
const DS = 'datasource db {\n  provider     = "postgresql"\n  relationMode = "prisma"\n}\n\n';
const BASE =
  DS +
  'model User {\n  id    Int    @id\n  // a note\n  email String @unique // trailing note\n  site  String @default("see //here")\n  posts Post[]\n}\n\n' +
  '/// Posts.\nmodel Post {\n  id       Int  @id\n  authorId Int\n  author   User @relation(fields: [authorId], references: [id])\n}\n';
const BROKEN = BASE.replace('  authorId Int\n', '  authorId Int\n  bad Strin // typo here\n');

/** Everything the front end answers, with the file names replaced, for comparing two loads of the same texts. */
function answer(r: PrismaResult, uris: readonly string[]): string {
  const json = JSON.stringify({ problems: r.problems, schema: r.schema, factsFrom: r.factsFrom, engineError: r.engineError }, (_k, v: unknown) =>
    v instanceof Map ? [...v.entries()] : v,
  );
  return uris.reduce((s, u, i) => s.split(JSON.stringify(u)).join(`"file${i}"`), json);
}

let fresh = 0;
/** Loads `texts` as the edited schema (uris `a.prisma`, ...) and, under names never seen, from scratch; returns the engine calls of the first. */
function load(texts: readonly string[]): number {
  const files: SourceText[] = texts.map((text, i) => ({ uri: `file:///s/${'ab'[i]}.prisma`, text }));
  const before = engineCalls();
  const edited = loadPrisma(files);
  const calls = engineCalls() - before;
  fresh++;
  const scratch = files.map((f, i) => ({ uri: `file:///fresh${fresh}/${i}.prisma`, text: f.text }));
  const expected = loadPrisma(scratch);
  assert.equal(answer(edited, files.map((f) => f.uri)), answer(expected, scratch.map((f) => f.uri)), 'the same answers as a load from scratch');
  return calls;
}

const edit = (text: string, find: string, replace: string) => {
  assert.ok(text.includes(find), find);
  return text.replace(find, replace);
};

test('reuse: typing inside a // comment asks Prisma\'s engine nothing, and the answers are those of a fresh load', () => {
  assert.equal(load([BASE]), 2, 'lint and datamodel');
  let text = BASE;
  for (const [find, replace] of [
    ['// a note', '// a notex'],
    ['// a notex', '// a notexy'],
    ['// a notexy', '// a note'],
    ['// trailing note', '// trailing'],
    ['// trailing', '// trailing note, longer'],
  ]) {
    text = edit(text, find, replace);
    assert.equal(load([text]), 0, `${find} -> ${replace}`);
  }
  const r = loadPrisma([{ uri: 'file:///s/a.prisma', text }]);
  assert.ok(r.problems.some((p) => p.severity === 'warning' && text.slice(p.span.start, p.span.end).includes('author')), 'the warning after the comments, moved with them');
});

test('reuse: any other edit asks the engine again', () => {
  let text = BASE;
  load([text]);
  const asks: [string, string, string][] = [
    ['"see //here"', '"see //there"', 'inside a string that holds //'],
    ['// a note', '/// a note', 'a comment made documentation'],
    ['/// a note', '// a note'],
    ['// a note', '// a\n note', 'a line break typed in a comment'],
    ['// a\n note', '// a note', 'the line break taken back'],
    ['// a note', '/ a note', 'the marker broken'],
    ['/ a note', '// a note', 'the marker mended'],
    ['/// Posts.', '/// Posts!', 'a documentation comment'],
    ['  email String @unique', '  email String @ unique', 'a space that splits an attribute from its @'],
    ['  email String @ unique', '  email String @unique', 'taken back'],
    ['  id    Int    @id\n', '  idInt @id\n', 'the spaces between two words deleted'],
    ['  idInt @id\n', '  id    Int    @id\n', 'typed back'],
    ['"see //there"', '"see //there "', 'a space inside a string'],
    ['/// Posts!', '/// Posts! ', 'a space inside documentation'],
  ].map(([f, r, why]) => [f, r, why ?? `${f} -> ${r}`]);
  for (const [find, replace, why] of asks) {
    text = edit(text, find, replace);
    assert.ok(load([text]) > 0, why);
  }
});

test('reuse: spaces typed or deleted between tokens ask the engine nothing, and the answers are those of a fresh load', () => {
  let text = BASE;
  load([text]);
  for (const [find, replace] of [
    ['  id    Int    @id\n', '  id    Int    @id \n'],
    ['  id    Int    @id \n', '  id    Int    @id  \n'],
    ['  id    Int    @id  \n', '  id Int    @id  \n'],
    ['  posts Post[]', '  posts  Post[]'],
    ['  email String @unique //', '  email String  @unique //'],
    ['model Post {', 'model  Post {'],
  ]) {
    text = edit(text, find, replace);
    assert.equal(load([text]), 0, `${JSON.stringify(find)} -> ${JSON.stringify(replace)}`);
  }
  const r = loadPrisma([{ uri: 'file:///s/a.prisma', text }]);
  assert.ok(r.problems.some((p) => p.severity === 'warning' && text.slice(p.span.start, p.span.end).includes('author')), 'the warning after the spaces, moved with them');
});

test('reuse: a comment on a line Prisma reports on is not trusted', () => {
  load([BASE]);
  let text = BROKEN;
  assert.equal(load([text]), 2, 'the schema validated before the edit: its datamodel was asked beside the lint (and dropped)');
  text = edit(text, '// typo here', '// typo there');
  assert.equal(load([text]), 1, 'the diagnostic is on the comment\'s line: lint again');
  text = edit(text, '// a note', '// a note about it');
  assert.equal(load([text]), 0, 'elsewhere: the error is moved, not asked for');
});

test('reuse: a schema of several files, edited in one of them', () => {
  const [one, two] = [BASE.slice(0, BASE.indexOf('/// Posts.')), BASE.slice(BASE.indexOf('/// Posts.'))];
  const withNote = two.replace('  authorId Int\n', '  // who wrote it\n  authorId Int\n');
  assert.equal(load([one, withNote]), 2);
  assert.equal(load([one, withNote.replace('who wrote', 'who has written')]), 0);
  assert.equal(load([one.replace('// a note', '// a new note'), withNote.replace('who wrote', 'who has written')]), 0, 'both files, each in a comment');
  assert.ok(load([one, withNote.replace('authorId Int', 'authorId BigInt')]) > 0);
});

test('reuse: edits that change what the blocks mean read as from scratch (the blocks before them kept)', () => {
  let text = BASE + 'model Tag {\n  id   Int    @id\n  kind String\n}\n';
  load([text]);
  for (const [find, replace] of [
    ['model Tag {', 'enum Kind {\n  A\n}\n\nmodel Tag {'],
    ['  kind String\n', '  kind Kind\n'],
    ['enum Kind {', 'type Kind {'],
    ['type Kind {\n  A\n}', 'type Kind {\n  a String\n}'],
    ['  kind Kind\n', '  kind Kind?\n'],
    ['model Post {', 'model Posts {'],
    ['  posts Post[]', '  posts Posts[]'],
    ['author   User @relation', 'author   User? @relation'],
    ['  authorId Int\n', '  authorId Int?\n'],
    ['model User {', 'view User {'],
    ['view User {', 'model User {'],
    ['  id    Int    @id\n', '  id    Int    @id\n  role  Kind2\n'],
    // Declared after the block that uses it: that block is the same, what it means is not.
    ['model Tag {', 'enum Kind2 {\n  B\n}\n\nmodel Tag {'],
    ['enum Kind2 {\n  B\n}', 'model Kind2 {\n  id Int @id\n}'],
    ['model Kind2 {\n  id Int @id\n}', ''],
    ['  role  Kind2\n', ''],
  ]) {
    text = edit(text, find, replace);
    load([text]);
  }
});

test('reuse: an edit of a schema that validated asks the datamodel beside the lint; the answers are those of a fresh load', () => {
  let text = BASE;
  load([text]);
  const steps: [string, string, number, string][] = [
    ['  email String', '  emailx String', 2, 'a field renamed: lint and datamodel'],
    ['  emailx String', '  emailxy String', 2, 'again'],
    ['  emailxy String', '  emailxy Strin', 2, 'a type broken: the datamodel asked beside the lint is dropped'],
    ['  emailxy Strin', '  emailxy Stri', 1, 'still broken: the lint only'],
    ['  emailxy Stri', '  emailxy String', 2, 'mended: the lint, then the datamodel'],
    ['model Post {', 'view Post {', 2, 'a view: lint and datamodel'],
  ];
  for (const [find, replace, calls, why] of steps) {
    text = edit(text, find, replace);
    assert.equal(load([text]), calls, why);
  }
});

test('reuse: random edits of a schema, each answered as a fresh load answers it, with at most the two engine calls of one', () => {
  let seed = 5;
  const next = () => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed / 2147483648);
  const pieces = ['x', 'Id', '?', ' ', '\n', '@unique', 'Int', ' String', '// c', '}', '@@index([id])', ''];
  let text = BASE + 'model Tag {\n  id    Int    @id\n  label String\n  note  String? // why\n}\n';
  load([text]);
  const counts = new Map<number, number>();
  for (let i = 0; i < 80; i++) {
    // Edits inside the models' bodies, where a keystroke mostly keeps the schema valid (the datamodel asked beside the lint).
    const body = text.indexOf('model User {');
    const at = body + Math.floor(next() * (text.length - body));
    const cut = next() < 0.3 ? Math.floor(next() * 4) : 0;
    text = text.slice(0, at) + pieces[Math.floor(next() * pieces.length)] + text.slice(at + cut);
    const calls = load([text]);
    assert.ok(calls <= 2, `edit ${i}: ${calls} engine calls`);
    counts.set(calls, (counts.get(calls) ?? 0) + 1);
  }
  assert.ok((counts.get(2) ?? 0) > 0 && (counts.get(1) ?? 0) > 0, `both kinds of edit met: ${JSON.stringify([...counts])}`);
});

test('reuse: typing the name of a plain field asks the lint only (the datamodel kept, the field renamed); the answers are those of a fresh load', () => {
  let text = BASE.replace('  site  String @default("see //here")\n', '  site  String @default("see //here")\n  nick  String? @db.VarChar(40)\n  age   Int\n');
  load([text]);
  const steps: [string, string, number, string][] = [
    ['  nick  String?', '  nickx  String?', 1, 'a plain field renamed (@db.VarChar): the lint only'],
    ['  nickx  String?', '  nickxy  String?', 1, 'again'],
    ['  nickxy  String?', '  nickx  String?', 1, 'a letter deleted'],
    ['  age   Int', '  ages   Int', 1, 'a field with no attributes'],
    ['  ages   Int', '  ages2   Int', 1, 'a digit typed'],
    ['  site  String', '  sites  String', 1, '@default'],
    ['  email String', '  emails String', 2, '@unique derives a constraint name from the field: lint and datamodel'],
    ['  authorId Int', '  authorIdx Int', 2, 'a name the relation reads: lint and datamodel (dropped: the relation broke)'],
    ['  authorIdx Int', '  authorId Int', 2, 'mended: the lint, then the datamodel'],
    ['  id    Int    @id\n', '  idx    Int    @id\n', 2, '@id'],
    ['  idx    Int    @id\n', '  id    Int    @id\n', 2, 'taken back'],
    ['  ages2   Int', '  nickx   Int', 2, 'a name the model already has: lint and datamodel (dropped)'],
    ['  nickx   Int\n', '  nicky   Int\n', 2, 'renamed away from the clash: the lint, then the datamodel'],
    ['  nicky   Int\n', '  nick   Int // nick\n', 2, 'more than a name changed'],
    ['  nick   Int', '  nickz   Int', 2, 'a name a comment mentions'],
    ['  nickz   Int', '  nickzz   Int', 1, 'a name nothing else mentions: the lint only'],
  ];
  for (const [find, replace, calls, why] of steps) {
    text = edit(text, find, replace);
    assert.equal(load([text]), calls, why);
  }
});
