import * as vscode from 'vscode';
import type { User } from '../api/types';
import { ApiError } from '../api/apiError';
import { Commands, USER_PANEL_VIEW_TYPE } from '../constants';
import type { Logger } from '../log/logger';
import { displayName } from '../tree/usersTreeProvider';
import { panelHtml } from './panelHtml';
import {
  checkFullName,
  parsePanelMessage,
  parsePanelState,
  type CopyField,
  type ExtensionMessage,
  type PanelMessage,
  type PanelState,
  type PanelUser,
} from './protocol';

export interface PanelServices {
  extensionUri: vscode.Uri;
  log: Logger;
  getUser(id: string, signal?: AbortSignal): Promise<User>;
  updateFullName(id: string, fullName: string): Promise<User>;
  /** Called with every user the panel learns of, so the tree row can follow. */
  userChanged(user: User): void;
}

export function toPanelUser(user: User): PanelUser {
  return {
    id: user.id,
    email: user.email,
    fullName: user.full_name ?? '',
    authType: user.auth_type ?? '',
    createdAt: user.metadata.created_at,
    updatedAt: user.metadata.updated_at,
    deletedAt: user.metadata.deleted_at,
    resourceName: user.metadata.resource_name,
  };
}

/** Marks a tab whose name field holds an unsaved edit, as VS Code marks an unsaved file. */
export const UNSAVED_MARK = '● ';

const copyLabels: Record<CopyField, string> = {
  id: 'user id',
  email: 'email address',
  resourceName: 'resource name',
};

/** One editor tab per user: opening a user that has a tab reveals it. */
export class UserPanels implements vscode.Disposable {
  private readonly panels = new Map<string, UserPanel>();

  constructor(private readonly services: PanelServices) {}

  open(id: string, known?: User): void {
    const existing = this.panels.get(id);
    if (existing) {
      existing.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      USER_PANEL_VIEW_TYPE,
      known ? displayName(known) : id,
      vscode.ViewColumn.Active,
      { enableScripts: true, enableFindWidget: true },
    );
    this.track(panel, { userId: id }, known);
  }

  /**
   * Takes over a panel VS Code restored after a reload. Only the user id and the draft are
   * taken from its state: the user itself is read again from the server once the page asks.
   */
  adopt(panel: vscode.WebviewPanel, state: unknown): void {
    const saved = parsePanelState(state);
    const existing = saved && this.panels.get(saved.userId);
    if (!saved || existing) {
      // Nothing to show, or a second tab for a user that has one: one tab per user.
      this.services.log.warn('Closed a restored user panel', {
        reason: saved ? 'duplicate' : 'no user',
      });
      panel.dispose();
      existing?.reveal();
      return;
    }
    this.track(panel, saved);
  }

  private track(panel: vscode.WebviewPanel, state: PanelState, known?: User): void {
    const id = state.userId;
    const userPanel = new UserPanel(panel, state, known, this.services, () => {
      if (this.panels.get(id) === userPanel) {
        this.panels.delete(id);
      }
    });
    this.panels.set(id, userPanel);
  }

  has(id: string): boolean {
    return this.panels.has(id);
  }

  /** How many open panels hold a name the user typed but did not save. */
  unsavedCount(): number {
    return [...this.panels.values()].filter((panel) => panel.hasUnsavedChanges).length;
  }

  /** For tests: the panel's HTML, and a message as if the page had sent it. */
  get(id: string): UserPanel | undefined {
    return this.panels.get(id);
  }

  userChanged(user: User): void {
    this.panels.get(user.id)?.showUser(user);
  }

  close(id: string): void {
    this.panels.get(id)?.dispose();
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }
}

/** Lets VS Code bring open user panels back after a window reload, once credentials are read. */
export function registerUserPanelSerializer(
  panels: UserPanels,
  ready: Promise<void>,
): vscode.Disposable {
  return vscode.window.registerWebviewPanelSerializer(USER_PANEL_VIEW_TYPE, {
    async deserializeWebviewPanel(panel, state) {
      await ready;
      panels.adopt(panel, state);
    },
  });
}

export class UserPanel {
  readonly id: string;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sent: ExtensionMessage[] = [];
  private readonly heard: PanelMessage[] = [];
  private user: User | undefined;
  private disposed = false;
  private dirty: boolean;
  /** The `updated_at` of the user the page shows now. */
  private shownVersion: string | undefined;
  /** The `updated_at` of the user the page showed when its unsaved edit began. */
  private draftVersion: string | undefined;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    state: PanelState,
    known: User | undefined,
    private readonly services: PanelServices,
    onDispose: () => void,
  ) {
    this.id = state.userId;
    this.user = known;
    // The tab already shows this version, and the page is sent it first.
    this.shownVersion = known?.metadata.updated_at;
    this.dirty = state.draft !== undefined;
    this.draftVersion = state.draftBase;
    const { extensionUri } = services;
    panel.webview.options = {
      enableScripts: true,
      localResourceRoots: [
        vscode.Uri.joinPath(extensionUri, 'dist', 'webview'),
        vscode.Uri.joinPath(extensionUri, 'dist', 'codicons'),
        vscode.Uri.joinPath(extensionUri, 'media'),
      ],
    };
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'user-tab.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      panel.onDidDispose(() => {
        this.disposed = true;
        vscode.Disposable.from(...this.disposables).dispose();
        onDispose();
      }),
    );
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get visible(): boolean {
    return !this.disposed && this.panel.visible;
  }

  /** For tests: the last message sent to the page, as the page would receive it. */
  get lastPosted(): ExtensionMessage | undefined {
    return this.sent.at(-1);
  }

  /** For tests: every message sent to the page, oldest first. */
  get posted(): readonly ExtensionMessage[] {
    return this.sent;
  }

  /** For tests: every valid message from the page, oldest first. */
  get received(): readonly PanelMessage[] {
    return this.heard;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** Shows newer server data; a draft the user is typing is kept. */
  showUser(user: User): void {
    void this.present('show', user);
  }

  /** Handles one message from the page; unknown shapes and other users' ids are ignored. */
  async receive(raw: unknown): Promise<void> {
    const message = parsePanelMessage(raw);
    if (!message || ('id' in message && message.id !== this.id)) {
      this.services.log.warn('Ignored a message from the user panel', {
        panel: this.id,
        type: describeType(raw),
      });
      return;
    }
    keepRecent(this.heard, message);
    await this.handle(message);
  }

  private async handle(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'reload':
        return this.load();
      case 'save':
        return this.save(message.fullName, message.force === true);
      case 'delete':
        return this.delete();
      case 'dirty':
        return this.markDirty(message.dirty);
      case 'copy':
        return this.copy(message.field);
    }
  }

  private async load(): Promise<void> {
    if (this.user) {
      await this.present('show', this.user);
    }
    try {
      const fresh = await this.services.getUser(this.id);
      this.services.userChanged(fresh);
      await this.present('show', fresh);
    } catch (error) {
      await this.post(loadFailure(error));
    }
  }

  /** Sends a user to the page and remembers which version of it the page now shows. */
  private async present(type: 'show' | 'saved', user: User): Promise<void> {
    this.user = user;
    this.shownVersion = user.metadata.updated_at;
    if (type === 'saved') {
      this.dirty = false;
    }
    this.showTitle();
    await this.post(
      type === 'show'
        ? { type, user: toPanelUser(user), locale: vscode.env.language }
        : { type, user: toPanelUser(user) },
    );
  }

  private async save(fullName: string, force: boolean): Promise<void> {
    const checked = checkFullName(fullName);
    if (!checked.value) {
      await this.post({ type: 'saveFailed', message: checked.problem ?? 'Invalid name.' });
      return;
    }
    await this.post({ type: 'busy', action: 'save' });
    try {
      if (!force && (await this.changedElsewhere())) {
        return;
      }
      await this.finishSave(await this.services.updateFullName(this.id, checked.value));
    } catch (error) {
      await this.post(saveFailure(error));
    }
  }

  /**
   * Reads the user again before a save. When someone changed it since the page's edit began,
   * the page is shown the new version and asked to choose; nothing is saved.
   */
  private async changedElsewhere(): Promise<boolean> {
    const base = this.dirty ? (this.draftVersion ?? this.shownVersion) : this.shownVersion;
    const current = await this.services.getUser(this.id);
    if (current.metadata.updated_at === base) {
      return false;
    }
    this.services.log.info('Did not save: the user changed on the server', { id: this.id });
    this.user = current;
    this.shownVersion = current.metadata.updated_at;
    this.services.userChanged(current);
    this.showTitle();
    await this.post({ type: 'conflict', user: toPanelUser(current) });
    return true;
  }

  /** Runs even when the panel was closed during the save, so the result is never lost. */
  private async finishSave(saved: User): Promise<void> {
    this.services.log.info('Renamed user', { id: this.id });
    this.services.userChanged(saved);
    if (!this.visible) {
      // The page's own "Saved." is out of sight, so say it where the user is.
      void vscode.window.showInformationMessage(`Saved user "${displayName(saved)}".`);
    }
    await this.present('saved', saved);
  }

  private async delete(): Promise<void> {
    await this.post({ type: 'busy', action: 'delete' });
    try {
      await vscode.commands.executeCommand(Commands.deleteUser, this.id);
    } finally {
      // After a delete the panel is closed and this posts nothing; after Cancel it frees the page.
      await this.post({ type: 'busy', action: undefined });
    }
  }

  private markDirty(dirty: boolean): void {
    if (dirty && !this.dirty) {
      this.draftVersion = this.shownVersion;
    }
    this.dirty = dirty;
    this.showTitle();
  }

  private async copy(field: CopyField): Promise<void> {
    const value = this.user && toPanelUser(this.user)[field];
    if (!value) {
      return;
    }
    await vscode.env.clipboard.writeText(value);
    vscode.window.setStatusBarMessage(`$(check) Copied ${copyLabels[field]}`, 3000);
  }

  private showTitle(): void {
    if (!this.disposed && this.user) {
      this.panel.title = (this.dirty ? UNSAVED_MARK : '') + displayName(this.user);
    }
  }

  private async post(message: ExtensionMessage): Promise<void> {
    if (!this.disposed) {
      keepRecent(this.sent, message);
      await this.panel.webview.postMessage(message);
    }
  }
}

function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const resource = (...segments: string[]) =>
    webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...segments)).toString();
  return panelHtml({
    cspSource: webview.cspSource,
    scriptUri: resource('dist', 'webview', 'userPanel.js'),
    styleUri: resource('media', 'userPanel.css'),
    iconStyleUri: resource('dist', 'codicons', 'codicon.css'),
  });
}

/** Tests read the recent messages; a long-lived panel must not keep every one. */
function keepRecent<T>(list: T[], item: T): void {
  list.push(item);
  if (list.length > 100) {
    list.shift();
  }
}

/** Only the type, cut short: a hostile page must not fill the log. */
function describeType(raw: unknown): string {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : raw;
  return String(type).slice(0, 40);
}

const GONE: ExtensionMessage = {
  type: 'gone',
  message: 'This user no longer exists in Confluent Cloud.',
};

function loadFailure(error: unknown): ExtensionMessage {
  if (error instanceof ApiError && error.status === 404) {
    return GONE;
  }
  return { type: 'loadFailed', message: (error as Error).message };
}

function saveFailure(error: unknown): ExtensionMessage {
  if (error instanceof ApiError && error.status === 404) {
    return GONE;
  }
  return { type: 'saveFailed', message: (error as Error).message };
}
