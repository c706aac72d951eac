import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { User } from '../../src/api/types';
import { USER_PANEL_VIEW_TYPE } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { UserPanel } from '../../src/panel/userPanels';
import type { Sandbox } from '../sandbox/server';
import { eventually, filesUnder, readText, signedInSandbox } from './helpers';

const tabLabels = () =>
  vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);

/** A newer version of a user, as if someone else had renamed it on the server. */
function renamedElsewhere(user: User, fullName: string): User {
  const updatedAt = new Date(Date.parse(user.metadata.updated_at ?? '2025-01-01') + 60_000);
  return {
    ...user,
    full_name: fullName,
    metadata: { ...user.metadata, updated_at: updatedAt.toISOString() },
  };
}

describe('the user panel in a real extension host', function () {
  let sandbox: Sandbox;
  let api: ExtensionApi;
  let confirm: ExtensionApi['prompts']['confirm'];

  const requests = (method: string, id: string) =>
    sandbox.requests.filter((r) => r.method === method && r.path === `/iam/v2/users/${id}`);

  before(async function () {
    ({ sandbox, api } = await signedInSandbox({ userCount: 12 }));
    confirm = api.prompts.confirm;
    await vscode.commands.executeCommand('confluentUsers.refresh');
  });

  afterEach(function () {
    api.prompts.confirm = confirm;
    sandbox.setFaults({});
  });

  after(async function () {
    await vscode.commands.executeCommand('confluentUsers.signOut');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox?.close();
  });

  /** Waits until the page asked for the user, was shown the server's copy, and said it is clean. */
  async function loaded(panel: UserPanel): Promise<UserPanel> {
    await eventually(
      'the page to show the user from the server',
      () =>
        requests('GET', panel.id).some((r) => r.status !== 0) &&
        panel.received.some((m) => m.type === 'dirty'),
    );
    return panel;
  }

  async function open(user: User): Promise<UserPanel> {
    await vscode.commands.executeCommand('confluentUsers.openUser', user.id);
    const panel = api.panels.get(user.id);
    assert.ok(panel, 'a panel opened');
    return loaded(panel);
  }

  /** A tab as VS Code would restore it after a reload, handed to the extension with its state. */
  function restore(state: unknown): vscode.WebviewPanel {
    const tab = vscode.window.createWebviewPanel(
      USER_PANEL_VIEW_TYPE,
      'Restored user',
      vscode.ViewColumn.Active,
    );
    api.panels.adopt(tab, state);
    return tab;
  }

  describe('unsaved changes', function () {
    it('marks the tab with ● while the name has an unsaved edit', async function () {
      const user = sandbox.users()[0];
      const panel = await open(user);

      await panel.receive({ type: 'dirty', id: user.id, dirty: true });
      await eventually('the marked tab', () => tabLabels().includes(`● ${user.full_name}`));
      await panel.receive({ type: 'dirty', id: user.id, dirty: false });

      await eventually('the plain tab', () => tabLabels().includes(user.full_name ?? ''));
    });
  });

  describe('someone else changed the user', function () {
    it('reads the user again before saving, and saves when nobody changed it', async function () {
      const user = sandbox.users()[1];
      const panel = await open(user);
      sandbox.requests.length = 0;

      await panel.receive({ type: 'save', id: user.id, fullName: 'Mary Somerville' });

      assert.deepEqual(
        sandbox.requests.map((r) => r.method),
        ['GET', 'PATCH'],
      );
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Mary Somerville');
      assert.equal(panel.lastPosted?.type, 'saved');
    });

    it('saves nothing and shows their version when the user changed since it was shown', async function () {
      const user = sandbox.users()[2];
      const panel = await open(user);
      sandbox.putUser(renamedElsewhere(user, 'Changed Elsewhere'));
      sandbox.requests.length = 0;

      await panel.receive({ type: 'save', id: user.id, fullName: 'Mine' });

      assert.equal(requests('PATCH', user.id).length, 0);
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Changed Elsewhere');
      const posted = panel.lastPosted;
      assert.equal(posted?.type, 'conflict');
      assert.equal(posted.type === 'conflict' && posted.user.fullName, 'Changed Elsewhere');
      assert.equal(api.model.get(user.id)?.full_name, 'Changed Elsewhere', 'the tree follows');
    });

    it('saves over their change once the user chose Overwrite', async function () {
      const user = sandbox.users()[2];
      const panel = api.panels.get(user.id);
      assert.ok(panel, 'the panel of the previous test is open');

      await panel.receive({ type: 'save', id: user.id, fullName: 'Mine', force: true });

      assert.equal(requests('PATCH', user.id).length, 1);
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Mine');
      assert.equal(panel.lastPosted?.type, 'saved');
    });

    it('asks before saving an edit begun before newer data arrived', async function () {
      const user = sandbox.users()[3];
      const panel = await open(user);
      await panel.receive({ type: 'dirty', id: user.id, dirty: true });
      sandbox.putUser(renamedElsewhere(user, 'Renamed Meanwhile'));
      await panel.receive({ type: 'reload', id: user.id });
      sandbox.requests.length = 0;

      await panel.receive({ type: 'save', id: user.id, fullName: 'Typed Before' });

      assert.equal(requests('PATCH', user.id).length, 0);
      assert.equal(panel.lastPosted?.type, 'conflict');
    });
  });

  describe('after a window reload', function () {
    it('reads a restored user from the server and shows it', async function () {
      const user = sandbox.users()[5];
      sandbox.requests.length = 0;
      restore({ userId: user.id, draft: 'Half typed' });
      const panel = api.panels.get(user.id);
      assert.ok(panel, 'the restored tab is one of the user panels');
      await loaded(panel);

      const shown = panel.posted.filter((m) => m.type === 'show');
      assert.equal(shown.length, 1, 'only the server copy is shown');
      assert.equal(shown[0].type === 'show' && shown[0].user.fullName, user.full_name);
      await eventually('the tab titled with the name', () =>
        tabLabels().some((label) => label.endsWith(user.full_name ?? '')),
      );
    });

    it('says a restored user no longer exists when the server answers 404', async function () {
      restore({ userId: 'u-deleted-meanwhile' });
      const panel = api.panels.get('u-deleted-meanwhile');
      assert.ok(panel);

      await eventually('the gone message', () => panel.lastPosted?.type === 'gone');

      assert.deepEqual(panel.lastPosted, {
        type: 'gone',
        message: 'This user no longer exists in Confluent Cloud.',
      });
    });

    it('closes a restored tab whose state names no user', async function () {
      let closed = false;
      const tab = vscode.window.createWebviewPanel(
        USER_PANEL_VIEW_TYPE,
        'Restored',
        vscode.ViewColumn.Active,
      );
      tab.onDidDispose(() => (closed = true));

      api.panels.adopt(tab, { draft: 'no user id' });

      assert.equal(closed, true);
    });
  });

  describe('copy buttons', function () {
    it('puts the email on the clipboard', async function () {
      const user = sandbox.users()[6];
      const panel = await open(user);

      await panel.receive({ type: 'copy', id: user.id, field: 'email' });

      assert.equal(await vscode.env.clipboard.readText(), user.email);
    });

    it('puts the resource name on the clipboard', async function () {
      const user = sandbox.users()[6];
      const panel = await open(user);

      await panel.receive({ type: 'copy', id: user.id, field: 'resourceName' });

      assert.equal(await vscode.env.clipboard.readText(), user.metadata.resource_name);
    });
  });

  describe('busy states', function () {
    it('shows Deleting… while the dialog is open and frees the page on Cancel', async function () {
      const user = sandbox.users()[7];
      const panel = await open(user);
      let busyWhileAsked: unknown;
      api.prompts.confirm = async () => {
        busyWhileAsked = panel.lastPosted; // stands in for the modal's Cancel button
        return false;
      };

      await panel.receive({ type: 'delete', id: user.id });

      assert.deepEqual(busyWhileAsked, { type: 'busy', action: 'delete' });
      assert.deepEqual(panel.lastPosted, { type: 'busy', action: undefined });
      assert.ok(sandbox.getUser(user.id), 'nothing was deleted');
    });

    it('finishes a save whose tab was closed, and the tree still shows it', async function () {
      const user = sandbox.users()[8];
      const panel = await open(user);
      sandbox.setFaults({ hang: true });
      const saving = panel.receive({ type: 'save', id: user.id, fullName: 'Closed Mid Save' });
      await eventually('the save to start', () => requests('GET', user.id).some((r) => !r.status));

      panel.dispose();
      sandbox.setFaults({});
      await saving;

      assert.equal(api.panels.has(user.id), false);
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Closed Mid Save');
      assert.equal(api.model.get(user.id)?.full_name, 'Closed Mid Save');
    });
  });

  describe('messages it does not expect', function () {
    it('ignores a message naming another user, and logs it as a warning', async function () {
      const user = sandbox.users()[9];
      const other = sandbox.users()[10];
      const panel = await open(user);
      await vscode.env.clipboard.writeText('unchanged');

      await panel.receive({ type: 'copy', id: other.id, field: 'email' });
      await panel.receive({ type: 'format-disk', id: user.id });

      assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
      const userDataDir = process.env.CCU_TEST_USER_DATA_DIR;
      assert.ok(userDataDir, 'the launcher names the user-data folder');
      await eventually('the warning in the log', async () => {
        const texts = await Promise.all((await filesUnder(userDataDir)).map(readText));
        return texts.some((text) =>
          /\[warning\] \[panel\] Ignored a message from the user panel.*type="format-disk"/.test(
            text,
          ),
        );
      });
    });
  });
});
