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
  type ExtensionMessage,
  type PanelMessage,
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
    const panel = new UserPanel(id, known, this.services, () => this.panels.delete(id));
    this.panels.set(id, panel);
  }

  has(id: string): boolean {
    return this.panels.has(id);
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

export class UserPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private user: User | undefined;
  private disposed = false;

  constructor(
    readonly id: string,
    known: User | undefined,
    private readonly services: PanelServices,
    onDispose: () => void,
  ) {
    this.user = known;
    this.panel = vscode.window.createWebviewPanel(
      USER_PANEL_VIEW_TYPE,
      known ? displayName(known) : id,
      vscode.ViewColumn.Active,
      {
        enableScripts: true,
        enableFindWidget: true,
        localResourceRoots: [
          vscode.Uri.joinPath(services.extensionUri, 'dist', 'webview'),
          vscode.Uri.joinPath(services.extensionUri, 'media'),
        ],
      },
    );
    this.panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'media', 'user-tab.svg');
    this.panel.webview.html = webviewHtml(this.panel.webview, services.extensionUri);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage((raw) => void this.receive(raw)),
      this.panel.onDidDispose(() => {
        this.disposed = true;
        vscode.Disposable.from(...this.disposables).dispose();
        onDispose();
      }),
    );
  }

  get html(): string {
    return this.panel.webview.html;
  }

  get visible(): boolean {
    return !this.disposed && this.panel.visible;
  }

  reveal(): void {
    this.panel.reveal();
  }

  dispose(): void {
    this.panel.dispose();
  }

  /** Shows newer server data; a draft the user is typing is kept. */
  showUser(user: User): void {
    this.user = user;
    this.panel.title = displayName(user);
    void this.post({ type: 'show', user: toPanelUser(user), locale: vscode.env.language });
  }

  /** Handles one message from the page; unknown shapes and other users' ids are ignored. */
  async receive(raw: unknown): Promise<void> {
    const message = parsePanelMessage(raw);
    if (!message || ('id' in message && message.id !== this.id)) {
      this.services.log.warn('Ignored a message from the user panel', { panel: this.id });
      return;
    }
    await this.handle(message);
  }

  private async handle(message: PanelMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
      case 'reload':
        return this.load();
      case 'save':
        return this.save(message.fullName);
      case 'delete':
        await vscode.commands.executeCommand(Commands.deleteUser, this.id);
        return;
    }
  }

  private async load(): Promise<void> {
    if (this.user) {
      await this.post({ type: 'show', user: toPanelUser(this.user), locale: vscode.env.language });
    }
    try {
      const fresh = await this.services.getUser(this.id);
      this.user = fresh;
      this.panel.title = displayName(fresh);
      this.services.userChanged(fresh);
      await this.post({ type: 'show', user: toPanelUser(fresh), locale: vscode.env.language });
    } catch (error) {
      await this.post(loadFailure(error));
    }
  }

  private async save(fullName: string): Promise<void> {
    const checked = checkFullName(fullName);
    if (!checked.value) {
      await this.post({ type: 'saveFailed', message: checked.problem ?? 'Invalid name.' });
      return;
    }
    await this.post({ type: 'busy', action: 'save' });
    try {
      const saved = await this.services.updateFullName(this.id, checked.value);
      this.services.log.info('Renamed user', { id: this.id });
      this.user = saved;
      this.panel.title = displayName(saved);
      this.services.userChanged(saved);
      await this.post({ type: 'saved', user: toPanelUser(saved) });
    } catch (error) {
      await this.post({ type: 'saveFailed', message: (error as Error).message });
    }
  }

  private async post(message: ExtensionMessage): Promise<void> {
    if (!this.disposed) {
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
  });
}

function loadFailure(error: unknown): ExtensionMessage {
  if (error instanceof ApiError && error.status === 404) {
    return { type: 'gone', message: 'This user no longer exists in Confluent Cloud.' };
  }
  return { type: 'loadFailed', message: (error as Error).message };
}
