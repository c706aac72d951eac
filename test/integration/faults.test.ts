import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { Sandbox } from '../sandbox/server';
import { eventually, signedInSandbox, visibleRows } from './helpers';

const listRequests = (sandbox: Sandbox) =>
  sandbox.requests.filter(
    (request) => request.method === 'GET' && request.path === '/iam/v2/users',
  );

const userRows = (api: ExtensionApi) => visibleRows(api).filter((row) => row.node.kind === 'user');

describe('The Users view when the server misbehaves', function () {
  let sandbox: Sandbox;
  let api: ExtensionApi;

  before(async function () {
    ({ sandbox, api } = await signedInSandbox({ userCount: 60 }));
  });

  beforeEach(async function () {
    sandbox.setFaults({});
    await vscode.commands.executeCommand('confluentUsers.refresh');
    sandbox.requests.length = 0;
  });

  after(async function () {
    await vscode.commands.executeCommand('confluentUsers.signOut');
    await sandbox?.close();
  });

  it('merges Load more clicks made while waiting out a 429 into one page', async function () {
    sandbox.setFaults({ rateLimitEvery: 1, retryAfterSeconds: 1 });
    const first = vscode.commands.executeCommand('confluentUsers.loadMore');
    await eventually('the 429', () => listRequests(sandbox).some((r) => r.status === 429));
    const clicks = [1, 2, 3].map(() => vscode.commands.executeCommand('confluentUsers.loadMore'));
    sandbox.setFaults({});
    await Promise.all([first, ...clicks]);

    const token = listRequests(sandbox)[0].query.page_token;
    const answered = listRequests(sandbox).filter((r) => r.query.page_token === token);
    assert.deepEqual(
      answered.map((r) => r.status),
      [429, 200],
    );
    const rows = userRows(api);
    assert.equal(rows.length, 50);
    assert.equal(new Set(rows.map((row) => row.node.kind === 'user' && row.node.user.id)).size, 50);
  });

  it('says above the rows that a page waits out a 429, counting down, and clears it when the page comes', async function () {
    sandbox.setFaults({ rateLimitEvery: 1, retryAfterSeconds: 3 });
    const loading = vscode.commands.executeCommand('confluentUsers.loadMore');

    const first = await eventually(
      'the wait above the rows',
      () =>
        /Loading users: rate limited \(429\), trying again in (\d) s/.exec(
          api.treeView.message ?? '',
        ) ?? undefined,
    );
    assert.ok(Number(first[1]) >= 2, `first said ${first[0]}`);
    await eventually('the count to go down', () =>
      /trying again in 1 s/.test(api.treeView.message ?? ''),
    );
    sandbox.setFaults({});
    await loading;

    assert.equal(userRows(api).length, 50);
    await eventually(
      'the wait to leave the message',
      () => !/Loading users/.test(api.treeView.message ?? ''),
    );
  });

  it('shows a persistent 500 with the server message and request id above the rows, and a Retry row', async function () {
    sandbox.setFaults({ serverErrorEvery: 1 });
    await vscode.commands.executeCommand('confluentUsers.loadMore');
    const last = visibleRows(api).at(-1);
    assert.equal(last?.node.kind, 'error');
    const item = api.tree.getTreeItem(last.node);
    const shown = api.treeView.message ?? '';

    assert.match(shown, /^Could not load users: .*told to fail every 1th request/);
    assert.match(shown, /request id [0-9a-f-]{36}/);
    assert.equal(last.label, 'Could not load users');
    assert.equal(last.description, 'Retry');
    assert.match(String(item.tooltip), /told to fail every 1th request.*request id/);
    assert.equal(item.command?.command, 'confluentUsers.loadMore');
    assert.equal(userRows(api).length, 25, 'the loaded rows stay');
  });

  it('loads the page when Retry is clicked after the fault clears', async function () {
    sandbox.setFaults({ serverErrorEvery: 1 });
    await vscode.commands.executeCommand('confluentUsers.loadMore');
    const retry = api.tree.getTreeItem(visibleRows(api).at(-1)!.node).command;
    assert.ok(retry, 'the error row has a command');
    sandbox.setFaults({});
    await vscode.commands.executeCommand(retry.command, ...(retry.arguments ?? []));

    assert.equal(userRows(api).length, 50);
    assert.equal(visibleRows(api).at(-1)?.label, 'Load more…');
  });

  it('keeps the rows on screen while two refreshes overlap, and shows the newer', async function () {
    sandbox.setFaults({ latencyMs: 400 });
    const seen: number[] = [];
    const poll = setInterval(() => seen.push(userRows(api).length), 20);
    const older = vscode.commands.executeCommand('confluentUsers.refresh');
    await eventually('the first refresh to reach the server', () => listRequests(sandbox)[0]);
    const renamed = { ...sandbox.users()[0], full_name: 'Renamed Between Refreshes' };
    sandbox.putUser(renamed);
    const newer = vscode.commands.executeCommand('confluentUsers.refresh');
    await Promise.all([older, newer]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    clearInterval(poll);

    assert.ok(seen.length > 0 && seen.every((count) => count > 0), `rows seen: ${seen.join()}`);
    assert.equal(userRows(api)[0].label, 'Renamed Between Refreshes');
    assert.equal(userRows(api).length, 25);
  });
});
