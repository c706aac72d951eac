import { RetryAgent, type Dispatcher } from 'undici';
import { ApiError, isCertificateError, type RequestTarget } from './apiError';
import { headerText, recordAttempts } from './attemptRecorder';
import { sharedDispatcher, type ProxyOptions } from './dispatcher';
import { parseErrorBody } from './errorBody';
import {
  isRetriedStatus,
  retryOptions,
  RetryStopped,
  type RetryControl,
  type RetryLimits,
  type RetryWait,
} from './retryPolicy';
import type { Credentials, RequestRecord, User, UserPage } from './types';
import { parseJsonBody, ShapeError, toUser, toUserPage } from './validate';

export interface UsersClientOptions {
  /** e.g. https://api.confluent.cloud or http://127.0.0.1:PORT; a trailing slash is tolerated. */
  baseUrl: string;
  credentials: Credentials;
  /** No headers or body progress for this long is a timeout. Default 30 s. */
  timeoutMs?: number;
  /** Extra attempts for reads and deletes after 429, 5xx or a dropped connection. Default 3. */
  maxRetries?: number;
  /** The longest single wait between attempts, whatever the server asks for. Default 30 s. */
  maxRetryDelayMs?: number;
  /** Called once per HTTP attempt, retries included. */
  onRequest?: (record: RequestRecord) => void;
  /** Called when a read or delete failed and waits to be tried again. */
  onRetryWait?: (wait: RetryWait) => void;
  /** A proxy to go through; HTTPS_PROXY, HTTP_PROXY and NO_PROXY apply without it too. */
  proxy?: ProxyOptions;
}

export interface CallOptions {
  signal?: AbortSignal;
  /**
   * Once aborted, a failed attempt (a 429, say) is not made again and the call rejects as
   * cancelled; unlike `signal`, an attempt already sent still finishes, so its outcome is known.
   */
  stopRetrying?: AbortSignal;
}

export interface ListOptions extends CallOptions {
  pageSize?: number;
  pageToken?: string;
}

interface SendOptions extends CallOptions {
  query?: URLSearchParams;
  body?: string;
}

/** The dispatchers of one client over one shared pool. */
interface Routes {
  pool: Dispatcher;
  recorded: Dispatcher;
  retrying: Dispatcher;
}

interface Received {
  target: RequestTarget;
  text: string;
}

const userAgent = 'confluent-cloud-users-vscode/0.1.0';
const usersPath = '/iam/v2/users';
/** Far above a page of 100 users; a body this big is not one the API would send. */
const maxBodyBytes = 5 * 1024 * 1024;
/** Error bodies are only quoted, never kept, so a short prefix is enough. */
const maxErrorBodyBytes = 16 * 1024;
const timeoutCodes = ['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT'];

/** The IAM v2 Users API of Confluent Cloud: list, read, rename and delete users. */
export class UsersClient {
  readonly baseUrl: string;
  private readonly origin: string;
  private readonly basePath: string;
  private readonly host: string;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly retryLimits: RetryLimits;
  private readonly onRequest: (record: RequestRecord) => void;
  private readonly proxy: ProxyOptions | undefined;
  private routes: Routes | undefined;

  constructor(options: UsersClientOptions) {
    const url = parseBaseUrl(options.baseUrl);
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.baseUrl = this.origin + this.basePath;
    this.host = url.host;
    this.authorization = authorizationHeader(options.credentials);
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retryLimits = {
      maxRetries: options.maxRetries ?? 3,
      maxDelayMs: options.maxRetryDelayMs ?? 30_000,
      onWait: options.onRetryWait,
    };
    this.onRequest = options.onRequest ?? (() => undefined);
    this.proxy = options.proxy;
  }

  /** One page of users; pass the returned `nextPageToken` back to get the next. */
  async listUsers(options: ListOptions = {}): Promise<UserPage> {
    const query = new URLSearchParams();
    if (options.pageSize !== undefined) {
      query.set('page_size', String(options.pageSize));
    }
    if (options.pageToken) {
      query.set('page_token', options.pageToken);
    }
    const received = await this.send('GET', usersPath, { query, signal: options.signal });
    return readBody(received, toUserPage);
  }

  async getUser(id: string, options: CallOptions = {}): Promise<User> {
    const received = await this.send('GET', userPath(id), options);
    return readBody(received, toUser);
  }

  async updateFullName(id: string, fullName: string, options: CallOptions = {}): Promise<User> {
    const body = JSON.stringify({ full_name: fullName });
    const received = await this.send('PATCH', userPath(id), { ...options, body });
    return readBody(received, toUser);
  }

  /** Rejects with a 404 ApiError when the user is already gone, even if that shows on a retry. */
  async deleteUser(id: string, options: CallOptions = {}): Promise<void> {
    await this.send('DELETE', userPath(id), options);
  }

  private async send(method: string, path: string, options: SendOptions): Promise<Received> {
    const query = options.query?.size ? `?${options.query.toString()}` : '';
    const target: RequestTarget = { method, path: this.basePath + path + query, host: this.host };
    const { signal } = options;
    if (signal?.aborted) {
      throw ApiError.cancelled(target);
    }
    const response = await this.request(target, options);
    const answered = { ...target, requestId: headerText(response.headers['x-request-id']) };
    const ok = response.statusCode >= 200 && response.statusCode < 300;
    const limit = ok ? maxBodyBytes : maxErrorBodyBytes;
    const { text, cut } = await readText(response.body, limit).catch((err: unknown) => {
      throw this.failure(err, answered, signal);
    });
    if (!ok && options.stopRetrying?.aborted && isRetriedStatus(response.statusCode)) {
      // The answer a stopped retry hands through: this call was called off, not refused.
      throw ApiError.cancelled(answered);
    }
    if (!ok) {
      throw ApiError.http(answered, response.statusCode, parseErrorBody(text));
    }
    if (cut) {
      throw ApiError.malformed(answered, `the body is larger than ${limit} bytes`);
    }
    return { target: answered, text };
  }

  private request(target: RequestTarget, options: SendOptions): Promise<Dispatcher.ResponseData> {
    const { signal, body, stopRetrying } = options;
    const request: Dispatcher.RequestOptions & RetryControl = {
      origin: this.origin,
      method: target.method as Dispatcher.HttpMethod,
      path: target.path,
      headers: this.headers(body),
      body,
      signal,
      stopRetrying,
    };
    return this.dispatcher(target.method)
      .request(request)
      .catch((err: unknown) => {
        throw this.failure(err, target, signal);
      });
  }

  /**
   * Reads and deletes go through undici's retry handler, the rest straight to the pool. Both are
   * built once per pool, since building them for every request cost a tenth of a listing's CPU.
   */
  private dispatcher(method: string): Dispatcher {
    const pool = sharedDispatcher(this.origin, this.timeoutMs, this.proxy);
    if (this.routes?.pool !== pool) {
      const recorded = pool.compose(recordAttempts(this.onRequest));
      const retrying = new RetryAgent(recorded, retryOptions(this.retryLimits));
      this.routes = { pool, recorded, retrying };
    }
    return method === 'GET' || method === 'DELETE' ? this.routes.retrying : this.routes.recorded;
  }

  private headers(body: string | undefined): Record<string, string> {
    return {
      authorization: this.authorization,
      accept: 'application/json',
      'user-agent': userAgent,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    };
  }

  private failure(err: unknown, target: RequestTarget, signal?: AbortSignal): ApiError {
    if (err instanceof ApiError) {
      return err;
    }
    // A RetryStopped comes only from a `stopRetrying` that aborted.
    if (signal?.aborted || err instanceof RetryStopped) {
      return ApiError.cancelled(target);
    }
    const proxyStatus = proxyRefusal(err);
    if (proxyStatus !== undefined) {
      return ApiError.proxy(target, proxyStatus, err);
    }
    const { statusCode, headers } = (err ?? {}) as UndiciFailure;
    const code = stringCode(err) ?? stringCode((err as { cause?: unknown } | undefined)?.cause);
    if (code === 'UND_ERR_REQ_RETRY' && typeof statusCode === 'number') {
      // RetryHandler gave up: it keeps the last status and headers but not the body.
      const requestId = headerText(headers?.['x-request-id']);
      return ApiError.http({ ...target, requestId: requestId ?? target.requestId }, statusCode);
    }
    if (code !== undefined && isCertificateError(code)) {
      return ApiError.tls(target, code, err);
    }
    if (code !== undefined && timeoutCodes.includes(code)) {
      return ApiError.timeout(target, this.timeoutMs, err);
    }
    return ApiError.network(target, code, err);
  }
}

interface UndiciFailure {
  statusCode?: number;
  headers?: Record<string, string | string[] | undefined>;
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl.trim());
  } catch {
    throw new TypeError(`The Confluent Cloud API address "${baseUrl}" is not a URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError(`The Confluent Cloud API address must be an http(s) URL.`);
  }
  return url;
}

function authorizationHeader(credentials: Credentials): string {
  if (credentials.kind === 'bearer') {
    return `Bearer ${credentials.token}`;
  }
  const pair = `${credentials.apiKey}:${credentials.apiSecret}`;
  return `Basic ${Buffer.from(pair, 'utf8').toString('base64')}`;
}

/**
 * One path segment for any id. A segment of "." or ".." would climb the path however it is
 * encoded (URL parsers decode %2E), and no real id is one, so those are refused like an empty id.
 */
export function userPath(id: string): string {
  if (typeof id !== 'string' || id === '' || id === '.' || id === '..') {
    throw new TypeError(`"${String(id)}" is not a user id.`);
  }
  return `${usersPath}/${encodeURIComponent(id)}`;
}

/** Reads at most `limit` bytes; leaving the loop early destroys the rest of the stream. */
async function readText(
  body: AsyncIterable<Buffer>,
  limit: number,
): Promise<{ text: string; cut: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) {
      break;
    }
  }
  return { text: Buffer.concat(chunks).subarray(0, limit).toString('utf8'), cut: size > limit };
}

function readBody<T>(received: Received, parse: (json: unknown) => T): T {
  try {
    return parse(parseJsonBody(received.text));
  } catch (err) {
    if (err instanceof ShapeError) {
      throw ApiError.malformed(received.target, err.message);
    }
    throw err;
  }
}

/** undici's ProxyAgent tells of a proxy that refused the tunnel only in its message. */
function proxyRefusal(err: unknown): number | undefined {
  const message = err instanceof Error ? err.message : '';
  const match = /^Proxy (?:response|Authentication Required) \((\d{3})\)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

function stringCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
