import { Pool } from 'undici';

const pools = new Map<string, Pool>();

/**
 * The keep-alive connection pool for one origin, shared by every client of that origin so that
 * signing in again or opening another view reuses the open connections.
 */
export function sharedPool(origin: string, timeoutMs: number): Pool {
  const key = `${origin} ${timeoutMs}`;
  let pool = pools.get(key);
  if (!pool) {
    pool = new Pool(origin, {
      connections: 6,
      keepAliveTimeout: 10_000,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    pools.set(key, pool);
  }
  return pool;
}

/** Closes every shared pool; for deactivation and the end of a test run. */
export async function closeSharedPools(): Promise<void> {
  const open = [...pools.values()];
  pools.clear();
  await Promise.all(open.map((pool) => pool.close()));
}
