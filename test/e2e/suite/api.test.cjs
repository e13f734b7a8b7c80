// @ts-check
// End-to-end API tests: the packaged extension, in a real extension host, against the fixture workspace.
// The same module runs under code-server (see ../test-extension) and under @vscode/test-electron.
'use strict';

const assert = require('node:assert/strict');
const vscode = require('vscode');
const { suite } = require('./harness.cjs');
const {
  applyCodeAction,
  codeActions,
  describeDiagnostics,
  hoverText,
  openWorkspaceFile,
  waitForDiagnostics,
  withRule,
} = require('./vscode-helpers.cjs');

const FK = 'fk-missing-index';
const TIMESTAMPTZ = 'prefer-timestamptz';

/**
 * One entry per front end; each fixture holds exactly one unindexed foreign key and one timestamp
 * without time zone, so "the finding is gone" means "no finding of that rule is left in the file".
 * `flagged` is how the underlined text must start: a span that starts mid-token means a position went
 * wrong between the parser and the editor (the fixtures put non-ASCII text before the findings).
 * @type {{ name: string, file: string, languageId: string, flagged: RegExp, fixTitle: RegExp, fixedText: RegExp }[]}
 */
const CASES = [
  {
    name: 'prisma',
    file: 'prisma/schema.prisma',
    languageId: 'prisma',
    flagged: /^(authorId\b|author\b|@relation\b)/,
    fixTitle: /^Add @@index\(\[authorId\]\)$/,
    fixedText: /^\s*@@index\(\[authorId\]\)\s*$/m,
  },
  {
    name: 'postgresql migration',
    file: 'migrations/001_init/migration.sql',
    languageId: 'sql',
    flagged: /^(author_id\b|REFERENCES\b)/i,
    fixTitle: /^Create index\b/i,
    // Index name as RULES.md specifies it: <table>_<cols>_idx.
    fixedText: /CREATE INDEX (CONCURRENTLY )?posts_author_id_idx ON (public\.)?posts \(author_id\);/i,
  },
  {
    // The client hands it to the server because drizzle-app/package.json depends on drizzle-orm.
    name: 'drizzle schema',
    file: 'drizzle-app/src/db/schema.ts',
    languageId: 'typescript',
    flagged: /^(authorId\b|references\b|\.references\b)/,
    fixTitle: /^Create index on posts \(authorId\)$/,
    // Added to the table's callback, after the index that is there.
    fixedText: /\(t\) => \[\s*index\('posts_title_idx'\)\.on\(t\.title\),\s*index\('posts_author_id_idx'\)\.on\(t\.authorId\),?\s*\]/,
  },
  {
    // TypeORM entities: typeorm-app/package.json depends on typeorm, and has no ormconfig or migrations.
    name: 'typeorm entity',
    file: 'typeorm-app/src/entity/post.entity.ts',
    languageId: 'typescript',
    flagged: /^ManyToOne\(/,
    fixTitle: /^Create index on Post \(author_id\)$/,
    // `@Index()` above the relation, `Index` imported.
    fixedText: /import \{[^}]*\bIndex\b[^}]*\} from 'typeorm';[\s\S]*\n  @Index\(\)\n  @ManyToOne\(\(\) => User/,
  },
];

/** @param {vscode.Diagnostic[]} diagnostics */
const hasBothFindings = (diagnostics) =>
  withRule(diagnostics, FK).length > 0 && withRule(diagnostics, TIMESTAMPTZ).length > 0;

/** @type {Map<string, ReturnType<typeof waitForFindings>>} */
const opened = new Map();

/**
 * Opens the fixture and waits until the server has reported both findings for it. Shared by the tests of
 * a case, so that a server that never reports costs one timeout, not one per test.
 * @param {(typeof CASES)[number]} c
 */
function openWithFindings(c) {
  let pending = opened.get(c.file);
  if (!pending) {
    pending = waitForFindings(c);
    opened.set(c.file, pending);
  }
  return pending;
}

/**
 * The case of that name (a typo in a test is an error, not an undefined case).
 * @param {string} name
 */
function caseNamed(name) {
  const c = CASES.find((x) => x.name === name);
  if (!c) throw new Error(`no case named ${name}`);
  return c;
}

/** @param {(typeof CASES)[number]} c */
async function waitForFindings(c) {
  const document = await openWorkspaceFile(c.file);
  const diagnostics = await waitForDiagnostics(document.uri, hasBothFindings, `${FK} and ${TIMESTAMPTZ} in ${c.file}`);
  const [fk] = withRule(diagnostics, FK);
  return { document, diagnostics, fk };
}

module.exports = suite('api', (test) => {
  for (const c of CASES) {
    test(`${c.name}: reports ${FK} and ${TIMESTAMPTZ}`, async () => {
      const { document, diagnostics, fk } = await openWithFindings(c);
      assert.equal(document.languageId, c.languageId, `language of ${c.file}`);
      assert.equal(withRule(diagnostics, FK).length, 1, `one ${FK}: ${describeDiagnostics(diagnostics)}`);
      assert.equal(fk.severity, vscode.DiagnosticSeverity.Warning, `${FK} severity`);
      const flagged = document.getText(fk.range);
      assert.match(flagged, c.flagged, `${FK} underlines the foreign key; it underlines ${JSON.stringify(flagged)}`);
    });

    test(`${c.name}: hover on the finding explains ${FK}`, async () => {
      const { document, fk } = await openWithFindings(c);
      const text = await hoverText(document.uri, fk.range.start);
      assert.match(text, new RegExp(FK), `hover at ${FK} mentions the rule; hover was: ${JSON.stringify(text)}`);
    });

    test(`${c.name}: offers source.fixAll.db-design`, async () => {
      const { document } = await openWithFindings(c);
      const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
      const actions = await codeActions(document.uri, whole, vscode.CodeActionKind.SourceFixAll.value);
      const kinds = actions.map((a) => a.kind?.value);
      assert.ok(kinds.includes('source.fixAll.db-design'), `source.fixAll kinds offered: ${JSON.stringify(kinds)}`);
    });

    test(`${c.name}: the quick fix for ${FK} removes it`, async () => {
      const { document, fk } = await openWithFindings(c);
      const actions = await codeActions(document.uri, fk.range);
      const titles = actions.map((a) => a.title);
      const fix = actions.find((a) => c.fixTitle.test(a.title));
      assert.ok(fix, `a fix titled ${c.fixTitle} among ${JSON.stringify(titles)}`);
      assert.ok(fix.kind && vscode.CodeActionKind.QuickFix.contains(fix.kind), `"${fix.title}" is a quickfix`);
      for (const scope of ['line', 'file']) {
        const title = `Disable ${FK} for this ${scope}`;
        assert.ok(titles.includes(title), `"${title}" among ${JSON.stringify(titles)}`);
      }

      await applyCodeAction(fix);
      // The other finding must survive: a file that no longer parses would also have "no fk-missing-index".
      await waitForDiagnostics(
        document.uri,
        (ds) => withRule(ds, FK).length === 0 && withRule(ds, TIMESTAMPTZ).length > 0,
        `${FK} to disappear (and ${TIMESTAMPTZ} to stay) after "${fix.title}"`,
      );
      assert.match(document.getText(), c.fixedText, `text after "${fix.title}"`);
      // Leave the workspace clean: a dirty editor would prompt when the window goes away.
      assert.ok(await document.save(), `saving ${c.file}`);
    });
  }

  for (const [name, other] of [
    ['drizzle schema', 'drizzle-app/src/posts.ts'],
    ['typeorm entity', 'typeorm-app/src/posts.service.ts'],
  ]) {
    test(`${name}: other TypeScript of the project gets no diagnostics`, async () => {
      const schema = await openWithFindings(caseNamed(name));
      const document = await openWorkspaceFile(other);
      assert.equal(document.languageId, 'typescript');
      // The schema opened first has its findings, so the server is up; one more edit round for the other file.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.ok(vscode.languages.getDiagnostics(schema.document.uri).length > 0, 'the schema has diagnostics');
      const own = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'db-design');
      assert.equal(own.length, 0, `db-design diagnostics on ${other}: ${describeDiagnostics(own)}`);
    });
  }

  // Last in this suite: the client restarts the server with a new document selector.
  test('a package.json that starts depending on typeorm hands its entities to the server, without a reload', async () => {
    await openWithFindings(caseNamed('typeorm entity'));
    const document = await openWorkspaceFile('late-orm-app/src/entity/tag.entity.ts');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const before = vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'db-design');
    assert.equal(before.length, 0, `db-design diagnostics before typeorm is a dependency: ${describeDiagnostics(before)}`);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the workspace folder is open');
    const pkg = vscode.Uri.joinPath(folder.uri, 'late-orm-app', 'package.json');
    const json = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(pkg)).toString('utf8'));
    json.dependencies.typeorm = '^0.3.20';
    await vscode.workspace.fs.writeFile(pkg, Buffer.from(`${JSON.stringify(json, null, 2)}\n`));
    await waitForDiagnostics(document.uri, (ds) => withRule(ds, TIMESTAMPTZ).length === 1, `${TIMESTAMPTZ} in tag.entity.ts once typeorm is a dependency`);
  });
});
