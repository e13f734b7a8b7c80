/**
 * prisma/rename.ts against Prisma's own engine: for plain fields of the corpus's schemas, the datamodel before
 * an edit with the field renamed is exactly `get_datamodel` of the edited text, and a rename is refused where
 * the name means more (reuse.test.ts checks the whole front end against a fresh load).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import type { Datamodel } from '../../server/src/prisma/datamodel';
import { getDatamodel, lint } from '../../server/src/prisma/engine';
import { fieldRename, renamedDatamodel } from '../../server/src/prisma/rename';
import { scanPrisma } from '../../server/src/prisma/scan';
import { corpusRoot, NO_CORPUS, walk } from '../helpers/paths';

const SCHEMA = `datasource db {
  provider = "postgresql"
}

enum Role {
  ADMIN
  USER
}

/// People.
model User {
  id      Int     @id @default(autoincrement())
  email   String  @unique
  nick    String? @db.VarChar(40)
  role    Role    @default(USER)
  age     Int
  posts   Post[]
  @@index([age])
}

model Post {
  id       Int  @id
  authorId Int
  author   User @relation(fields: [authorId], references: [id])
  title    String
}
`;

/** The schema with the field named `name` (declared once) renamed to `to`; the rename read off the edit, if any. */
function rename(text: string, name: string, to: string) {
  const uri = 'file:///s/schema.prisma';
  const field = scanPrisma(uri, text).blocks.flatMap((b) => b.fields).find((f) => f.name === name);
  assert.ok(field, name);
  const now = text.slice(0, field.nameSpan.start) + to + text.slice(field.nameSpan.end);
  const r = fieldRename([scanPrisma(uri, text)], [{ uri, text: now }]);
  return { now, r, uri };
}

test('rename: the datamodel before, the field renamed, is the engine\'s datamodel after', () => {
  const before = getDatamodel(7, [{ uri: 'file:///s/schema.prisma', text: SCHEMA }]);
  assert.ok(before.ok);
  for (const name of ['nick', 'role', 'title']) {
    const { now, r, uri } = rename(SCHEMA, name, `${name}Renamed`);
    assert.deepEqual(r && { ...r }, { model: name === 'title' ? 'Post' : 'User', from: name, to: `${name}Renamed` }, name);
    const after = getDatamodel(7, [{ uri, text: now }]);
    assert.ok(after.ok);
    assert.deepEqual(renamedDatamodel(before.value, r!), after.value, name);
  }
});

test('rename: refused where the name means more than the field\'s own name', () => {
  const before = getDatamodel(7, [{ uri: 'file:///s/schema.prisma', text: SCHEMA }]);
  assert.ok(before.ok);
  for (const name of ['id', 'email', 'age', 'authorId', 'author', 'posts']) {
    const { r } = rename(SCHEMA, name, `${name}Renamed`);
    // A relation field passes the text's test; the datamodel says what it is.
    assert.equal(r && renamedDatamodel(before.value, r), undefined, name);
  }
  assert.equal(rename(SCHEMA, 'nick', 'title').r, undefined, 'a name the schema has elsewhere');
  const scanned = [scanPrisma('file:///s/schema.prisma', SCHEMA)];
  assert.equal(fieldRename(scanned, [{ uri: 'file:///s/schema.prisma', text: SCHEMA.replace('ADMIN', 'ADMINS') }]), undefined, 'an enum value');
  assert.equal(fieldRename(scanned, [{ uri: 'file:///s/schema.prisma', text: SCHEMA.replace('Int  @id', 'BigInt  @id') }]), undefined, 'a type');
});

test('rename: on the corpus\'s schemas, every rename accepted gives the engine\'s datamodel', (t) => {
  if (!corpusRoot) return t.skip(NO_CORPUS);
  let accepted = 0;
  for (const file of walk(corpusRoot, (f) => f.endsWith('.prisma'))) {
    const text = fs.readFileSync(file, 'utf8');
    const uri = `file://${file}`;
    if (!/^datasource\s/m.test(text)) continue;
    // The engine version that accepts the schema (Prisma 7 refuses a datasource `url`).
    const version = ([7, 6] as const).find((v) => {
      const linted = lint(v, [{ uri, text }]);
      return linted.ok && linted.value.every((d) => d.warning);
    });
    if (!version) continue;
    const before = getDatamodel(version, [{ uri, text }]);
    if (!before.ok) continue;
    // A few fields of each model, up to ten renames a schema: each costs the engine a whole datamodel.
    const fields = scanPrisma(uri, text).blocks.filter((b) => b.kind === 'model').flatMap((b) => b.fields.slice(0, 4));
    let here = 0;
    for (const field of fields) {
      if (here >= 10) break;
      const now = text.slice(0, field.nameSpan.start) + `${field.name}Zq` + text.slice(field.nameSpan.end);
      const r = fieldRename([scanPrisma(uri, text)], [{ uri, text: now }]);
      const patched: Datamodel | undefined = r && renamedDatamodel(before.value, r);
      if (!patched) continue;
      const after = getDatamodel(version, [{ uri, text: now }]);
      assert.ok(after.ok, `${file}: ${field.name}`);
      assert.deepEqual(patched, after.value, `${file}: ${field.name}`);
      accepted++;
      here++;
    }
  }
  assert.ok(accepted > 100, `${accepted} renames compared`);
});
