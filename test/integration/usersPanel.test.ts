import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { User } from '../../src/api/types';
import { USER_PANEL_VIEW_TYPE } from '../../src/constants';
import type { ExtensionApi } from '../../src/extension';
import type { UserPanel } from '../../src/panel/userPanels';
import type { Sandbox } from '../sandbox/server';
import {
  allTabs,
  closeTabOf,
  eventually,
  filesUnder,
  openLoaded,
  pageShown,
  readText,
  signedInSandbox,
} from './helpers';

const tabLabels = () => allTabs().map((tab) => tab.label);

type Question = { message: string; detail: string; actions: string[] };

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
  let choose: ExtensionApi['prompts']['choose'];

  const requests = (method: string, id: string) =>
    sandbox.requests.filter((r) => r.method === method && r.path === `/iam/v2/users/${id}`);

  before(async function () {
    ({ sandbox, api } = await signedInSandbox({ userCount: 24 }));
    confirm = api.prompts.confirm;
    choose = api.prompts.choose;
    await vscode.commands.executeCommand('confluentUsers.refresh');
  });

  afterEach(function () {
    api.prompts.confirm = confirm;
    api.prompts.choose = choose;
    sandbox.setFaults({});
  });

  after(async function () {
    await vscode.commands.executeCommand('confluentUsers.signOut');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sandbox?.close();
  });

  const open = (user: User) => openLoaded(api, sandbox, user);

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

  describe('closing a tab that holds an unsaved name', function () {
    let questions: Question[];

    /** Stands in for the modal's buttons: `answer` is the one clicked, undefined for Cancel. */
    function answerWith(answer: string | undefined): void {
      questions = [];
      api.prompts.choose = async <T extends string>(
        message: string,
        detail: string,
        actions: T[],
      ) => {
        questions.push({ message, detail, actions });
        return answer as T | undefined;
      };
    }

    async function typed(user: User, draft: string): Promise<UserPanel> {
      const panel = await open(user);
      await panel.receive({ type: 'dirty', id: user.id, dirty: true, draft });
      return panel;
    }

    it('asks after the tab closed, and Cancel brings the tab back with the edit', async function () {
      const user = sandbox.users()[11];
      const before = await typed(user, 'Ada Draft');
      answerWith(undefined);

      await closeTabOf(user);

      await eventually('the question', () => questions.length === 1);
      assert.match(
        questions[0].message,
        new RegExp(`save the name you typed for "${user.full_name}"`),
      );
      assert.match(questions[0].detail, /"Ada Draft" was saved\. Cancel reopens the tab/);
      assert.deepEqual(questions[0].actions, ['Save', "Don't Save"]);
      const reopened = await eventually('the tab back', () => {
        const panel = api.panels.get(user.id);
        return panel !== before && panel;
      });
      // The real page put the edit back in the field and reports it as its own unsaved edit.
      await eventually('the page to hold the edit again', () =>
        reopened.received.some((m) => m.type === 'dirty' && m.draft === 'Ada Draft'),
      );
      await eventually('the tab marked unsaved', () => tabLabels().includes(`● ${user.full_name}`));
      assert.equal(sandbox.getUser(user.id)?.full_name, user.full_name, 'nothing saved');
      reopened.dispose();
    });

    it('saves the edit of the closed tab when the user chose Save', async function () {
      const user = sandbox.users()[12];
      await typed(user, 'Grace Saved');
      answerWith('Save');

      await closeTabOf(user);

      await eventually('the save', () => sandbox.getUser(user.id)?.full_name === 'Grace Saved');
      await eventually('the tree row', () => api.model.get(user.id)?.full_name === 'Grace Saved');
      assert.equal(questions.length, 1);
      assert.equal(api.panels.has(user.id), false, 'the tab stays closed');
    });

    it("drops the edit when the user chose Don't Save", async function () {
      const user = sandbox.users()[13];
      await typed(user, 'Dropped Draft');
      answerWith("Don't Save");

      await closeTabOf(user);

      await eventually('the question', () => questions.length === 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(api.panels.has(user.id), false, 'the tab stays closed');
      assert.equal(requests('PATCH', user.id).length, 0);
      assert.equal(sandbox.getUser(user.id)?.full_name, user.full_name);
    });

    it('asks once for all the tabs Close All closed, and Cancel reopens them all', async function () {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const users = [sandbox.users()[14], sandbox.users()[15]];
      await typed(users[0], 'First Draft');
      await typed(users[1], 'Second Draft');
      await open(sandbox.users()[16]); // no edit: nothing to ask about
      answerWith(undefined);

      await vscode.commands.executeCommand('workbench.action.closeAllEditors');

      await eventually('the question', () => questions.length === 1);
      assert.match(questions[0].message, /save the names you typed for 2 users/);
      assert.match(questions[0].detail, new RegExp(`${users[0].full_name}.*${users[1].full_name}`));
      assert.deepEqual(questions[0].actions, ['Save All', "Don't Save"]);
      await eventually('both tabs back, marked unsaved', () =>
        users.every((user) => tabLabels().includes(`● ${user.full_name}`)),
      );
      assert.equal(api.panels.has(sandbox.users()[16].id), false);
      assert.equal(questions.length, 1);
      users.forEach((user) => api.panels.close(user.id));
    });

    it('saves nothing when someone else changed the user since the edit began', async function () {
      const user = sandbox.users()[17];
      await typed(user, 'Stale Edit');
      sandbox.putUser(renamedElsewhere(user, 'Their Name'));
      answerWith('Save');

      await closeTabOf(user);

      await eventually(
        'the tree to show their change',
        () => api.model.get(user.id)?.full_name === 'Their Name',
      );
      assert.equal(requests('PATCH', user.id).length, 0);
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Their Name');
    });

    it('offers no Save for a name that could not be saved, and quotes it readably', async function () {
      const user = sandbox.users()[19];
      await typed(user, `Bob \u202Eevil\u202C ${'x'.repeat(300)}`);
      answerWith(undefined);

      await closeTabOf(user);

      await eventually('the question', () => questions.length === 1);
      assert.match(questions[0].message, /cannot be saved/);
      assert.match(questions[0].detail, /at most 255 characters\. Cancel reopens the tab/);
      assert.deepEqual(questions[0].actions, ["Don't Save"]);
      const reopened = await eventually('the tab back', () => api.panels.get(user.id));
      reopened.dispose();
    });

    it('quotes a typed name without the characters that would reorder it', async function () {
      const user = sandbox.users()[20];
      await typed(user, 'Bob \u202Eevil\u202C typed');
      answerWith("Don't Save");

      await closeTabOf(user);

      await eventually('the question', () => questions.length === 1);
      assert.match(questions[0].detail, /"Bob evil typed" was saved/);
    });

    it('drops the row of a user deleted meanwhile when saving its closed tab', async function () {
      const user = sandbox.users()[21];
      await typed(user, 'Too Late');
      sandbox.setFaults({ byId: { [user.id]: 404 } }); // as if deleted by someone else
      answerWith('Save');

      await closeTabOf(user);

      await eventually('the row gone', () => api.model.get(user.id) === undefined);
      assert.equal(api.panels.has(user.id), false);
    });

    it('closes without asking when the user is deleted from its tab', async function () {
      const user = sandbox.users()[18];
      const panel = await typed(user, 'Never Mind');
      answerWith(undefined);
      api.prompts.confirm = async () => true; // stands in for the modal's "Delete User" button

      await panel.receive({ type: 'delete', id: user.id });

      await eventually('the tab closed', () => !api.panels.has(user.id));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(questions.length, 0);
      assert.equal(api.panels.has(user.id), false);
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

  describe('a newer version read for the tree', function () {
    it('shows in the open tab once the tree is refreshed', async function () {
      const user = sandbox.users()[4];
      const panel = await open(user);
      sandbox.putUser(renamedElsewhere(user, 'Grace Refreshed'));

      await vscode.commands.executeCommand('confluentUsers.refresh');

      await eventually('the tab to show their name', () => {
        const posted = panel.lastPosted;
        return posted?.type === 'show' && posted.user.fullName === 'Grace Refreshed';
      });
      await eventually('the tab titled with it', () => tabLabels().includes('Grace Refreshed'));
    });

    it('leaves a typed name to the page, and saving it still asks', async function () {
      const user = sandbox.users()[22];
      const panel = await open(user);
      await panel.receive({ type: 'dirty', id: user.id, dirty: true, draft: 'Typed First' });
      sandbox.putUser(renamedElsewhere(user, 'Changed Meanwhile'));

      await vscode.commands.executeCommand('confluentUsers.refresh');
      await eventually('the tab to show their name', () => {
        const posted = panel.lastPosted;
        return posted?.type === 'show' && posted.user.fullName === 'Changed Meanwhile';
      });
      const shown = panel.lastPosted;
      assert.ok(
        shown?.type === 'show' && shown.draft === undefined,
        'no draft replaces the typing',
      );
      await eventually('the tab titled with it, still marked unsaved', () =>
        tabLabels().includes('● Changed Meanwhile'),
      );
      sandbox.requests.length = 0;

      await panel.receive({ type: 'save', id: user.id, fullName: 'Typed First' });

      assert.equal(requests('PATCH', user.id).length, 0);
      assert.equal(panel.lastPosted?.type, 'conflict');
      assert.equal(sandbox.getUser(user.id)?.full_name, 'Changed Meanwhile');
    });

    it('does not take an older version back', async function () {
      const user = sandbox.users()[4];
      const panel = await open(user);
      const older = renamedElsewhere(user, 'Older Name');
      older.metadata.updated_at = new Date(
        Date.parse(user.metadata.updated_at ?? '') - 60_000,
      ).toISOString();
      const olderShown = () =>
        panel.posted.some((m) => m.type === 'show' && m.user.fullName === 'Older Name');

      api.panels.follow([older]);
      // Nothing to wait for when nothing happens: give a wrong show time to be posted.
      await new Promise((resolve) => setTimeout(resolve, 200));

      assert.equal(olderShown(), false, 'the older version was shown');
      assert.equal(panel.name, user.full_name);
    });
  });

  describe('after a window reload', function () {
    it('reads a restored user from the server and shows it', async function () {
      const user = sandbox.users()[5];
      sandbox.requests.length = 0;
      restore({ userId: user.id, draft: 'Half typed' });
      const panel = api.panels.get(user.id);
      assert.ok(panel, 'the restored tab is one of the user panels');
      await pageShown(sandbox, panel);

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
        message: 'Confluent Cloud has no user u-deleted-meanwhile; it may have been deleted.',
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

      await closeTabOf(user);
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
