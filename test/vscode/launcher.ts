#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron's runTests starts: takes the
// same arguments, runs the tests in code-server's workbench inside headless Chromium, and exits
// with the code the workbench reports.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as util from 'util';
import { Browser, Page } from 'playwright-core';
import {
  RunningCodeServer,
  WorkbenchPaths,
  ensureCodeServer,
  launchChromium,
  startCodeServer,
  workbenchUrl,
} from './codeServer';

/** Tells tests in the extension host where the run's user data (logs included) lives. */
export const USER_DATA_DIR_ENV = 'CCU_TEST_USER_DATA_DIR';

// Variables named CCU_TEST_ENV_<NAME> reach the extension host as <NAME>: the explicit way to
// hand it credentials, which are otherwise kept out.
const FORWARD_PREFIX = 'CCU_TEST_ENV_';

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

// How lines the workbench logs on every run here begin, all harmless: start-up chatter, a GitHub
// sign-in that cannot happen offline, and cancellations while it shuts the extension host down.
const WORKBENCH_NOISE = [
  '[AgentHost',
  '[ChatModelSelection]',
  '[AccountPolicyGate]',
  '[reconnection-grace-time]',
  '[Service Worker]',
  'Resolving connection token',
  'Resolved connection token',
  'Creating a socket',
  'Updating additional builtin extensions',
  'Ignoring fetching additional builtin extensions',
  "Timed out waiting for authentication provider 'github'",
  'Canceled: Canceled',
];

interface LaunchArgs {
  extensionDevelopmentPaths: string[];
  extensionTestsPath: string | undefined;
  userDataDir: string | undefined;
  extensionsDir: string | undefined;
  folder: string | undefined;
}

interface AutomationLog {
  relativePath: string;
  contents: string;
}

/** Reads the flags runTests passes and ignores the desktop-only ones. */
export function parseArgs(argv: string[]): LaunchArgs {
  const parsed: LaunchArgs = {
    extensionDevelopmentPaths: [],
    extensionTestsPath: undefined,
    userDataDir: undefined,
    extensionsDir: undefined,
    folder: undefined,
  };
  for (const arg of argv) {
    const [flag, value] = splitFlag(arg);
    if (flag === '--extensionDevelopmentPath') {
      parsed.extensionDevelopmentPaths.push(value);
    } else if (flag === '--extensionTestsPath') {
      parsed.extensionTestsPath = value;
    } else if (flag === '--user-data-dir') {
      parsed.userDataDir = value;
    } else if (flag === '--extensions-dir') {
      parsed.extensionsDir = value;
    } else if (!arg.startsWith('-')) {
      parsed.folder = arg;
    }
  }
  return parsed;
}

function splitFlag(arg: string): [string, string] {
  const equals = arg.indexOf('=');
  return equals < 0 ? [arg, ''] : [arg.slice(0, equals), arg.slice(equals + 1)];
}

/** Fills in fresh temporary folders for whatever the caller left out. */
class RunFolders {
  private readonly temp: string[] = [];

  take(given: string | undefined, name: string): string {
    if (given) {
      fs.mkdirSync(given, { recursive: true });
      return path.resolve(given);
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccu-${name}-`));
    this.temp.push(dir);
    return dir;
  }

  removeTemporary(): void {
    for (const dir of this.temp) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function forwardedEnv(userDataDir: string): Record<string, string> {
  const env: Record<string, string> = { [USER_DATA_DIR_ENV]: userDataDir };
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith(FORWARD_PREFIX) && value !== undefined) {
      env[name.slice(FORWARD_PREFIX.length)] = value;
    }
  }
  return env;
}

/**
 * Exposes the smoke-test driver's hooks. The exit code comes wrapped in an object: an async
 * function returning a bare promise would make the caller wait for the run before navigating.
 */
async function exposeAutomationHooks(
  page: Page,
  userDataDir: string,
): Promise<{ exitCode: Promise<number> }> {
  let reportExit: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => (reportExit = resolve));

  // The extension host's console calls arrive here, format string and arguments apart. Mocha 12
  // colours its output under CI=true even with `color: false`, so the codes are taken out here.
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
    const line = util.stripVTControlCharacters(util.format(...args));
    if (isWorth(line)) {
      console.log(line);
    }
  });
  await page.exposeFunction('codeAutomationExit', (code: number, logs?: AutomationLog[]) => {
    saveBrowserLogs(userDataDir, logs ?? []);
    reportExit(code);
  });
  return { exitCode };
}

function isWorth(line: string): boolean {
  return (
    process.env.CCU_TEST_VERBOSE === '1' || !WORKBENCH_NOISE.some((start) => line.startsWith(start))
  );
}

// The workbench's own logs live in the browser; keeping them beside the server's eases debugging.
function saveBrowserLogs(userDataDir: string, logs: AutomationLog[]): void {
  for (const log of logs) {
    const file = path.join(userDataDir, 'browser-logs', log.relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, log.contents);
  }
}

function timeoutMs(): number {
  const fromEnv = Number(process.env.CCU_TEST_TIMEOUT_MS);
  return fromEnv > 0 ? fromEnv : DEFAULT_TIMEOUT_MS;
}

function exitAfterTimeout(ms: number): Promise<number> {
  return new Promise((resolve) =>
    setTimeout(() => {
      console.error(`The tests did not finish within ${ms / 1000} s; giving up.`);
      resolve(1);
    }, ms).unref(),
  );
}

/**
 * Resolves with a failure if the page or the server dies before the workbench reports; quiet
 * once `isOver()`, when the launcher itself is stopping them.
 */
function endedEarly(page: Page, server: RunningCodeServer, isOver: () => boolean): Promise<number> {
  return new Promise((resolve) => {
    const fail = (message: string) => {
      if (!isOver()) {
        console.error(message);
        resolve(1);
      }
    };
    page.once('crash', () => fail('The workbench page crashed.'));
    server.process.once('exit', (code) => fail(`code-server exited early with ${code}.`));
  });
}

async function runInWorkbench(args: LaunchArgs, folders: RunFolders): Promise<number> {
  const install = await ensureCodeServer();
  console.log(`VS Code (code-server --version): ${install.version}`);

  const folder = folders.take(args.folder, 'workspace');
  const userDataDir = folders.take(args.userDataDir, 'user-data');
  const server = await startCodeServer({
    folder,
    userDataDir,
    extensionsDir: folders.take(args.extensionsDir, 'extensions'),
    env: forwardedEnv(userDataDir),
  });
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const page = await browser.newPage();
    const { exitCode } = await exposeAutomationHooks(page, userDataDir);
    await page.goto(workbenchUrl(server.port, folder, workbenchPaths(args)));
    let over = false;
    const early = endedEarly(page, server, () => over);
    const code = await Promise.race([exitCode, early, exitAfterTimeout(timeoutMs())]);
    over = true;
    return code;
  } finally {
    await browser?.close();
    await server.stop();
  }
}

// The workbench URL carries one development path; this project only ever needs one.
function workbenchPaths(args: LaunchArgs): WorkbenchPaths {
  const [extensionDevelopmentPath, ...others] = args.extensionDevelopmentPaths;
  if (!extensionDevelopmentPath) {
    throw new Error('--extensionDevelopmentPath=... is required');
  }
  if (others.length > 0) {
    console.warn(`Ignoring extra extension development paths: ${others.join(', ')}`);
  }
  return { extensionDevelopmentPath, extensionTestsPath: args.extensionTestsPath };
}

async function main(): Promise<void> {
  const folders = new RunFolders();
  const onSignal = () => {
    folders.removeTemporary();
    process.exit(1);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let code = 1;
  try {
    code = await runInWorkbench(parseArgs(process.argv.slice(2)), folders);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  } finally {
    folders.removeTemporary();
  }
  process.exit(code);
}

if (require.main === module) {
  void main();
}
