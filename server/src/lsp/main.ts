/**
 * Entry point of the language server. Transport comes from the command line, as every LSP client
 * expects: `--stdio`, `--node-ipc` (VS Code) or `--socket=N`.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

if (process.argv.includes('--version')) {
  process.stdout.write('db-design-language-server\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: db-design-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
