import { execFile, type ExecFileOptions } from 'node:child_process';
import * as path from 'node:path';

/** A tool from the project's node_modules/.bin. */
export function bin(root: string, name: string): string {
  return path.join(root, 'node_modules', '.bin', name);
}

/**
 * Runs a command to its end with no input, so a question it asks is answered "no" rather than
 * waited on. On failure the error carries what the command printed (tsc reports on stdout).
 */
export function runTool(
  file: string,
  args: string[],
  options: ExecFileOptions = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      file,
      args,
      { ...options, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error) {
          const printed = `${String(stdout)}${String(stderr)}`.trim();
          reject(new Error(`${path.basename(file)} ${args.join(' ')} failed:\n${printed}`));
        } else {
          resolve(String(stdout));
        }
      },
    );
    child.stdin?.end();
  });
}
