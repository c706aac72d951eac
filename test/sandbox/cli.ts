import { parseArgs } from 'node:util';
import {
  describeFaults,
  FAULT_OPTIONS,
  FAULT_USAGE,
  faultsFrom,
  isUsageError,
  wholeNumber,
} from './options';
import { startSandbox, type RecordedRequest, type Sandbox, type SandboxOptions } from './server';

const DEFAULT_PORT = 8787;

const USAGE = `Usage: npm run sandbox -- [options]

Serves a local copy of the Confluent Cloud IAM v2 Users API.

  --host HOST              interface to listen on (default 127.0.0.1)
  --port N                 port (default ${DEFAULT_PORT}, or a free one if that is taken)
  --users N                number of users (default 250)
  --seed N                 seed for the users (default 1)
${FAULT_USAGE}
  --quiet                  do not log requests
  -h, --help               show this help`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  users: { type: 'string' },
  seed: { type: 'string' },
  ...FAULT_OPTIONS,
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS, strict: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const options: SandboxOptions = {
    host: values.host,
    userCount: wholeNumber('--users', values.users),
    seed: wholeNumber('--seed', values.seed),
    faults: faultsFrom(values),
    onRequest: values.quiet ? undefined : logRequest,
  };
  const sandbox = await start(options, wholeNumber('--port', values.port));
  printBanner(sandbox, options);
  process.once('SIGINT', () => void stop(sandbox));
  process.once('SIGTERM', () => void stop(sandbox));
}

/** Listens on the port asked for, or on the default one, falling back to any free port. */
async function start(options: SandboxOptions, port: number | undefined): Promise<Sandbox> {
  if (port !== undefined) {
    return startSandbox({ ...options, port });
  }
  try {
    return await startSandbox({ ...options, port: DEFAULT_PORT });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') {
      throw error;
    }
    console.log(`Port ${DEFAULT_PORT} is taken; using a free port instead.`);
    return startSandbox({ ...options, port: 0 });
  }
}

function printBanner(sandbox: Sandbox, options: SandboxOptions): void {
  const { apiKey, apiSecret, bearerToken } = sandbox.credentials;
  console.log(
    [
      `Confluent Cloud Users API sandbox at ${sandbox.url}`,
      `  users:        ${sandbox.users().length} (seed ${options.seed ?? 1})`,
      `  API key:      ${apiKey}`,
      `  API secret:   ${apiSecret}`,
      `  bearer token: ${bearerToken}`,
      ...describeFaults(options.faults ?? {}).map((fault) => `  fault:        ${fault}`),
      '',
      `Try: curl -u ${apiKey}:${apiSecret} ${sandbox.url}/iam/v2/users`,
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
}

function logRequest(request: RecordedRequest): void {
  const query = new URLSearchParams(request.query).toString();
  const target = query ? `${request.path}?${query}` : request.path;
  console.log(`${request.status} ${request.method} ${target} (${request.auth})`);
}

async function stop(sandbox: Sandbox): Promise<void> {
  await sandbox.close();
  console.log('Sandbox stopped.');
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${error instanceof Error ? error.message : String(error)}`);
  if (isUsageError(error)) {
    console.error(`\n${USAGE}`);
  }
  process.exitCode = isUsageError(error) ? 2 : 1;
});
