// Bundles the client, the language server and the CLI with esbuild, and ships the parsers' .wasm
// files next to the bundles (both wasm loaders look beside their own script, i.e. in dist/).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

// The Prisma 6 and 7 engines ship wasm files of the same name; the 6.x one is renamed in the bundle.
const PRISMA6_WASM = 'prisma6_schema_build_bg.wasm';
const renamePrisma6Wasm = {
  name: 'rename-prisma6-wasm',
  setup(build) {
    build.onLoad({ filter: /prisma-schema-wasm-6[\\/].*prisma_schema_build\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8');
      return { contents: source.replace('prisma_schema_build_bg.wasm', PRISMA6_WASM), loader: 'js' };
    });
  },
};

const wasmFiles = [
  ['node_modules/libpg-query/wasm/libpg-query.wasm', 'libpg-query.wasm'],
  ['node_modules/@prisma/prisma-schema-wasm/src/prisma_schema_build_bg.wasm', 'prisma_schema_build_bg.wasm'],
  ['node_modules/prisma-schema-wasm-6/src/prisma_schema_build_bg.wasm', PRISMA6_WASM],
];

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  plugins: [renamePrisma6Wasm],
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const entries = [
  { entryPoints: [path.join(root, 'client/src/extension.ts')], outfile: path.join(dist, 'client.js'), external: ['vscode'] },
  { entryPoints: [path.join(root, 'server/src/lsp/main.ts')], outfile: path.join(dist, 'server.js') },
  { entryPoints: [path.join(root, 'server/src/cli/main.ts')], outfile: path.join(dist, 'cli.js') },
  // Prisma's engine on a second thread (server/src/prisma/engine-thread.ts finds it beside the bundles).
  { entryPoints: [path.join(root, 'server/src/prisma/engine-worker.ts')], outfile: path.join(dist, 'engine-worker.js') },
];

fs.mkdirSync(dist, { recursive: true });
for (const [from, to] of wasmFiles) fs.copyFileSync(path.join(root, from), path.join(dist, to));

const started = Date.now();
if (watch) {
  for (const e of entries) await (await esbuild.context({ ...common, ...e })).watch();
  console.log('watching for changes...');
} else {
  await Promise.all(entries.map((e) => esbuild.build({ ...common, ...e })));
  console.log(`built ${entries.length} bundles in ${Date.now() - started} ms`);
}
