/**
 * The language server: the only module that knows LSP types. It keeps open documents, asks the
 * engine for findings, and converts findings, fixes and hovers into LSP shapes.
 */
import * as fs from 'node:fs';
import {
  CreateFile,
  TextDocumentEdit,
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  DiagnosticTag,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeActionParams,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Engine, fileNotice, isScriptPath, languageOf, looksBinary, MAX_FILE_BYTES, pathToUri, uriToPath, type AnalysisHost, type FileAnalysis } from '../engine/analyze';
import type { ConfigOverrides } from '../engine/config';
import { docsUrl } from '../engine/docs';
import { configTarget, newConfigText, setRuleSeverityEdits } from '../engine/config-edit';
import { fixAllEdits } from '../engine/edits';
import { hoverAt } from '../engine/hover';
import { suppressionFixes } from '../engine/suppression';
import { PACKAGE_VERSION } from '../engine/version';
import { ruleById } from '../rules/registry';
import { Budget } from '../model/budget';
import type { Finding, Severity, SeveritySetting, TextEdit } from '../model/findings';
import { LineIndex, type Span } from '../model/text';
import { allowGit } from '../workspace/git';
import { inScriptMigrationFolder } from '../workspace/script-migrations';
import { WATCHED_FILE_GLOBS } from '../workspace/watched';
import { detectedOf } from '../engine/detected';
import { afterTriviaEdit } from '../engine/shifted';
import { registerFeatures } from './features';
import { DEFAULT_SETTINGS, readSettings } from './settings';
import { Scheduler } from './schedule';
import { FIX_ALL_KIND, PreviewDocumentsNotification, PrismaExtensionNotification, ServerState, StatusNotification, type ClientInitOptions, type EditorSettings, type EngineInfo, type PrismaExtensionParams, type PreviewDocumentsParams } from './protocol';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Work on one document stops after this long and reports what it has, so the editor never freezes (`editorBudgetMs` changes it). */
const EDITOR_BUDGET_MS = 2000;
/**
 * The first run on a document that was just opened stops sooner (at most this long), so a large file shows
 * its first findings early; the runs that go on from there have the whole budget.
 */
const OPEN_BUDGET_MS = 1000;
/** After keystrokes answered by moving the last analysis, the full one runs when typing pauses this long. */
const SETTLE_MS = 1500;

export function startServer(connection: Connection): void {
  const documents = new TextDocuments(TextDocument);
  const analyses = new Map<string, FileAnalysis>();
  /** What was last logged about each project (the output channel says it again only when it changes). */
  const loggedProjects = new Map<string, string>();
  const settingsCache = new Map<string, Promise<EditorSettings>>();
  const resolvedSettings = new Map<string, EditorSettings>();
  const scheduler = new Scheduler((uri) => validate(uri));
  const schedule = (uri: string, delay: number) => scheduler.schedule(uri, delay);
  /** Documents open only for the client's preview: not checked, no problems published (see the protocol). */
  const previewOnly = new Set<string>();
  let supportsConfiguration = false;
  let supportsWatching = false;
  /** Workspace folders (paths), where a new db-design.json goes. */
  let workspaceRoots: string[] = [];
  let initOptions: ClientInitOptions = {};

  // Open documents win over the disk, so unsaved edits in one schema file reach the others.
  // Bumped on every edit, open, close and change on disk: the engine re-reads files only then.
  let revision = 0;
  /** Per open document, how many of the revisions were its own edits; per analysis, where both stood when it ran. */
  const ownEdits = new Map<string, number>();
  const analysedAt = new WeakMap<FileAnalysis, { revision: number; own: number }>();
  /** Documents whose next run is the full analysis after keystrokes answered by moving the last one (shifted.ts). */
  const settling = new Set<string>();
  const host: AnalysisHost = {
    revision: () => revision,
    readFile(fsPath) {
      for (const doc of documents.all()) if (uriToPath(doc.uri) === fsPath) return doc.getText();
      try {
        return fs.readFileSync(fsPath, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDir(fsPath) {
      try {
        return fs.readdirSync(fsPath, { withFileTypes: true }).map((e) => ({ name: e.name, isDir: e.isDirectory() }));
      } catch {
        return [];
      }
    },
  };

  const engine = new Engine(host, (uri): ConfigOverrides => {
    const s = resolvedSettings.get(uri) ?? DEFAULT_SETTINGS;
    return { rules: s.rules, dialect: s.dialect, dialectFrom: 'dbDesign.dialect setting', postgresVersion: s.postgresVersion, prismaEngine: s.prismaEngine };
  });
  const features = registerFeatures({ connection, documents, engine, host });

  function settingsFor(uri: string): Promise<EditorSettings> {
    if (!supportsConfiguration) return Promise.resolve(DEFAULT_SETTINGS);
    const cached = settingsCache.get(uri);
    if (cached) return cached;
    const pending = connection.workspace
      .getConfiguration({ scopeUri: uri, section: 'dbDesign' })
      .then((raw: unknown) => readSettings(raw))
      .catch(() => DEFAULT_SETTINGS);
    settingsCache.set(uri, pending);
    return pending;
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    supportsConfiguration = !!params.capabilities.workspace?.configuration;
    supportsWatching = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    workspaceRoots = [...(params.workspaceFolders ?? []).map((f) => f.uri), ...(params.rootUri ? [params.rootUri] : [])]
      .map((u) => uriToPath(u))
      .filter((p): p is string => p !== undefined);
    initOptions = (params.initializationOptions ?? {}) as ClientInitOptions;
    allowGit(initOptions.trusted !== false);
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        hoverProvider: true,
        ...features.capabilities(params),
      },
      serverInfo: { name: 'db-design', version: PACKAGE_VERSION },
    };
  });

  connection.onInitialized(() => {
    features.initialized();
    if (supportsConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'dbDesign' }).catch(() => undefined);
    }
    // The server knows which files its findings depend on (a runner's metadata.toml, a drizzle.config.ts, ...).
    if (supportsWatching) {
      const watchers = WATCHED_FILE_GLOBS.map((globPattern) => ({ globPattern }));
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    void connection.sendNotification(StatusNotification, { state: ServerState.Ready });
  });

  // Prisma's own diagnostics are shown only while the official Prisma extension is not showing them.
  connection.onNotification(PrismaExtensionNotification, (params: PrismaExtensionParams) => {
    initOptions = { ...initOptions, prismaExtensionActive: params.active };
    for (const doc of documents.all()) if (languageOf(doc.uri) === 'prisma') schedule(doc.uri, 0);
  });

  connection.onNotification(PreviewDocumentsNotification, (params: PreviewDocumentsParams) => {
    for (const uri of params.add ?? []) {
      previewOnly.add(uri);
      if (documents.get(uri)) schedule(uri, 0);
    }
    for (const uri of params.release ?? []) if (previewOnly.delete(uri) && documents.get(uri)) schedule(uri, 0);
  });

  connection.onDidChangeConfiguration(() => {
    revision++;
    settingsCache.clear();
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });

  // A schema, a migration, db-design.json or a file that tells the engine or runner changed on disk:
  // every open file may depend on it, and the engine re-reads what it knows of the project.
  connection.onDidChangeWatchedFiles(() => {
    revision++;
    for (const doc of documents.all()) schedule(doc.uri, 0);
  });

  documents.onDidOpen((e) => {
    revision++;
    schedule(e.document.uri, 0);
  });
  documents.onDidChangeContent((e) => {
    revision++;
    ownEdits.set(e.document.uri, (ownEdits.get(e.document.uri) ?? 0) + 1);
    settling.delete(e.document.uri);
    // Other open files of the same Prisma schema or migration history see this file's unsaved text.
    scheduler.edited(e.document.uri, dependentsOf(e.document.uri, e.document.getText()));
  });
  documents.onDidClose((e) => {
    revision++;
    scheduler.forget(e.document.uri);
    analyses.delete(e.document.uri);
    ownEdits.delete(e.document.uri);
    settling.delete(e.document.uri);
    settingsCache.delete(e.document.uri);
    // A preview's file stays the preview's when closed: Apply reopens it to edit it (VS Code drops the
    // diff's documents a moment after the diff closes), and that is still not the user opening it.
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  /**
   * The open files an edit of `uri` may change the findings of: its schema folder or migration set, and for a
   * Drizzle schema or TypeORM entity file the other open ones (their tables reference each other).
   */
  function dependentsOf(uri: string, text: string): string[] {
    const language = languageOf(uri, text);
    // Other TypeScript of a Drizzle or TypeORM project: no file depends on it, and no work is done for it.
    if (!language && isScriptPath(uri) && !inScriptMigrationFolder(uri)) return [];
    const deps = engine.dependents(uri).filter((dep) => documents.get(dep));
    if (language !== 'typescript') return deps;
    const others = documents.all().filter((d) => d.uri !== uri && !deps.includes(d.uri) && languageOf(d.uri, d.getText()) === 'typescript');
    return [...deps, ...others.map((d) => d.uri)];
  }

  async function validate(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    if (previewOnly.has(uri)) {
      analyses.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    // Scripts are read only when their text says so (a migration tool's raw SQL, a Drizzle schema).
    const language = languageOf(uri, doc.getText()) ?? (doc.languageId === 'prisma' ? 'prisma' : doc.languageId === 'sql' ? 'sql' : undefined);
    if (!language) {
      // A script that no longer declares tables (or never did) has nothing to show.
      if (analyses.delete(uri)) await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const version = doc.version;
    const settings = await settingsFor(uri);
    resolvedSettings.set(uri, settings);
    if (!settings.enable) {
      analyses.delete(uri);
      await connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const text = doc.getText();
    const lines = LineIndex.of(text);
    let findings: Finding[];
    let analysed: FileAnalysis | undefined;
    let engineInfo: EngineInfo | undefined;
    let detected: string[] | undefined;
    try {
      if (text.length > MAX_FILE_BYTES) {
        analyses.delete(uri);
        findings = [fileNotice(uri, 'syntax-error', 'info', `This file is ${(text.length / 1048576).toFixed(1)} MB; db-design skips files over ${MAX_FILE_BYTES / 1048576} MB to keep the editor responsive.`)];
      } else if (looksBinary(text)) {
        analyses.delete(uri);
        findings = [];
      } else {
        const at = { revision, own: ownEdits.get(uri) ?? 0 };
        const budgetMs = initOptions.editorBudgetMs ?? EDITOR_BUDGET_MS;
        const budget = new Budget(analyses.has(uri) ? budgetMs : Math.min(budgetMs, OPEN_BUDGET_MS));
        const analysis = moved(uri, text, at) ?? (await engine.analyze(uri, text, language, { budget }));
        // A newer edit arrived while analysing: its own run will publish.
        if (documents.get(uri)?.version !== version) return;
        if (initOptions.prismaExtensionActive) analysis.findings = analysis.findings.filter((f) => f.rule !== 'prisma-validation');
        analyses.set(uri, analysis);
        analysedAt.set(analysis, at);
        scheduler.ran(uri, version, analysis.partial);
        if (analysis.shifted) {
          settling.add(uri);
          scheduler.schedule(uri, SETTLE_MS);
        }
        findings = analysis.findings;
        analysed = analysis;
        const e = analysis.engine;
        const d = detectedOf(analysis);
        detected = d.facts;
        const logged = d.facts.join('\n');
        if (loggedProjects.get(d.project) !== logged) {
          loggedProjects.set(d.project, logged);
          connection.console.info(`Project ${d.project}:\n  ${d.facts.join('\n  ')}`);
        }
        engineInfo = { name: e.name, from: e.from, ...(e.detail ? { detail: e.detail } : {}), ...(e.file ? { file: pathToUri(e.file) } : {}) };
      }
    } catch (err) {
      connection.console.error(`db-design: analysing ${uri} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
      findings = [fileNotice(uri, 'syntax-error', 'info', 'db-design could not analyse this file (internal error; see the db-design output channel).')];
    }
    await connection.sendDiagnostics({ uri, version, diagnostics: analysed ? diagnosticsOf(analysed, lines) : findings.map((f) => toDiagnostic(f, lines)) });
    void connection.sendNotification(StatusNotification, { state: ServerState.Ready, uri, counts: countBySeverity(findings), engine: engineInfo, detected });
  }

  /** The diagnostics published for an analysis: one moved from it (shifted.ts) converts only its findings on the edited line. */
  const published = new WeakMap<FileAnalysis, Diagnostic[]>();
  function diagnosticsOf(analysis: FileAnalysis, lines: LineIndex): Diagnostic[] {
    // The same analysis again (a keystroke taken back gives back the analysis before it): the same text, the same diagnostics.
    const again = published.get(analysis);
    if (again) return again;
    const before = analysis.shifted && published.get(analysis.shifted.base);
    let out: Diagnostic[];
    if (before && before.length === analysis.findings.length) {
      // No line break was typed: a finding off the edited line keeps its line and character.
      const line = lines.positionAt(analysis.shifted!.change.from).line;
      const start = lines.offsetAt({ line, character: 0 });
      const end = lines.offsetAt({ line: line + 1, character: 0 });
      out = analysis.findings.map((f, i) => (f.span.end < start || f.span.start >= end ? before[i] : toDiagnostic(f, lines)));
    } else out = analysis.findings.map((f) => toDiagnostic(f, lines));
    published.set(analysis, out);
    return out;
  }

  /**
   * After keystrokes that change no statement (in a comment, spaces between tokens), and nothing else changed since the last analysis of the document
   * (no other edit, no file on disk, no setting): that analysis, its places moved (shifted.ts). Not for the
   * run that settles such keystrokes once typing pauses.
   */
  function moved(uri: string, text: string, at: { revision: number; own: number }): FileAnalysis | undefined {
    const previous = analyses.get(uri);
    const last = previous && analysedAt.get(previous);
    if (!previous || !last || settling.delete(uri)) return undefined;
    if (at.revision - last.revision !== at.own - last.own) return undefined;
    return afterTriviaEdit(previous, text);
  }

  connection.onHover((params) => {
    const analysis = analyses.get(params.textDocument.uri);
    const doc = documents.get(params.textDocument.uri);
    if (!analysis || !doc || analysis.text !== doc.getText()) return null;
    const lines = LineIndex.of(analysis.text);
    const hover = hoverAt(analysis, lines.offsetAt(params.position));
    if (!hover) return null;
    return { contents: { kind: 'markdown', value: hover.markdown }, range: toRange(hover.span, lines) };
  });

  connection.onCodeAction((params: CodeActionParams): CodeAction[] => {
    const uri = params.textDocument.uri;
    const analysis = analyses.get(uri);
    const doc = documents.get(uri);
    if (!analysis || !doc || analysis.text !== doc.getText()) return [];
    const lines = LineIndex.of(analysis.text);
    const only = params.context.only;
    const wants = (kind: string) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
    const actions: CodeAction[] = [];

    // Only when asked for by kind (on save, the Source Action menu): the light bulb's requests (no `only`)
    // drop source actions, and working out every fix of the file at each cursor move cost a second on a large file.
    if (only && wants(FIX_ALL_KIND)) {
      const edits = fixAllEdits(analysis.findings, uri);
      if (edits.length) {
        actions.push({ title: 'Fix all safe db-design problems', kind: FIX_ALL_KIND, edit: workspaceEdit(edits, analysis) });
      }
    }
    if (!wants(CodeActionKind.QuickFix)) return actions;

    const start = lines.offsetAt(params.range.start);
    const end = lines.offsetAt(params.range.end);
    for (const finding of analysis.findings) {
      if (finding.span.end < start || finding.span.start > end) continue;
      const diagnostic = toDiagnostic(finding, lines);
      for (const fix of finding.fixes) {
        actions.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred: fix.preferred,
          edit: workspaceEdit(fix.edits, analysis),
        });
      }
      const sameRule = analysis.findings.filter((f) => f.rule === finding.rule && f.fixes.some((x) => x.safe));
      if (sameRule.length > 1 && finding.fixes.some((x) => x.safe)) {
        actions.push({
          title: `Fix all ${finding.rule} problems in this file`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          edit: workspaceEdit(fixAllEdits(sameRule, uri), analysis),
        });
      }
      // A migration that has run is never edited, not even by a suppression comment.
      if (finding.rule !== 'unused-suppression' && analysis.age?.status !== 'history') {
        for (const fix of suppressionFixes(finding, analysis.text, analysis.language, lines, analysis.unit.lineCommentAt)) {
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(fix.edits, analysis) });
        }
      }
      // As ESLint users expect: settle the rule for the whole project in db-design.json.
      for (const a of ruleConfigActions(finding, analysis)) actions.push({ ...a, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic] });
    }
    return actions;
  });

  /** "Turn off <rule> for this project" and "Change <rule> severity to ...", editing or creating db-design.json. */
  function ruleConfigActions(finding: Finding, analysis: FileAnalysis): { title: string; edit: WorkspaceEdit }[] {
    const meta = ruleById(finding.rule)?.meta;
    const fsPath = uriToPath(analysis.uri);
    if (!meta || !fsPath || finding.rule === 'unused-suppression') return [];
    const target = configTarget(analysis.config.file, fsPath, workspaceRoots);
    const uri = pathToUri(target.file);
    const text = target.exists ? host.readFile(target.file) : undefined;
    if (target.exists && text === undefined) return [];
    const edit = (severity: SeveritySetting): WorkspaceEdit => {
      if (text === undefined) {
        return { documentChanges: [CreateFile.create(uri, { ignoreIfExists: true }), TextDocumentEdit.create({ uri, version: null }, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: newConfigText(finding.rule, severity) }])] };
      }
      const idx = new LineIndex(text);
      return { changes: { [uri]: setRuleSeverityEdits(text, finding.rule, severity).map((e) => ({ range: toRange({ start: e.offset, end: e.offset + e.length }, idx), newText: e.content })) } };
    };
    const where = target.exists ? '' : ' (creates db-design.json)';
    const current = analysis.config.severity(finding.rule);
    const order: SeveritySetting[] = ['hint', 'info', 'warning', 'error'];
    const i = order.indexOf(current);
    const others = [order[i + 1], order[i - 1]].filter((x): x is SeveritySetting => x !== undefined);
    return [
      { title: `Turn off ${finding.rule} for this project${where}`, edit: edit('off') },
      ...others.map((sev) => ({ title: `Change ${finding.rule} severity to ${sev} for this project${where}`, edit: edit(sev) })),
    ];
  }

  function workspaceEdit(edits: TextEdit[], analysis: FileAnalysis): WorkspaceEdit {
    const changes: WorkspaceEdit['changes'] = {};
    const indexes = new Map<string, LineIndex>();
    // Fixes that move a statement into a new migration write to files that do not exist yet.
    const created = new Set<string>();
    for (const e of edits) {
      let idx = indexes.get(e.uri);
      if (!idx) {
        const known = e.uri === analysis.uri ? analysis.text : analysis.unit.files.find((f) => f.uri === e.uri)?.text;
        const fsPath = uriToPath(e.uri);
        const text = known ?? (fsPath ? host.readFile(fsPath) : undefined);
        if (text === undefined) created.add(e.uri);
        idx = new LineIndex(text ?? '');
        indexes.set(e.uri, idx);
      }
      (changes[e.uri] ??= []).push({ range: toRange(e.span, idx), newText: e.newText });
    }
    if (!created.size) return { changes };
    return {
      documentChanges: [
        ...[...created].map((uri) => CreateFile.create(uri, { ignoreIfExists: true })),
        ...Object.entries(changes).map(([uri, list]) => TextDocumentEdit.create({ uri, version: created.has(uri) ? null : (documents.get(uri)?.version ?? null) }, list)),
      ],
    };
  }

  documents.listen(connection);
  connection.listen();
}

function toRange(span: Span, lines: LineIndex): Range {
  return { start: lines.positionAt(span.start), end: lines.positionAt(span.end) };
}

function toDiagnostic(f: Finding, lines: LineIndex): Diagnostic {
  const d: Diagnostic = {
    range: toRange(f.span, lines),
    severity: SEVERITY[f.severity],
    source: 'db-design',
    code: f.rule,
    codeDescription: { href: docsUrl(f.rule) },
    message: f.message,
  };
  if (f.tags?.includes('unnecessary')) d.tags = [DiagnosticTag.Unnecessary];
  return d;
}

function countBySeverity(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

