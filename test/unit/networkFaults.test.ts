import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { ApiError } from '../../src/api/apiError';
import { closeSharedPools } from '../../src/api/dispatcher';
import { UsersClient, type UsersClientOptions } from '../../src/api/usersClient';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { listenOnLoopback } from './loopback';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

interface Server {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A loopback server whose nth request (from 0) is answered by `handlers[n]`, or the last one. */
async function serve(...handlers: Handler[]): Promise<Server> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    const handler = handlers[Math.min(hits.length, handlers.length - 1)];
    hits.push(`${req.method} ${req.url} ${req.headers.authorization ? 'signed' : 'unsigned'}`);
    handler(req, res);
  });
  return { ...(await listenOnLoopback(server)), hits };
}

const json =
  (status: number, value: unknown): Handler =>
  (_req, res) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));

/** Closes the connection without a response, as a server that dropped a kept-alive one does. */
const hangUp: Handler = (req) => req.socket.destroy();

function aUser(id = 'u-1'): unknown {
  return { kind: 'User', id, email: `${id}@example.com`, metadata: { self: '' } };
}

function client(url: string, options: Partial<UsersClientOptions> = {}): UsersClient {
  const credentials = { kind: 'apiKey', apiKey: 'key', apiSecret: 'secret' } as const;
  return new UsersClient({ baseUrl: url, credentials, maxRetryDelayMs: 20, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const err = await promise.then(
    () => assert.fail('expected the call to fail'),
    (error: unknown) => error,
  );
  assert.ok(err instanceof ApiError, `expected an ApiError, got ${String(err)}`);
  return err;
}

describe('UsersClient when the network or the server misbehaves', function () {
  this.timeout(10_000);
  const servers: Server[] = [];

  async function start(...handlers: Handler[]): Promise<Server> {
    const server = await serve(...handlers);
    servers.push(server);
    return server;
  }

  afterEach(async function () {
    await closeSharedPools();
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  it('times out a body that stalls halfway, and says so', async function () {
    const server = await start((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"kind":"UserList","data":[');
    });
    const err = await rejection(client(server.url, { timeoutMs: 300 }).listUsers());

    assert.equal(err.kind, 'timeout');
    assert.match(err.message, /did not answer within 300 ms/);
  });

  it('refuses a 10 MB page with a readable reason', async function () {
    const padding = 'x'.repeat(10 * 1024 * 1024);
    const server = await start(json(200, { kind: 'UserList', data: [], padding }));
    const err = await rejection(client(server.url).listUsers());

    assert.equal(err.kind, 'malformed');
    assert.match(err.message, /cannot read: the body is larger than \d+ bytes/);
  });

  it('does not follow a redirect to another origin, so the credentials stay home', async function () {
    const elsewhere = await start(json(200, aUser()));
    const server = await start((_req, res) => {
      res.writeHead(307, { location: `${elsewhere.url}/iam/v2/users/u-1` }).end();
    });
    const err = await rejection(client(server.url).getUser('u-1'));

    assert.match(err.message, /redirect \(307\), which this extension does not follow/);
    assert.deepEqual(elsewhere.hits, []);
  });

  it('does not repeat a rename whose connection was dropped, and says it could not reach', async function () {
    const server = await start(hangUp, json(200, aUser()));
    const err = await rejection(client(server.url).updateFullName('u-1', 'New Name'));

    assert.equal(err.kind, 'network');
    assert.match(err.message, /^Could not reach 127\.0\.0\.1:\d+/);
    assert.equal(server.hits.length, 1);
  });

  it('repeats a delete whose connection was dropped once, and reports a 404 then', async function () {
    const gone = { errors: [{ status: '404', detail: "User 'u-1' was not found" }] };
    const server = await start(hangUp, json(404, gone));
    const err = await rejection(client(server.url).deleteUser('u-1'));

    assert.equal(err.status, 404);
    assert.equal(server.hits.length, 2);
  });
});

describe('UsersClient against a briefly unavailable server', function () {
  let sandbox: Sandbox;

  before(async function () {
    sandbox = await startSandbox({ userCount: 3 });
  });

  after(async function () {
    await closeSharedPools();
    await sandbox.close();
  });

  it('reads a user after a 503, without the caller seeing it', async function () {
    sandbox.setFaults({ serverErrorEvery: 2, serverErrorStatus: 503 });
    const reader = client(sandbox.url, { credentials: basic(sandbox) });
    const [first, second] = sandbox.users();
    await reader.getUser(first.id);
    const user = await reader.getUser(second.id);

    assert.equal(user.id, second.id);
    assert.deepEqual(
      sandbox.requests.map((request) => request.status),
      [200, 503, 200],
    );
  });
});

function basic(sandbox: Sandbox): UsersClientOptions['credentials'] {
  const { apiKey, apiSecret } = sandbox.credentials;
  return { kind: 'apiKey', apiKey, apiSecret };
}

describe('UsersClient in a rate-limit storm', function () {
  this.timeout(30_000);
  let sandbox: Sandbox;

  before(async function () {
    sandbox = await startSandbox({ userCount: 40 });
    sandbox.setFaults({ rateLimitEvery: 3, retryAfterSeconds: 0 });
  });

  after(async function () {
    await closeSharedPools();
    await sandbox.close();
  });

  it('finishes every read when a third of the requests get 429, one retry each', async function () {
    const users = sandbox.users();
    const storm = client(sandbox.url, { credentials: basic(sandbox) });
    const read = [];
    for (const user of users) {
      read.push(await storm.getUser(user.id));
    }

    const limited = sandbox.requests.filter((request) => request.status === 429).length;
    assert.deepEqual(
      read.map((user) => user.id),
      users.map((user) => user.id),
    );
    assert.equal(limited, Math.floor(sandbox.requests.length / 3), 'a third were answered 429');
    assert.equal(sandbox.requests.length, users.length + limited, 'each 429 cost one retry');
  });
});
