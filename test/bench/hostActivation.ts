import { runTests } from '@vscode/test-electron';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCodeServer } from '../vscode/codeServer';
import { median } from './measure';

export interface Activation {
  /** The extension's `activate()` call alone. */
  activateMs: number;
  /** Loading the bundle (Node's require). */
  loadMs: number;
  /** Until `extension.activate()` resolved: the above and the host's own work in between. */
  totalMs: number;
}

/** Medians of the extension's activation in a real extension host, one fresh window per run. */
export async function hostActivation(extensionPath: string, runs: number): Promise<Activation> {
  await ensureCodeServer();
  const launcher = path.join(__dirname, '..', 'vscode', 'launcher.js');
  // tsc keeps the shebang but not the exec bit that spawning the file directly needs.
  fs.chmodSync(launcher, 0o755);
  const times: Activation[] = [];
  for (let i = 0; i < runs; i++) {
    times.push(await oneWindow(launcher, extensionPath));
  }
  return {
    activateMs: median(times.map((time) => time.activateMs)),
    loadMs: median(times.map((time) => time.loadMs)),
    totalMs: median(times.map((time) => time.totalMs)),
  };
}

async function oneWindow(launcher: string, extensionPath: string): Promise<Activation> {
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccu-bench-host-'));
  const workspace = path.join(runDir, 'workspace');
  const result = path.join(runDir, 'activation.json');
  fs.mkdirSync(workspace);
  process.env.CCU_TEST_ENV_CCU_BENCH_ACTIVATION_FILE = result;
  try {
    await runTests({
      vscodeExecutablePath: launcher,
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: path.join(__dirname, 'host', 'activation.js'),
      launchArgs: [
        workspace,
        `--user-data-dir=${path.join(runDir, 'user-data')}`,
        `--extensions-dir=${path.join(runDir, 'extensions')}`,
      ],
    });
    return JSON.parse(fs.readFileSync(result, 'utf8')) as Activation;
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}
