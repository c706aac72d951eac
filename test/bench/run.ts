// `npm run bench [-- --runs N] [-- --host]`: measures the extension against the sandbox on
// loopback and prints a Markdown table of figures and goals. Each figure is a median of N runs
// (default 5) after a warm-up; --host also activates the extension in code-server. A missed goal
// is reported, not fatal; only a broken measurement exits non-zero.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { closeSharedPools } from '../../src/api/dispatcher';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  pageSize,
  viaBareUndici,
  viaUsersClient,
  type Enumerate,
  type Target,
} from './enumeration';
import { findToTheEnd, firstMatchSamples, loadIntoModel } from './find';
import { modelHeapGrowth } from './heap';
import { hostActivation } from './hostActivation';
import { medianWall, pairedRatio, sampleTimes, type Sample } from './measure';
import { withPackagedCopy } from './packaging';
import { formatTable, kilobytes, megabytes, ms, ratio, type Row } from './table';
import { checkAgainstSpec, generateSpecTypes, viaOpenapiFetch } from './typedClient';

const userCount = 10_000;
const pages = userCount / pageSize;
const latencyMs = 20;
/** Each window is a code-server start, about half a minute. */
const maxHostWindows = 5;
const root = path.resolve(__dirname, '..', '..', '..');

interface Options {
  runs: number;
  host: boolean;
}

function parseOptions(argv: string[]): Options {
  const runsAt = argv.indexOf('--runs');
  const runs = runsAt === -1 ? 5 : Number(argv[runsAt + 1]);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error('--runs takes a whole number of runs, 1 or more.');
  }
  return { runs, host: argv.includes('--host') };
}

function progress(message: string): void {
  process.stderr.write(`${message}\n`);
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  // Inside out/ so that the generated types resolve openapi-fetch from the project's node_modules.
  fs.mkdirSync(path.join(root, 'out'), { recursive: true });
  const workDir = fs.mkdtempSync(path.join(root, 'out', 'bench-'));
  const sandbox = await startSandbox({ userCount });
  try {
    const rows = await measureAll(sandbox, workDir, options);
    console.log(`\n${machine()}\n\n${formatTable(rows)}`);
  } finally {
    await sandbox.close();
    await closeSharedPools();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

async function measureAll(sandbox: Sandbox, workDir: string, options: Options): Promise<Row[]> {
  const target: Target = { url: sandbox.url, credentials: sandbox.credentials };
  const { runs } = options;
  return [
    ...(await enumerationRows(sandbox, target, workDir, runs)),
    await latencyRow(sandbox, target, runs),
    await heapRow(target, runs),
    ...(await findRows(sandbox, target, viaUsersClient(target), runs)),
    ...(await activationRows(options)),
  ];
}

async function enumerationRows(
  sandbox: Sandbox,
  target: Target,
  workDir: string,
  runs: number,
): Promise<Row[]> {
  progress('Generating types from the IAM v2 spec with openapi-typescript…');
  await generateSpecTypes(root, workDir);
  await checkAgainstSpec(root, workDir);
  const extension = viaUsersClient(target);
  const requests = await countRequests(sandbox, extension);
  progress(
    `Listing ${count(userCount)} users with three clients, ${runs} runs each after a warm-up…`,
  );
  const samples = await sampleTimes(
    { extension, bare: viaBareUndici(target), typed: viaOpenapiFetch(target) },
    runs,
  );
  const list = `List ${count(userCount)} users, page size ${pageSize}`;
  return [
    { figure: `${list}: requests`, value: String(requests), goal: `= ${pages}`, met: true },
    timeRow(`${list}: extension's UsersClient`, samples.extension),
    timeRow(`${list}: bare undici \`request\` loop`, samples.bare),
    timeRow(`${list}: openapi-fetch, types from the spec`, samples.typed),
    ratioRow('UsersClient ÷ bare undici', samples.extension, samples.bare, 1.1),
    ratioRow('UsersClient ÷ openapi-fetch', samples.extension, samples.typed, 0.85),
  ];
}

function timeRow(figure: string, samples: Sample[]): Row {
  return { figure, value: ms(medianWall(samples)), goal: '' };
}

/** Judged on wall time; the CPU-time ratio beside it shows how much a busy machine moved it. */
function ratioRow(figure: string, numerators: Sample[], denominators: Sample[], goal: number): Row {
  const wall = pairedRatio(numerators, denominators);
  const cpu = pairedRatio(numerators, denominators, 'cpuMs');
  return {
    figure: `${figure}, median of per-run ratios`,
    value: `${ratio(wall)} (CPU time ${ratio(cpu)})`,
    goal: `≤ ${goal.toFixed(2)}`,
    met: wall <= goal,
  };
}

/** One listing on its own, counting what reached the server; anything but `pages` is a bug. */
async function countRequests(sandbox: Sandbox, enumerate: Enumerate): Promise<number> {
  sandbox.requests.length = 0;
  const seen = await enumerate();
  const requests = sandbox.requests.length;
  const sizes = sandbox.requests.every((r) => r.status === 200 && r.query.page_size === '100');
  if (seen !== userCount || requests !== pages || !sizes) {
    throw new Error(`Listing saw ${seen} users in ${requests} requests; expected ${pages}.`);
  }
  return requests;
}

/**
 * The bare loop's time beside it tells what the client adds from what the sandbox and timers add;
 * the same number of pages of one user each is the floor of HTTP and waiting on this machine.
 */
async function latencyRow(sandbox: Sandbox, target: Target, runs: number): Promise<Row> {
  progress(`Listing again with ${latencyMs} ms of latency per request…`);
  sandbox.setFaults({ latencyMs });
  const samples = await sampleTimes(
    {
      extension: viaUsersClient(target),
      bare: viaBareUndici(target),
      tiny: viaBareUndici(target, 1, pages),
    },
    runs,
  );
  sandbox.setFaults({});
  const time = medianWall(samples.extension);
  const value = time / (pages * latencyMs);
  const bare = ms(medianWall(samples.bare));
  const tiny = ms(medianWall(samples.tiny));
  const context = `${ms(time)}; bare undici loop ${bare}; bare loop, ${pages} pages of one user ${tiny}`;
  return {
    figure: `${latencyMs} ms latency per request: UsersClient ÷ (${pages} pages × ${latencyMs} ms)`,
    value: `${ratio(value)} (${context})`,
    goal: '≤ 1.05',
    met: value <= 1.05,
  };
}

async function heapRow(target: Target, runs: number): Promise<Row> {
  progress(`Heap: ${runs} child processes, each loading ${count(userCount)} users…`);
  const growth = await modelHeapGrowth(target, runs, userCount);
  return {
    figure: `Heap growth holding ${count(userCount)} users in the tree model`,
    value: megabytes(growth),
    goal: '≤ 25 MB',
    met: growth <= 25 * 1024 * 1024,
  };
}

async function findRows(
  sandbox: Sandbox,
  target: Target,
  listing: Enumerate,
  runs: number,
): Promise<Row[]> {
  const query = typicalQuery(sandbox);
  progress(`Finding "${query}": among ${count(userCount)} loaded users, then from an empty tree…`);
  const first = medianWall(await firstMatchSamples(target, query, runs));
  const find = findToTheEnd(target, query, userCount);
  const samples = await sampleTimes(
    { listing, kept: viaUsersClient(target, true), model: loadIntoModel(target), find },
    runs,
  );
  const whole = pairedRatio(samples.find, samples.listing);
  const cpu = pairedRatio(samples.find, samples.listing, 'cpuMs');
  const kept = pairedRatio(samples.kept, samples.listing);
  const model = pairedRatio(samples.model, samples.listing);
  const findMs = ms(medianWall(samples.find));
  const context = `${findMs}; keeping the pages in arrays ${ratio(kept)}, in the tree model ${ratio(model)}`;
  progress(`Finding "${query}" and listing again with ${latencyMs} ms of latency per request…`);
  sandbox.setFaults({ latencyMs });
  const slow = await sampleTimes({ listing, find }, Math.min(runs, 5));
  sandbox.setFaults({});
  const slowRatio = pairedRatio(slow.find, slow.listing);
  const slowContext = `${ms(medianWall(slow.find))}; listing ${ms(medianWall(slow.listing))}`;
  return [
    {
      figure: `Find: first matches among ${count(userCount)} loaded users`,
      value: ms(first),
      goal: '≤ 50 ms',
      met: first <= 50,
    },
    {
      figure: `Find: complete answer, every page loaded ÷ listing, median of per-run ratios`,
      value: `${ratio(whole)} (CPU time ${ratio(cpu)}; ${context})`,
      goal: '≤ 1.10',
      met: whole <= 1.1,
    },
    {
      figure: `Find: the same with ${latencyMs} ms latency per request ÷ listing with it`,
      value: `${ratio(slowRatio)} (${slowContext})`,
      goal: '',
    },
  ];
}

/** What someone looking for a person types: the start of a family name in the middle of the list. */
function typicalQuery(sandbox: Sandbox): string {
  const users = sandbox.users();
  const name = users[Math.floor(users.length / 2)].full_name ?? '';
  return [...(name.split(' ').pop() ?? '')].slice(0, 4).join('');
}

async function activationRows(options: Options): Promise<Row[]> {
  progress('Packaging with `npm run package` in a copy of the project…');
  return withPackagedCopy(root, async (copy) => [
    await activationRow(copy.folder, options),
    {
      figure: '`dist/extension.js`, production build',
      value: kilobytes(copy.bundleBytes),
      goal: '',
    },
    { figure: 'Packaged `.vsix`', value: kilobytes(copy.vsixBytes), goal: '' },
  ]);
}

async function activationRow(extensionPath: string, options: Options): Promise<Row> {
  const figure = '`activate()` in the extension host (code-server), production build';
  const goal = '≤ 20 ms';
  if (!options.host) {
    return { figure, value: 'measured only by `npm run bench -- --host`', goal };
  }
  const windows = Math.min(options.runs, maxHostWindows);
  progress(`Activating the production build in code-server, ${windows} fresh windows…`);
  const { activateMs, loadMs, totalMs } = await hostActivation(extensionPath, windows);
  const context = `loading the bundle ${ms(loadMs)}; \`extension.activate()\` resolved after ${ms(totalMs)}`;
  return { figure, value: `${ms(activateMs)} (${context})`, goal, met: activateMs <= 20 };
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function machine(): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const day = new Date().toISOString().slice(0, 10);
  return `${os.cpus().length} cores (${cpu}), Node ${process.version}, loopback, ${day}`;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
