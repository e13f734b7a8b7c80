/**
 * The VS Code client: starts the language server over IPC and adds the editor-only parts (status bar,
 * commands, the report panel). All analysis, fixing, formatting and report rendering happen in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { documentSelectorFor, PrismaExtensionNotification, scriptOrmProjectDirs, StatusNotification, type ClientInitOptions, type StatusParams } from '../../server/src/lsp/protocol';
import { showRuleDocumentation } from './commands/docs';
import { FIXED_SCHEME, FixedTexts, fixAllInFile, fixAllInWorkspace, PreviewDocuments, type WorkspaceFixOptions } from './commands/fix-all';
import { formatSql } from './commands/format';
import { showReport } from './commands/report';
import { StatusItem } from './status';

const PRISMA_EXTENSION_ID = 'Prisma.prisma';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('db-design', { log: true });
  context.subscriptions.push(output);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  // Installed is what counts, not active: both extensions activate on the same .prisma file, and
  // ours may start first.
  const prismaExtensionPresent = () => vscode.extensions.getExtension(PRISMA_EXTENSION_ID) !== undefined;
  let prismaPresent = prismaExtensionPresent();
  const initializationOptions: ClientInitOptions = { prismaExtensionActive: prismaPresent, trusted: vscode.workspace.isTrusted };
  let ormProjects = await scriptOrmProjects();
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelectorFor(ormProjects),
    // No synchronize.fileEvents: the server registers the files it depends on (workspace/watched.ts).
    initializationOptions,
    outputChannel: output,
  };

  const lc = (client = new LanguageClient('dbDesign', 'db-design', serverOptions, clientOptions));
  const status = new StatusItem(lc);
  const fixedTexts = new FixedTexts();
  const previews = new PreviewDocuments(lc);
  const restart = async () => {
    await lc.restart();
  };
  context.subscriptions.push(
    status,
    previews,
    lc.onNotification(StatusNotification, (params: StatusParams) => status.update(params)),
    vscode.commands.registerCommand('dbDesign.restartServer', restart),
    vscode.commands.registerCommand('dbDesign.showOutput', () => output.show(true)),
    vscode.commands.registerCommand('dbDesign.showReport', async (clicked?: vscode.Uri, selected?: vscode.Uri[]) => {
      const panel = await showReport(lc, clicked, selected);
      // Resolves once the page is there, so callers (and tests) can wait for it.
      const result = await panel?.firstRender;
      return result ? { title: result.title, files: result.files } : undefined;
    }),
    vscode.commands.registerCommand('dbDesign.fixAllInFile', () => fixAllInFile(lc)),
    vscode.workspace.registerTextDocumentContentProvider(FIXED_SCHEME, fixedTexts),
    vscode.commands.registerCommand('dbDesign.fixAllInWorkspace', (options?: WorkspaceFixOptions) => fixAllInWorkspace(lc, fixedTexts, previews, options)),
    vscode.commands.registerCommand('dbDesign.formatSql', () => formatSql(lc)),
    vscode.commands.registerCommand('dbDesign.showRuleDocumentation', (ruleId?: unknown) => showRuleDocumentation(lc, typeof ruleId === 'string' ? ruleId : undefined)),
    // The server registers SQL formatting once, at start; switching it on or off needs a new server.
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('dbDesign.format.enable')) void restart();
    }),
    // Restricted Mode runs no git (see package.json capabilities); trust granted, a new server may.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      initializationOptions.trusted = true;
      void restart();
    }),
    // A package.json that starts (or stops) depending on drizzle-orm or typeorm changes which TypeScript the
    // server is handed: the selector is fixed while a client runs, so a new one starts with the new selector.
    watchPackageJsons(async () => {
      const now = await scriptOrmProjects();
      if (now.join('\n') === ormProjects.join('\n')) return;
      ormProjects = now;
      lc.clientOptions.documentSelector = documentSelectorFor(now);
      output.info(`Drizzle/TypeORM projects now: ${now.length ? now.join(', ') : 'none'}; restarting the server with their TypeScript files.`);
      await restart();
    }),
    vscode.extensions.onDidChange(() => {
      const now = prismaExtensionPresent();
      if (now === prismaPresent) return;
      prismaPresent = now;
      void lc.sendNotification(PrismaExtensionNotification, { active: now });
    }),
  );
  await lc.start();
}

/**
 * The folders of the workspace's package.json files that depend on Drizzle or TypeORM: their TypeScript and
 * JavaScript files go to the server (which reads only the ones declaring tables or entities). Other projects'
 * TypeScript never does, beyond scripts below a migrations folder.
 */
async function scriptOrmProjects(): Promise<string[]> {
  if (!vscode.workspace.workspaceFolders?.length) return [];
  const files = await vscode.workspace.findFiles('**/package.json', '**/node_modules/**', 500);
  const read = await Promise.all(
    files
      .filter((f) => f.scheme === 'file')
      .map(async (f) => {
        try {
          return { path: f.fsPath, text: Buffer.from(await vscode.workspace.fs.readFile(f)).toString('utf8') };
        } catch {
          // An unreadable package.json names no ORM.
          return { path: f.fsPath, text: undefined };
        }
      }),
  );
  return scriptOrmProjectDirs(read);
}

/** Calls `changed` once a burst of package.json edits, creations or deletions (outside node_modules) settles. */
function watchPackageJsons(changed: () => Promise<void>): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/package.json');
  let timer: NodeJS.Timeout | undefined;
  const schedule = (uri: vscode.Uri) => {
    if (/[\\/]node_modules[\\/]/.test(uri.fsPath)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void changed(), 300);
  };
  const subscriptions = [watcher, watcher.onDidChange(schedule), watcher.onDidCreate(schedule), watcher.onDidDelete(schedule)];
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    for (const s of subscriptions) s.dispose();
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
