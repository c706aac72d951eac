import * as assert from 'node:assert/strict';
import type { User, UserPage } from '../../src/api/types';
import { UsersModel } from '../../src/tree/usersModel';

function user(n: number): User {
  return {
    id: `u-${String(n).padStart(4, '0')}`,
    email: `user${n}@example.com`,
    full_name: `User ${n}`,
    metadata: { self: `https://api.example/iam/v2/users/u-${n}` },
  };
}

/** Pages of `size` over `count` users; the token is the index of the page's first user. */
function pager(count: number, size: number) {
  const calls: (string | undefined)[] = [];
  const fetch = async (token: string | undefined, _signal?: AbortSignal): Promise<UserPage> => {
    calls.push(token);
    const start = Number(token ?? 0);
    const users = Array.from({ length: Math.min(size, count - start) }, (_, i) => user(start + i));
    const next = start + size < count ? String(start + size) : undefined;
    return { users, nextPageToken: next, totalSize: count };
  };
  return { calls, fetch };
}

describe('UsersModel', function () {
  it('loads the first page once however often it is asked', async function () {
    const { calls, fetch } = pager(30, 10);
    const model = new UsersModel(fetch);
    await Promise.all([model.ensureLoaded(), model.ensureLoaded(), model.loadMore()]);
    assert.deepEqual(calls, [undefined]);
    assert.equal(model.users.length, 10);
    assert.equal(model.hasMore, true);
  });

  it('appends the next page and stops at the end', async function () {
    const { calls, fetch } = pager(25, 10);
    const model = new UsersModel(fetch);
    await model.ensureLoaded();
    await model.loadMore();
    await model.loadMore();
    assert.deepEqual(calls, [undefined, '10', '20']);
    assert.equal(model.users.length, 25);
    assert.equal(model.hasMore, false);
  });

  it('shows a user that two pages both contain once', async function () {
    const pages: UserPage[] = [
      { users: [user(1), user(2)], nextPageToken: 'b' },
      { users: [user(2), user(3)] },
    ];
    const model = new UsersModel(async () => pages.shift() as UserPage);
    await model.ensureLoaded();
    await model.loadMore();
    assert.deepEqual(
      model.users.map((u) => u.id),
      ['u-0001', 'u-0002', 'u-0003'],
    );
  });

  it('keeps loaded rows when a page fails, and retries that page', async function () {
    const { calls, fetch } = pager(30, 10);
    let fail = false;
    const model = new UsersModel(async (token, signal) => {
      if (fail) {
        throw new Error('Confluent Cloud had a server error (500)');
      }
      return fetch(token, signal);
    });
    await model.ensureLoaded();
    fail = true;
    await model.loadMore();
    assert.equal(model.state.kind, 'error');
    assert.equal(model.users.length, 10);
    fail = false;
    await model.loadMore();
    assert.deepEqual(calls, [undefined, '10']);
    assert.equal(model.users.length, 20);
  });

  it('shows the reason when the fetch cannot even start', async function () {
    const model = new UsersModel(() => {
      throw new Error('Check the setting confluentUsers.apiBaseUrl');
    });
    await model.ensureLoaded();
    assert.deepEqual(model.state, {
      kind: 'error',
      message: 'Check the setting confluentUsers.apiBaseUrl',
    });
  });

  it('ignores a late answer from a load that a refresh replaced', async function () {
    let release: (page: UserPage) => void = () => undefined;
    const slow = new Promise<UserPage>((resolve) => (release = resolve));
    let first = true;
    const model = new UsersModel(async () => {
      if (first) {
        first = false;
        return slow;
      }
      return { users: [user(7)], totalSize: 1 };
    });
    const stale = model.ensureLoaded();
    await model.refresh();
    release({ users: [user(1), user(2)], nextPageToken: 'x', totalSize: 2 });
    await stale;
    assert.deepEqual(
      model.users.map((u) => u.id),
      ['u-0007'],
    );
    assert.equal(model.hasMore, false);
  });

  it('stops with a warning when the server repeats a page token', async function () {
    const model = new UsersModel(async () => ({ users: [user(1)], nextPageToken: 'same' }));
    await model.ensureLoaded();
    await model.loadMore();
    assert.equal(model.hasMore, false);
    assert.match(model.warning ?? '', /repeated a page/);
  });

  it('counts a removed user out of the total', async function () {
    const { fetch } = pager(30, 10);
    const model = new UsersModel(fetch);
    await model.ensureLoaded();
    model.remove('u-0003');
    assert.equal(model.users.length, 9);
    assert.equal(model.totalSize, 29);
  });
});
