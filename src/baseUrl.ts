const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * Credentials go to this URL, so only https is accepted, except on loopback where the local
 * sandbox runs. A path, query or user info would be a sign of a mistake, so they are refused too.
 */
export function checkBaseUrl(raw: string): { url?: string; problem?: string } {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    return { problem: `"${raw}" is not a URL.` };
  }
  if (
    parsed.protocol !== 'https:' &&
    !(parsed.protocol === 'http:' && isLoopback(parsed.hostname))
  ) {
    return { problem: 'The API base URL must use https:// (http:// only for localhost).' };
  }
  if (parsed.username || parsed.password || parsed.search || parsed.hash) {
    return { problem: 'The API base URL must not contain user info, a query or a fragment.' };
  }
  if (parsed.pathname !== '/' && parsed.pathname !== '') {
    return { problem: 'The API base URL must not have a path, e.g. https://api.confluent.cloud.' };
  }
  return { url: parsed.origin };
}
