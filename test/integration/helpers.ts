import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { User } from '../../src/api/types';
import type { SignInResult } from '../../src/auth/signIn';
import type { UserPanel } from '../../src/panel/userPanels';
import type { TreeNode } from '../../src/tree/treeNodes';
import { startSandbox, type Sandbox, type SandboxOptions } from '../sandbox/server';
import { eventually } from '../eventually';

export const EXTENSION_ID = 'confluent-cloud-users.confluent-cloud-users';

export async function extensionApi(): Promise<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  const api = await extension.activate();
  await api.ready;
  return api;
}

export { eventually };

export function allTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs);
}

/** Closes a user's tab as the user would with its close button: the extension did not ask for it. */
export async function closeTabOf(user: User): Promise<void> {
  const tab = await eventually(`a tab for ${user.full_name}`, () =>
    allTabs().find((t) => t.label.endsWith(user.full_name ?? user.id)),
  );
  await vscode.window.tabGroups.close(tab);
}

/** Opens a user's tab and waits for its page as {@link pageShown} does. */
export async function openLoaded(
  api: ExtensionApi,
  sandbox: Sandbox,
  user: User,
): Promise<UserPanel> {
  await vscode.commands.executeCommand('confluentUsers.openUser', user.id);
  const panel = api.panels.get(user.id);
  assert.ok(panel, 'a panel opened');
  return pageShown(sandbox, panel);
}

/**
 * Waits until the panel's page was shown the server's copy of its user and reported that it holds
 * no edit, as happens before anyone can type. An edit a test sends before that report would be
 * overwritten by it.
 */
export async function pageShown(sandbox: Sandbox, panel: UserPanel): Promise<UserPanel> {
  const path = `/iam/v2/users/${panel.id}`;
  await eventually(
    'the page to show the user from the server',
    () =>
      sandbox.requests.some((r) => r.method === 'GET' && r.path === path && r.status !== 0) &&
      panel.received.some((m) => m.type === 'dirty'),
  );
  return panel;
}

/** A fresh sandbox, the settings pointing at it, and the extension signed in with its API key. */
export async function signedInSandbox(
  options: SandboxOptions & { pageSize?: number },
): Promise<{ sandbox: Sandbox; api: ExtensionApi }> {
  const { pageSize = 25, ...sandboxOptions } = options;
  const sandbox = await startSandbox(sandboxOptions);
  await setSetting('apiBaseUrl', sandbox.url);
  await setSetting('pageSize', pageSize);
  const api = await extensionApi();
  const { apiKey, apiSecret } = sandbox.credentials;
  const result = await vscode.commands.executeCommand<SignInResult>('confluentUsers.signIn', {
    apiKey,
    apiSecret,
  });
  assert.equal(result.signedIn, true, result.message);
  return { sandbox, api };
}

/** The rows as the tree view renders them: label and description of each tree item. */
export function visibleRows(
  api: ExtensionApi,
): { label: string; description: string; node: TreeNode }[] {
  return api.tree.rootNodes().map((node) => {
    const item = api.tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { label, description: String(item.description ?? ''), node };
  });
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('confluentUsers')
    .update(key, value, vscode.ConfigurationTarget.Global);
}

export async function filesUnder(folder: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Reads a file as text; binary state databases are read as latin1 so no byte is skipped. */
export async function readText(file: string): Promise<string> {
  try {
    return (await fs.readFile(file)).toString('latin1');
  } catch {
    return '';
  }
}
