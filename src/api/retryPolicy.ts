import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher, RetryHandler } from 'undici';

export interface RetryLimits {
  maxRetries: number;
  maxDelayMs: number;
  /** Told before each wait, so that a person waiting can be told why. */
  onWait?: (wait: RetryWait) => void;
}

/**
 * What a request may add to its dispatch options: undici hands the options to the retry
 * callback, which stops when `stopRetrying` aborts, without aborting an attempt on its way.
 */
export interface RetryControl {
  stopRetrying?: AbortSignal;
}

/** How a request ends whose next attempt was called off through `stopRetrying`. */
export class RetryStopped extends Error {
  constructor() {
    super('Not tried again: cancelled');
    this.name = 'RetryStopped';
  }
}

/** A failed attempt that will be made again after `delayMs`. */
export interface RetryWait {
  method: string;
  path: string;
  /** The status answered, or the network error's code. */
  outcome: number | string;
  delayMs: number;
  /** The attempt that failed, counted from 1. */
  attempt: number;
}

/** Only reads and deletes repeat safely; a PATCH that timed out may already have happened. */
const retryMethods: Dispatcher.HttpMethod[] = ['GET', 'DELETE'];
const retryStatuses = [429, 500, 502, 503, 504];
const retryErrorCodes = [
  'ECONNRESET',
  'ECONNREFUSED',
  'ENOTFOUND',
  'ENETDOWN',
  'ENETUNREACH',
  'EHOSTDOWN',
  'EHOSTUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
];
const firstBackoffMs = 250;

/** What undici hands the retry callback: a RequestRetryError for a status, else a socket error. */
interface AttemptFailure {
  statusCode?: number;
  code?: string;
  headers?: IncomingHttpHeaders;
}

/**
 * Options for undici's RetryAgent. The callback replaces undici's default because that one reads
 * only `Retry-After` and cannot be interrupted, while a cancelled request must stop waiting: it
 * finds the request's signal in the options undici hands it, so one agent serves every request.
 */
export function retryOptions(limits: RetryLimits): RetryHandler.RetryOptions {
  return {
    // Hand the last failed answer through with its body, so the message can quote the server.
    throwOnError: false,
    maxRetries: limits.maxRetries,
    maxTimeout: limits.maxDelayMs,
    minTimeout: firstBackoffMs,
    methods: retryMethods,
    statusCodes: retryStatuses,
    errorCodes: retryErrorCodes,
    retry: (err, { state, opts }, done) => {
      const delay = retryDelay(err as AttemptFailure, state.counter, opts.method, limits);
      if (delay === undefined) {
        done(err);
        return;
      }
      const stop = stopSignal(opts);
      if (stop?.aborted) {
        done(new RetryStopped());
        return;
      }
      const failure = err as AttemptFailure;
      const outcome = failure.statusCode ?? failure.code ?? 'error';
      try {
        limits.onWait?.({
          method: opts.method,
          path: opts.path,
          outcome,
          delayMs: delay,
          attempt: state.counter,
        });
      } catch {
        // Telling someone about the wait must not stop the retry.
      }
      waitUnlessAborted(delay, requestSignal(opts), stop, done);
    },
  };
}

/** A status that a read or delete is tried again after. */
export function isRetriedStatus(status: number): boolean {
  return retryStatuses.includes(status);
}

/** Milliseconds to wait before the next attempt, or undefined when this failure is final. */
export function retryDelay(
  failure: AttemptFailure,
  counter: number,
  method: string,
  limits: RetryLimits,
): number | undefined {
  if (!retryMethods.includes(method) || counter > limits.maxRetries) {
    return undefined;
  }
  const retryable =
    failure.statusCode !== undefined
      ? retryStatuses.includes(failure.statusCode)
      : failure.code !== undefined && retryErrorCodes.includes(failure.code);
  if (!retryable) {
    return undefined;
  }
  const asked = askedDelayMs(failure);
  const backoff = firstBackoffMs * 2 ** Math.max(0, counter - 1);
  return Math.min(asked ?? backoff, limits.maxDelayMs);
}

/**
 * `Retry-After` (seconds or a date) and, on a 429 only, `X-RateLimit-Reset` (seconds from now,
 * per the spec). Other answers carry the reset too, as news of the rate window: after a 500 it
 * would make a read wait for a window that never limited it.
 */
function askedDelayMs({ headers, statusCode }: AttemptFailure): number | undefined {
  const retryAfter = parseRetryAfter(firstValue(headers?.['retry-after']));
  const reset =
    statusCode === 429 ? parseSeconds(firstValue(headers?.['x-ratelimit-reset'])) : undefined;
  const asked = [retryAfter, reset].filter((ms): ms is number => ms !== undefined && ms > 0);
  return asked.length ? Math.max(...asked) : undefined;
}

function parseRetryAfter(value: string | undefined): number | undefined {
  const seconds = parseSeconds(value);
  if (seconds !== undefined || value === undefined) {
    return seconds;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : at - Date.now();
}

function parseSeconds(value: string | undefined): number | undefined {
  return value !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(value)
    ? Number(value) * 1000
    : undefined;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function requestSignal(opts: object): AbortSignal | undefined {
  const { signal } = opts as { signal?: unknown };
  return signal instanceof AbortSignal ? signal : undefined;
}

function stopSignal(opts: object): AbortSignal | undefined {
  const { stopRetrying } = opts as RetryControl;
  return stopRetrying instanceof AbortSignal ? stopRetrying : undefined;
}

function waitUnlessAborted(
  ms: number,
  signal: AbortSignal | undefined,
  stop: AbortSignal | undefined,
  done: RetryHandler.OnRetryCallback,
): void {
  if (signal?.aborted) {
    done(abortReason(signal));
    return;
  }
  if (stop?.aborted) {
    done(new RetryStopped());
    return;
  }
  const onAbort = () => {
    clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
    done(abortReason(signal));
  };
  const onStop = () => {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    done(new RetryStopped());
  };
  const timer = setTimeout(() => {
    signal?.removeEventListener('abort', onAbort);
    stop?.removeEventListener('abort', onStop);
    done(null);
  }, ms);
  signal?.addEventListener('abort', onAbort, { once: true });
  stop?.addEventListener('abort', onStop, { once: true });
}

function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  return reason instanceof Error ? reason : new Error('Cancelled');
}
