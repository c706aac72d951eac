import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as path from 'node:path';

/** The checkout's root, from out/test/contract where the compiled suite runs. */
export const repoRoot = path.resolve(__dirname, '../../..');

/** The official spec lives beside the project, never inside it; CCU_API_SPEC overrides. */
export function specPath(): string {
  const file =
    process.env.CCU_API_SPEC ?? path.resolve(repoRoot, '../shared/api/iam-v2.openapi.yaml');
  if (!existsSync(file)) {
    throw new Error(
      `The IAM v2 OpenAPI spec is not at ${file}. The contract suite needs it: set CCU_API_SPEC ` +
        'to the path of iam-v2.openapi.yaml (from confluentinc/ccloud-sdk-go-v2, iam/v2/api).',
    );
  }
  return file;
}

/** One request that went through Prism, and every complaint Prism had about it. */
export interface CheckedExchange {
  method: string;
  path: string;
  status: number;
  violations: string[];
}

export interface ContractProxy {
  /** Where the client under test sends its requests. */
  url: string;
  exchanges: CheckedExchange[];
  /** "METHOD path → status: violation" for every violation seen so far. */
  violations(): string[];
  close(): Promise<void>;
}

const listeningLine = /Prism is listening on/;
const prismErrorType = 'https://stoplight.io/prism/errors#';

/**
 * Starts Prism's validation proxy (`--errors`) in front of `upstream`, and a recording hop in
 * front of Prism. Prism reports a violation in an `sl-violations` header (warnings pass through)
 * or, for errors, answers itself with a problem+json body; the hop keeps both, per request.
 */
export async function startContractProxy(upstream: string): Promise<ContractProxy> {
  const port = await freePort();
  const prism = await startPrism(specPath(), upstream, port);
  const exchanges: CheckedExchange[] = [];
  const hop = http.createServer((req, res) => forward(req, res, port, exchanges));
  await new Promise<void>((resolve) => hop.listen(0, '127.0.0.1', resolve));
  const { port: hopPort } = hop.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${hopPort}`,
    exchanges,
    violations: () =>
      exchanges.flatMap((e) =>
        e.violations.map((v) => `${e.method} ${e.path} → ${e.status}: ${v}`),
      ),
    close: async () => {
      hop.closeAllConnections();
      await new Promise<void>((resolve) => hop.close(() => resolve()));
      await stop(prism);
    },
  };
}

function startPrism(spec: string, upstream: string, port: number): Promise<ChildProcess> {
  const bin = path.join(repoRoot, 'node_modules', '.bin', 'prism');
  const args = ['proxy', '--errors', spec, upstream, '--port', String(port), '-h', '127.0.0.1'];
  const child = spawn(bin, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail('did not start within 30 s'), 30_000);
    const fail = (why: string) => {
      clearTimeout(timer);
      child.kill();
      reject(new Error(`Prism ${why}. Its output:\n${output.slice(-4000)}`));
    };
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
      if (listeningLine.test(output)) {
        clearTimeout(timer);
        child.stdout?.removeAllListeners('data');
        child.stdout?.resume();
        resolve(child);
      }
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (err) => fail(`could not start: ${err.message}`));
    child.once('exit', (code) => fail(`exited early with code ${code}`));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill();
  await exited;
}

function forward(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  prismPort: number,
  exchanges: CheckedExchange[],
): void {
  const exchange: CheckedExchange = {
    method: req.method ?? 'GET',
    path: req.url ?? '/',
    status: 0,
    violations: [],
  };
  exchanges.push(exchange);
  const upstream = http.request(
    { host: '127.0.0.1', port: prismPort, method: req.method, path: req.url, headers: req.headers },
    (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        const body = Buffer.concat(chunks);
        exchange.status = answer.statusCode ?? 0;
        exchange.violations = readViolations(answer.headers, body.toString('utf8'));
        res.writeHead(exchange.status, answer.headers).end(body);
      });
    },
  );
  upstream.on('error', (err) => {
    exchange.violations.push(`the hop could not reach Prism: ${err.message}`);
    res.destroy();
  });
  req.pipe(upstream);
}

interface Violation {
  severity?: string;
  message?: string;
  location?: string[];
}

function readViolations(headers: http.IncomingHttpHeaders, body: string): string[] {
  const found: string[] = [];
  const header = headers['sl-violations'];
  if (typeof header === 'string') {
    found.push(...parseViolations(header));
  }
  const problem = prismProblem(headers, body);
  if (problem && found.length === 0) {
    found.push(problem);
  }
  return found;
}

function parseViolations(header: string): string[] {
  try {
    const list = JSON.parse(header) as Violation[];
    return list.map((v) => `${v.severity ?? 'Violation'}: ${v.message ?? JSON.stringify(v)}`);
  } catch {
    return [`unreadable sl-violations header: ${header}`];
  }
}

/** Prism's own answers (a refused request, or --errors) are problem+json of its error types. */
function prismProblem(headers: http.IncomingHttpHeaders, body: string): string | undefined {
  if (!String(headers['content-type']).startsWith('application/problem+json')) {
    return undefined;
  }
  try {
    const problem = JSON.parse(body) as { type?: string; title?: string; validation?: Violation[] };
    if (!problem.type?.startsWith(prismErrorType)) {
      return undefined;
    }
    const details = (problem.validation ?? []).map((v) => v.message).join('; ');
    return `Prism answered itself: ${problem.title ?? problem.type}${details ? ` (${details})` : ''}`;
  } catch {
    return undefined;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
