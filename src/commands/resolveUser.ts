import * as vscode from 'vscode';
import type { User } from '../api/types';
import { isUserNode } from '../tree/treeNodes';
import { displayName } from '../tree/usersTreeProvider';
import type { UsersModel } from '../tree/usersModel';

export interface UserTarget {
  id: string;
  user?: User;
}

function isUser(value: unknown): value is User {
  return typeof value === 'object' && value !== null && typeof (value as User).id === 'string';
}

/**
 * Commands take a tree row, a user, an id, or nothing; with nothing they ask with a quick pick of
 * the loaded users, where typing an id that is not listed also works.
 */
export async function resolveUser(
  argument: unknown,
  model: UsersModel,
  title: string,
): Promise<UserTarget | undefined> {
  if (isUserNode(argument)) {
    return { id: argument.user.id, user: argument.user };
  }
  if (isUser(argument)) {
    return { id: argument.id, user: model.get(argument.id) ?? argument };
  }
  if (typeof argument === 'string' && argument.trim()) {
    return { id: argument.trim(), user: model.get(argument.trim()) };
  }
  return pickUser(model, title);
}

type UserPick = vscode.QuickPickItem & { user: User };

function pickUser(model: UsersModel, title: string): Promise<UserTarget | undefined> {
  const pick = vscode.window.createQuickPick<UserPick>();
  pick.title = title;
  pick.placeholder = 'Type a name, email or user id (an id that is not listed works too)';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  pick.items = model.users.map((user) => ({
    label: displayName(user),
    description: user.email,
    detail: user.id,
    user,
  }));
  return new Promise((resolve) => {
    let chosen: UserTarget | undefined;
    pick.onDidAccept(() => {
      const item = pick.activeItems[0];
      const typed = pick.value.trim();
      chosen = item ? { id: item.user.id, user: item.user } : typed ? { id: typed } : undefined;
      pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
  });
}
