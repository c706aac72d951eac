import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionApi } from '../../src/extension';
import type { User } from '../../src/api/types';
import type { SignInResult } from '../../src/auth/signIn';
import type { TreeNode } from '../../src/tree/usersTreeProvider';
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
