import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { AuthFilter, UserFilter } from '../tree/userMatch';
import type { UsersTreeProvider } from '../tree/usersTreeProvider';

type AuthPick = vscode.QuickPickItem & { auth: AuthFilter };

const authPicks: AuthPick[] = [
  { label: 'All', auth: 'all' },
  { label: 'SSO', description: 'single sign-on', auth: 'sso' },
  { label: 'Local', description: 'email and password', auth: 'local' },
];

function isUserFilter(value: unknown): value is UserFilter {
  const filter = value as Partial<UserFilter> | undefined;
  return typeof filter?.text === 'string' && authPicks.some((pick) => pick.auth === filter.auth);
}

/**
 * Filters the loaded users by text and sign-in kind. Asks for both unless given a filter, the way
 * tests and keybindings pass one.
 */
export async function filterUsers(
  tree: UsersTreeProvider,
  argument: unknown,
): Promise<UserFilter | undefined> {
  const filter = isUserFilter(argument) ? argument : await askFilter(tree.filter);
  if (filter) {
    await applyFilter(tree, filter);
  }
  return tree.filter;
}

export function clearFilter(tree: UsersTreeProvider): Promise<void> {
  return applyFilter(tree, undefined);
}

async function applyFilter(tree: UsersTreeProvider, filter: UserFilter | undefined): Promise<void> {
  tree.setFilter(filter);
  await vscode.commands.executeCommand('setContext', ContextKeys.filtered, Boolean(tree.filter));
}

async function askFilter(current: UserFilter | undefined): Promise<UserFilter | undefined> {
  const text = await vscode.window.showInputBox({
    title: 'Filter Users (1/2)',
    prompt: 'Show the loaded users whose name, email or id contains this text (empty: any)',
    placeHolder: 'e.g. ada or @example.com',
    value: current?.text ?? '',
  });
  if (text === undefined) {
    return undefined;
  }
  const auth = await vscode.window.showQuickPick(authPicks, {
    title: 'Filter Users (2/2)',
    placeHolder: 'Which sign-in kind?',
  });
  return auth && { text: text.trim(), auth: auth.auth };
}
