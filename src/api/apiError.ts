import type { ErrorBody } from './errorBody';

export type ApiErrorKind =
  'http' | 'network' | 'proxy' | 'tls' | 'timeout' | 'cancelled' | 'malformed';

/** Where a failed request went, for the message and the log; never a header value. */
export interface RequestTarget {
  method: string;
  path: string;
  host: string;
  requestId?: string;
}

interface ApiErrorInit extends Partial<RequestTarget> {
  kind: ApiErrorKind;
  message: string;
  status?: number;
  body?: ErrorBody;
  code?: string;
  cause?: unknown;
}

const maxQuoted = 200;

/** Every failure of the Users API client, with a message written for a person to read. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly title?: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly method?: string;
  readonly path?: string;

  constructor(init: ApiErrorInit) {
    super(withRequestId(init.message, init.requestId), { cause: init.cause });
    this.name = 'ApiError';
    this.kind = init.kind;
    this.status = init.status;
    this.code = init.body?.code ?? init.code;
    this.title = init.body?.title;
    this.detail = init.body?.detail;
    this.requestId = init.requestId;
    this.method = init.method;
    this.path = init.path;
  }

  static http(target: RequestTarget, status: number, body: ErrorBody = {}): ApiError {
    const message = httpMessage(status, quote(body.detail ?? body.title));
    return new ApiError({ ...target, kind: 'http', status, body, message });
  }

  static network(target: RequestTarget, code: string | undefined, cause: unknown): ApiError {
    const message = `Could not reach ${target.host}: ${code ?? 'the connection failed'}`;
    return new ApiError({ ...target, kind: 'network', code, cause, message });
  }

  /** A proxy that would not open the way to the API; `status` is its answer to CONNECT. */
  static proxy(target: RequestTarget, status: number, cause: unknown): ApiError {
    const message =
      status === 407
        ? 'The proxy requires authentication (407). Put a user name and password in the proxy ' +
          'URL (http.proxy or HTTPS_PROXY), as http://user:password@host:port.'
        : `The proxy refused to connect to ${target.host} (${status}).`;
    return new ApiError({ ...target, kind: 'proxy', code: `PROXY_${status}`, cause, message });
  }

  /** A certificate that failed its checks; `code` is Node's TLS error code. */
  static tls(target: RequestTarget, code: string, cause: unknown): ApiError {
    const message = `${tlsProblem(target.host, code)} (${code})`;
    return new ApiError({ ...target, kind: 'tls', code, cause, message });
  }

  static timeout(target: RequestTarget, timeoutMs: number, cause: unknown): ApiError {
    const message = `${target.host} did not answer within ${formatDuration(timeoutMs)}`;
    return new ApiError({ ...target, kind: 'timeout', cause, message });
  }

  static cancelled(target?: RequestTarget): ApiError {
    return new ApiError({ ...target, kind: 'cancelled', message: 'Cancelled' });
  }

  static malformed(target: RequestTarget, problem: string): ApiError {
    const message = `Confluent Cloud sent a response this extension cannot read: ${quote(problem)}`;
    return new ApiError({ ...target, kind: 'malformed', message });
  }
}

const unknownAuthorityCodes = [
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
];

/** Node's TLS error codes that mean a certificate failed a check, rather than a lost connection. */
export function isCertificateError(code: string): boolean {
  return (
    unknownAuthorityCodes.includes(code) ||
    code.startsWith('CERT_') ||
    code === 'ERR_TLS_CERT_ALTNAME_INVALID'
  );
}

function tlsProblem(host: string, code: string): string {
  if (unknownAuthorityCodes.includes(code)) {
    return (
      `The certificate of ${host} is signed by an unknown authority. If your network inspects ` +
      "HTTPS with its own certificate authority, set NODE_EXTRA_CA_CERTS to that authority's " +
      'certificate file (PEM) in the environment VS Code starts from'
    );
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    return `The certificate of ${host} was issued for another host name`;
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return `The certificate of ${host} is not valid at this time; check the computer's clock`;
  }
  return `The certificate of ${host} failed its checks`;
}

function httpMessage(status: number, detail: string | undefined): string {
  if (status === 401) {
    const reason = detail ? `: ${stripStop(detail)}` : '';
    return (
      `Confluent Cloud did not accept the credentials${reason}. ` +
      'Check the Cloud API key and secret, or the OAuth token if you signed in with one.'
    );
  }
  if (status === 403) {
    return `The credentials lack permission for this${detail ? `: ${stripStop(detail)}` : ''}.`;
  }
  if (status === 404) {
    return detail ? `Not found: ${detail}` : 'Not found.';
  }
  if (status === 429) {
    return 'Confluent Cloud is rate limiting requests; try again in a moment.';
  }
  if (status >= 500) {
    const reason = detail ? `: ${stripStop(detail)}` : '';
    return `Confluent Cloud had a server error (${status})${reason}. Try again later.`;
  }
  if (status >= 300 && status < 400) {
    return `Confluent Cloud answered with a redirect (${status}), which this extension does not follow.`;
  }
  return detail ?? `Confluent Cloud refused the request (${status}).`;
}

/** Server text goes into messages shown to people, so keep it on one short line. */
function quote(text: string | undefined): string | undefined {
  // eslint-disable-next-line no-control-regex
  const flat = text?.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  if (!flat) {
    return undefined;
  }
  return flat.length > maxQuoted ? `${flat.slice(0, maxQuoted - 1)}…` : flat;
}

function stripStop(text: string): string {
  return text.replace(/\.+$/, '');
}

function withRequestId(message: string, requestId: string | undefined): string {
  return requestId ? `${message} (request id ${requestId})` : message;
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
