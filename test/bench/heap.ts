import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { Target } from './enumeration';
import { median } from './measure';

const run = promisify(execFile);

/** Median heap growth, in bytes, of a fresh process loading every user into the tree model. */
export async function modelHeapGrowth(
  target: Target,
  runs: number,
  users: number,
): Promise<number> {
  const growths: number[] = [];
  for (let i = 0; i < runs; i++) {
    growths.push(await oneChild(target, users));
  }
  return median(growths);
}

async function oneChild(target: Target, users: number): Promise<number> {
  const child = path.join(__dirname, 'heapChild.js');
  const env = {
    ...process.env,
    CCU_BENCH_URL: target.url,
    CCU_BENCH_KEY: target.credentials.apiKey,
    CCU_BENCH_SECRET: target.credentials.apiSecret,
  };
  const { stdout } = await run(process.execPath, ['--expose-gc', child], { env });
  const result = JSON.parse(stdout) as { users: number; growth: number };
  if (result.users !== users) {
    throw new Error(`The tree model held ${result.users} users, not ${users}.`);
  }
  return result.growth;
}
