import type { User } from '../../src/api/types';
import { fail, userNotFound } from './failures';
import { json, type Reply } from './reply';
import { rfc3339 } from './seed';
import type { PageTokens, UserStore } from './store';

export type ItemMethod = 'GET' | 'PATCH' | 'DELETE';

export type Route =
  | { kind: 'list' }
  | { kind: 'item'; method: ItemMethod; id: string }
  | { kind: 'rejected'; reply: Reply };

type Parsed = { ok: true; value: Record<string, unknown> } | { ok: false; reply: Reply };

export interface RouteContext {
  store: UserStore;
  tokens: PageTokens;
  baseUrl: string;
}

const USERS_PATH = '/iam/v2/users';
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
const MAX_TOKEN_LENGTH = 255;
const MAX_NAME_LENGTH = 255;
const IMMUTABLE_FIELDS = ['id', 'email'] as const;

export function matchRoute(method: string, pathname: string): Route {
  if (pathname === USERS_PATH) {
    return method === 'GET' ? { kind: 'list' } : methodNotAllowed(method, 'GET');
  }
  const id = itemId(pathname);
  if (id === undefined) {
    return { kind: 'rejected', reply: fail(404, `No resource at ${pathname}`) };
  }
  if (method === 'GET' || method === 'PATCH' || method === 'DELETE') {
    return { kind: 'item', method, id };
  }
  return methodNotAllowed(method, 'GET, PATCH, DELETE');
}

export function listUsers(ctx: RouteContext, query: URLSearchParams): Reply {
  const pageSize = parsePageSize(query.get('page_size'));
  if (typeof pageSize !== 'number') {
    return pageSize;
  }
  const token = query.get('page_token') || undefined;
  const after = token === undefined ? undefined : resolveToken(ctx, token);
  if (after !== undefined && typeof after !== 'string') {
    return after;
  }
  const all = ctx.store.list();
  const start = after === undefined ? 0 : firstIndexAfter(all, after);
  const data = all.slice(start, start + pageSize);
  const sizeParam = query.has('page_size') ? `page_size=${pageSize}` : undefined;
  const next =
    start + pageSize < all.length ? ctx.tokens.issue(data[data.length - 1].id) : undefined;
  return json(200, {
    api_version: 'iam/v2',
    kind: 'UserList',
    metadata: {
      first: listLink(ctx, sizeParam),
      ...(next && { next: listLink(ctx, sizeParam, `page_token=${next}`) }),
      total_size: all.length,
    },
    data,
  });
}

export function getUser(ctx: RouteContext, id: string): Reply {
  const user = ctx.store.get(id);
  return user ? json(200, user) : userNotFound(id);
}

export function updateUser(ctx: RouteContext, id: string, body: string | undefined): Reply {
  const user = ctx.store.get(id);
  if (!user) {
    return userNotFound(id);
  }
  if (body === undefined) {
    return fail(413, 'The request body is too large');
  }
  const parsed = parseObject(body);
  if (!parsed.ok) {
    return parsed.reply;
  }
  const update = parsed.value;
  const problem = immutableChange(update, user) ?? invalidFullName(update.full_name);
  if (problem) {
    return problem;
  }
  if (typeof update.full_name !== 'string') {
    return json(200, user);
  }
  const updated: User = {
    ...user,
    full_name: update.full_name.trim(),
    metadata: { ...user.metadata, updated_at: rfc3339(Date.now()) },
  };
  ctx.store.put(updated);
  return json(200, updated);
}

export function deleteUser(ctx: RouteContext, id: string): Reply {
  return ctx.store.delete(id) ? { status: 204 } : userNotFound(id);
}

/** The decoded id of `/iam/v2/users/{id}`, or undefined for any other path. */
function itemId(pathname: string): string | undefined {
  const prefix = `${USERS_PATH}/`;
  const segment = pathname.startsWith(prefix) ? pathname.slice(prefix.length) : '';
  if (segment === '' || segment.includes('/')) {
    return undefined;
  }
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

function methodNotAllowed(method: string, allow: string): Route {
  const reply = fail(405, `Method ${method} is not allowed here; use ${allow}`, {
    headers: { Allow: allow },
  });
  return { kind: 'rejected', reply };
}

function parsePageSize(raw: string | null): number | Reply {
  if (raw === null) {
    return DEFAULT_PAGE_SIZE;
  }
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (size >= 1 && size <= MAX_PAGE_SIZE) {
    return size;
  }
  return fail(400, `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}, not '${raw}'`, {
    code: 'invalid_parameter',
    source: { parameter: 'page_size' },
  });
}

function resolveToken(ctx: RouteContext, token: string): string | Reply {
  const after = token.length <= MAX_TOKEN_LENGTH ? ctx.tokens.resolve(token) : undefined;
  if (after !== undefined) {
    return after;
  }
  return fail(400, 'page_token is not a token this server issued', {
    code: 'invalid_parameter',
    source: { parameter: 'page_token' },
  });
}

/** Binary search of the sorted list, so that paging through 10,000 users stays linear. */
function firstIndexAfter(users: readonly User[], id: string): number {
  let low = 0;
  let high = users.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (users[middle].id > id) {
      high = middle;
    } else {
      low = middle + 1;
    }
  }
  return low;
}

function listLink(ctx: RouteContext, ...params: (string | undefined)[]): string {
  const query = params.filter(Boolean).join('&');
  return `${ctx.baseUrl}${USERS_PATH}${query ? `?${query}` : ''}`;
}

function parseObject(body: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return {
      ok: false,
      reply: fail(400, 'The request body is not valid JSON', { code: 'invalid_json' }),
    };
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return { ok: true, value: value as Record<string, unknown> };
  }
  const detail = `The request body must be a JSON object (iam.v2.UserUpdate), not ${typeOf(value)}`;
  return { ok: false, reply: fail(400, detail, { code: 'invalid_input' }) };
}

function immutableChange(update: Record<string, unknown>, user: User): Reply | undefined {
  const field = IMMUTABLE_FIELDS.find((name) => name in update && update[name] !== user[name]);
  if (field === undefined) {
    return undefined;
  }
  return fail(400, `The property '/${field}' cannot be changed`, {
    code: 'immutable_field',
    source: { pointer: `/${field}` },
  });
}

function invalidFullName(value: unknown): Reply | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (typeof value !== 'string') {
    return fail(400, `The property '/full_name' must be a string, not ${typeOf(value)}`, {
      code: 'invalid_input',
      source: { pointer: '/full_name' },
    });
  }
  const length = [...value.trim()].length;
  if (length === 0 || length > MAX_NAME_LENGTH) {
    const why = length === 0 ? 'must not be empty' : `is ${length} characters long`;
    return fail(422, `The property '/full_name' ${why}; use 1 to ${MAX_NAME_LENGTH} characters`, {
      source: { pointer: '/full_name' },
    });
  }
  return undefined;
}

function typeOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}
