import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { createProxy, type ProxyServer } from 'proxy';
import { ApiError } from '../../src/api/apiError';
import { closeSharedPools, type ProxyOptions } from '../../src/api/dispatcher';
import { UsersClient } from '../../src/api/usersClient';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { listenOnLoopback } from './loopback';

const proxyVariables = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy'];
const noProxyVariables = ['NO_PROXY', 'no_proxy'];

/** A real forwarding proxy on loopback that counts the tunnels it opens. */
interface CountingProxy {
  url: string;
  tunnels: string[];
  server: ProxyServer;
  close(): Promise<void>;
}

async function startProxy(): Promise<CountingProxy> {
  const server = createProxy(http.createServer());
  const tunnels: string[] = [];
  server.on('connect', (req: http.IncomingMessage) => tunnels.push(req.url ?? ''));
  return { ...(await listenOnLoopback(server)), tunnels, server };
}

describe('UsersClient behind a proxy', function () {
  this.timeout(10_000);
  let sandbox: Sandbox;
  let proxy: CountingProxy;
  let savedEnv: Record<string, string | undefined>;

  function client(options: ProxyOptions | undefined): UsersClient {
    const { apiKey, apiSecret } = sandbox.credentials;
    const credentials = { kind: 'apiKey', apiKey, apiSecret } as const;
    return new UsersClient({ baseUrl: sandbox.url, credentials, maxRetries: 0, proxy: options });
  }

  function sandboxHost(): string {
    return new URL(sandbox.url).host;
  }

  before(async function () {
    sandbox = await startSandbox({ userCount: 30 });
  });

  beforeEach(async function () {
    savedEnv = Object.fromEntries(
      [...proxyVariables, ...noProxyVariables].map((name) => [name, process.env[name]]),
    );
    [...proxyVariables, ...noProxyVariables].forEach((name) => delete process.env[name]);
    sandbox.reset();
    proxy = await startProxy();
  });

  afterEach(async function () {
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    await closeSharedPools();
    await proxy.close();
  });

  after(async function () {
    await sandbox.close();
  });

  it('sends requests through the proxy named in the settings', async function () {
    const page = await client({ url: proxy.url }).listUsers({ pageSize: 10 });

    assert.equal(page.users.length, 10);
    assert.deepEqual(proxy.tunnels, [sandboxHost()]);
    assert.equal(sandbox.requests[0].status, 200);
  });

  it('sends requests through HTTP_PROXY from the environment', async function () {
    process.env.HTTP_PROXY = proxy.url;
    const user = await client(undefined).getUser(sandbox.users()[0].id);

    assert.equal(user.id, sandbox.users()[0].id);
    assert.deepEqual(proxy.tunnels, [sandboxHost()]);
  });

  it('prefers the proxy in the settings to the one in the environment', async function () {
    process.env.HTTP_PROXY = 'http://127.0.0.1:9';
    await client({ url: proxy.url }).listUsers();

    assert.deepEqual(proxy.tunnels, [sandboxHost()]);
  });

  it('goes straight to a host listed in NO_PROXY', async function () {
    process.env.HTTP_PROXY = proxy.url;
    process.env.NO_PROXY = 'localhost,127.0.0.1';
    await client(undefined).listUsers();

    assert.deepEqual(proxy.tunnels, []);
    assert.equal(sandbox.requests.length, 1);
  });

  it('goes straight to a host listed in the noProxy setting', async function () {
    await client({ url: proxy.url, noProxy: ['127.0.0.1'] }).listUsers();

    assert.deepEqual(proxy.tunnels, []);
    assert.equal(sandbox.requests.length, 1);
  });

  it('says that the proxy wants a password when it answers 407', async function () {
    proxy.server.authenticate = () => false;
    const err = await client({ url: proxy.url })
      .listUsers()
      .then(
        () => assert.fail('expected the proxy to refuse'),
        (error: unknown) => error,
      );

    assert.ok(err instanceof ApiError, String(err));
    assert.equal(err.kind, 'proxy');
    assert.match(err.message, /^The proxy requires authentication \(407\)/);
    assert.equal(sandbox.requests.length, 0);
  });

  it('passes the user and password in the proxy URL to the proxy', async function () {
    let seen: string | undefined;
    proxy.server.authenticate = (req) => {
      seen = req.headers['proxy-authorization'];
      return seen === `Basic ${Buffer.from('alice:s3cret').toString('base64')}`;
    };
    const withUser = proxy.url.replace('http://', 'http://alice:s3cret@');
    await client({ url: withUser }).listUsers();

    assert.ok(seen, 'the proxy saw credentials');
    assert.equal(sandbox.requests.length, 1);
  });
});
