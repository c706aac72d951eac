import { randomUUID } from 'node:crypto';
import {
  createServer,
  type IncomingMessage,
  type Server as HttpServer,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { User } from '../../src/api/types';
import {
  classifyAuth,
  DEFAULT_CREDENTIALS,
  unauthorized,
  type AuthKind,
  type SandboxCredentials,
} from './auth';
import { fail } from './failures';
import { everyNthFault, rateLimited, RateWindow, type Faults } from './faults';
import type { Reply } from './reply';
import {
  deleteUser,
  getUser,
  listUsers,
  matchRoute,
  updateUser,
  type Route,
  type RouteContext,
} from './routes';
import { Deadlines } from './deadlines';
import { seedUsers } from './seed';
import { PageTokens, UserStore } from './store';

export type { Faults } from './faults';
export { DEFAULT_CREDENTIALS } from './auth';

export interface SandboxOptions {
  /** Default '127.0.0.1'. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default 250. */
  userCount?: number;
  /** Default 1; the same seed gives the same users. */
  seed?: number;
  /** Defaults: {@link DEFAULT_CREDENTIALS}. */
  apiKey?: string;
  apiSecret?: string;
  bearerToken?: string;
  /** Base of metadata.self and the list links; default the sandbox's own URL. */
  publicBaseUrl?: string;
  faults?: Faults;
  /** Serve HTTPS with this PEM key and certificate instead of plain HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Called as each response is sent, e.g. for the CLI's request log. */
  onRequest?: (request: RecordedRequest) => void;
}

/** One request as the sandbox saw it. Header values are never kept. */
export interface RecordedRequest {
  method: string;
  /** As sent, still percent-encoded. */
  path: string;
  query: Record<string, string>;
  /** The status answered; 0 while unanswered (hanging, delayed, or the client went away). */
  status: number;
  auth: AuthKind;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234 (https:// with `tls`), without a trailing slash. */
  url: string;
  credentials: SandboxCredentials;
  /** Every request, in the order it arrived. */
  requests: RecordedRequest[];
  /** Replaces the faults, restarts their request count and releases hanging requests. */
  setFaults(faults: Faults): void;
  /** Copies of the current users, in list order. */
  users(): User[];
  getUser(id: string): User | undefined;
  /** Adds or replaces a user, stored exactly as given. */
  putUser(user: User): void;
  /** Re-seeds the users and clears the requests and faults. */
  reset(): void;
  /** Stops listening and destroys every open socket, hanging requests included. */
  close(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const sandbox = new SandboxServer(options);
  await sandbox.listen();
  return sandbox;
}

const MAX_BODY_BYTES = 1024 * 1024;

interface Exchange {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  record: RecordedRequest;
  /** Undefined when the body was larger than MAX_BODY_BYTES. */
  body: string | undefined;
  /** When the request arrived, or was released from a hang; latency counts from here. */
  arrivedAt: number;
}

type ApiRoute = Exclude<Route, { kind: 'rejected' }>;

class SandboxServer implements Sandbox {
  url = '';
  readonly credentials: SandboxCredentials;
  readonly requests: RecordedRequest[] = [];
  private readonly server: HttpServer | HttpsServer;
  private readonly store = new UserStore();
  private readonly tokens = new PageTokens();
  private readonly window = new RateWindow();
  private readonly hung = new Set<Exchange>();
  private readonly deadlines = new Deadlines();
  private faults: Faults;
  private apiRequestCount = 0;
  private baseUrl = '';
  private closing?: Promise<void>;

  constructor(private readonly options: SandboxOptions) {
    this.credentials = {
      apiKey: options.apiKey ?? DEFAULT_CREDENTIALS.apiKey,
      apiSecret: options.apiSecret ?? DEFAULT_CREDENTIALS.apiSecret,
      bearerToken: options.bearerToken ?? DEFAULT_CREDENTIALS.bearerToken,
    };
    this.faults = { ...options.faults };
    const listener = (req: IncomingMessage, res: ServerResponse) => this.accept(req, res);
    this.server = options.tls ? createHttpsServer(options.tls, listener) : createServer(listener);
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 0, this.options.host ?? '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.url = ownUrl(this.server.address() as AddressInfo, this.options.tls ? 'https' : 'http');
    this.baseUrl = (this.options.publicBaseUrl ?? this.url).replace(/\/+$/, '');
    this.seed();
  }

  setFaults(faults: Faults): void {
    this.faults = { ...faults };
    this.apiRequestCount = 0;
    const waiting = [...this.hung];
    this.hung.clear();
    const now = performance.now();
    for (const exchange of waiting) {
      exchange.arrivedAt = now;
      void this.process(exchange);
    }
  }

  users(): User[] {
    return this.store.list().map((user) => structuredClone(user));
  }

  getUser(id: string): User | undefined {
    const user = this.store.get(id);
    return user && structuredClone(user);
  }

  putUser(user: User): void {
    this.store.put(structuredClone(user));
  }

  reset(): void {
    this.seed();
    this.requests.length = 0;
    this.setFaults({});
  }

  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private seed(): void {
    const { userCount = 250, seed = 1 } = this.options;
    this.store.replaceAll(seedUsers({ count: userCount, seed, baseUrl: this.baseUrl }));
  }

  private accept(req: IncomingMessage, res: ServerResponse): void {
    const url = requestUrl(req.url);
    const arrivedAt = performance.now();
    const record = this.record(req, url);
    const exchange: Exchange = { req, res, url, record, body: undefined, arrivedAt };
    res.on('close', () => this.hung.delete(exchange));
    readBody(req).then(
      (body) => {
        exchange.body = body;
        void this.process(exchange);
      },
      () => res.destroy(),
    );
  }

  private record(req: IncomingMessage, url: URL): RecordedRequest {
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      auth: classifyAuth(req.headers.authorization, this.credentials),
    };
    this.requests.push(record);
    return record;
  }

  private async process(exchange: Exchange): Promise<void> {
    if (this.faults.hang) {
      this.hung.add(exchange);
      return;
    }
    // Answered at once and sent when the latency is up, so the sandbox's own work is inside the
    // latency rather than added to it.
    const reply = this.answer(exchange);
    if (this.faults.latencyMs) {
      await this.deadlines.until(exchange.arrivedAt + this.faults.latencyMs);
    }
    this.respond(exchange, reply);
  }

  // Hang and latency hold every answer, so even a 401 waits; the other faults need a valid caller.
  private answer(exchange: Exchange): Reply {
    const { record } = exchange;
    if (record.auth === 'none' || record.auth === 'invalid') {
      return unauthorized(record.auth, exchange.req.headers.authorization);
    }
    const route = matchRoute(record.method, record.path);
    const reply = route.kind === 'rejected' ? route.reply : this.api(exchange, route);
    if (reply.status === 429) {
      return reply;
    }
    return { ...reply, headers: { ...this.window.hit(), ...reply.headers } };
  }

  private api(exchange: Exchange, route: ApiRoute): Reply {
    const n = ++this.apiRequestCount;
    return (
      this.byIdFault(route) ??
      everyNthFault(this.faults, n, route, this.baseUrl) ??
      this.handle(exchange, route)
    );
  }

  private byIdFault(route: ApiRoute): Reply | undefined {
    const byId = this.faults.byId;
    if (route.kind !== 'item' || !byId || !Object.hasOwn(byId, route.id)) {
      return undefined;
    }
    const status = byId[route.id];
    if (status === 204) {
      // Succeed as the real API would, so a refreshed list agrees with the answer.
      if (route.method === 'DELETE') {
        this.store.delete(route.id);
      }
      return { status: 204 };
    }
    if (status === 429) {
      return rateLimited(this.faults);
    }
    if (status >= 200 && status < 300) {
      return undefined;
    }
    return fail(status, `The sandbox was told to answer ${status} for user '${route.id}'`);
  }

  private handle(exchange: Exchange, route: ApiRoute): Reply {
    const ctx: RouteContext = { store: this.store, tokens: this.tokens, baseUrl: this.baseUrl };
    if (route.kind === 'list') {
      return listUsers(ctx, exchange.url.searchParams);
    }
    switch (route.method) {
      case 'GET':
        return getUser(ctx, route.id);
      case 'PATCH':
        return updateUser(ctx, route.id, exchange.body);
      case 'DELETE':
        return deleteUser(ctx, route.id);
    }
  }

  private respond({ res, record }: Exchange, reply: Reply): void {
    if (res.destroyed || res.headersSent) {
      return;
    }
    record.status = reply.status;
    const length = reply.body === undefined ? 0 : Buffer.byteLength(reply.body);
    res.writeHead(reply.status, {
      'X-Request-Id': randomUUID(),
      ...reply.headers,
      ...(reply.status !== 204 && { 'Content-Length': String(length) }),
    });
    res.end(reply.body);
    this.options.onRequest?.(record);
  }

  private async shutdown(): Promise<void> {
    this.deadlines.cancelAll();
    this.hung.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
  }
}

function ownUrl({ address, port }: AddressInfo, scheme: 'http' | 'https'): string {
  const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

// Prefixing a fixed origin keeps a path such as //x from being read as a host.
function requestUrl(raw: string | undefined): URL {
  try {
    return new URL(`http://sandbox${raw ?? '/'}`);
  } catch {
    return new URL('http://sandbox/');
  }
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      resolve(size <= MAX_BODY_BYTES ? Buffer.concat(chunks).toString('utf8') : undefined),
    );
    req.on('error', reject);
  });
}
