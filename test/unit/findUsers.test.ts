import * as assert from 'node:assert/strict';
import { findUsers, type FindProgress } from '../../src/tree/findUsers';
import { UsersModel } from '../../src/tree/usersModel';
import { pagedUsers, user } from './pagedUsers';

async function collect(model: UsersModel, query: string, signal = new AbortController().signal) {
  const steps: FindProgress[] = [];
  for await (const step of findUsers(model, query, signal)) {
    steps.push(step);
  }
  return steps;
}

describe('findUsers', function () {
  it('answers from the loaded users before asking for anything', async function () {
    const pages = pagedUsers(50, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const first = (await findUsers(model, 'user 7', new AbortController().signal).next())
      .value as FindProgress;
    assert.deepEqual(
      first.matches.map((u) => u.full_name),
      ['User 7'],
    );
    assert.equal(first.loaded, 10);
    assert.equal(first.complete, false);
    assert.deepEqual(pages.calls, [undefined]);
  });

  it('streams the remaining pages and ends with the whole answer', async function () {
    const pages = pagedUsers(50, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const steps = await collect(model, 'user4');
    assert.deepEqual(
      steps.map((step) => step.loaded),
      [10, 20, 30, 40, 50],
    );
    const last = steps.at(-1);
    assert.equal(last?.complete, true);
    assert.deepEqual(
      last?.matches.map((u) => u.email),
      ['user4@example.com', ...Array.from({ length: 10 }, (_, i) => `user${40 + i}@example.com`)],
    );
  });

  it('leaves the pages it fetched for the tree', async function () {
    const pages = pagedUsers(30, 10);
    const model = new UsersModel(pages.fetch);
    await collect(model, 'nobody');
    await model.loadMore();
    assert.equal(model.size, 30);
    assert.deepEqual(pages.calls, [undefined, '10', '20']);
  });

  it('stops fetching when cancelled', async function () {
    const pages = pagedUsers(1000, 10);
    const model = new UsersModel(pages.fetch);
    const cancel = new AbortController();
    const steps: FindProgress[] = [];
    for await (const step of findUsers(model, 'user', cancel.signal)) {
      steps.push(step);
      if (step.loaded === 30) {
        cancel.abort();
      }
    }
    assert.equal(pages.calls.length, 3);
    assert.equal(steps.at(-1)?.complete, false);
  });

  it('matches id, email and accents-insensitive name, every word in any order', async function () {
    const model = new UsersModel(async () => ({
      users: [user(1, { full_name: 'Ádá Lovelace' }), user(2, { email: 'grace@navy.mil' })],
    }));
    const byQuery = async (query: string) =>
      (await collect(model, query)).at(-1)?.matches.map((u) => u.id);
    assert.deepEqual(await byQuery('lovelace ada'), ['u-00001']);
    assert.deepEqual(await byQuery('NAVY'), ['u-00002']);
    assert.deepEqual(await byQuery('u-00002'), ['u-00002']);
    assert.deepEqual(await byQuery('ada grace'), []);
  });
});
