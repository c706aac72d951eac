// `npm run demo`: the extension against the local sandbox API, in desktop VS Code when a `code`
// command is on PATH, otherwise in code-server opened from a browser.
//
//   npm run demo                            stay up until Ctrl-C
//   npm run demo -- --port 9000             code-server on another port (default 8080)
//   npm run demo -- --users 20000           a larger organization (default 250 users)
//   npm run demo -- --web                   code-server even when `code` is on PATH
//   npm run demo -- --screenshot FILE.png   open the view in headless Chromium, save, exit
//   npm run demo -- --fail-every 3          a server that fails now and then (see --help)
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import type { Faults } from '../test/sandbox/faults';
import {
  describeFaults,
  FAULT_OPTIONS,
  FAULT_USAGE,
  faultsFrom,
  isUsageError,
  UsageError,
  wholeNumber,
} from '../test/sandbox/options';
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

const USAGE = `Usage: npm run demo -- [options]

Runs the extension against a local sandbox of the Users API: in desktop VS Code when a \`code\`
command is on PATH, otherwise in code-server, opened from a browser at the printed URL.

  --users N                number of users (default ${DEFAULT_USERS})
  --port N                 code-server's port (default ${DEFAULT_PORT})
  --web                    code-server even when \`code\` is on PATH
  --screenshot FILE.png    open the view in headless Chromium, save a screenshot, exit

Faults the sandbox injects, to see how the extension copes with a slow or failing server:
${FAULT_USAGE}

  -h, --help               show this help`;

const OPTIONS = {
  users: { type: 'string' },
  port: { type: 'string' },
  web: { type: 'boolean' },
  screenshot: { type: 'string' },
  ...FAULT_OPTIONS,
  help: { type: 'boolean', short: 'h' },
} as const;

interface DemoOptions {
  port: number;
  users: number;
  web: boolean;
  screenshot: string | undefined;
  faults: Faults;
}

/** The options, or undefined when only the usage was asked for. */
function parseOptions(argv: string[]): DemoOptions | undefined {
  const { values } = parseArgs({ args: argv, options: OPTIONS, strict: true });
  if (values.help) {
    return undefined;
  }
  const port = wholeNumber('--port', values.port) ?? DEFAULT_PORT;
  if (port <= 0 || port > 65535) {
    throw new UsageError(`--port needs a port number, 1 to 65535, not ${port}`);
  }
  return {
    port,
    users: wholeNumber('--users', values.users) ?? DEFAULT_USERS,
    web: values.web ?? false,
    screenshot: values.screenshot === undefined ? undefined : path.resolve(values.screenshot),
    faults: faultsFrom(values),
  };
}

function printSandbox(sandbox: Sandbox, faults: Faults): void {
  console.log(`Sandbox API:  ${sandbox.url}`);
  console.log(`  API key:    ${sandbox.credentials.apiKey}`);
  console.log(`  API secret: ${sandbox.credentials.apiSecret}`);
  console.log(`  Bearer:     ${sandbox.credentials.bearerToken}`);
  for (const fault of describeFaults(faults)) {
    console.log(`  Fault:      ${fault}`);
  }
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
  if (!options) {
    console.log(USAGE);
    return;
  }
  const sandbox = await startSandbox({ userCount: options.users, faults: options.faults });
  const profile = createProfile(sandbox.url);
  printSandbox(sandbox, options.faults);

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
    console.error(`demo: ${error instanceof Error ? error.message : String(error)}`);
    if (isUsageError(error)) {
      console.error(`\n${USAGE}`);
    }
    process.exit(isUsageError(error) ? 2 : 1);
  },
);
