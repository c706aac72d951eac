import * as vscode from 'vscode';
import type { User } from '../api/types';
import { Commands } from '../constants';
import type { UsersModel } from './usersModel';

export type UserNode = { kind: 'user'; user: User };
export type TreeNode =
  | UserNode
  | { kind: 'loadMore' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'empty' };

export function isUserNode(value: unknown): value is UserNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as TreeNode).kind === 'user' &&
    typeof (value as UserNode).user?.id === 'string'
  );
}

/** Renders the model: user rows, then one row that says what comes next. */
export class UsersTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly subscription: { dispose(): void };
  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly model: UsersModel,
    private readonly isSignedIn: () => boolean,
  ) {
    this.subscription = model.onDidChange(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async getChildren(parent?: TreeNode): Promise<TreeNode[]> {
    if (parent || !this.isSignedIn()) {
      return [];
    }
    if (!this.model.loaded) {
      await this.model.ensureLoaded();
    }
    return this.rootNodes();
  }

  rootNodes(): TreeNode[] {
    const nodes: TreeNode[] = this.model.users.map((user) => ({ kind: 'user', user }));
    if (this.model.warning) {
      nodes.push({ kind: 'warning', message: this.model.warning });
    }
    const state = this.model.state;
    if (state.kind === 'error') {
      nodes.push({ kind: 'error', message: state.message });
    } else if (state.kind === 'loading' && this.model.loaded) {
      nodes.push({ kind: 'loading' });
    } else if (this.model.hasMore) {
      nodes.push({ kind: 'loadMore' });
    } else if (this.model.loaded && nodes.length === 0) {
      nodes.push({ kind: 'empty' });
    }
    return nodes;
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'user':
        return userItem(node.user);
      case 'loadMore':
        return this.loadMoreItem();
      case 'loading':
        return messageItem('Loading…', 'loading~spin');
      case 'error':
        return errorItem(node.message);
      case 'warning':
        return messageItem(node.message, 'warning');
      case 'empty':
        return messageItem('No users in this organization.', 'info');
    }
  }

  private loadMoreItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…');
    item.id = 'confluentUsers.loadMore';
    item.description = countText(this.model.users.length, this.model.totalSize);
    item.iconPath = new vscode.ThemeIcon('more');
    item.command = { command: Commands.loadMore, title: 'Load More Users' };
    item.contextValue = 'loadMore';
    return item;
  }
}

export function countText(loaded: number, total: number | undefined): string {
  return total === undefined ? `${loaded} loaded` : `${loaded} of ${total}`;
}

export function displayName(user: User): string {
  return user.full_name?.trim() || user.email || user.id;
}

function authLabel(user: User): string {
  if (user.auth_type === 'AUTH_TYPE_SSO') {
    return 'Single sign-on';
  }
  return user.auth_type === 'AUTH_TYPE_LOCAL' ? 'Local (password)' : user.auth_type || 'Unknown';
}

function userItem(user: User): vscode.TreeItem {
  const item = new vscode.TreeItem(displayName(user));
  item.id = `user:${user.id}`;
  item.description = user.email;
  item.contextValue = 'user';
  item.iconPath = new vscode.ThemeIcon(userIcon(user));
  item.tooltip = [
    displayName(user),
    `Id: ${user.id}`,
    `Email: ${user.email}`,
    `Authentication: ${authLabel(user)}`,
    `Created: ${formatDate(user.metadata.created_at)}`,
    ...(user.metadata.deleted_at ? [`Deleted: ${formatDate(user.metadata.deleted_at)}`] : []),
  ].join('\n');
  item.accessibilityInformation = {
    label: `${displayName(user)}, ${user.email}, ${authLabel(user)}`,
  };
  item.command = { command: Commands.openUser, title: 'Open User', arguments: [user] };
  return item;
}

function userIcon(user: User): string {
  if (user.metadata.deleted_at) {
    return 'circle-slash';
  }
  return user.auth_type === 'AUTH_TYPE_SSO' ? 'shield' : 'person';
}

function formatDate(value: string | undefined): string {
  const date = value ? new Date(value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date.toLocaleString() : 'unknown';
}

function messageItem(label: string, icon: string): vscode.TreeItem {
  const item = new vscode.TreeItem(label);
  item.iconPath = new vscode.ThemeIcon(icon);
  return item;
}

function errorItem(message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message);
  item.id = 'confluentUsers.error';
  item.description = 'Retry';
  item.tooltip = `${message}\n\nClick to try again.`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = { command: Commands.loadMore, title: 'Retry' };
  item.contextValue = 'error';
  return item;
}
