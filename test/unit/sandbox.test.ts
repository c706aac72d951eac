import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { User } from '../../src/api/types';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';

interface UserListBody {
  api_version: string;
  kind: string;
  metadata: { first: string; next?: string; total_size: number };
  data: User[];
}

interface FailureBody {
  errors: { id: string; status: string; code: string; title: string; detail: string }[];
}

let sandbox: Sandbox;

function basic(target: Sandbox = sandbox): string {
  const { apiKey, apiSecret } = target.credentials;
  return 'Basic ' + Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
}

function call(path: string, init: RequestInit = {}, target: Sandbox = sandbox): Promise<Response> {
  const headers = { authorization: basic(target), ...init.headers };
  return fetch(path.startsWith('http') ? path : target.url + path, { ...init, headers });
}

async function list(query = '', target: Sandbox = sandbox): Promise<UserListBody> {
  const response = await call(`/iam/v2/users${query}`, {}, target);
  assert.equal(response.status, 200);
  return (await response.json()) as UserListBody;
}

async function listAll(pageSize: number): Promise<User[]> {
  const users: User[] = [];
  let link: string | undefined = `${sandbox.url}/iam/v2/users?page_size=${pageSize}`;
  while (link) {
    const page = (await (await call(link)).json()) as UserListBody;
    users.push(...page.data);
    link = page.metadata.next;
  }
  return users;
}

async function follow(link: string | undefined): Promise<UserListBody> {
  assert.ok(link, 'expected a next link');
  return (await (await call(link)).json()) as UserListBody;
}

async function failure(response: Response, status: number): Promise<FailureBody['errors'][0]> {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('content-type'), 'application/json');
  const body = (await response.json()) as FailureBody;
  assert.equal(body.errors[0].status, String(status));
  return body.errors[0];
}

function patch(id: string, body: string): Promise<Response> {
  return call(`/iam/v2/users/${id}`, { method: 'PATCH', body });
}

async function restart(options: SandboxOptions): Promise<void> {
  await sandbox.close();
  sandbox = await startSandbox(options);
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function firstId(): string {
  return sandbox.users()[0].id;
}

describe('the Users API sandbox', function () {
  beforeEach(async function () {
    sandbox = await startSandbox();
  });

  afterEach(async function () {
    await sandbox.close();
  });

  describe('listing users', function () {
    it('pages to the end, yielding every user once and the total size', async function () {
      const users = await listAll(100);

      assert.equal(users.length, 250);
      assert.equal(new Set(users.map((user) => user.id)).size, 250);
      assert.equal((await list()).metadata.total_size, 250);
    });

    it('serves ten users a page by default', async function () {
      const page = await list();

      assert.equal(page.api_version, 'iam/v2');
      assert.equal(page.kind, 'UserList');
      assert.equal(page.data.length, 10);
      assert.equal(page.metadata.first, `${sandbox.url}/iam/v2/users`);
      assert.match(page.metadata.next ?? '', /\?page_token=[\w-]+$/);
    });

    it('leaves the next link out of the last page', async function () {
      await restart({ userCount: 7 });

      const page = await list('?page_size=7');

      assert.equal(page.data.length, 7);
      assert.equal(page.metadata.next, undefined);
    });

    it('lists users sorted by id, shaped as iam.v2.User', async function () {
      const { data } = await list('?page_size=100');
      const user = data[0];

      assert.deepEqual(
        data.map((u) => u.id),
        data.map((u) => u.id).sort(),
      );
      assert.match(user.id, /^u-[0-9a-z]{6}$/);
      assert.equal(user.kind, 'User');
      assert.equal(user.metadata.self, `${sandbox.url}/iam/v2/users/${user.id}`);
      assert.match(user.metadata.resource_name ?? '', new RegExp(`/user=${user.id}$`));
      assert.match(user.metadata.created_at ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      assert.match(user.auth_type ?? '', /^AUTH_TYPE_(SSO|LOCAL)$/);
    });

    it('rejects page sizes outside 1 to 100 with a 400 Failure', async function () {
      for (const size of ['101', '0', 'abc', '2.5']) {
        const error = await failure(await call(`/iam/v2/users?page_size=${size}`), 400);
        assert.match(error.detail, /page_size/);
      }
    });

    it('rejects a page token it never issued', async function () {
      await failure(await call('/iam/v2/users?page_token=bm90LWEtdG9rZW4'), 400);
    });

    it('skips no one when users are deleted while paging', async function () {
      const ids = sandbox.users().map((user) => user.id);
      const first = await list();

      await call(`/iam/v2/users/${ids[0]}`, { method: 'DELETE' });
      await call(`/iam/v2/users/${ids[9]}`, { method: 'DELETE' });
      const second = await follow(first.metadata.next);

      assert.equal(second.data[0].id, ids[10]);
    });

    it('writes publicBaseUrl into links and self', async function () {
      await restart({ publicBaseUrl: 'https://api.example.test/' });

      const page = await list();

      assert.equal(page.metadata.first, 'https://api.example.test/iam/v2/users');
      assert.ok(page.metadata.next?.startsWith('https://api.example.test/iam/v2/users?'));
      assert.ok(page.data[0].metadata.self.startsWith('https://api.example.test/iam/v2/users/'));
    });
  });

  describe('authentication', function () {
    it('answers a wrong secret with 401 and WWW-Authenticate', async function () {
      const wrong = 'Basic ' + Buffer.from(`${sandbox.credentials.apiKey}:nope`).toString('base64');
      const response = await call('/iam/v2/users', { headers: { authorization: wrong } });

      assert.equal((await failure(response, 401)).code, 'user_unauthenticated');
      assert.match(response.headers.get('www-authenticate') ?? '', /^Basic error="invalid_key"/);
    });

    it('answers missing credentials with 401', async function () {
      const response = await fetch(`${sandbox.url}/iam/v2/users`);

      await failure(response, 401);
      assert.ok(response.headers.get('www-authenticate'));
    });

    it('accepts the bearer token', async function () {
      const authorization = `Bearer ${sandbox.credentials.bearerToken}`;

      const response = await call('/iam/v2/users', { headers: { authorization } });

      assert.equal(response.status, 200);
      assert.equal(sandbox.requests[0].auth, 'bearer');
    });

    it('records each request without header values', async function () {
      await call('/iam/v2/users?page_size=5');
      await fetch(`${sandbox.url}/iam/v2/users/u-x`);

      assert.deepEqual(sandbox.requests, [
        {
          method: 'GET',
          path: '/iam/v2/users',
          query: { page_size: '5' },
          status: 200,
          auth: 'basic',
        },
        { method: 'GET', path: '/iam/v2/users/u-x', query: {}, status: 401, auth: 'none' },
      ]);
    });
  });

  describe('one user', function () {
    it('reads a user by id', async function () {
      const response = await call(`/iam/v2/users/${firstId()}`);

      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), sandbox.getUser(firstId()));
    });

    it('answers an unknown id with a 404 Failure', async function () {
      const error = await failure(await call('/iam/v2/users/u-000000'), 404);

      assert.equal(error.code, 'resource_not_found');
      assert.equal(error.title, 'Not Found');
      assert.match(error.id, /^[0-9a-f-]{36}$/);
    });

    it('answers extra path segments and other paths with 404', async function () {
      await failure(await call(`/iam/v2/users/${firstId()}/keys`), 404);
      await failure(await call('/iam/v2/service-accounts'), 404);
    });

    it('answers other methods with 405', async function () {
      await failure(await call('/iam/v2/users', { method: 'POST', body: '{}' }), 405);
      await failure(await call(`/iam/v2/users/${firstId()}`, { method: 'PUT', body: '{}' }), 405);
    });

    it('decodes the id from the path, so hostile ids work', async function () {
      const hostile = { ...sandbox.users()[0], id: 'u-a/b?c#d é', full_name: '<img src=x>' };
      sandbox.putUser(hostile);

      const response = await call(`/iam/v2/users/${encodeURIComponent(hostile.id)}`);

      assert.equal(((await response.json()) as User).full_name, '<img src=x>');
    });
  });

  describe('updating a user', function () {
    it('trims and saves the new full name, bumping updated_at', async function () {
      const before = sandbox.getUser(firstId());

      const response = await patch(firstId(), JSON.stringify({ full_name: '  Ada Lovelace ' }));

      const user = (await response.json()) as User;
      assert.equal(response.status, 200);
      assert.equal(user.full_name, 'Ada Lovelace');
      assert.notEqual(user.metadata.updated_at, before?.metadata.updated_at);
      assert.deepEqual(sandbox.getUser(firstId()), user);
    });

    it('answers an empty or overlong name with 422 saying why', async function () {
      const empty = await failure(await patch(firstId(), '{"full_name":"   "}'), 422);
      const long = JSON.stringify({ full_name: 'x'.repeat(256) });

      assert.match(empty.detail, /empty/);
      assert.match((await failure(await patch(firstId(), long), 422)).detail, /256/);
    });

    it('answers a bad body or a changed email with 400', async function () {
      await failure(await patch(firstId(), '{"full_name":'), 400);
      await failure(await patch(firstId(), '"Ada"'), 400);
      await failure(await patch(firstId(), '{"full_name":42}'), 400);
      const email = await failure(await patch(firstId(), '{"email":"x@example.com"}'), 400);

      assert.match(email.detail, /email/);
    });

    it('answers an unknown id with 404', async function () {
      await failure(await patch('u-000000', '{"full_name":"Ada"}'), 404);
    });
  });

  describe('deleting a user', function () {
    it('answers 204 without a body, then 404', async function () {
      const path = `/iam/v2/users/${firstId()}`;

      const response = await call(path, { method: 'DELETE' });

      assert.equal(response.status, 204);
      assert.equal(await response.text(), '');
      await failure(await call(path), 404);
      await failure(await call(path, { method: 'DELETE' }), 404);
    });
  });

  describe('headers and connections', function () {
    it('gives every response its own X-Request-Id and rate-limit headers', async function () {
      const first = await call('/iam/v2/users');
      const second = await fetch(`${sandbox.url}/nowhere`);

      assert.ok(first.headers.get('x-request-id'));
      assert.notEqual(first.headers.get('x-request-id'), second.headers.get('x-request-id'));
      assert.match(first.headers.get('x-ratelimit-limit') ?? '', /^\d+$/);
      assert.match(first.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
      assert.match(first.headers.get('x-ratelimit-reset') ?? '', /^\d+$/);
    });

    it('keeps connections alive between requests', async function () {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

      const reused = [await rawGet(agent), await rawGet(agent)];

      agent.destroy();
      assert.deepEqual(reused, [false, true]);
    });
  });

  describe('faults', function () {
    it('answers every Nth request with 429, Retry-After and X-RateLimit-Reset', async function () {
      sandbox.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 3 });

      const first = await call('/iam/v2/users');
      const limited = await call('/iam/v2/users');

      assert.equal(first.status, 200);
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('retry-after'), '3');
      assert.equal(limited.headers.get('x-ratelimit-reset'), '3');
    });

    it('sends only the 429 header asked for', async function () {
      sandbox.setFaults({ rateLimitEvery: 1, rateLimitHeaders: 'retry-after' });

      const response = await call('/iam/v2/users');

      assert.equal(response.headers.get('retry-after'), '1');
      assert.equal(response.headers.get('x-ratelimit-reset'), null);
    });

    it('answers every Nth request with the server error status', async function () {
      sandbox.setFaults({ serverErrorEvery: 1, serverErrorStatus: 503 });

      const error = await failure(await call('/iam/v2/users'), 503);

      assert.equal(error.code, 'service_unavailable');
    });

    it('answers 200 with each kind of malformed body', async function () {
      const bodies: string[] = [];
      for (const malformed of ['invalid-json', 'html', 'wrong-kind', 'wrong-shape'] as const) {
        sandbox.setFaults({ malformedEvery: 1, malformed });
        const response = await call('/iam/v2/users');
        assert.equal(response.status, 200);
        bodies.push(await response.text());
      }

      assert.throws(() => JSON.parse(bodies[0]));
      assert.match(bodies[1], /<html>/);
      assert.equal(JSON.parse(bodies[2]).kind, 'ServiceAccountList');
      assert.deepEqual(JSON.parse(bodies[3]), { data: 'nope' });
    });

    it('answers the status set for an id', async function () {
      sandbox.setFaults({ byId: { [firstId()]: 403 } });

      await failure(await call(`/iam/v2/users/${firstId()}`), 403);
      assert.equal((await call(`/iam/v2/users/${sandbox.users()[1].id}`)).status, 200);
    });

    it('holds hanging requests until the faults change', async function () {
      sandbox.setFaults({ hang: true });

      const pending = call('/iam/v2/users');
      await until(() => sandbox.requests.length === 1);
      assert.equal(sandbox.requests[0].status, 0);
      sandbox.setFaults({});

      assert.equal((await pending).status, 200);
    });

    it('closes promptly while a request hangs', async function () {
      sandbox.setFaults({ hang: true });
      const pending = call('/iam/v2/users');
      await until(() => sandbox.requests.length === 1);

      const started = Date.now();
      await sandbox.close();

      await assert.rejects(pending);
      assert.ok(Date.now() - started < 1000);
    });

    it('delays every response by latencyMs', async function () {
      sandbox.setFaults({ latencyMs: 120 });

      const started = Date.now();
      await call('/iam/v2/users');

      assert.ok(Date.now() - started >= 100);
    });
  });

  describe('seeded users', function () {
    it('are the same for the same seed and differ for another', async function () {
      const same = await startSandbox({ seed: 1 });
      const other = await startSandbox({ seed: 2 });
      const ids = (target: Sandbox) => target.users().map((user) => user.email + user.id);

      try {
        assert.deepEqual(ids(same), ids(sandbox));
        assert.notDeepEqual(ids(other), ids(sandbox));
      } finally {
        await Promise.all([same.close(), other.close()]);
      }
    });

    it('include names in other scripts, with unique ASCII emails', function () {
      const users = sandbox.users();
      const names = users.map((user) => user.full_name ?? '').join(' ');

      assert.match(names, /[éèüøñ]/);
      assert.match(names, /\p{Script=Cyrillic}/u);
      assert.match(names, /\p{Script=Han}/u);
      assert.match(names, /\p{Script=Arabic}/u);
      assert.ok(users.every((user) => /^[a-z0-9.]+@example\.(com|org)$/.test(user.email)));
      assert.equal(new Set(users.map((user) => user.email)).size, users.length);
    });

    it('come back on reset, with requests and faults cleared', async function () {
      const original = sandbox.users();
      await call(`/iam/v2/users/${firstId()}`, { method: 'DELETE' });
      sandbox.setFaults({ serverErrorEvery: 1 });

      sandbox.reset();

      assert.deepEqual(sandbox.users(), original);
      assert.equal(sandbox.requests.length, 0);
      assert.equal((await call('/iam/v2/users')).status, 200);
    });
  });
});

function rawGet(agent: http.Agent): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const headers = { authorization: basic() };
    const request = http.get(`${sandbox.url}/iam/v2/users`, { agent, headers }, (response) => {
      response.resume().on('end', () => resolve(request.reusedSocket));
    });
    request.on('error', reject);
  });
}
