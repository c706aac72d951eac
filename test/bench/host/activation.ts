// The extension host's suite entry for `npm run bench -- --host`: activates the extension once,
// as opening its view would, and writes the times to CCU_BENCH_ACTIVATION_FILE.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';

const extensionId = 'confluent-cloud-users.confluent-cloud-users';

interface ExtensionModule {
  activate(context: vscode.ExtensionContext): unknown;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(extensionId);
  if (!extension || extension.isActive) {
    throw new Error(`${extensionId} is ${extension ? 'already active' : 'not installed'}.`);
  }
  const start = performance.now();
  const timed = await loadTimed(path.join(extension.extensionPath, extension.packageJSON.main));
  const loadMs = performance.now() - start;
  await extension.activate();
  const totalMs = performance.now() - start;
  writeResult({ activateMs: timed.activateMs(), loadMs, totalMs });
}

/**
 * Loads the bundle ahead of the host and puts a timing wrapper in Node's module cache, where the
 * host's own require finds it: so `activate()` is timed alone, apart from loading the bundle and
 * from the host's work of building the extension context.
 */
async function loadTimed(main: string): Promise<{ activateMs(): number }> {
  const file = require.resolve(main);
  await import(file);
  const cached = require.cache[file];
  if (!cached) {
    throw new Error(`${file} is not in the module cache.`);
  }
  const original = cached.exports as ExtensionModule;
  let activateMs = NaN;
  const activate = (context: vscode.ExtensionContext) => {
    const start = performance.now();
    try {
      return original.activate(context);
    } finally {
      activateMs = performance.now() - start;
    }
  };
  cached.exports = { ...original, activate };
  return { activateMs: () => activateMs };
}

function writeResult(result: Record<string, number>): void {
  const file = process.env.CCU_BENCH_ACTIVATION_FILE;
  if (!file) {
    throw new Error('CCU_BENCH_ACTIVATION_FILE is not set in the extension host.');
  }
  if (Number.isNaN(result.activateMs)) {
    throw new Error('The host did not call the timed activate(); the figure would be wrong.');
  }
  fs.writeFileSync(file, JSON.stringify(result));
}
