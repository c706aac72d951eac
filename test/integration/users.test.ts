import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startSandbox, type Sandbox } from '../sandbox/server';
import {
  closeTabOf,
  eventually,
  extensionApi,
  filesUnder,
  openLoaded,
  readText,
  setSetting,
  visibleRows,
} from './helpers';

const listRequests = (sandbox: Sandbox) =>
  sandbox.requests.filter(
    (request) => request.method === 'GET' && request.path === '/iam/v2/users',
  );

describe('Confluent Cloud Users in a real extension host', function () {
  let sandbox: Sandbox;
  let api: ExtensionApi;

  before(async function () {
    sandbox = await startSandbox({ userCount: 60 });
    await setSetting('apiBaseUrl', sandbox.url);
    await setSetting('pageSize', 25);
    api = await extensionApi();
    // Other suites may have signed in; this one starts signed out, as a new user would.
    api.prompts.confirm = async () => true; // answers a discard-drafts modal, should one be asked
    await vscode.commands.executeCommand('confluentUsers.signOut');
    sandbox.requests.length = 0;
  });

  after(async function () {
    await sandbox?.close();
  });

  describe('signing in', function () {
    it('makes no request while activating', function () {
      assert.equal(sandbox.requests.length, 0);
    });

    it('uses CONFLUENT_CLOUD_API_KEY and _SECRET when nothing is stored, and says so', async function () {
      process.env.CONFLUENT_CLOUD_API_KEY = sandbox.credentials.apiKey;
      process.env.CONFLUENT_CLOUD_API_SECRET = sandbox.credentials.apiSecret;
      try {
        await api.session.reload();
        assert.equal(api.session.source, 'environment');
        assert.match(api.treeView.message ?? '', /CONFLUENT_CLOUD_API_KEY/);
      } finally {
        delete process.env.CONFLUENT_CLOUD_API_KEY;
        delete process.env.CONFLUENT_CLOUD_API_SECRET;
      }
      await api.session.reload();
      assert.equal(api.session.source, 'none');
      assert.equal(api.treeView.message, undefined);
    });

    it('refuses a wrong secret, says why, and stores nothing', async function () {
      const result = await vscode.commands.executeCommand<{ signedIn: boolean; message: string }>(
        'confluentUsers.signIn',
        { apiKey: sandbox.credentials.apiKey, apiSecret: 'not-the-secret' },
      );
      assert.equal(result.signedIn, false);
      assert.match(result.message, /credentials|API key/i);
      assert.equal(api.session.signedIn, false);
      assert.equal(api.session.source, 'none');
    });

    it('accepts the right key and secret after checking them with one request', async function () {
      const before = listRequests(sandbox).length;
      const result = await vscode.commands.executeCommand<{ signedIn: boolean }>(
        'confluentUsers.signIn',
        { apiKey: sandbox.credentials.apiKey, apiSecret: sandbox.credentials.apiSecret },
      );
      assert.equal(result.signedIn, true);
      assert.equal(api.session.source, 'stored');
      assert.equal(listRequests(sandbox).length, before + 1);
    });
  });

  describe('the Users view', function () {
    it('shows the first page when the view is opened, with a Load more row', async function () {
      sandbox.requests.length = 0;
      await vscode.commands.executeCommand('workbench.view.extension.confluentUsers');
      await eventually(
        'the first page',
        () => api.model.loaded && !api.model.state.kind.startsWith('load'),
      );
      const rows = visibleRows(api);
      assert.equal(rows.length, 26);
      assert.equal(rows[0].label, sandbox.users()[0].full_name);
      assert.equal(rows[0].description, sandbox.users()[0].email);
      assert.equal(rows[25].label, 'Load more…');
      assert.equal(rows[25].description, '25 of 60');
      assert.equal(api.treeView.description, '25 of 60');
      assert.equal(listRequests(sandbox).length, 1);
    });

    it('appends exactly the next page once, however often Load more is clicked', async function () {
      sandbox.requests.length = 0;
      await Promise.all([
        vscode.commands.executeCommand('confluentUsers.loadMore'),
        vscode.commands.executeCommand('confluentUsers.loadMore'),
      ]);
      const rows = visibleRows(api);
      assert.equal(listRequests(sandbox).length, 1);
      assert.ok(listRequests(sandbox)[0].query.page_token, 'the second page is asked by token');
      assert.equal(rows.length, 51);
      assert.equal(rows[49].label, sandbox.users()[49].full_name);
      assert.equal(new Set(rows.map((row) => row.label + row.description)).size, 51);
    });

    it('loads to the end, after which no Load more row is shown', async function () {
      await vscode.commands.executeCommand('confluentUsers.loadMore');
      const rows = visibleRows(api);
      assert.equal(rows.length, 60);
      assert.ok(rows.every((row) => row.node.kind === 'user'));
      assert.equal(api.treeView.description, '60 of 60');
    });

    it('keeps the rows and shows a retry row when a page fails', async function () {
      await vscode.commands.executeCommand('confluentUsers.refresh');
      sandbox.setFaults({ serverErrorEvery: 1, serverErrorStatus: 400 });
      await vscode.commands.executeCommand('confluentUsers.loadMore');
      const rows = visibleRows(api);
      assert.equal(rows.filter((row) => row.node.kind === 'user').length, 25);
      assert.equal(rows[25].node.kind, 'error');
      assert.equal(rows[25].description, 'Retry');
      sandbox.setFaults({});
      await vscode.commands.executeCommand('confluentUsers.loadMore');
      assert.equal(visibleRows(api).filter((row) => row.node.kind === 'user').length, 50);
    });

    it('says above the rows that a refresh failed, and that the list is from before', async function () {
      await vscode.commands.executeCommand('confluentUsers.refresh');
      sandbox.setFaults({ serverErrorEvery: 1, serverErrorStatus: 400 });
      try {
        await vscode.commands.executeCommand('confluentUsers.refresh');
      } finally {
        sandbox.setFaults({});
      }

      const rows = visibleRows(api);
      assert.equal(rows[0].node.kind, 'error', 'the error is the first row');
      assert.equal(rows.filter((row) => row.node.kind === 'user').length, 25);
      assert.equal(api.treeView.description, '25 of 60 · not refreshed');
      assert.match(
        api.treeView.message ?? '',
        /^Refresh failed: The sandbox was told to fail .*\. The list shows the users loaded before\.$/,
      );
      await vscode.commands.executeCommand('confluentUsers.loadMore'); // the error row's Retry
      assert.equal(visibleRows(api)[0].node.kind, 'user');
      assert.equal(api.treeView.description, '25 of 60');
      assert.equal(api.treeView.message, undefined);
    });

    it('shows a name with a right-to-left override in the order it was typed', async function () {
      const original = sandbox.users()[24];
      sandbox.putUser({ ...original, full_name: 'Mallory \u202Elive\u202C Admin' });
      try {
        await vscode.commands.executeCommand('confluentUsers.refresh');
        const shown = visibleRows(api).find(
          (row) => row.node.kind === 'user' && row.node.user.id === original.id,
        );
        assert.equal(shown?.label, 'Mallory live Admin');
      } finally {
        sandbox.putUser(original);
      }
    });

    it('starts over from the first page on refresh', async function () {
      sandbox.requests.length = 0;
      await vscode.commands.executeCommand('confluentUsers.refresh');
      assert.equal(listRequests(sandbox).length, 1);
      assert.equal(listRequests(sandbox)[0].query.page_token, undefined);
      assert.equal(visibleRows(api).length, 26);
    });
  });

  describe('the user panel', function () {
    it('opens one editor tab per user and reveals it when opened again', async function () {
      const user = sandbox.users()[3];
      const tabsFor = (label: string | undefined) =>
        vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((t) => t.label === label);
      await vscode.commands.executeCommand('confluentUsers.openUser', user);
      await eventually('the user tab', () => tabsFor(user.full_name).length > 0);
      await vscode.commands.executeCommand('workbench.action.files.newUntitledFile');
      await vscode.commands.executeCommand('confluentUsers.openUser', user.id);
      await eventually(
        'the user tab to be active again',
        () => tabsFor(user.full_name)[0]?.isActive,
      );
      assert.equal(tabsFor(user.full_name).length, 1);
      assert.ok(api.panels.has(user.id));
    });

    it('saves a trimmed new full name and the tree row follows', async function () {
      const user = sandbox.users()[3];
      await api.panels
        .get(user.id)
        ?.receive({ type: 'save', id: user.id, fullName: '  Ada Lovelace ' });
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Ada Lovelace');
      const row = visibleRows(api).find(
        (r) => r.node.kind === 'user' && r.node.user.id === user.id,
      );
      assert.equal(row?.label, 'Ada Lovelace');
      const tab = vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .find((t) => t.label === 'Ada Lovelace');
      assert.ok(tab, 'the tab title shows the new name');
    });

    it('sends nothing for an empty name or a message naming another user', async function () {
      const user = sandbox.users()[3];
      sandbox.requests.length = 0;
      await api.panels.get(user.id)?.receive({ type: 'save', id: user.id, fullName: '   ' });
      await api.panels
        .get(user.id)
        ?.receive({ type: 'save', id: sandbox.users()[4].id, fullName: 'X' });
      await api.panels.get(user.id)?.receive({ type: 'format-disk' });
      assert.equal(sandbox.requests.filter((r) => r.method === 'PATCH').length, 0);
    });

    it('keeps the old name when the server refuses the save', async function () {
      const user = sandbox.users()[3];
      sandbox.setFaults({ byId: { [user.id]: 500 } });
      await api.panels
        .get(user.id)
        ?.receive({ type: 'save', id: user.id, fullName: 'Grace Hopper' });
      sandbox.setFaults({});
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Ada Lovelace');
      assert.equal(api.model.get(user.id)?.full_name, 'Ada Lovelace');
    });

    it('puts no server value into the HTML, so a hostile name cannot run', async function () {
      const hostile = { ...sandbox.users()[5], full_name: '<img src=x onerror=alert(1)>' };
      sandbox.putUser(hostile);
      await vscode.commands.executeCommand('confluentUsers.openUser', hostile.id);
      const html = api.panels.get(hostile.id)?.html ?? '';
      assert.ok(html.includes("default-src 'none'"));
      assert.ok(!html.includes('onerror'));
      assert.ok(!html.includes(sandbox.credentials.apiSecret));
    });
  });

  describe('deleting', function () {
    it('does nothing when the dialog is dismissed', async function () {
      const user = sandbox.users()[6];
      api.prompts.confirm = async () => false; // stands in for the modal's Cancel button
      await vscode.commands.executeCommand('confluentUsers.deleteUser', user.id);
      assert.ok(sandbox.getUser(user.id));
    });

    it('deletes after the modal is confirmed: row gone, panel closed', async function () {
      const user = sandbox.users()[3];
      let asked = '';
      api.prompts.confirm = async (message, detail) => {
        asked = `${message}\n${detail}`; // stands in for the modal's "Delete User" button
        return true;
      };
      await vscode.commands.executeCommand('confluentUsers.deleteUser', {
        kind: 'user',
        user: api.model.get(user.id),
      });
      assert.match(asked, /Ada Lovelace/);
      assert.match(asked, /API keys/);
      assert.equal(sandbox.getUser(user.id), undefined);
      assert.equal(api.model.get(user.id), undefined);
      assert.equal(api.panels.has(user.id), false);
      assert.equal(api.treeView.description, '24 of 59');
    });

    it('treats a user that is already gone as deleted', async function () {
      const user = sandbox.users()[7];
      api.prompts.confirm = async () => true; // stands in for the modal's "Delete User" button
      sandbox.setFaults({ byId: { [user.id]: 404 } });
      const done = await vscode.commands.executeCommand('confluentUsers.deleteUser', user.id);
      sandbox.setFaults({});
      assert.equal(done, true);
      assert.equal(api.model.get(user.id), undefined);
    });
  });

  describe('an unusable API base URL', function () {
    it('says what is wrong with the setting instead of showing an empty view', async function () {
      await vscode.commands.executeCommand('workbench.view.extension.confluentUsers');
      await setSetting('apiBaseUrl', 'http://example.com');
      try {
        await eventually('the error row', () =>
          visibleRows(api).find((r) => r.node.kind === 'error'),
        );
        assert.match(api.treeView.message ?? '', /confluentUsers\.apiBaseUrl/);
        assert.match(api.treeView.message ?? '', /https/);
      } finally {
        await setSetting('apiBaseUrl', sandbox.url);
      }
    });
  });

  describe('signing out', function () {
    it('asks before closing a panel that holds an unsaved name', async function () {
      const user = sandbox.users()[10];
      const panel = await openLoaded(api, sandbox, user);
      await panel.receive({ type: 'dirty', id: user.id, dirty: true });
      let asked = '';
      api.prompts.confirm = async (message) => {
        asked = message; // stands in for the modal's Cancel button
        return false;
      };
      const signedOut = await vscode.commands.executeCommand('confluentUsers.signOut');
      assert.equal(signedOut, false);
      assert.equal(asked, `Sign out and discard the unsaved name typed for "${user.full_name}"?`);
      assert.equal(api.session.signedIn, true);
      assert.ok(api.panels.has(user.id), 'the panel and its draft stay');
      api.prompts.confirm = async () => true; // stands in for the modal's "Sign Out" button
    });

    it("finishes saving a closed tab's name before it signs out", async function () {
      const user = sandbox.users()[11];
      const panel = await openLoaded(api, sandbox, user);
      await panel.receive({ type: 'dirty', id: user.id, dirty: true, draft: 'Saved Before Out' });
      const choose = api.prompts.choose;
      api.prompts.choose = async <T extends string>() => 'Save' as T | undefined; // the modal's Save button
      sandbox.setFaults({ hang: true });
      try {
        await closeTabOf(user);
        await eventually('the save to wait on the server', () =>
          sandbox.requests.some((r) => r.path === `/iam/v2/users/${user.id}` && r.status === 0),
        );

        const signingOut = vscode.commands.executeCommand('confluentUsers.signOut');
        await new Promise((resolve) => setTimeout(resolve, 300));
        sandbox.setFaults({}); // the server answers again
        await signingOut;
      } finally {
        sandbox.setFaults({});
        api.prompts.choose = choose;
      }

      assert.equal(sandbox.getUser(user.id)?.full_name, 'Saved Before Out');
      assert.equal(api.session.signedIn, false);
      const { apiKey, apiSecret } = sandbox.credentials;
      await vscode.commands.executeCommand('confluentUsers.signIn', { apiKey, apiSecret });
    });

    it('deletes the secret and returns to the welcome view', async function () {
      await vscode.commands.executeCommand('confluentUsers.signOut');
      assert.equal(api.session.signedIn, false);
      assert.deepEqual(await api.tree.getChildren(), []);
      await api.session.reload();
      assert.equal(api.session.source, 'none', 'nothing is left in secret storage');
    });
  });

  describe('afterwards', function () {
    it('left the API secret in no log, state or settings file', async function () {
      const userDataDir = process.env.CCU_TEST_USER_DATA_DIR;
      assert.ok(userDataDir, 'the launcher names the user-data folder');
      const logged = await eventually('the request log on disk', async () => {
        const files = await filesUnder(userDataDir);
        const texts = await Promise.all(files.map((file) => readText(file)));
        return texts.some((text) => text.includes('GET /iam/v2/users')) && { files, texts };
      });
      const leaks = logged.files.filter((_, i) =>
        logged.texts[i].includes(sandbox.credentials.apiSecret),
      );
      assert.deepEqual(leaks, []);
    });
  });
});
