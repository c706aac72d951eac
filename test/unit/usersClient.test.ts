import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { ApiError } from '../../src/api/apiError';
import { closeSharedPools } from '../../src/api/dispatcher';
import { readPageToken } from '../../src/api/pageToken';
import type { RequestRecord, User } from '../../src/api/types';
import { UsersClient, type UsersClientOptions } from '../../src/api/usersClient';
import { startSandbox, type Faults, type Sandbox } from '../sandbox/server';
import { listenOnLoopback } from './loopback';

/** What the stub server answers; `drop` closes the connection without a response. */
type StubReply = { status: number; headers?: Record<string, string>; body?: string } | 'drop';

interface Stub {
  url: string;
  hits: string[];
  /** The client port of each request, to tell reused connections from new ones. */
  ports: number[];
  close(): Promise<void>;
}

function aUser(overrides: Partial<User> = {}): User {
  const id = overrides.id ?? 'u-test01';
  return {
    api_version: 'iam/v2',
    kind: 'User',
    id,
    metadata: { self: `https://api.confluent.cloud/iam/v2/users/${id}` },
    email: `${id}@example.com`,
    full_name: 'Test User',
    auth_type: 'AUTH_TYPE_LOCAL',
    ...overrides,
  };
}

function aUserList(data: unknown[], metadata: Record<string, unknown> = {}): unknown {
  return { api_version: 'iam/v2', kind: 'UserList', metadata, data };
}

function aFailure(status: number, detail: string): StubReply {
  const errors = [{ id: 'e-1', status: String(status), code: 'some_code', title: 'T', detail }];
  return jsonReply(status, { errors });
}

function jsonReply(status: number, value: unknown): StubReply {
  const headers = { 'content-type': 'application/json', 'x-request-id': 'stub-req-1' };
  return { status, headers, body: JSON.stringify(value) };
}

/** A loopback server answering `replies` in order, repeating the last one. */
async function startStub(replies: StubReply[]): Promise<Stub> {
  const hits: string[] = [];
  const ports: number[] = [];
  const server = http.createServer((req, res) => {
    const reply = replies[Math.min(hits.length, replies.length - 1)];
    hits.push(`${req.method} ${req.url}`);
    ports.push(req.socket.remotePort ?? 0);
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    res.writeHead(reply.status, reply.headers).end(reply.body);
  });
  return { ...(await listenOnLoopback(server)), hits, ports };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected the call to fail');
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await run();
  return { value, ms: performance.now() - start };
}

async function listAll(client: UsersClient, pageSize: number): Promise<User[]> {
  const users: User[] = [];
  let pageToken: string | undefined;
  do {
    const page = await client.listUsers({ pageSize, pageToken });
    users.push(...page.users);
    pageToken = page.nextPageToken;
  } while (pageToken);
  return users;
}

describe('UsersClient', function () {
  this.timeout(10_000);
  let sandbox: Sandbox;

  function client(options: Partial<UsersClientOptions> = {}): UsersClient {
    const { apiKey, apiSecret } = sandbox.credentials;
    return new UsersClient({
      baseUrl: sandbox.url,
      credentials: { kind: 'apiKey', apiKey, apiSecret },
      maxRetryDelayMs: 50,
      ...options,
    });
  }

  function stubClient(stub: Stub, options: Partial<UsersClientOptions> = {}): UsersClient {
    const credentials = { kind: 'apiKey', apiKey: 'key', apiSecret: 'secret' } as const;
    return new UsersClient({ baseUrl: stub.url, credentials, maxRetries: 0, ...options });
  }

  function faults(f: Faults): void {
    sandbox.setFaults(f);
  }

  function firstUserId(): string {
    return sandbox.users()[0].id;
  }

  before(async () => {
    sandbox = await startSandbox({ userCount: 250, seed: 7 });
  });

  beforeEach(() => {
    sandbox.reset();
  });

  after(async () => {
    await sandbox.close();
    await closeSharedPools();
  });

  describe('paging', () => {
    it('lists 250 users in exactly three pages of 100', async () => {
      const users = await listAll(client(), 100);

      assert.equal(users.length, 250);
      assert.equal(new Set(users.map((user) => user.id)).size, 250);
      const lists = sandbox.requests.filter((r) => r.path === '/iam/v2/users');
      assert.equal(lists.length, 3);
    });

    it('reports the total size of the list', async () => {
      const page = await client().listUsers({ pageSize: 100 });

      assert.equal(page.totalSize, 250);
      assert.equal(page.users.length, 100);
    });

    it('sends page tokens to the configured host even when next names another', async () => {
      const elsewhere = await startStub([jsonReply(200, aUserList([]))]);
      const publicBaseUrl = elsewhere.url;
      const other = await startSandbox({ userCount: 25, seed: 3, publicBaseUrl });
      try {
        const credentials = { kind: 'apiKey' as const, ...other.credentials };
        const users = await listAll(new UsersClient({ baseUrl: other.url, credentials }), 10);

        assert.equal(users.length, 25);
        assert.equal(other.requests.length, 3);
        assert.deepEqual(elsewhere.hits, []);
      } finally {
        await other.close();
        await elsewhere.close();
      }
    });
  });

  describe('credentials', () => {
    it('signs requests with HTTP Basic for an API key', async () => {
      await client().getUser(firstUserId());

      assert.equal(sandbox.requests[0].auth, 'basic');
    });

    it('signs requests with a bearer token', async () => {
      const credentials = { kind: 'bearer' as const, token: sandbox.credentials.bearerToken };
      await client({ credentials }).getUser(firstUserId());

      assert.equal(sandbox.requests[0].auth, 'bearer');
    });

    it('asks to check the key when the secret is wrong, with the request id', async () => {
      const credentials = { kind: 'apiKey' as const, apiKey: 'SANDBOXKEY', apiSecret: 'wrong' };
      const err = await rejection(client({ credentials }).listUsers());

      assert.equal(err.status, 401);
      assert.match(err.message, /Check the Cloud API key and secret/);
      assert.ok(err.requestId);
      assert.ok(err.message.endsWith(`(request id ${err.requestId})`));
    });

    it('never shows the secret to onRequest', async () => {
      const records: RequestRecord[] = [];
      await client({ onRequest: (r) => records.push(r) }).getUser(firstUserId());

      const { apiKey, apiSecret } = sandbox.credentials;
      const basic = Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
      const logged = JSON.stringify(records);
      assert.equal(records.length, 1);
      assert.ok(!logged.includes(apiSecret) && !logged.includes(basic));
    });
  });

  describe('error responses', () => {
    it('says what was not found on 404', async () => {
      const err = await rejection(client().getUser('u-missing'));

      assert.equal(err.kind, 'http');
      assert.equal(err.status, 404);
      assert.match(err.message, /^Not found: .*u-missing/);
    });

    it('passes on the detail of a 422', async () => {
      faults({ byId: { 'u-odd': 422 } });
      const err = await rejection(client().updateFullName('u-odd', 'New Name'));

      assert.equal(err.status, 422);
      assert.ok(err.detail);
      assert.ok(err.message.startsWith(err.detail));
    });

    it('explains a 403 as missing permission', async () => {
      const stub = await startStub([aFailure(403, 'Not allowed to list users')]);
      const err = await rejection(stubClient(stub).listUsers()).finally(stub.close);

      assert.equal(
        err.message,
        'The credentials lack permission for this: Not allowed to list users. (request id stub-req-1)',
      );
    });

    it('shows the detail of a 409 as it is', async () => {
      const stub = await startStub([aFailure(409, 'The user is being changed')]);
      const err = await rejection(stubClient(stub).updateFullName('u-1', 'x')).finally(stub.close);

      assert.equal(err.message, 'The user is being changed (request id stub-req-1)');
      assert.equal(err.code, 'some_code');
    });

    const oddBodies: [string, StubReply, RegExp][] = [
      [
        'an {"error":{"message"}}',
        jsonReply(409, { error: { message: 'x conflict' } }),
        /^x conflict/,
      ],
      ['a {"message"}', jsonReply(409, { message: 'y conflict' }), /^y conflict/],
      [
        'an HTML 502',
        { status: 502, body: '<html><b>Bad gateway</b></html>' },
        /server error \(502\)/,
      ],
      ['an empty 409', { status: 409 }, /refused the request \(409\)/],
      ['a nested object', jsonReply(409, { error: { message: { text: 'z' } } }), /\(409\)/],
    ];
    for (const [name, reply, expected] of oddBodies) {
      it(`reads ${name} error body into a sentence`, async () => {
        const stub = await startStub([reply]);
        const err = await rejection(stubClient(stub).getUser('u-1')).finally(stub.close);

        assert.match(err.message, expected);
        assert.doesNotMatch(err.message, /\[object Object\]|<|undefined/);
      });
    }

    it('quotes at most 200 characters of a long detail', async () => {
      const stub = await startStub([aFailure(409, 'long '.repeat(500))]);
      const err = await rejection(stubClient(stub).getUser('u-1')).finally(stub.close);

      assert.ok(err.message.length < 260, `message was ${err.message.length} long`);
    });
  });

  describe('retries', () => {
    it('waits out a 429 with Retry-After and then succeeds', async () => {
      faults({ rateLimitEvery: 2, retryAfterSeconds: 1, rateLimitHeaders: 'retry-after' });
      await client().getUser(firstUserId());
      const { ms } = await timed(() => client({ maxRetryDelayMs: 5000 }).getUser(firstUserId()));

      assert.deepEqual(statuses(), [200, 429, 200]);
      assert.ok(ms >= 900, `retried after ${ms} ms`);
    });

    it('honours X-RateLimit-Reset as seconds from now', async () => {
      faults({ rateLimitEvery: 2, retryAfterSeconds: 1, rateLimitHeaders: 'reset' });
      await client().getUser(firstUserId());
      const { ms } = await timed(() => client({ maxRetryDelayMs: 5000 }).getUser(firstUserId()));

      assert.deepEqual(statuses(), [200, 429, 200]);
      assert.ok(ms >= 900, `retried after ${ms} ms`);
    });

    it('tells of a 429 as it comes and of the wait after it, timing the 429 without the wait', async () => {
      faults({ rateLimitEvery: 2, retryAfterSeconds: 1, rateLimitHeaders: 'retry-after' });
      await client().getUser(firstUserId());
      const events: string[] = [];
      const records: RequestRecord[] = [];
      await client({
        maxRetryDelayMs: 5000,
        onRequest: (r) => {
          records.push(r);
          events.push(`record ${r.status}`);
        },
        onRetryWait: (wait) =>
          events.push(`wait ${wait.method} ${wait.outcome} ${wait.delayMs} #${wait.attempt}`),
      }).getUser(firstUserId());

      assert.deepEqual(events, ['record 429', 'wait GET 429 1000 #1', 'record 200']);
      const limited = records[0];
      assert.ok(limited.durationMs < 900, `the 429 took ${limited.durationMs} ms`);
    });

    it('stops waiting to send a DELETE again when told to, and rejects as cancelled', async () => {
      faults({ rateLimitEvery: 1, retryAfterSeconds: 5 });
      const id = firstUserId();
      const stop = new AbortController();
      const deleting = client({
        maxRetryDelayMs: 10_000,
        onRetryWait: () => stop.abort(),
      }).deleteUser(id, { stopRetrying: stop.signal });
      const { value: err, ms } = await timed(() => rejection(deleting));

      assert.equal(err.kind, 'cancelled');
      assert.ok(ms < 2000, `rejected after ${ms} ms`);
      assert.deepEqual(statuses(), [429]);
      assert.ok(sandbox.getUser(id), 'the user is still there');
    });

    it('lets an attempt on its way finish when told to stop retrying', async () => {
      faults({ latencyMs: 300 });
      const id = firstUserId();
      const stop = new AbortController();
      const deleting = client().deleteUser(id, { stopRetrying: stop.signal });
      setTimeout(() => stop.abort(), 50);
      await deleting;

      assert.deepEqual(statuses(), [204]);
      assert.equal(sandbox.getUser(id), undefined);
    });

    it('caps a long Retry-After at maxRetryDelayMs', async () => {
      faults({ rateLimitEvery: 2, retryAfterSeconds: 60 });
      await client().getUser(firstUserId());
      await client({ maxRetryDelayMs: 100 }).getUser(firstUserId());

      assert.deepEqual(statuses(), [200, 429, 200]);
    });

    it('gives up on a lasting 503 after maxRetries more attempts', async () => {
      faults({ serverErrorEvery: 1, serverErrorStatus: 503 });
      const err = await rejection(client({ maxRetries: 2 }).listUsers());

      assert.equal(err.status, 503);
      assert.ok(err.requestId);
      assert.deepEqual(statuses(), [503, 503, 503]);
    });

    it('never retries a PATCH', async () => {
      faults({ serverErrorEvery: 1, serverErrorStatus: 503 });
      const err = await rejection(client().updateFullName(firstUserId(), 'New Name'));

      assert.equal(err.status, 503);
      assert.equal(sandbox.requests.length, 1);
    });

    it('reports 404 for a DELETE whose retry finds the user gone', async () => {
      faults({ serverErrorEvery: 2, serverErrorStatus: 503 });
      await client().getUser(firstUserId());
      const err = await rejection(client().deleteUser('u-gone'));

      assert.equal(err.status, 404);
      assert.deepEqual(statuses(), [200, 503, 404]);
    });

    it('retries a read after the connection drops', async () => {
      const stub = await startStub(['drop', jsonReply(200, aUser())]);
      const user = await stubClient(stub, { maxRetries: 1 })
        .getUser('u-test01')
        .finally(stub.close);

      assert.equal(user.id, 'u-test01');
      assert.equal(stub.hits.length, 2);
    });

    it('reports one record per attempt, numbered', async () => {
      faults({ serverErrorEvery: 1, serverErrorStatus: 500 });
      const records: RequestRecord[] = [];
      await rejection(client({ maxRetries: 1, onRequest: (r) => records.push(r) }).listUsers());

      assert.deepEqual(
        records.map((r) => [r.method, r.path, r.status, r.attempt]),
        [
          ['GET', '/iam/v2/users', 500, 1],
          ['GET', '/iam/v2/users', 500, 2],
        ],
      );
      assert.ok(records.every((r) => r.requestId && r.durationMs >= 0));
    });
  });

  describe('connections', () => {
    it('reuses kept-alive connections across clients of the same origin', async () => {
      const stub = await startStub([jsonReply(200, aUser())]);
      for (let i = 0; i < 4; i++) {
        await stubClient(stub).getUser('u-test01');
      }
      await stub.close();

      assert.equal(stub.ports.length, 4);
      assert.ok(new Set(stub.ports).size < 4, `ports ${stub.ports.join(', ')}`);
    });
  });

  describe('timeouts and cancellation', () => {
    it('times out when the server never answers', async () => {
      faults({ hang: true });
      const err = await rejection(client({ timeoutMs: 300 }).listUsers());

      assert.equal(err.kind, 'timeout');
      assert.match(err.message, /did not answer within 300 ms/);
    });

    it('stops at once when cancelled mid-request', async () => {
      faults({ hang: true });
      const { value: err, ms } = await timed(() => rejection(client().listUsers(abortIn(50))));

      assert.equal(err.kind, 'cancelled');
      assert.ok(ms < 2000, `took ${ms} ms`);
    });

    it('stops at once when cancelled while waiting to retry', async () => {
      faults({ rateLimitEvery: 1, retryAfterSeconds: 10 });
      const slow = client({ maxRetryDelayMs: 10_000 });
      const { value: err, ms } = await timed(() => rejection(slow.listUsers(abortIn(100))));

      assert.equal(err.kind, 'cancelled');
      assert.ok(ms < 2000, `took ${ms} ms`);
      assert.equal(sandbox.requests.length, 1);
    });

    it('sends nothing when already cancelled', async () => {
      const err = await rejection(client().listUsers({ signal: AbortSignal.abort() }));

      assert.equal(err.kind, 'cancelled');
      assert.equal(sandbox.requests.length, 0);
    });
  });

  describe('malformed responses', () => {
    const variants: NonNullable<Faults['malformed']>[] = [
      'invalid-json',
      'html',
      'wrong-kind',
      'wrong-shape',
    ];
    for (const malformed of variants) {
      it(`rejects a ${malformed} list as malformed`, async () => {
        faults({ malformedEvery: 1, malformed });
        const err = await rejection(client().listUsers());

        assert.equal(err.kind, 'malformed');
        assert.match(err.message, /^Confluent Cloud sent a response this extension cannot read: /);
      });
    }

    it('rejects a user of the wrong kind as malformed', async () => {
      faults({ malformedEvery: 1, malformed: 'wrong-kind' });
      const err = await rejection(client().getUser(firstUserId()));

      assert.equal(err.kind, 'malformed');
      assert.match(err.message, /"User"/);
    });

    it('names the field that has the wrong type', async () => {
      const list = aUserList([aUser(), { ...aUser(), email: 42 }]);
      const stub = await startStub([jsonReply(200, list)]);
      const err = await rejection(stubClient(stub).listUsers()).finally(stub.close);

      assert.match(err.message, /data\[1\]\.email is number 42, not a string/);
    });

    it('rejects a negative total_size', async () => {
      const stub = await startStub([jsonReply(200, aUserList([], { total_size: -1 }))]);
      const err = await rejection(stubClient(stub).listUsers()).finally(stub.close);

      assert.equal(err.kind, 'malformed');
    });
  });

  describe('user ids', () => {
    const hostile = ['a/b', 'a/../b', '../x', '100%', 'two words', 'ünïcødé', 'q?x=1#y'];
    for (const id of hostile) {
      it(`keeps ${JSON.stringify(id)} inside one path segment`, async () => {
        const err = await rejection(client().getUser(id));

        assert.equal(err.status, 404);
        assert.equal(sandbox.requests[0].path, `/iam/v2/users/${encodeURIComponent(id)}`);
      });
    }

    it('reads a user whose id needs encoding', async () => {
      sandbox.putUser(aUser({ id: 'u-a/b c%ü' }));

      assert.equal((await client().getUser('u-a/b c%ü')).email, 'u-a/b c%ü@example.com');
    });

    for (const id of ['', '.', '..']) {
      it(`refuses the id ${JSON.stringify(id)} without sending`, async () => {
        await assert.rejects(client().deleteUser(id), TypeError);

        assert.equal(sandbox.requests.length, 0);
      });
    }
  });

  function statuses(): number[] {
    return sandbox.requests.map((r) => r.status);
  }
});

describe('readPageToken', () => {
  const cases: [unknown, string | undefined][] = [
    ['https://api.confluent.cloud/iam/v2/users?page_size=10&page_token=abc', 'abc'],
    ['/iam/v2/users?page_token=a%2Bb', 'a+b'],
    ['https://api.confluent.cloud/iam/v2/users?page_size=10', undefined],
    ['https://api.confluent.cloud/iam/v2/users?page_token=', undefined],
    ['http://[bad', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
    [42, undefined],
  ];
  for (const [next, token] of cases) {
    it(`reads ${JSON.stringify(token)} from ${JSON.stringify(next)}`, () => {
      assert.equal(readPageToken(next), token);
    });
  }
});

/** A person pressing Cancel after `ms`. */
function abortIn(ms: number): { signal: AbortSignal } {
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return { signal: controller.signal };
}
