import type { User, UserPage } from '../../src/api/types';

export function user(n: number, fields: Partial<User> = {}): User {
  const id = `u-${String(n).padStart(5, '0')}`;
  return {
    id,
    email: `user${n}@example.com`,
    full_name: `User ${n}`,
    auth_type: n % 2 === 0 ? 'AUTH_TYPE_SSO' : 'AUTH_TYPE_LOCAL',
    metadata: { self: `https://api.example/iam/v2/users/${id}` },
    ...fields,
  };
}

/**
 * A fake list endpoint: pages of `size` over `count` users, the token being the index of the
 * page's first user. `hold()` makes the following requests wait until `release()`.
 */
export function pagedUsers(count: number, size: number, make: (n: number) => User = user) {
  const calls: (string | undefined)[] = [];
  const aborted: (string | undefined)[] = [];
  let gate: Promise<void> | undefined;
  let open = () => undefined as void;
  const fetch = async (token: string | undefined, signal: AbortSignal): Promise<UserPage> => {
    calls.push(token);
    if (gate) {
      await Promise.race([gate, abortion(signal)]).catch((error: unknown) => {
        aborted.push(token);
        throw error;
      });
    }
    const start = Number(token ?? 0);
    const users = Array.from({ length: Math.min(size, count - start) }, (_, i) => make(start + i));
    const next = start + size < count ? String(start + size) : undefined;
    return { users, nextPageToken: next, totalSize: count };
  };
  const hold = () => {
    gate = new Promise<void>((resolve) => (open = resolve));
  };
  const release = () => {
    gate = undefined;
    open();
  };
  return { calls, aborted, fetch, hold, release };
}

function abortion(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true });
  });
}
