import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { closeSharedPools } from '../../src/api/dispatcher';
import { UsersClient } from '../../src/api/usersClient';
import { UsersModel } from '../../src/tree/usersModel';
import { listenOnLoopback } from './loopback';

/** What the list answers for one page_token ('' for the first page): user ids and metadata.next. */
type Pages = Record<string, { ids: string[]; next?: string | null }>;

interface Server {
  url: string;
  /** `page_token` of each request, '' when there was none, and whether it was signed. */
  hits: { token: string; signed: boolean }[];
  close(): Promise<void>;
}

async function listServer(pages: Pages): Promise<Server> {
  const hits: Server['hits'] = [];
  const server = http.createServer((req, res) => {
    const token = new URL(req.url ?? '/', 'http://x').searchParams.get('page_token') ?? '';
    hits.push({ token, signed: req.headers.authorization !== undefined });
    const page = pages[token] ?? { ids: [] };
    const metadata = page.next === undefined ? {} : { next: page.next };
    const data = page.ids.map((id) => ({ kind: 'User', id, email: `${id}@x.test`, metadata: {} }));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ kind: 'UserList', metadata, data }));
  });
  return { ...(await listenOnLoopback(server)), hits };
}

/** The model as the extension builds it, over a real client of `server`. */
function modelOf(server: Server): UsersModel {
  const credentials = { kind: 'apiKey', apiKey: 'key', apiSecret: 'secret' } as const;
  const client = new UsersClient({ baseUrl: server.url, credentials, maxRetryDelayMs: 20 });
  return new UsersModel((pageToken, signal) => client.listUsers({ pageToken, signal }));
}

/** Clicks Load more until the model offers no more, at most `limit` times. */
async function loadToEnd(model: UsersModel, limit = 10): Promise<void> {
  await model.ensureLoaded();
  for (let i = 0; i < limit && model.hasMore; i++) {
    await model.loadMore();
  }
}

const link = (token: string) => `/iam/v2/users?page_size=1&page_token=${token}`;

describe('Paging through a server whose next links are odd', function () {
  const servers: Server[] = [];
  const serve = async (pages: Pages) => {
    const server = await listServer(pages);
    servers.push(server);
    return server;
  };

  afterEach(async function () {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  after(async function () {
    await closeSharedPools();
  });

  for (const [what, next] of [
    ['absent', undefined],
    ['null', null],
    ['an empty string', ''],
  ] as const) {
    it(`ends the list without a warning when next is ${what}`, async function () {
      const server = await serve({ '': { ids: ['u-1', 'u-2'], next } });
      const model = modelOf(server);
      await loadToEnd(model);
      assert.deepEqual(
        model.users.map((user) => user.id),
        ['u-1', 'u-2'],
      );
      assert.equal(model.complete, true);
      assert.equal(model.warning, undefined);
      assert.equal(server.hits.length, 1);
    });
  }

  it('stops with a warning when next repeats the token of the page it came with', async function () {
    const server = await serve({
      '': { ids: ['u-1'], next: link('A') },
      A: { ids: ['u-2'], next: link('A') },
    });
    const model = modelOf(server);
    await loadToEnd(model);
    assert.deepEqual(
      server.hits.map((hit) => hit.token),
      ['', 'A'],
    );
    assert.equal(model.hasMore, false);
    assert.match(model.warning ?? '', /repeated a page/);
  });

  it('stops a cycle A → B → A with a warning and shows each user once', async function () {
    const server = await serve({
      '': { ids: ['u-1'], next: link('A') },
      A: { ids: ['u-2'], next: link('B') },
      B: { ids: ['u-3'], next: link('A') },
    });
    const model = modelOf(server);
    await loadToEnd(model);
    assert.deepEqual(
      server.hits.map((hit) => hit.token),
      ['', 'A', 'B'],
    );
    assert.deepEqual(
      model.users.map((user) => user.id),
      ['u-1', 'u-2', 'u-3'],
    );
    assert.match(model.warning ?? '', /may be incomplete/);
  });

  it('takes only the page_token of a next link naming another host', async function () {
    const elsewhere = await serve({ '': { ids: ['stranger'] }, B: { ids: ['stranger'] } });
    const server = await serve({
      '': { ids: ['u-1'], next: `${elsewhere.url}/iam/v2/users?page_token=B` },
      B: { ids: ['u-2'] },
    });
    const model = modelOf(server);
    await loadToEnd(model);
    assert.deepEqual(server.hits, [
      { token: '', signed: true },
      { token: 'B', signed: true },
    ]);
    assert.deepEqual(elsewhere.hits, [], 'no request and no credential reached the other host');
    assert.deepEqual(
      model.users.map((user) => user.id),
      ['u-1', 'u-2'],
    );
  });
});
