import * as vscode from 'vscode';
import type { RetryWait } from '../api/retryPolicy';
import type { User } from '../api/types';
import { Commands } from '../constants';
import { formatCount } from '../counts';
import { shownName } from '../panel/protocol';
import { waitNotice } from '../retryNotice';
import { Throttle } from './throttle';
import type { TreeNode } from './treeNodes';
import { filterDescription, filterMatcher, isFilterActive, type UserFilter } from './userMatch';
import type { UsersModel } from './usersModel';

/** Renders the model: user rows, then one row that says what comes next. */
export class UsersTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  private readonly viewChanged = new vscode.EventEmitter<void>();
  private readonly filterChanged = new vscode.EventEmitter<UserFilter | undefined>();
  private readonly subscription: { dispose(): void };
  private readonly redrawRows: Throttle;
  private readonly redescribe: Throttle;
  private activeFilter: UserFilter | undefined;
  /** A page waiting to be asked for again, e.g. after a 429, until the next answer. */
  private pageWait: { wait: RetryWait; until: number; ticker: NodeJS.Timeout } | undefined;
  readonly onDidChangeTreeData = this.changed.event;
  /** The view's description or message may read differently: the count, the filter, an error. */
  readonly onDidChangeView = this.viewChanged.event;
  readonly onDidChangeFilter = this.filterChanged.event;

  constructor(
    private readonly model: UsersModel,
    private readonly isSignedIn: () => boolean,
  ) {
    // While pages stream in (a find or an export), the count follows four times a second and the
    // rows less often the more there are: each time, every row goes to the workbench again, and
    // drawn once per page they kept the window from answering the user (20 s apart for 20,000).
    this.redrawRows = new Throttle(
      () => this.changed.fire(undefined),
      () => Math.max(2000, model.size),
    );
    this.redescribe = new Throttle(
      () => this.viewChanged.fire(),
      () => 250,
    );
    this.subscription = model.onDidChange(() => {
      this.endWait();
      this.redraw(model.streaming);
    });
  }

  dispose(): void {
    this.endWait();
    this.redrawRows.dispose();
    this.redescribe.dispose();
    this.subscription.dispose();
    this.changed.dispose();
    this.viewChanged.dispose();
    this.filterChanged.dispose();
  }

  private redraw(paced: boolean): void {
    if (paced) {
      this.redrawRows.request();
      this.redescribe.request();
    } else {
      this.redrawRows.now();
      this.redescribe.now();
    }
  }

  /** The filter on the loaded users, if one is set. */
  get filter(): UserFilter | undefined {
    return this.activeFilter;
  }

  setFilter(filter: UserFilter | undefined): void {
    this.activeFilter = isFilterActive(filter) ? filter : undefined;
    this.filterChanged.fire(this.activeFilter);
    this.redraw(false);
  }

  /** The view's description: how many are loaded, and the filter when one is set. */
  description(): string | undefined {
    if (!this.model.loaded) {
      return undefined;
    }
    const loaded = this.model.size;
    const count = this.activeFilter
      ? filterDescription(this.activeFilter, this.shownUsers().length, loaded)
      : countText(loaded, this.model.totalSize);
    return this.model.refreshFailed ? `${count} · not refreshed` : count;
  }

  /**
   * Says above the rows that a page waits to be asked for again, counting down each second,
   * until the model changes: the page came, failed, or is no longer wanted.
   */
  showWait(wait: RetryWait): void {
    this.endWait();
    const ticker = setInterval(() => {
      if (this.waitMessage() === undefined) {
        this.endWait();
      }
      this.viewChanged.fire();
    }, 1000);
    this.pageWait = { wait, until: Date.now() + wait.delayMs, ticker };
    this.viewChanged.fire();
  }

  /** e.g. "Loading users: rate limited (429), trying again in 8 s". */
  waitMessage(): string | undefined {
    if (!this.pageWait) {
      return undefined;
    }
    const secondsLeft = Math.ceil((this.pageWait.until - Date.now()) / 1000);
    return secondsLeft > 0
      ? `Loading users: ${waitNotice(this.pageWait.wait, secondsLeft)}`
      : undefined;
  }

  private endWait(): void {
    if (this.pageWait) {
      clearInterval(this.pageWait.ticker);
      this.pageWait = undefined;
      this.viewChanged.fire();
    }
  }

  /** A failed load in full, for above the rows: a tree row shows only its first line. */
  problem(): string | undefined {
    const state = this.model.state;
    if (state.kind !== 'error') {
      return undefined;
    }
    const message = /[.!?]$/.test(state.message) ? state.message : `${state.message}.`;
    return this.model.refreshFailed
      ? `Refresh failed: ${message} The list shows the users loaded before.`
      : `Could not load users: ${message}`;
  }

  private shownUsers(): User[] {
    const users = this.model.users;
    return this.activeFilter ? users.filter(filterMatcher(this.activeFilter)) : users;
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

  /** Every row is at the top; TreeView.reveal, used to select a row, asks. */
  getParent(): undefined {
    return undefined;
  }

  rootNodes(): TreeNode[] {
    const nodes: TreeNode[] = this.shownUsers().map((user) => ({ kind: 'user', user }));
    if (this.activeFilter && nodes.length === 0 && this.model.size > 0) {
      nodes.push({ kind: 'noMatches' });
    }
    if (this.model.warning) {
      nodes.push({ kind: 'warning', message: this.model.warning });
    }
    const state = this.model.state;
    if (state.kind === 'error' && this.model.refreshFailed) {
      // On top, where it is seen: below hundreds of rows a failed refresh would go unnoticed.
      nodes.unshift({ kind: 'error', message: state.message });
    } else if (state.kind === 'error') {
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
        return errorItem(node.message, this.model.refreshFailed);
      case 'warning':
        return messageItem(node.message, 'warning');
      case 'empty':
        return messageItem('No users in this organization.', 'info');
      case 'noMatches':
        return messageItem('No loaded user matches the filter.', 'filter');
    }
  }

  private loadMoreItem(): vscode.TreeItem {
    const item = new vscode.TreeItem('Load more…');
    item.id = 'confluentUsers.loadMore';
    item.description = countText(this.model.size, this.model.totalSize);
    item.iconPath = new vscode.ThemeIcon('more');
    item.command = { command: Commands.loadMore, title: 'Load More Users' };
    item.contextValue = 'loadMore';
    return item;
  }
}

export function countText(loaded: number, total: number | undefined): string {
  return total === undefined
    ? `${formatCount(loaded)} loaded`
    : `${formatCount(loaded)} of ${formatCount(total)}`;
}

export function displayName(user: User): string {
  return shownName(user.full_name ?? '').trim() || user.email || user.id;
}

function authLabel(user: User): string {
  if (user.auth_type === 'AUTH_TYPE_SSO') {
    return 'Single sign-on';
  }
  return user.auth_type === 'AUTH_TYPE_LOCAL' ? 'Local (password)' : user.auth_type || 'Unknown';
}

function userItem(user: User): vscode.TreeItem {
  const deactivated = Boolean(user.metadata.deleted_at);
  const item = new vscode.TreeItem(displayName(user));
  item.id = `user:${user.id}`;
  item.description = deactivated ? `deactivated · ${user.email}` : user.email;
  item.contextValue = 'user';
  item.iconPath = deactivated
    ? new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'))
    : new vscode.ThemeIcon(userIcon(user));
  item.tooltip = [
    displayName(user),
    ...(deactivated ? [`Deactivated: ${formatDate(user.metadata.deleted_at)}`] : []),
    `Id: ${user.id}`,
    `Email: ${user.email}`,
    `Authentication: ${authLabel(user)}`,
    `Created: ${formatDate(user.metadata.created_at)}`,
  ].join('\n');
  item.accessibilityInformation = {
    label: [
      displayName(user),
      ...(deactivated ? ['deactivated'] : []),
      user.email,
      authLabel(user),
    ].join(', '),
  };
  item.command = {
    command: Commands.openUser,
    title: 'Open User',
    arguments: [user, { preserveFocus: true }],
  };
  return item;
}

function userIcon(user: User): string {
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

/** Short, so that "Retry" fits beside it: the whole message is shown above the rows. */
function errorItem(message: string, refresh: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(refresh ? 'Refresh failed' : 'Could not load users');
  item.id = 'confluentUsers.error';
  item.description = 'Retry';
  item.tooltip = `${message}\n\nClick to try again.`;
  item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
  item.command = { command: Commands.loadMore, title: 'Retry' };
  item.contextValue = 'error';
  return item;
}
