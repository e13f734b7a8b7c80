/**
 * The VS Code client: starts the language server over IPC and adds the editor-only parts (status bar,
 * commands). All analysis happens in the server.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, type ClientInitOptions, type StatusParams } from '../../server/src/lsp/protocol';

const PRISMA_EXTENSION_ID = 'Prisma.prisma';
let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('db-design', { log: true });
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.name = 'db-design';
  status.text = '$(sync~spin) db-design';
  status.command = 'dbDesign.showOutput';
  context.subscriptions.push(output, status);

  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const initializationOptions: ClientInitOptions = {
    prismaExtensionActive: vscode.extensions.getExtension(PRISMA_EXTENSION_ID)?.isActive ?? false,
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'prisma' },
      { scheme: 'file', language: 'sql' },
      { scheme: 'untitled', language: 'prisma' },
      { scheme: 'untitled', language: 'sql' },
    ],
    synchronize: {
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/db-design.json'),
        vscode.workspace.createFileSystemWatcher('**/*.prisma'),
        vscode.workspace.createFileSystemWatcher('**/*.sql'),
      ],
    },
    initializationOptions,
    outputChannel: output,
  };

  client = new LanguageClient('dbDesign', 'db-design', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onNotification(StatusNotification, (params: StatusParams) => updateStatus(status, params)),
    vscode.window.onDidChangeActiveTextEditor(() => status.show()),
    vscode.commands.registerCommand('dbDesign.restartServer', async () => {
      status.text = '$(sync~spin) db-design';
      await client?.restart();
    }),
    vscode.commands.registerCommand('dbDesign.showOutput', () => output.show(true)),
  );
  status.show();
  await client.start();
}

function updateStatus(item: vscode.StatusBarItem, params: StatusParams): void {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  if (params.uri && params.uri !== active) return;
  const c = params.counts;
  if (!c) {
    item.text = '$(database) db-design';
    item.tooltip = 'db-design is ready';
    return;
  }
  item.text = `$(database) ${c.error} $(error) ${c.warning} $(warning)`;
  item.tooltip = `db-design: ${c.error} errors, ${c.warning} warnings, ${c.info} infos, ${c.hint} hints in this file`;
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
