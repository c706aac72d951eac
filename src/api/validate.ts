import type { ObjectMeta, User, UserPage } from './types';
import { readPageToken } from './pageToken';

/** A response body that does not have the shape the spec promises; the message says what is off. */
export class ShapeError extends Error {}

type Json = Record<string, unknown>;

const userFields = ['api_version', 'kind', 'full_name', 'auth_type'] as const;
const metaFields = ['self', 'resource_name', 'created_at', 'updated_at', 'deleted_at'] as const;

export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const trimmed = text.trim();
    if (!trimmed) {
      throw new ShapeError('the body is empty');
    }
    throw new ShapeError(trimmed.startsWith('<') ? 'the body is HTML, not JSON' : 'invalid JSON');
  }
}

/** Checks a `GET /iam/v2/users` body (`iam.v2.UserList`) and reduces it to a page. */
export function toUserPage(body: unknown): UserPage {
  const list = expectKind(body, 'UserList');
  if (!Array.isArray(list.data)) {
    throw new ShapeError('"data" is not an array');
  }
  const meta = optionalObject(list.metadata, 'metadata') ?? {};
  const users = list.data.map((item, index) => checkUser(item, `data[${index}]`, true));
  return { users, nextPageToken: readPageToken(meta.next), totalSize: totalSize(meta.total_size) };
}

/** Checks a single `iam.v2.User` body. */
export function toUser(body: unknown): User {
  expectKind(body, 'User');
  return checkUser(body, 'the user', false);
}

function expectKind(body: unknown, kind: string): Json {
  if (!isObject(body)) {
    throw new ShapeError(`expected a ${kind} object but got ${describe(body)}`);
  }
  if (body.kind === undefined) {
    throw new ShapeError(`the body has no "kind"; expected "${kind}"`);
  }
  if (body.kind !== kind) {
    throw new ShapeError(`expected kind "${kind}" but got ${describe(body.kind)}`);
  }
  return body;
}

function checkUser(value: unknown, where: string, metadataRequired: boolean): User {
  if (!isObject(value)) {
    throw new ShapeError(`${where} is ${describe(value)}, not an object`);
  }
  const id = requiredString(value.id, where, 'id');
  const email = requiredString(value.email, where, 'email');
  const meta = optionalObject(value.metadata, where, 'metadata');
  if (!meta && metadataRequired) {
    throw new ShapeError(`${where}.metadata is missing`);
  }
  const user = copyStrings(value, userFields, where, {});
  user.id = id;
  user.email = email;
  user.metadata = checkMeta(meta ?? {}, where);
  return user as unknown as User;
}

function checkMeta(meta: Json, userWhere: string): ObjectMeta {
  // `self` is required by the spec but nothing here follows it, so a missing one is tolerated.
  return copyStrings(meta, metaFields, `${userWhere}.metadata`, {
    self: '',
  }) as unknown as ObjectMeta;
}

/**
 * Copies the string fields that are present onto `to`. Assigning in place, and naming a field only
 * when it is wrong, matter here: spreading picked copies and building every field's name made
 * checking a page of users cost three times its JSON.parse.
 */
function copyStrings(value: Json, names: readonly string[], where: string, to: Json): Json {
  for (const name of names) {
    const field = value[name];
    if (field !== undefined && field !== null) {
      to[name] = requiredString(field, where, name);
    }
  }
  return to;
}

function totalSize(value: unknown): number | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ShapeError(`metadata.total_size is ${describe(value)}, not a count`);
  }
  return value;
}

/** `where` and `field` are joined only for the message, so a valid value costs no string. */
function requiredString(value: unknown, where: string, field?: string): string {
  if (typeof value !== 'string') {
    throw new ShapeError(`${path(where, field)} is ${describe(value)}, not a string`);
  }
  return value;
}

function optionalObject(value: unknown, where: string, field?: string): Json | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!isObject(value)) {
    throw new ShapeError(`${path(where, field)} is ${describe(value)}, not an object`);
  }
  return value;
}

function path(where: string, field: string | undefined): string {
  return field === undefined ? where : `${where}.${field}`;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  if (value === null || Array.isArray(value)) {
    return value === null ? 'null' : 'an array';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
