// The suite entry the extension host loads (extensionTestsPath): runs every compiled
// *.test.js beside this file with Mocha and ends with a "N passed, N failed" line for CI.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  for (const file of findTestFiles(__dirname)) {
    mocha.addFile(file);
  }

  const stats = await runMocha(mocha);
  const skipped = stats.pending > 0 ? `, ${stats.pending} skipped` : '';
  console.log(`${stats.passes} passed, ${stats.failures} failed${skipped}`);

  if (stats.failures > 0) {
    throw new Error(`${stats.failures} integration test(s) failed`);
  }
  if (stats.passes === 0) {
    throw new Error('No integration test ran');
  }
}

/** Every *.test.js under `dir`, sorted so that runs are repeatable. */
export function findTestFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      found.push(...findTestFiles(full));
    } else if (entry.name.endsWith('.test.js')) {
      found.push(full);
    }
  }
  return found.sort();
}

function runMocha(mocha: Mocha): Promise<{ passes: number; failures: number; pending: number }> {
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(() => {
        const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
        resolve({ passes, failures, pending });
      });
    } catch (error) {
      reject(error);
    }
  });
}
