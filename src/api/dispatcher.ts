import { EnvHttpProxyAgent, Pool, type Dispatcher } from 'undici';

/** How requests reach the API when a proxy is in the way. */
export interface ProxyOptions {
  /** A proxy for every request, such as VS Code's `http.proxy`; else HTTPS_PROXY / HTTP_PROXY. */
  url?: string;
  /** Hosts reached directly, such as VS Code's `http.noProxy`; NO_PROXY counts too. */
  noProxy?: string[];
  /** Whether the proxy's own certificate is checked (`http.proxyStrictSSL`); default true. */
  strictSSL?: boolean;
}

/** The proxy settings that apply, with the environment read in; undefined when there is none. */
interface ProxyRoute {
  httpProxy: string;
  httpsProxy: string;
  noProxy: string;
  strictSSL: boolean;
}

const dispatchers = new Map<string, Dispatcher>();

/**
 * The keep-alive connections to one origin, shared by every client of that origin so that signing
 * in again or opening another view reuses them. Behind a proxy, undici's EnvHttpProxyAgent keeps a
 * pool per origin in the same way and skips the proxy for the NO_PROXY hosts.
 */
export function sharedDispatcher(
  origin: string,
  timeoutMs: number,
  proxy?: ProxyOptions,
  env: NodeJS.ProcessEnv = process.env,
): Dispatcher {
  const route = proxyRoute(proxy, env);
  const key = JSON.stringify([origin, timeoutMs, route]);
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = route ? proxyAgent(route, timeoutMs) : new Pool(origin, poolOptions(timeoutMs));
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** Closes every shared connection pool; for deactivation and the end of a test run. */
export async function closeSharedPools(): Promise<void> {
  const open = [...dispatchers.values()];
  dispatchers.clear();
  await Promise.all(open.map((dispatcher) => dispatcher.close()));
}

function poolOptions(timeoutMs: number): Pool.Options {
  return {
    connections: 6,
    keepAliveTimeout: 10_000,
    connectTimeout: timeoutMs,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  };
}

/** Settings win over the environment, as in VS Code; an empty string means "no proxy". */
function proxyRoute(proxy: ProxyOptions = {}, env: NodeJS.ProcessEnv): ProxyRoute | undefined {
  const url = proxy.url?.trim();
  const httpProxy = url || env.http_proxy || env.HTTP_PROXY || '';
  const httpsProxy = url || env.https_proxy || env.HTTPS_PROXY || httpProxy;
  if (!httpProxy && !httpsProxy) {
    return undefined;
  }
  const noProxy = [...(proxy.noProxy ?? []), env.no_proxy ?? env.NO_PROXY ?? '']
    .map((entry) => entry.trim())
    .filter(Boolean)
    .join(',');
  return { httpProxy, httpsProxy, noProxy, strictSSL: proxy.strictSSL !== false };
}

/**
 * `strictSSL: false` only stops checking the proxy's own certificate. The API's certificate is
 * always checked, through the proxy too, because the credentials go to it.
 */
function proxyAgent(route: ProxyRoute, timeoutMs: number): Dispatcher {
  return new EnvHttpProxyAgent({
    ...poolOptions(timeoutMs),
    httpProxy: route.httpProxy,
    httpsProxy: route.httpsProxy,
    noProxy: route.noProxy,
    ...(route.strictSSL ? {} : { proxyTls: { rejectUnauthorized: false } }),
  });
}
