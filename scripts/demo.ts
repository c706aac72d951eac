// `npm run demo`: the extension against the local sandbox API, in desktop VS Code when a `code`
// command is on PATH, otherwise in code-server opened from a browser.
//
//   npm run demo                            stay up until Ctrl-C
//   npm run demo -- --port 9000             code-server on another port (default 8080)
//   npm run demo -- --users 20000           a larger organization (default 250 users)
//   npm run demo -- --web                   code-server even when `code` is on PATH
//   npm run demo -- --screenshot FILE.png   open the view in headless Chromium, save, exit
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Sandbox, startSandbox } from '../test/sandbox/server';
import { launchChromium, repoRoot } from '../test/vscode/codeServer';
import {
  Profile,
  createProfile,
  credentialEnv,
  openUsersView,
  removeProfile,
  startSandboxWorkbench,
  treeRows,
} from '../test/vscode/sandboxWorkbench';

const DEFAULT_PORT = 8080;
const DEFAULT_USERS = 250;

interface DemoOptions {
  port: number;
  users: number;
  web: boolean;
  screenshot: string | undefined;
}

function parseOptions(argv: string[]): DemoOptions {
  const options: DemoOptions = {
    port: DEFAULT_PORT,
    users: DEFAULT_USERS,
    web: false,
    screenshot: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port') {
      options.port = Number(argv[++i]);
    } else if (arg === '--users') {
      options.users = Number(argv[++i]);
    } else if (arg === '--screenshot') {
      options.screenshot = path.resolve(argv[++i] ?? 'screenshot.png');
    } else if (arg === '--web') {
      options.web = true;
    } else {
      throw new Error(`Unknown option ${arg}`);
    }
  }
  if (!Number.isInteger(options.port) || options.port <= 0) {
    throw new Error('--port needs a port number');
  }
  if (!Number.isInteger(options.users) || options.users < 0) {
    throw new Error('--users needs a whole number of users, 0 or more');
  }
  return options;
}

function printSandbox(sandbox: Sandbox): void {
  console.log(`Sandbox API:  ${sandbox.url}`);
  console.log(`  API key:    ${sandbox.credentials.apiKey}`);
  console.log(`  API secret: ${sandbox.credentials.apiSecret}`);
  console.log(`  Bearer:     ${sandbox.credentials.bearerToken}`);
}

function hasDesktopCode(): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => dir && fs.existsSync(path.join(dir, 'code')));
}

/** Desktop VS Code with the extension under development; resolves when its window closes. */
function runDesktop(profile: Profile, sandbox: Sandbox): ChildProcess {
  const args = [
    `--extensionDevelopmentPath=${repoRoot()}`,
    '--user-data-dir',
    profile.userDataDir,
    '--extensions-dir',
    profile.extensionsDir,
    '--new-window',
    '--wait',
    profile.workspace,
  ];
  return spawn('code', args, {
    env: { ...process.env, ...credentialEnv(sandbox) },
    stdio: 'inherit',
  });
}

/** Opens the extension's view in headless Chromium and saves what it shows. */
async function takeScreenshot(url: string, file: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await openUsersView(page);
    // The first page has loaded once the tree shows more than a message row.
    await treeRows(page).nth(1).waitFor({ timeout: 30_000 });
    await page.screenshot({ path: file });
    console.log(`Screenshot saved to ${file}`);
  } finally {
    await browser.close();
  }
}

function untilInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

async function runWeb(options: DemoOptions, profile: Profile, sandbox: Sandbox): Promise<void> {
  const { server, url } = await startSandboxWorkbench(profile, sandbox, options.port);
  try {
    if (options.screenshot) {
      await takeScreenshot(url, options.screenshot);
      return;
    }
    console.log(`\nOpen VS Code (code-server) at:\n  ${url}\n`);
    console.log('Open it as 127.0.0.1, as printed: the extension path in it names that host.');
    console.log('Press Ctrl-C to stop.');
    await untilInterrupted();
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const sandbox = await startSandbox({ userCount: options.users });
  const profile = createProfile(sandbox.url);
  printSandbox(sandbox);

  try {
    if (!options.web && !options.screenshot && hasDesktopCode()) {
      console.log('Starting desktop VS Code; close its window or press Ctrl-C to stop.');
      const code = runDesktop(profile, sandbox);
      await Promise.race([
        new Promise((resolve) => code.once('exit', resolve)),
        untilInterrupted(),
      ]);
    } else {
      await runWeb(options, profile, sandbox);
    }
  } finally {
    await sandbox.close();
    removeProfile(profile);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
