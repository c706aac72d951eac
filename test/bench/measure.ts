import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
/** A full collection, so that no run pays for the garbage the one before it left. */
const collectGarbage = runInNewContext('gc') as () => void;

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Wall-clock and CPU milliseconds of one run; CPU time is the whole process, sandbox included. */
export interface Sample {
  wallMs: number;
  cpuMs: number;
}

export async function measure(work: () => Promise<unknown>): Promise<Sample> {
  collectGarbage();
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await work();
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

/**
 * Samples of each contender over `runs` rounds after one warm-up round. The contenders take turns
 * within a round, so a slow moment of the machine falls on all of them alike.
 */
export async function sampleTimes<K extends string>(
  contenders: Record<K, () => Promise<unknown>>,
  runs: number,
): Promise<Record<K, Sample[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<
    K,
    Sample[]
  >;
  for (let round = 0; round <= runs; round++) {
    for (const name of rotate(names, round)) {
      const sample = await measure(contenders[name]);
      if (round > 0) {
        samples[name].push(sample);
      }
    }
  }
  return samples;
}

/** Each round starts with a different contender, so none always follows the same one. */
function rotate<T>(items: T[], by: number): T[] {
  const start = by % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

export function medianWall(samples: Sample[]): number {
  return median(samples.map((sample) => sample.wallMs));
}

/** The median of the ratios of runs taken in the same round: steadier on a busy machine. */
export function pairedRatio(
  numerators: Sample[],
  denominators: Sample[],
  of: keyof Sample = 'wallMs',
): number {
  return median(numerators.map((sample, i) => sample[of] / denominators[i][of]));
}
