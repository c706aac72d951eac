import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import { startSandbox, type Sandbox } from '../sandbox/server';
import { eventually, extensionApi, filesUnder, readText, setSetting } from './helpers';

/** What a Linux desktop without a keyring daemon answers. */
const keyringProblem = 'The name org.freedesktop.secrets was not provided by any .service files';

/** A SecretStorage like VS Code's when the OS keyring cannot be used: every call fails. */
function failingSecretStorage(): vscode.SecretStorage {
  const fail = () => Promise.reject(new Error(keyringProblem));
  const never = new vscode.EventEmitter<vscode.SecretStorageChangeEvent>();
  return { get: fail, store: fail, delete: fail, onDidChange: never.event };
}

describe('Without a usable OS keyring', function () {
  const apiSecret = 'keyring-test-secret-3f9a1c7e5b2d4068';
  let sandbox: Sandbox;
  let api: ExtensionApi;
  let restoreStorage: () => void;
  let previousBaseUrl: string | undefined;

  before(async function () {
    sandbox = await startSandbox({ userCount: 5, apiSecret });
    api = await extensionApi();
    previousBaseUrl = vscode.workspace
      .getConfiguration('confluentUsers')
      .inspect<string>('apiBaseUrl')?.globalValue;
    await setSetting('apiBaseUrl', sandbox.url);
    restoreStorage = api.session.store.replaceStorage(failingSecretStorage());
    await api.session.reload();
  });

  after(async function () {
    restoreStorage?.();
    await api?.session.reload();
    await setSetting('apiBaseUrl', previousBaseUrl);
    await sandbox?.close();
  });

  it('still starts: reading the credentials fails softly and leaves the user signed out', function () {
    assert.equal(api.session.signedIn, false);
    assert.equal(api.session.source, 'none');
  });

  it('says in the Users view that credentials cannot be kept, and why', async function () {
    const message = await eventually('the view message', () => api.treeView.message);

    assert.match(message, /^Credentials cannot be kept: /);
    assert.ok(message.includes(keyringProblem), message);
  });

  it('refuses to sign in with a message that names the keyring problem', async function () {
    const result = await vscode.commands.executeCommand<{ signedIn: boolean; message: string }>(
      'confluentUsers.signIn',
      { apiKey: sandbox.credentials.apiKey, apiSecret },
    );

    assert.equal(result.signedIn, false);
    assert.match(result.message, /secret storage could not store the credentials/);
    assert.ok(result.message.includes(keyringProblem), result.message);
    assert.equal(api.session.signedIn, false);
  });

  it('puts the secret in no setting instead', function () {
    const settings = JSON.stringify(vscode.workspace.getConfiguration('confluentUsers'));
    const names = Object.keys(JSON.parse(settings) as object);

    assert.ok(!settings.includes(apiSecret), settings);
    assert.deepEqual(
      names.filter((name) => /secret|token|password|credential/i.test(name)),
      [],
    );
  });

  it('writes the secret to no file of the user-data folder', async function () {
    const userDataDir = process.env.CCU_TEST_USER_DATA_DIR;
    assert.ok(userDataDir, 'the launcher names the user-data folder');
    const settingsFile = await readText(path.join(userDataDir, 'User', 'settings.json'));
    const holding: string[] = [];
    for (const file of await filesUnder(userDataDir)) {
      if ((await readText(file)).includes(apiSecret)) {
        holding.push(file);
      }
    }

    assert.ok(settingsFile.includes(sandbox.url), 'settings.json was written and read');
    assert.deepEqual(holding, []);
  });
});
