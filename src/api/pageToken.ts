/**
 * The `page_token` query parameter of a list's `metadata.next` link, or undefined on the last page.
 * Only the token is taken: the link names the service's public host, and requests must keep going
 * to the configured base URL so credentials go nowhere else.
 */
export function readPageToken(next: unknown): string | undefined {
  if (typeof next !== 'string' || !next.trim()) {
    return undefined;
  }
  try {
    // The base only lets a relative link parse; its host is never used.
    const token = new URL(next, 'http://next.invalid').searchParams.get('page_token');
    return token || undefined;
  } catch {
    return undefined;
  }
}
