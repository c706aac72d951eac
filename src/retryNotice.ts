import type { RetryWait } from './api/retryPolicy';

/** e.g. "250 ms", "8 s". */
export function waitText(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.ceil(ms / 1000)} s`;
}

/** e.g. "rate limited (429), trying again in 8 s", for a progress message or a title. */
export function waitNotice(wait: RetryWait, secondsLeft = Math.ceil(wait.delayMs / 1000)): string {
  const why =
    wait.outcome === 429
      ? 'rate limited (429)'
      : typeof wait.outcome === 'number'
        ? `the server answered ${wait.outcome}`
        : `the connection failed (${wait.outcome})`;
  return `${why}, trying again in ${secondsLeft} s`;
}

/** A request for a page of the user list, as opposed to one user's. */
export function isListRequest(path: string): boolean {
  return /\/iam\/v2\/users(\?|$)/.test(path);
}
