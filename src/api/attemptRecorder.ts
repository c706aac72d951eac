import type { IncomingHttpHeaders } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { RequestRecord } from './types';

type Controller = Dispatcher.DispatchController;

/**
 * An undici interceptor that reports each attempt of a request, retries included, since undici's
 * RetryHandler repeats attempts out of the caller's sight. Built from chosen fields only, so a
 * record can never carry the Authorization header. Composed once per client: attempts are counted
 * per request by the handler undici passes in, which a RetryHandler passes again on each retry.
 */
export function recordAttempts(
  onRequest: (record: RequestRecord) => void,
): Dispatcher.DispatcherComposeInterceptor {
  const attempts = new WeakMap<Dispatcher.DispatchHandler, number>();
  const report = (record: RequestRecord) => safely(onRequest, record);
  return (dispatch) => (opts, handler) => {
    const attempt = (attempts.get(handler) ?? 0) + 1;
    attempts.set(handler, attempt);
    const start = { method: opts.method, path: opts.path, attempt };
    return dispatch(opts, new AttemptHandler(handler, start, report));
  };
}

interface AttemptStart {
  method: string;
  path: string;
  attempt: number;
}

class AttemptHandler implements Dispatcher.DispatchHandler {
  private readonly startedAt = performance.now();
  private status?: number;
  private requestId?: string;
  private reported = false;

  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly start: AttemptStart,
    private readonly report: (record: RequestRecord) => void,
  ) {}

  onRequestStart(controller: Controller, context: unknown): void {
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(
    controller: Controller,
    statusCode: number,
    headers: IncomingHttpHeaders,
    socket: Duplex,
  ): void {
    this.inner.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStart(
    controller: Controller,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    this.status = statusCode;
    this.requestId = headerText(headers['x-request-id']);
    if (statusCode >= 300) {
      // Told now, before a retry's wait begins: the RetryHandler pauses an answer it retries (a
      // 429, say) while it waits, ending it only after that. The body is a short message.
      this.finish();
    }
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Controller, chunk: Buffer): void {
    this.inner.onResponseData?.(controller, chunk);
  }

  onResponseEnd(controller: Controller, trailers: IncomingHttpHeaders): void {
    this.finish();
    this.inner.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Controller, error: Error): void {
    this.finish(error);
    this.inner.onResponseError?.(controller, error);
  }

  /** Undici may report an error after the end of an attempt it retries; the record goes once. */
  private finish(error?: Error): void {
    if (this.reported) {
      return;
    }
    this.reported = true;
    this.report({
      ...this.start,
      status: this.status,
      durationMs: Math.round(performance.now() - this.startedAt),
      requestId: this.requestId,
      error: error ? errorCode(error) : undefined,
    });
  }
}

/** A request id is shown to people and logged, so only a plain token of it is kept. */
export function headerText(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  const clean = first?.trim().slice(0, 128);
  return clean && /^[\w.:@/+=-]+$/.test(clean) ? clean : undefined;
}

function errorCode(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error.name;
}

function safely(onRequest: (record: RequestRecord) => void, record: RequestRecord): void {
  try {
    onRequest(record);
  } catch {
    // A failing log listener must not fail the request it describes.
  }
}
