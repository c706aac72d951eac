import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTool } from './tools';

/** Heavy or generated folders that neither the build nor the package reads. */
const notStaged = new Set(['.git', 'node_modules', 'out', 'dist', '.vscode-test', 'test-results']);

/** A copy of the project after `npm run package`: its production build and its .vsix. */
export interface PackagedCopy {
  folder: string;
  bundleBytes: number;
  vsixBytes: number;
}

/**
 * Runs `npm run package` in a copy of the project, hands the copy to `use`, then deletes it.
 * A copy because vsce runs the production build first, and doing that in place would swap the
 * minified bundle into the dist/ that tests running at the same time load.
 */
export async function withPackagedCopy<T>(
  root: string,
  use: (copy: PackagedCopy) => Promise<T>,
): Promise<T> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccu-bench-package-'));
  try {
    return await use(await packageIn(root, workDir));
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function packageIn(root: string, workDir: string): Promise<PackagedCopy> {
  const folder = path.join(workDir, 'stage');
  fs.cpSync(root, folder, {
    recursive: true,
    filter: (source) => !notStaged.has(path.relative(root, source)),
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(folder, 'node_modules'));
  const vsix = path.join(workDir, 'extension.vsix');
  await runTool('npm', ['run', '--silent', 'package', '--', '-o', vsix], {
    cwd: folder,
    timeout: 180_000,
  });
  return {
    folder,
    bundleBytes: fs.statSync(path.join(folder, 'dist', 'extension.js')).size,
    vsixBytes: fs.statSync(vsix).size,
  };
}
