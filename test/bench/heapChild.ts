// Run by heap.ts as `node --expose-gc heapChild.js`: loads every user of the sandbox at
// CCU_BENCH_URL into a tree model and prints the heap growth as JSON on stdout.
import type { Target } from './enumeration';
import { newModel } from './find';

const collect = (globalThis as { gc?: () => void }).gc;

function settledHeap(): number {
  if (!collect) {
    throw new Error('heapChild needs node --expose-gc');
  }
  collect();
  collect();
  return process.memoryUsage().heapUsed;
}

async function main(): Promise<void> {
  const target: Target = {
    url: process.env.CCU_BENCH_URL ?? '',
    credentials: {
      apiKey: process.env.CCU_BENCH_KEY ?? '',
      apiSecret: process.env.CCU_BENCH_SECRET ?? '',
      bearerToken: '',
    },
  };
  // One page first, so that code loaded on first use and the connection pool are in the baseline.
  await newModel(target).ensureLoaded();
  const before = settledHeap();
  const model = newModel(target);
  await model.loadAll(new AbortController().signal);
  const growth = settledHeap() - before;
  process.stdout.write(JSON.stringify({ users: model.size, growth }));
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
