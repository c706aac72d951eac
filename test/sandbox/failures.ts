import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { json, type Reply } from './reply';

/** `Error.source` of the spec: which body property or query parameter was at fault. */
export interface ErrorSource {
  pointer?: string;
  parameter?: string;
}

/** `Error` of the spec. */
export interface ApiError {
  id: string;
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: ErrorSource;
}

/** `Failure` of the spec. */
export interface Failure {
  errors: ApiError[];
}

export interface FailureDetails {
  code?: string;
  source?: ErrorSource;
  headers?: Record<string, string>;
}

// Titles and codes the spec's examples use; other statuses fall back to the HTTP reason phrase.
const TITLES: Record<number, string> = {
  401: 'Authentication Required',
  403: 'User Access Unauthorized',
  422: 'Validation Failed',
};
const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'user_unauthenticated',
  403: 'user_unauthorized',
  404: 'resource_not_found',
  422: 'invalid_configuration',
};

export function failure(status: number, detail: string, details: FailureDetails = {}): Failure {
  const error: ApiError = {
    id: randomUUID(),
    status: String(status),
    code: details.code ?? CODES[status] ?? snakeCase(STATUS_CODES[status] ?? 'error'),
    title: TITLES[status] ?? STATUS_CODES[status] ?? 'Error',
    detail,
  };
  return { errors: [details.source ? { ...error, source: details.source } : error] };
}

export function fail(status: number, detail: string, details: FailureDetails = {}): Reply {
  return json(status, failure(status, detail, details), details.headers);
}

export function userNotFound(id: string): Reply {
  return fail(404, `User '${id}' was not found`);
}

function snakeCase(phrase: string): string {
  return phrase
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}
