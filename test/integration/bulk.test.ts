import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { User } from '../../src/api/types';
import type { DeleteSummary } from '../../src/commands/deleteMany';
import type { ExportResult } from '../../src/commands/exportUsers';
import type { ExtensionApi } from '../../src/extension';
import type { FindProgress } from '../../src/tree/findUsers';
import type { UserNode } from '../../src/tree/treeNodes';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { EXTENSION_ID, eventually, setSetting, signedInSandbox, visibleRows } from './helpers';

const pageSize = 10;

const listRequests = (sandbox: Sandbox) =>
  sandbox.requests.filter(
    (request) => request.method === 'GET' && request.path === '/iam/v2/users',
  );

const userRows = (api: ExtensionApi) =>
  visibleRows(api).filter(
    (row): row is typeof row & { node: UserNode } => row.node.kind === 'user',
  );

async function firstPage(sandbox: Sandbox): Promise<void> {
  await vscode.commands.executeCommand('confluentUsers.refresh');
  sandbox.requests.length = 0;
}

async function collect(steps: AsyncGenerator<FindProgress>): Promise<FindProgress[]> {
  const seen: FindProgress[] = [];
  for await (const step of steps) {
    seen.push(step);
  }
  return seen;
}

describe('An organization of many users', function () {
  let sandbox: Sandbox;
  let api: ExtensionApi;

  before(async function () {
    ({ sandbox, api } = await signedInSandbox({ userCount: 120, pageSize }));
    await vscode.commands.executeCommand('workbench.view.extension.confluentUsers');
    await eventually('the first page', () => api.model.loaded && api.model.state.kind === 'idle');
  });

  after(async function () {
    await vscode.commands.executeCommand('confluentUsers.signOut');
    await vscode.commands.executeCommand('confluentUsers.clearFilter');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await sandbox?.close();
  });

  describe('finding a user', function () {
    it('answers from the loaded users before asking the server anything', async function () {
      await firstPage(sandbox);
      const loaded = api.model.users[3];
      const first = await api.find(loaded.email, new AbortController().signal).next();
      assert.deepEqual(
        (first.value as FindProgress).matches.map((user) => user.id),
        [loaded.id],
      );
      assert.equal(listRequests(sandbox).length, 0);
    });

    it('streams the remaining pages, each asked once, and the tree keeps them', async function () {
      await firstPage(sandbox);
      const wanted = sandbox.users()[95];
      const steps = await collect(api.find(wanted.full_name ?? '', new AbortController().signal));
      assert.equal(steps[0].loaded, pageSize);
      assert.deepEqual(
        steps.at(-1)?.matches.map((user) => user.id),
        [wanted.id],
      );
      assert.equal(steps.at(-1)?.complete, true);
      const tokens = listRequests(sandbox).map((request) => request.query.page_token);
      assert.equal(tokens.length, 11);
      assert.equal(new Set(tokens).size, 11);
      assert.equal(userRows(api).length, 120);
    });

    it('draws the tree at a steady pace while pages stream in, then in full', async function () {
      await firstPage(sandbox);
      let redraws = 0;
      const counting = api.tree.onDidChangeTreeData(() => (redraws += 1));
      const start = performance.now();
      try {
        await collect(api.find('nobody by this name', new AbortController().signal));
      } finally {
        counting.dispose();
      }
      const elapsed = performance.now() - start;
      // Drawn once per page (twice: loading, then loaded) the workbench fell behind a fast server.
      // Now at most once a second at this size, and once more when the last page is in.
      assert.ok(
        redraws <= Math.ceil(elapsed / 1000) + 2 && redraws < 2 * 11,
        `${redraws} redraws in ${Math.round(elapsed)} ms for 11 pages`,
      );
      assert.equal(api.treeView.description, '120 of 120');
      assert.equal(userRows(api).length, 120);
    });

    it('stops asking for pages when closed mid-stream', async function () {
      await firstPage(sandbox);
      const close = new AbortController();
      const steps = api.find('nobody by this name', close.signal);
      await steps.next();
      sandbox.setFaults({ hang: true });
      const waiting = steps.next();
      await eventually('the second page to be asked', () => listRequests(sandbox).length === 1);
      close.abort();
      assert.equal((await waiting).done, true);
      sandbox.setFaults({});
      assert.equal(api.model.state.kind, 'idle');
      assert.equal(listRequests(sandbox).length, 1);
      assert.equal(visibleRows(api).at(-1)?.label, 'Load more…');
      await vscode.commands.executeCommand('confluentUsers.loadMore');
      assert.equal(userRows(api).length, 2 * pageSize);
    });
  });

  describe('filtering the tree', function () {
    it('shows the loaded users that match, and says so in the view description', async function () {
      await firstPage(sandbox);
      const target = api.model.users[2];
      const kind = target.auth_type === 'AUTH_TYPE_SSO' ? 'sso' : 'local';
      await vscode.commands.executeCommand('confluentUsers.filter', {
        text: target.email,
        auth: kind,
      });
      const kindLabel = kind === 'sso' ? 'SSO' : 'Local';
      assert.equal(
        api.treeView.description,
        `Filter: ${target.email} · ${kindLabel} — 1 of ${pageSize} loaded`,
      );
      assert.match(api.treeView.message ?? '', /^Filter: /m, 'also said above the rows');
      assert.deepEqual(
        userRows(api).map((row) => row.node.user.id),
        [target.id],
      );
      assert.equal(visibleRows(api).at(-1)?.label, 'Load more…');
    });

    it('says when no loaded user matches', async function () {
      await vscode.commands.executeCommand('confluentUsers.filter', { text: 'zzzz', auth: 'all' });
      assert.deepEqual(
        visibleRows(api).map((row) => row.label),
        ['No loaded user matches the filter.', 'Load more…'],
      );
    });

    it('shows every loaded user again when the filter is cleared', async function () {
      await vscode.commands.executeCommand('confluentUsers.clearFilter');
      assert.equal(api.treeView.description, `${pageSize} of ${sandbox.users().length}`);
      assert.equal(userRows(api).length, pageSize);
    });

    it('marks a deactivated user as such', async function () {
      const user = sandbox.users()[1];
      sandbox.putUser({
        ...user,
        metadata: { ...user.metadata, deleted_at: '2026-01-02T03:04:05Z' },
      });
      await firstPage(sandbox);
      const row = userRows(api).find((r) => r.node.user.id === user.id);
      assert.equal(row?.description, `deactivated · ${user.email}`);
      const item = row && api.tree.getTreeItem(row.node);
      assert.match(String(item?.tooltip), /Deactivated:/);
      sandbox.putUser(user);
    });
  });

  describe('deleting a selection', function () {
    it('asks once, naming the first few, then deletes nothing when dismissed', async function () {
      await firstPage(sandbox);
      const nodes = userRows(api)
        .slice(0, 7)
        .map((row) => row.node);
      let asked = '';
      api.prompts.confirm = async (message, detail) => {
        asked = `${message}\n${detail}`; // stands in for the modal's Cancel button
        return false;
      };
      await vscode.commands.executeCommand('confluentUsers.deleteUser', nodes[0], nodes);
      assert.match(asked, /^Delete 7 users\?/);
      const fifth = nodes[4].user;
      assert.ok(asked.includes(`\n"${fifth.full_name}" (${fifth.email})\nand 2 more\n`), asked);
      assert.match(asked, /API keys/);
      assert.equal(sandbox.users().length, 120);
    });

    it('the Delete key asks about the row selected in the view', async function () {
      await firstPage(sandbox);
      const node = userRows(api)[2].node;
      await api.treeView.reveal(node, { select: true, focus: true });
      let asked = '';
      api.prompts.confirm = async (message) => {
        asked = message; // stands in for the modal's Cancel button
        return false;
      };
      const manifest = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as {
        contributes: { keybindings: { command: string; key: string }[] };
      };
      const binding = manifest.contributes.keybindings.find(
        (key) => key.command === 'confluentUsers.deleteSelectedUsers',
      );
      assert.ok(binding);
      assert.equal(binding.key, 'delete');
      await vscode.commands.executeCommand(binding.command);
      assert.equal(asked, `Delete user "${node.user.full_name}"?`);
      assert.equal(sandbox.users().length, 120);
    });

    it('sums up deleted, already gone and failed; the failed user stays', async function () {
      await firstPage(sandbox);
      const nodes = userRows(api)
        .slice(0, 6)
        .map((row) => row.node);
      const [gone, broken] = [nodes[1].user, nodes[2].user];
      sandbox.setFaults({ byId: { [gone.id]: 404, [broken.id]: 500 } });
      api.prompts.confirm = async () => true; // stands in for the modal's "Delete 6 Users" button
      const summary = await vscode.commands.executeCommand<DeleteSummary>(
        'confluentUsers.deleteUser',
        nodes[0],
        nodes,
      );
      sandbox.setFaults({});
      assert.equal(summary.deleted, 4);
      assert.equal(summary.alreadyGone, 1);
      assert.deepEqual(
        summary.failed.map((f) => f.id),
        [broken.id],
      );
      assert.ok(
        summary.message.includes(`"${broken.full_name}" (${broken.email}): `),
        summary.message,
      );
      assert.match(summary.message, /500/);
      assert.equal(userRows(api)[0].node.user.id, broken.id);
      assert.equal(userRows(api).length, pageSize - 5);
      assert.equal(sandbox.users().length, 116);
    });

    it('waits out a rate limit as the server asks and deletes every selected user', async function () {
      await firstPage(sandbox);
      const nodes = userRows(api)
        .slice(0, 3)
        .map((row) => row.node);
      sandbox.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 1 });
      api.prompts.confirm = async () => true; // stands in for the modal's "Delete 3 Users" button
      const summary = await vscode.commands.executeCommand<DeleteSummary>(
        'confluentUsers.deleteUser',
        nodes[0],
        nodes,
      );
      sandbox.setFaults({});
      assert.ok(sandbox.requests.some((request) => request.status === 429));
      assert.equal(summary.deleted, 3, summary.message);
      assert.equal(sandbox.users().length, 113);
    });

    it('deletes a user whose row is selected twice once, and counts it once', async function () {
      await firstPage(sandbox);
      const nodes = userRows(api)
        .slice(0, 3)
        .map((row) => row.node);
      // Ctrl-click, then Shift-click over the same row: the selection holds it twice.
      const selection = [nodes[1], nodes[0], { ...nodes[1] }, nodes[2]];
      let asked = '';
      api.prompts.confirm = async (message) => {
        asked = message; // stands in for the modal's "Delete 3 Users" button
        return true;
      };
      const summary = await vscode.commands.executeCommand<DeleteSummary>(
        'confluentUsers.deleteUser',
        selection[0],
        selection,
      );
      const deletes = sandbox.requests.filter((request) => request.method === 'DELETE');
      assert.equal(asked, 'Delete 3 users?');
      assert.equal(deletes.length, 3);
      assert.equal(summary.message, 'Deleted 3 of 3 users.');
      assert.equal(sandbox.users().length, 110);
    });
  });

  describe('copying', function () {
    it("copies a row's id, email and resource name", async function () {
      const row = userRows(api)[0].node;
      await vscode.commands.executeCommand('confluentUsers.copyId', row, [row]);
      assert.equal(await vscode.env.clipboard.readText(), row.user.id);
      await vscode.commands.executeCommand('confluentUsers.copyEmail', row, [row]);
      assert.equal(await vscode.env.clipboard.readText(), row.user.email);
      await vscode.commands.executeCommand('confluentUsers.copyResourceName', row, [row]);
      assert.equal(await vscode.env.clipboard.readText(), row.user.metadata.resource_name);
    });

    it('copies the emails of a selection, one per line', async function () {
      const rows = userRows(api)
        .slice(0, 3)
        .map((row) => row.node);
      await vscode.commands.executeCommand('confluentUsers.copyEmail', rows[1], rows);
      const emails = rows.map((row) => row.user.email);
      assert.equal(await vscode.env.clipboard.readText(), emails.join('\n'));
    });

    it('copies each selected user once, however often the selection holds its row', async function () {
      const rows = userRows(api)
        .slice(0, 3)
        .map((row) => row.node);
      await vscode.commands.executeCommand('confluentUsers.copyId', rows[0], [...rows, rows[1]]);
      const ids = rows.map((row) => row.user.id);
      assert.equal(await vscode.env.clipboard.readText(), ids.join('\n'));
    });
  });

  describe('exporting', function () {
    let folder: string;

    before(async function () {
      folder = await fs.mkdtemp(path.join(os.tmpdir(), 'ccu-export-'));
    });

    after(async function () {
      await fs.rm(folder, { recursive: true, force: true });
    });

    function saveTo(name: string): string {
      const file = path.join(folder, name);
      api.prompts.pickSaveFile = async () => vscode.Uri.file(file); // stands in for the save dialog
      return file;
    }

    it('writes every user to CSV, a formula-like name made plain text', async function () {
      const victim = sandbox.users()[60];
      sandbox.putUser({ ...victim, full_name: '=HYPERLINK("http://x.test","Open")' });
      await firstPage(sandbox);
      const file = saveTo('all.csv');
      const result = await vscode.commands.executeCommand<ExportResult>(
        'confluentUsers.exportUsers',
        { scope: 'all', format: 'csv' },
      );
      const lines = (await fs.readFile(file, 'utf8')).split('\r\n');
      assert.ok(result.written, result.written ? '' : result.message);
      assert.equal(result.count, sandbox.users().length);
      assert.equal(lines.length, sandbox.users().length + 2);
      const row = lines.find((line) => line.startsWith(victim.id));
      assert.ok(row?.includes(`,"'=HYPERLINK(""http://x.test"",""Open"")",`), row);
      const tokens = listRequests(sandbox).map((request) => request.query.page_token);
      assert.equal(new Set(tokens).size, tokens.length);
    });

    it('writes only the loaded users to JSON when asked', async function () {
      await firstPage(sandbox);
      const file = saveTo('loaded.json');
      await vscode.commands.executeCommand('confluentUsers.exportUsers', {
        scope: 'loaded',
        format: 'json',
      });
      const users = JSON.parse(await fs.readFile(file, 'utf8')) as User[];
      assert.deepEqual(
        users.map((user) => user.id),
        api.model.users.map((user) => user.id),
      );
      assert.equal(listRequests(sandbox).length, 0);
    });

    it('says that an export whose page failed wrote no file, and writes none', async function () {
      await firstPage(sandbox);
      const file = saveTo('failed.csv');
      sandbox.setFaults({ serverErrorEvery: 1 });
      const result = await vscode.commands.executeCommand<ExportResult>(
        'confluentUsers.exportUsers',
        { scope: 'all', format: 'csv' },
      );
      sandbox.setFaults({});
      assert.equal(result.written, false);
      assert.match(
        result.written ? '' : result.message,
        /^Export failed: .*told to fail every 1th request.* No file was written\.$/,
      );
      await assert.rejects(fs.access(file), { code: 'ENOENT' });
    });

    it('says that an export interrupted by a refresh wrote no file, and writes none', async function () {
      await firstPage(sandbox);
      const file = saveTo('interrupted.json');
      sandbox.setFaults({ hang: true });
      const exporting = vscode.commands.executeCommand<ExportResult>('confluentUsers.exportUsers', {
        scope: 'all',
        format: 'json',
      });
      await eventually('the second page to be asked', () => listRequests(sandbox).length === 1);
      const refreshing = vscode.commands.executeCommand('confluentUsers.refresh');
      const result = await exporting;
      sandbox.setFaults({});
      await refreshing;
      assert.equal(result.written, false);
      assert.equal(
        result.written ? '' : result.message,
        'Export failed: The user list was refreshed or signed out while loading. ' +
          'No file was written.',
      );
      await assert.rejects(fs.access(file), { code: 'ENOENT' });
      assert.equal(userRows(api).length, pageSize);
    });

    it('writes nothing when the save dialog is dismissed', async function () {
      api.prompts.pickSaveFile = async () => undefined; // stands in for the dialog's Cancel
      const result = await vscode.commands.executeCommand('confluentUsers.exportUsers', {
        scope: 'all',
        format: 'csv',
      });
      assert.equal(result, undefined);
    });
  });

  describe('with 20,000 users', function () {
    let large: Sandbox;

    before(async function () {
      large = await startSandbox({ userCount: 20_000 });
    });

    after(async function () {
      await setSetting('apiBaseUrl', sandbox.url);
      await large?.close();
    });

    it('the view asks for one page and shows one page', async function () {
      await setSetting('apiBaseUrl', large.url);
      await eventually('the first page', () => api.model.loaded && api.model.state.kind === 'idle');
      await api.tree.getChildren();
      await api.tree.getChildren();
      assert.equal(listRequests(large).length, 1);
      assert.equal(userRows(api).length, pageSize);
      assert.equal(visibleRows(api).at(-1)?.description, `${pageSize} of 20,000`);
      assert.equal(api.treeView.description, `${pageSize} of 20,000`);
    });

    it('Load more adds exactly one more page', async function () {
      await vscode.commands.executeCommand('confluentUsers.loadMore');
      assert.equal(listRequests(large).length, 2);
      assert.equal(userRows(api).length, 2 * pageSize);
    });
  });
});
