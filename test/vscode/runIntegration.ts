// `npm run test:integration`: runs test/integration in a real VS Code. Here that is code-server
// in headless Chromium, started through launcher.ts; with VSCODE_DESKTOP=1 on a machine with
// internet access, @vscode/test-electron downloads and runs desktop VS Code instead.
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ensureCodeServer, repoRoot } from './codeServer';

async function main(): Promise<void> {
  const root = repoRoot();
  const extensionTestsPath = path.join(root, 'out', 'test', 'integration', 'index.js');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccu-integration-'));
  const workspace = path.join(runDir, 'workspace');
  fs.mkdirSync(workspace);

  try {
    await runTests({
      ...(await vscodeExecutable()),
      extensionDevelopmentPath: root,
      extensionTestsPath,
      // Fresh profile folders for every run, so no state leaks from one run into the next.
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(runDir, 'user-data')}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`,
      ],
    });
  } finally {
    cleanUp(runDir);
  }
}

/** The launcher standing in for VS Code, or nothing to let runTests download desktop VS Code. */
async function vscodeExecutable(): Promise<{ vscodeExecutablePath?: string }> {
  if (process.env.VSCODE_DESKTOP === '1') {
    return {};
  }
  await ensureCodeServer();
  const launcher = path.join(__dirname, 'launcher.js');
  // tsc keeps the shebang but not the exec bit that spawning the file directly needs.
  fs.chmodSync(launcher, 0o755);
  return { vscodeExecutablePath: launcher };
}

function cleanUp(runDir: string): void {
  if (process.env.CCU_KEEP_TEST_DATA === '1') {
    console.log(`Kept the run's folders (user data and logs) in ${runDir}`);
    return;
  }
  fs.rmSync(runDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
