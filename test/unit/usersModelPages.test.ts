import * as assert from 'node:assert/strict';
import { UsersModel } from '../../src/tree/usersModel';
import { pagedUsers } from './pagedUsers';

describe('UsersModel.loadAll', function () {
  it('loads every remaining page once, after what the tree already has', async function () {
    const pages = pagedUsers(45, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    await model.loadAll(new AbortController().signal);
    assert.deepEqual(pages.calls, [undefined, '10', '20', '30', '40']);
    assert.equal(model.size, 45);
    assert.equal(model.complete, true);
  });

  it('reports each page as it arrives', async function () {
    const pages = pagedUsers(25, 10);
    const model = new UsersModel(pages.fetch);
    const sizes: number[] = [];
    await model.loadAll(new AbortController().signal, (users) => sizes.push(users.length));
    assert.deepEqual(sizes, [10, 10, 5]);
  });

  it('says it is streaming while the pages load, and announces the end', async function () {
    const pages = pagedUsers(25, 10);
    const model = new UsersModel(pages.fetch);
    const streaming: boolean[] = [];
    model.onDidChange(() => streaming.push(model.streaming));
    await model.loadAll(new AbortController().signal);
    assert.equal(model.streaming, false);
    assert.equal(streaming.at(-1), false, 'the last change comes after streaming ended');
    assert.ok(streaming.slice(0, -1).every(Boolean), 'every page came while streaming');
  });

  it('announces nothing when every page was loaded already', async function () {
    const pages = pagedUsers(15, 10);
    const model = new UsersModel(pages.fetch);
    await model.loadAll(new AbortController().signal);
    let changes = 0;
    model.onDidChange(() => (changes += 1));
    await model.loadAll(new AbortController().signal);
    assert.equal(changes, 0);
  });

  it('shares a page the tree is loading instead of asking for it again', async function () {
    const pages = pagedUsers(30, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const clicked = model.loadMore();
    await Promise.all([model.loadAll(new AbortController().signal), clicked, model.loadMore()]);
    assert.deepEqual(pages.calls, [undefined, '10', '20']);
  });

  it('two finds at once ask for each page once', async function () {
    const pages = pagedUsers(30, 10);
    const model = new UsersModel(pages.fetch);
    const signal = new AbortController().signal;
    await Promise.all([model.loadAll(signal), model.loadAll(signal)]);
    assert.deepEqual(pages.calls, [undefined, '10', '20']);
  });

  it('stops asking for pages once cancelled, and cancels the request on the way', async function () {
    const pages = pagedUsers(100, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const cancel = new AbortController();
    pages.hold();
    const loading = model.loadAll(cancel.signal);
    await Promise.resolve();
    cancel.abort();
    await loading;
    pages.release();
    assert.deepEqual(pages.calls, [undefined, '10']);
    assert.deepEqual(pages.aborted, ['10']);
    assert.equal(model.state.kind, 'idle');
    assert.equal(model.size, 10);
  });

  it('after a cancel, Load more asks for the page that was cancelled', async function () {
    const pages = pagedUsers(100, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const cancel = new AbortController();
    pages.hold();
    const loading = model.loadAll(cancel.signal);
    cancel.abort();
    await loading;
    pages.release();
    await model.loadMore();
    assert.equal(pages.calls.at(-1), '10');
    assert.equal(model.size, 20);
  });

  it('keeps loading a page the tree also asked for when the find is cancelled', async function () {
    const pages = pagedUsers(100, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    const cancel = new AbortController();
    pages.hold();
    const loading = model.loadAll(cancel.signal);
    const clicked = model.loadMore();
    cancel.abort();
    await loading;
    pages.release();
    await clicked;
    assert.deepEqual(pages.aborted, []);
    assert.equal(model.size, 20);
  });

  it('stops with the reason when a page fails, keeping the pages before it', async function () {
    const pages = pagedUsers(50, 10);
    const model = new UsersModel(async (token, signal) => {
      if (token === '30') {
        throw new Error('Confluent Cloud had a server error (500)');
      }
      return pages.fetch(token, signal);
    });
    await assert.rejects(model.loadAll(new AbortController().signal), /server error/);
    assert.equal(model.size, 30);
    assert.equal(model.state.kind, 'error');
  });

  it('stops when the list is refreshed meanwhile', async function () {
    const pages = pagedUsers(50, 10);
    const model = new UsersModel(pages.fetch);
    await model.ensureLoaded();
    pages.hold();
    const loading = model.loadAll(new AbortController().signal);
    const refreshed = model.refresh();
    pages.release();
    await assert.rejects(loading, /refreshed/);
    await refreshed;
    assert.equal(model.size, 10);
  });
});

describe('UsersModel with a large organization', function () {
  it('asks for one page when first shown, whatever the total', async function () {
    const pages = pagedUsers(20_000, 25);
    const model = new UsersModel(pages.fetch);
    await Promise.all([model.ensureLoaded(), model.ensureLoaded()]);
    assert.deepEqual(pages.calls, [undefined]);
    assert.equal(model.size, 25);
    assert.equal(model.totalSize, 20_000);
  });
});
