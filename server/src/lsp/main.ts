/**
 * Entry point of the language server. Transport comes from the command line, as every LSP client
 * expects: `--stdio`, `--node-ipc` (VS Code) or `--socket=N`.
 */
import { setFlagsFromString } from 'node:v8';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { releaseReadAsts } from '../sql/parse';
import { startServer } from './server';

/**
 * The server lives as long as the editor and analyses again at every keystroke, so most of what a run allocates
 * is garbage by the next one. By default V8 lets its heap grow by a large factor before a full collection: on a
 * 1 MB SQL file, open and ten edits in a name peaked at about 600 MB resident for about 100 MB live. Growing by
 * 20% at a time peaks at about 320 MB, for somewhat more time collecting (docs/performance.md).
 */
setFlagsFromString('--heap-growing-percent=20');
// For the same reason, a statement's AST goes once what the rules and the replay read of it is worked out.
releaseReadAsts(true);

if (process.argv.includes('--version')) {
  process.stdout.write('db-design-language-server\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: db-design-language-server --stdio | --node-ipc | --socket=<port>\n');
  process.exit(2);
}
startServer(createConnection(ProposedFeatures.all));
