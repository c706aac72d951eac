// Named to run last (index.ts sorts the files): it searches what the whole run left behind.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { DEFAULT_CREDENTIALS, startSandbox, type Sandbox } from '../sandbox/server';
import { eventually, extensionApi, filesUnder, readText, setSetting } from './helpers';

/** Every suite's sandbox uses these unless it names its own. */
const secrets = [DEFAULT_CREDENTIALS.apiSecret, DEFAULT_CREDENTIALS.bearerToken];
/** An id no other suite opens, so its request in the log shows this suite's lines were written. */
const markerId = 'u-secret-scan-marker';

const holding = (text: string) => secrets.filter((secret) => text.includes(secret));

describe('After the whole run', function () {
  let sandbox: Sandbox;
  let api: ExtensionApi;

  before(async function () {
    sandbox = await startSandbox();
    await setSetting('apiBaseUrl', sandbox.url);
    api = await extensionApi();
    const result = await vscode.commands.executeCommand<{ signedIn: boolean }>(
      'confluentUsers.signIn',
      { token: sandbox.credentials.bearerToken },
    );
    assert.equal(result.signedIn, true, 'signed in with the bearer token');
    for (const id of [sandbox.users()[0].id, markerId]) {
      await vscode.commands.executeCommand('confluentUsers.openUser', id);
      await eventually(`the panel of ${id} to be sent what the server said`, () =>
        api.panels.get(id)?.posted.some((message) => message.type !== 'busy'),
      );
    }
  });

  after(async function () {
    await vscode.commands.executeCommand('confluentUsers.signOut');
    await sandbox?.close();
  });

  it('finds neither the API secret nor the bearer token in any user-data file', async function () {
    const userDataDir = process.env.CCU_TEST_USER_DATA_DIR;
    assert.ok(userDataDir, 'the launcher names the user-data folder');
    const scanned = await eventually('this suite in the log on disk', async () => {
      const files = await filesUnder(userDataDir);
      const texts = await Promise.all(files.map((file) => readText(file)));
      return texts.some((text) => text.includes(markerId)) && { files, texts };
    });
    const leaks = scanned.files.filter((_, i) => holding(scanned.texts[i]).length > 0);
    assert.deepEqual(leaks, []);
  });

  it('finds neither in the HTML of any open user panel', function () {
    const panels = openPanels(api, sandbox);
    assert.ok(panels.length >= 2, 'the panels this suite opened are checked');
    const leaks = panels.filter(([, panel]) => holding(panel.html).length > 0);
    assert.deepEqual(
      leaks.map(([id]) => id),
      [],
    );
  });

  it('finds neither in any message sent to a panel', function () {
    const leaks = openPanels(api, sandbox).filter(
      ([, panel]) => holding(JSON.stringify(panel.posted)).length > 0,
    );
    assert.deepEqual(
      leaks.map(([id]) => id),
      [],
    );
  });
});

/** The panels still open: every suite's sandbox seeds the same ids, and this suite's marker. */
function openPanels(api: ExtensionApi, sandbox: Sandbox) {
  const ids = [...sandbox.users().map((user) => user.id), markerId];
  return ids.flatMap((id) => {
    const panel = api.panels.get(id);
    return panel ? [[id, panel] as const] : [];
  });
}
