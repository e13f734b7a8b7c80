// Runs code-server for the end-to-end tests: isolated from the user's own VS Code state, bound to
// loopback, in a process group of its own so that stopping it also stops the extension host and our
// language server.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { poll } from './wait.mjs';

/** Settings that keep the workbench quiet and deterministic: no tours, trust prompts or network. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'files.autoSave': 'off',
};

/**
 * @typedef {object} Profile  throwaway state for one run
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {NodeJS.ProcessEnv} env  environment with XDG_* redirected into the profile
 */

/**
 * Settings that turn workspace trust on and open folders in Restricted Mode without asking (the
 * default asks in a modal dialog on the first folder).
 */
export const RESTRICTED_MODE_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
  'security.workspace.trust.untrustedFiles': 'open',
  'security.workspace.trust.banner': 'always',
};

/**
 * code-server writes config and state under $HOME even for `--version`; the XDG variables move all of it
 * into the throwaway folder.
 * @param {string} dir
 * @param {Record<string, unknown>} [settings]  user settings over the quiet defaults
 * @returns {Profile}
 */
export function createProfile(dir, settings = {}) {
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const xdg = path.join(dir, 'xdg');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...USER_SETTINGS, ...settings }, null, 2));
  const env = {
    ...process.env,
    XDG_CONFIG_HOME: path.join(xdg, 'config'),
    XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'),
  };
  return { userDataDir, extensionsDir, env };
}

/**
 * Installs .vsix files into the profile and checks that code-server lists them afterwards (its CLI can
 * report a failed install and still exit 0).
 * @param {string} bin code-server executable
 * @param {Profile} profile
 * @param {{ vsix: string, id: string }[]} extensions
 */
export async function installExtensions(bin, profile, extensions) {
  const dirs = ['--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir];
  const install = extensions.flatMap((e) => ['--install-extension', e.vsix]);
  await run(bin, [...install, '--force', ...dirs], profile.env);
  const listed = (await run(bin, ['--list-extensions', ...dirs], profile.env)).split('\n').map((l) => l.trim());
  const missing = extensions.filter((e) => !listed.some((l) => l.toLowerCase() === e.id.toLowerCase()));
  if (missing.length > 0) {
    throw new Error(`not installed: ${missing.map((e) => e.id).join(', ')}; code-server lists: ${listed.join(', ')}`);
  }
}

/**
 * @typedef {object} CodeServer
 * @property {string} url  base URL, e.g. http://127.0.0.1:41234/
 * @property {(folder: string) => string} urlFor  workbench URL with `folder` open
 * @property {() => boolean} exited
 * @property {() => Promise<void>} stop
 */

/**
 * Starts code-server and resolves once /healthz answers.
 * @param {string} bin
 * @param {Profile} profile
 * @param {{ logFile: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, workspaceTrust?: boolean }} options
 *   `env` is merged in: code-server passes its environment on to the extension host. `workspaceTrust`
 *   keeps code-server's workspace trust (off by default: every folder is trusted).
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(bin, profile, options) {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const log = fs.openSync(options.logFile, 'a');
  const child = spawn(
    bin,
    [
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir', profile.userDataDir,
      '--extensions-dir', profile.extensionsDir,
    ],
    // detached = setsid: a process group of its own, so stop() reaches the extension host and language
    // server too, and a Ctrl+C in the terminal does not kill it behind our back before cleanup runs.
    { env: { ...profile.env, ...options.env }, stdio: ['ignore', log, log], detached: true },
  );
  fs.closeSync(log);
  let exitCode = /** @type {number | null | undefined} */ (undefined);
  const exited = new Promise((resolve) => {
    child.once('exit', (code, signal) => {
      exitCode = code ?? (signal ? -1 : 0);
      resolve(undefined);
    });
  });
  const hasExited = () => exitCode !== undefined;

  const server = {
    url,
    urlFor: (/** @type {string} */ folder) => `${url}?folder=${encodeURIComponent(folder)}`,
    exited: hasExited,
    async stop() {
      if (child.pid === undefined) return;
      killGroup(child.pid, 'SIGTERM');
      // It takes a few seconds to shut down cleanly; don't wait forever for it.
      const timer = setTimeout(() => killGroup(/** @type {number} */ (child.pid), 'SIGKILL'), 10_000);
      if (!hasExited()) await exited;
      clearTimeout(timer);
      // The extension host or language server may outlive the main process; the group takes them along.
      killGroup(child.pid, 'SIGKILL');
    },
  };

  try {
    await poll(
      async () => {
        if (hasExited()) throw new Error(`code-server exited with ${exitCode} before it was ready (log: ${options.logFile})`);
        try {
          return (await fetch(`${url}healthz`)).ok;
        } catch {
          return false; // not listening yet
        }
      },
      { timeoutMs: options.timeoutMs ?? 60_000, what: `code-server /healthz on ${url}` },
    );
  } catch (err) {
    await server.stop();
    throw err;
  }
  return server;
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (err) {
    // ESRCH: the group is already gone.
    if (/** @type {NodeJS.ErrnoException} */ (err).code !== 'ESRCH') throw err;
  }
}

/** A port the kernel says is free on loopback right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs a short code-server CLI command; resolves with stdout, rejects with the whole output.
 * @param {string} bin
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} env
 * @returns {Promise<string>}
 */
function run(bin, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`code-server ${args.join(' ')} exited with ${code}:\n${stdout}${stderr}`));
    });
  });
}
