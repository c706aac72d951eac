// Command-line options shared by `npm run sandbox` and `npm run demo`: the faults the sandbox can
// inject, whole-number arguments, and the usage errors both report with exit code 2.
import type { Faults } from './faults';

export const FAULT_OPTIONS = {
  latency: { type: 'string' },
  'rate-limit-every': { type: 'string' },
  'retry-after': { type: 'string' },
  'fail-every': { type: 'string' },
  'fail-status': { type: 'string' },
  'malformed-every': { type: 'string' },
} as const;

export const FAULT_USAGE = `  --latency MS             delay before every response
  --rate-limit-every N     answer every Nth API request with 429
  --retry-after S          seconds a 429 asks the client to wait (default 1)
  --fail-every N           answer every Nth API request with a server error
  --fail-status N          the status --fail-every answers, 500 to 599 (default 500)
  --malformed-every N      answer every Nth API request with a body that is not a user list`;

type FaultValues = { [K in keyof typeof FAULT_OPTIONS]?: string };

/** A mistake in the command line: reported with the usage, exit code 2. */
export class UsageError extends Error {}

export function faultsFrom(values: FaultValues): Faults {
  const status = wholeNumber('--fail-status', values['fail-status']);
  if (status !== undefined && (status < 500 || status > 599)) {
    throw new UsageError(`--fail-status needs a server error status, 500 to 599, not ${status}`);
  }
  const faults: Faults = {
    latencyMs: wholeNumber('--latency', values.latency),
    rateLimitEvery: wholeNumber('--rate-limit-every', values['rate-limit-every']),
    retryAfterSeconds: wholeNumber('--retry-after', values['retry-after']),
    serverErrorEvery: wholeNumber('--fail-every', values['fail-every']),
    serverErrorStatus: status,
    malformedEvery: wholeNumber('--malformed-every', values['malformed-every']),
  };
  return Object.fromEntries(
    Object.entries(faults).filter(([, value]) => value !== undefined),
  ) as Faults;
}

/** The faults in words, one line each, for a banner; none when the sandbox behaves. */
export function describeFaults(faults: Faults): string[] {
  const nth = (n: number) => (n === 1 ? 'every API request' : `every ${ordinal(n)} API request`);
  return [
    faults.latencyMs && `${faults.latencyMs} ms before every response`,
    faults.rateLimitEvery &&
      `429 on ${nth(faults.rateLimitEvery)}, asking to wait ${faults.retryAfterSeconds ?? 1} s`,
    faults.serverErrorEvery &&
      `${faults.serverErrorStatus ?? 500} on ${nth(faults.serverErrorEvery)}`,
    faults.malformedEvery && `an unreadable body on ${nth(faults.malformedEvery)}`,
  ].filter((line): line is string => Boolean(line));
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

export function wholeNumber(flag: string, raw: string | undefined): number | undefined {
  if (raw === undefined) {
    return undefined;
  }
  if (!/^\d+$/.test(raw)) {
    throw new UsageError(`${flag} needs a whole number, not '${raw}'`);
  }
  return Number(raw);
}

/** A UsageError, or node:util parseArgs refusing an unknown option or a missing value. */
export function isUsageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    error instanceof UsageError || (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS'))
  );
}
