import { fail } from './failures';
import { json, type Reply } from './reply';
import type { Route } from './routes';

export interface Faults {
  /**
   * Milliseconds from a request's arrival to its response. The request takes effect on arrival;
   * only the answer waits.
   */
  latencyMs?: number;
  /** Every Nth API request (counted since the faults were last set) answers 429. */
  rateLimitEvery?: number;
  /** Value of a 429's Retry-After and X-RateLimit-Reset (default 1). */
  retryAfterSeconds?: number;
  /** Which of the two headers a 429 carries (default both). */
  rateLimitHeaders?: 'both' | 'retry-after' | 'reset';
  /** Every Nth API request answers serverErrorStatus (default 500) with a Failure body. */
  serverErrorEvery?: number;
  serverErrorStatus?: number;
  /** Every Nth API request answers 200 with a body a client must reject. */
  malformedEvery?: number;
  malformed?: 'invalid-json' | 'html' | 'wrong-kind' | 'wrong-shape';
  /** Accept requests but never answer, until the faults change or the sandbox closes. */
  hang?: boolean;
  /** Requests for /iam/v2/users/{id} with this id answer this status (204: deleted, no body). */
  byId?: Record<string, number>;
}

/** Requests per window that the rate-limit headers announce. */
export const RATE_LIMIT = 1000;

/** The 429, 5xx or malformed answer due for the nth API request, if any. */
export function everyNthFault(
  faults: Faults,
  n: number,
  route: Route,
  baseUrl: string,
): Reply | undefined {
  if (isNth(faults.rateLimitEvery, n)) {
    return rateLimited(faults);
  }
  if (isNth(faults.serverErrorEvery, n)) {
    const status = faults.serverErrorStatus ?? 500;
    return fail(status, `The sandbox was told to fail every ${faults.serverErrorEvery}th request`);
  }
  if (isNth(faults.malformedEvery, n)) {
    return malformed(faults.malformed ?? 'invalid-json', route, baseUrl);
  }
  return undefined;
}

export function rateLimited(faults: Faults): Reply {
  const seconds = String(faults.retryAfterSeconds ?? 1);
  const which = faults.rateLimitHeaders ?? 'both';
  const headers: Record<string, string> = {
    'X-RateLimit-Limit': String(RATE_LIMIT),
    'X-RateLimit-Remaining': '0',
  };
  if (which !== 'reset') {
    headers['Retry-After'] = seconds;
  }
  if (which !== 'retry-after') {
    headers['X-RateLimit-Reset'] = seconds;
  }
  return fail(429, `Rate limit exceeded; retry in ${seconds} seconds`, {
    code: 'too_many_requests',
    headers,
  });
}

/**
 * Fixed-window rate-limit headers for answers other than 429, reported but never enforced:
 * only faults answer 429, so tests decide when a client meets one.
 */
export class RateWindow {
  private start = 0;
  private count = 0;

  constructor(
    private readonly limit = RATE_LIMIT,
    private readonly windowMs = 60_000,
  ) {}

  hit(now = Date.now()): Record<string, string> {
    if (now - this.start >= this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    this.count++;
    return {
      'X-RateLimit-Limit': String(this.limit),
      'X-RateLimit-Remaining': String(Math.max(0, this.limit - this.count)),
      'X-RateLimit-Reset': String(Math.ceil((this.start + this.windowMs - now) / 1000)),
    };
  }
}

function isNth(every: number | undefined, n: number): boolean {
  return every !== undefined && every > 0 && n % every === 0;
}

function malformed(kind: NonNullable<Faults['malformed']>, route: Route, baseUrl: string): Reply {
  switch (kind) {
    case 'invalid-json':
      return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{"data": [' };
    case 'html':
      return { status: 200, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: HTML };
    case 'wrong-kind':
      return json(
        200,
        route.kind === 'item' ? serviceAccount(route.id, baseUrl) : serviceAccounts(baseUrl),
      );
    case 'wrong-shape':
      return json(200, { data: 'nope' });
  }
}

// What a misrouted request might meet: the service accounts API answering instead.
function serviceAccounts(baseUrl: string): unknown {
  const data = ['sa-k1n2m3', 'sa-p4q5r6'].map((id) => serviceAccount(id, baseUrl));
  const first = `${baseUrl}/iam/v2/service-accounts`;
  return {
    api_version: 'iam/v2',
    kind: 'ServiceAccountList',
    metadata: { first, total_size: 2 },
    data,
  };
}

function serviceAccount(id: string, baseUrl: string): unknown {
  return {
    api_version: 'iam/v2',
    kind: 'ServiceAccount',
    id,
    metadata: { self: `${baseUrl}/iam/v2/service-accounts/${encodeURIComponent(id)}` },
    display_name: 'ingest-pipeline',
    description: 'Writes the orders topic',
  };
}

const HTML = `<!DOCTYPE html>
<html>
<head><title>502 Bad Gateway</title></head>
<body><h1>502 Bad Gateway</h1><p>The upstream server sent an invalid response.</p></body>
</html>
`;
