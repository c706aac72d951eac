import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTool } from './tools';

/** Heavy or generated folders that neither the build nor the package reads. */
const notStaged = new Set(['.git', 'node_modules', 'out', 'dist', '.vscode-test', 'test-results']);

export interface PackageSizes {
  bundleBytes: number;
  vsixBytes: number;
}

/**
 * Runs `npm run package` in a copy of the project: vsce runs the production build first, and
 * doing that in place would swap the minified bundle into the dist/ that tests running at the
 * same time load.
 */
export async function packageSizes(root: string): Promise<PackageSizes> {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccu-bench-package-'));
  try {
    return await packageIn(root, workDir);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function packageIn(root: string, workDir: string): Promise<PackageSizes> {
  const stage = path.join(workDir, 'stage');
  fs.cpSync(root, stage, {
    recursive: true,
    filter: (source) => !notStaged.has(path.relative(root, source)),
  });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(stage, 'node_modules'));
  const vsix = path.join(workDir, 'extension.vsix');
  await runTool('npm', ['run', '--silent', 'package', '--', '-o', vsix], {
    cwd: stage,
    timeout: 180_000,
  });
  return {
    bundleBytes: fs.statSync(path.join(stage, 'dist', 'extension.js')).size,
    vsixBytes: fs.statSync(vsix).size,
  };
}
