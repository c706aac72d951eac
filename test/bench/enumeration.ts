import { request } from 'undici';
import type { User } from '../../src/api/types';
import { UsersClient } from '../../src/api/usersClient';
import type { SandboxCredentials } from '../sandbox/auth';

/** Where the benchmark's clients send their requests. */
export interface Target {
  url: string;
  credentials: SandboxCredentials;
}

/** Lists every user, page by page; resolves to how many it saw. */
export type Enumerate = () => Promise<number>;

export const pageSize = 100;

export function basicAuthorization({ apiKey, apiSecret }: SandboxCredentials): string {
  return `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
}

/** The token of a `metadata.next` link, read the plain way any caller would. */
export function nextToken(next: string | null | undefined): string | undefined {
  return next ? (new URL(next).searchParams.get('page_token') ?? undefined) : undefined;
}

/** The extension's client for the target, as signing in with an API key makes it. */
export function benchClient(target: Target): UsersClient {
  const { apiKey, apiSecret } = target.credentials;
  return new UsersClient({
    baseUrl: target.url,
    credentials: { kind: 'apiKey', apiKey, apiSecret },
  });
}

/**
 * Every page through the extension's client. With `keep`, each page's users are kept in an array
 * until the end, as the least any caller that keeps them must pay.
 */
export function viaUsersClient(target: Target, keep = false): Enumerate {
  const client = benchClient(target);
  return async () => {
    const kept: User[][] = [];
    let count = 0;
    let pageToken: string | undefined;
    do {
      const page = await client.listUsers({ pageSize, pageToken });
      count += page.users.length;
      if (keep) {
        kept.push(page.users);
      }
      pageToken = page.nextPageToken;
    } while (pageToken);
    return count;
  };
}

interface RawPage {
  metadata: { next?: string };
  data: unknown[];
}

/**
 * The floor: undici's `request`, JSON.parse and nothing else. With `size` and `maxPages` it asks
 * that many pages of that size and stops, however many users there are.
 */
export function viaBareUndici(target: Target, size = pageSize, maxPages = Infinity): Enumerate {
  const headers = { authorization: basicAuthorization(target.credentials) };
  return async () => {
    let count = 0;
    let pages = 0;
    let pageToken: string | undefined;
    do {
      const url = new URL('/iam/v2/users', target.url);
      url.searchParams.set('page_size', String(size));
      if (pageToken) {
        url.searchParams.set('page_token', pageToken);
      }
      const { body } = await request(url, { headers });
      const page = JSON.parse(await body.text()) as RawPage;
      count += page.data.length;
      pages += 1;
      pageToken = nextToken(page.metadata.next);
    } while (pageToken && pages < maxPages);
    return count;
  };
}
