import * as vscode from 'vscode';
import { plainMessage } from '../commands/messageText';
import type { User } from '../api/types';
import { ApiError } from '../api/apiError';
import type { Prompts } from '../commands/prompts';
import { Commands, USER_PANEL_VIEW_TYPE } from '../constants';
import type { Logger } from '../log/logger';
import { displayName } from '../tree/usersTreeProvider';
import { panelHtml } from './panelHtml';
import {
  checkFullName,
  shownName,
  tabTitle,
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
  /** Called when the server says a user does not exist, so the tree drops its row. */
  userGone(id: string): void;
  /** Asks what to do with the edit of a tab closed before it was saved. */
  prompts: Pick<Prompts, 'choose'>;
}

/** A name typed in a tab that closed before it was saved: nothing is dropped without asking. */
export interface LeftDraft {
  userId: string;
  user?: User;
  draft: string;
  /** The `updated_at` of the user the name was typed against. */
  draftBase?: string;
  column?: vscode.ViewColumn;
}

export interface OpenOptions {
  preserveFocus?: boolean;
}

type ClosedTabAnswer = 'Save' | 'Save All' | "Don't Save";

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
  /** Edits of tabs closed a moment ago, asked about together once the closing is over. */
  private leftDrafts: LeftDraft[] = [];
  private asking: NodeJS.Timeout | undefined;
  /** Saves of closed tabs' edits still running. */
  private readonly savingLeft = new Set<Promise<void>>();
  private disposed = false;

  constructor(private readonly services: PanelServices) {}

  /**
   * `preserveFocus` shows the tab and leaves the keyboard where it is, as a click in the
   * Explorer previews a file: the tree keeps it, for the next arrow key, Delete or Shift-click.
   */
  open(id: string, known?: User, { preserveFocus = false }: OpenOptions = {}): void {
    this.openTab({ userId: id }, known, vscode.ViewColumn.Active, preserveFocus);
  }

  private openTab(
    state: PanelState,
    known: User | undefined,
    column: vscode.ViewColumn,
    preserveFocus = false,
  ): void {
    const existing = this.panels.get(state.userId);
    if (existing) {
      existing.reveal(preserveFocus);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      USER_PANEL_VIEW_TYPE,
      tabTitle(known ? displayName(known) : state.userId),
      { viewColumn: column, preserveFocus },
      { enableScripts: true, enableFindWidget: true },
    );
    this.track(panel, state, known);
  }

  /**
   * Users just read for the tree: a tab showing an older version of one shows the newer one, so
   * a refresh of the tree reaches open tabs too. A name being typed stays as typed.
   */
  follow(users: readonly User[]): void {
    if (this.panels.size === 0) {
      return;
    }
    for (const user of users) {
      void this.panels.get(user.id)?.follow(user);
    }
  }

  /** Opens a closed tab again with the edit it held. */
  reopen(left: LeftDraft): void {
    const { userId, draft, draftBase } = left;
    this.openTab(
      { userId, draft, ...(draftBase !== undefined && { draftBase }) },
      left.user,
      left.column ?? vscode.ViewColumn.Active,
    );
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
    const userPanel = new UserPanel(panel, state, known, this.services, {
      disposed: () => {
        if (this.panels.get(id) === userPanel) {
          this.panels.delete(id);
        }
      },
      leftDraft: (left, failure) => this.leftDraft(left, failure),
    });
    this.panels.set(id, userPanel);
  }

  /**
   * A tab closed holding an edit. VS Code cannot be stopped from closing a webview tab, so the
   * question comes just after: save it, drop it, or (Cancel) bring the tab back as it was. Tabs
   * closed together (Close All) are asked about in one question.
   */
  private leftDraft(left: LeftDraft, failure?: string): void {
    if (this.disposed) {
      return;
    }
    if (failure !== undefined) {
      void this.offerAfterFailure(left, failure);
      return;
    }
    this.leftDrafts.push(left);
    this.asking ??= setTimeout(() => {
      this.asking = undefined;
      void this.askAboutLeftDrafts();
    }, 100);
  }

  private async askAboutLeftDrafts(): Promise<void> {
    const lefts = this.leftDrafts;
    this.leftDrafts = [];
    if (lefts.length === 0) {
      return;
    }
    const names = lefts.map(leftName);
    const single = lefts.length === 1;
    const problem = single ? checkFullName(lefts[0].draft).problem : undefined;
    const message = problem
      ? `The name you typed for ${names[0]} cannot be saved. Drop it?`
      : single
        ? `Do you want to save the name you typed for ${names[0]}?`
        : `Do you want to save the names you typed for ${lefts.length} users?`;
    const detail = problem
      ? `${problem} Cancel reopens the tab to change it.`
      : single
        ? `Its tab was closed before "${quoteDraft(lefts[0].draft)}" was saved. Cancel reopens the tab.`
        : `Their tabs were closed before the names were saved: ${listNames(names)}. Cancel reopens the tabs.`;
    const actions: ClosedTabAnswer[] = problem ? [] : [single ? 'Save' : 'Save All'];
    const answer = await this.services.prompts.choose<ClosedTabAnswer>(message, detail, [
      ...actions,
      "Don't Save",
    ]);
    if (answer === "Don't Save") {
      this.services.log.info('Dropped unsaved names of closed tabs', { count: lefts.length });
      return;
    }
    if (answer === undefined) {
      lefts.forEach((left) => this.reopen(left));
      return;
    }
    const saving = Promise.all(lefts.map((left) => this.saveLeft(left))).then(() => undefined);
    this.savingLeft.add(saving);
    await saving.finally(() => this.savingLeft.delete(saving));
  }

  /** Resolves once the saves of closed tabs' edits have finished, for Sign Out to wait on. */
  async savesFinished(): Promise<void> {
    await Promise.all([...this.savingLeft]);
  }

  get savingClosedTabs(): boolean {
    return this.savingLeft.size > 0;
  }

  /** Saves a closed tab's edit as its Save button would, conflict check included. */
  private async saveLeft(left: LeftDraft): Promise<void> {
    const checked = checkFullName(left.draft);
    if (!checked.value) {
      void this.offerAfterFailure(left, checked.problem ?? 'it is not a valid name.');
      return;
    }
    try {
      const base = left.draftBase === undefined ? undefined : { version: left.draftBase };
      const outcome = await saveName(this.services, left.userId, checked.value, base);
      if ('changed' in outcome) {
        void this.offerAfterFailure({ ...left, user: outcome.changed }, CHANGED_ELSEWHERE);
        return;
      }
      notifySaved(outcome.saved);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        this.services.userGone(left.userId);
        void vscode.window.showWarningMessage(
          plainMessage(
            `${leftName(left)} no longer exists in Confluent Cloud; the name was not saved.`,
          ),
        );
        return;
      }
      void this.offerAfterFailure(left, (error as Error).message);
    }
  }

  /** A closed tab's edit could not be saved: say why, and offer the tab back with it. */
  private async offerAfterFailure(left: LeftDraft, failure: string): Promise<void> {
    const reopen = 'Reopen';
    const answer = await vscode.window.showErrorMessage(
      plainMessage(`The name you typed for ${leftName(left)} was not saved: ${failure}`),
      reopen,
    );
    if (answer === reopen) {
      this.reopen(left);
    }
  }

  has(id: string): boolean {
    return this.panels.has(id);
  }

  /** The users whose open panels hold a name typed but not saved. */
  unsavedNames(): string[] {
    return [...this.panels.values()]
      .filter((panel) => panel.hasUnsavedChanges)
      .map((panel) => panel.name);
  }

  /** For tests: the panel's HTML, and a message as if the page had sent it. */
  get(id: string): UserPanel | undefined {
    return this.panels.get(id);
  }

  close(id: string): void {
    this.panels.get(id)?.dispose();
  }

  /** Closes every tab without asking about edits: the caller has asked already. */
  closeAll(): void {
    for (const panel of [...this.panels.values()]) {
      panel.dispose();
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.asking);
    this.closeAll();
  }
}

const CHANGED_ELSEWHERE = 'someone else changed this user since you opened it';

/**
 * The rule of every save, from a tab or for a closed one: read the user again and save only if
 * nobody changed it since `base.version` (no `base`: save regardless, as Overwrite does).
 */
async function saveName(
  services: PanelServices,
  id: string,
  fullName: string,
  base: { version: string | undefined } | undefined,
): Promise<{ saved: User } | { changed: User }> {
  if (base) {
    const current = await services.getUser(id);
    if (current.metadata.updated_at !== base.version) {
      services.log.info('Did not save: the user changed on the server', { id });
      services.userChanged(current);
      return { changed: current };
    }
  }
  const saved = await services.updateFullName(id, fullName);
  services.log.info('Renamed user', { id });
  services.userChanged(saved);
  return { saved };
}

function notifySaved(user: User): void {
  void vscode.window.showInformationMessage(plainMessage(`Saved user "${displayName(user)}".`));
}

/** A typed name as a message quotes it: without reordering characters, and not too long. */
function quoteDraft(draft: string): string {
  const shown = shownName(draft).trim();
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

/** Whether `user` was updated after `than`, by the server's clock; false when either is unknown. */
function isNewer(user: User, than: User): boolean {
  const at = Date.parse(user.metadata.updated_at ?? '');
  const before = Date.parse(than.metadata.updated_at ?? '');
  return at > before;
}

/** A user's name as tabs and messages show it, or the id while the user is not known yet. */
function nameOrId(user: User | undefined, id: string): string {
  return user ? displayName(user) : id;
}

function leftName(left: LeftDraft): string {
  return `"${nameOrId(left.user, left.userId)}"`;
}

function listNames(names: string[]): string {
  const shown = names.slice(0, 5).join(', ');
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
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

interface PanelEvents {
  disposed(): void;
  /** The tab closed holding an edit, or a save running when it closed did not go through. */
  leftDraft(left: LeftDraft, failure?: string): void;
}

export class UserPanel {
  readonly id: string;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly sent: ExtensionMessage[] = [];
  private readonly heard: PanelMessage[] = [];
  private user: User | undefined;
  private disposed = false;
  /** Set when the extension closes the tab itself (delete, sign out): nothing to ask then. */
  private closing = false;
  private saving = false;
  private dirty: boolean;
  /** The unsaved name as the page last reported it. */
  private draft: string | undefined;
  /** An edit from a closed tab, sent with the first user the page is shown. */
  private draftToShow: string | undefined;
  private column: vscode.ViewColumn | undefined;
  /** The `updated_at` of the user the page shows now. */
  private shownVersion: string | undefined;
  /** The `updated_at` of the user the page showed when its unsaved edit began. */
  private draftVersion: string | undefined;

  constructor(
    private readonly panel: vscode.WebviewPanel,
    state: PanelState,
    known: User | undefined,
    private readonly services: PanelServices,
    private readonly events: PanelEvents,
  ) {
    this.id = state.userId;
    this.user = known;
    // The tab already shows this version, and the page is sent it first.
    this.shownVersion = known?.metadata.updated_at;
    this.dirty = state.draft !== undefined;
    this.draft = state.draft;
    this.draftToShow = state.draft;
    this.draftVersion = state.draftBase;
    this.column = panel.viewColumn;
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
      panel.onDidChangeViewState(() => {
        this.column = panel.viewColumn ?? this.column;
      }),
      panel.onDidDispose(() => {
        this.disposed = true;
        vscode.Disposable.from(...this.disposables).dispose();
        events.disposed();
        const left = this.closing || this.saving ? undefined : this.leftDraft();
        if (left) {
          events.leftDraft(left);
        }
      }),
    );
    this.showTitle();
  }

  /** The edit this tab holds, if any, with what is needed to save it or open it again. */
  private leftDraft(draft = this.draft): LeftDraft | undefined {
    if (!this.dirty || draft === undefined) {
      return undefined;
    }
    const draftBase = this.draftVersion ?? this.shownVersion;
    return {
      userId: this.id,
      draft,
      ...(this.user && { user: this.user }),
      ...(draftBase !== undefined && { draftBase }),
      ...(this.column !== undefined && { column: this.column }),
    };
  }

  get hasUnsavedChanges(): boolean {
    return this.dirty;
  }

  /** The user's name as the tab shows it, or the id before the user is known. */
  get name(): string {
    return nameOrId(this.user, this.id);
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

  reveal(preserveFocus = false): void {
    this.panel.reveal(undefined, preserveFocus);
  }

  /**
   * Shows `user` if it is newer than what the tab shows. Not while a save runs, whose answer
   * decides; an unsaved edit keeps the version it began from, so saving it still asks.
   */
  async follow(user: User): Promise<void> {
    if (this.disposed || this.saving || !this.user || !isNewer(user, this.user)) {
      return;
    }
    await this.present('show', user);
  }

  /** Closes the tab without asking about its edit. */
  dispose(): void {
    this.closing = true;
    this.panel.dispose();
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
        return this.markDirty(message.dirty, message.draft);
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
      const failure = loadFailure(this.id, error);
      this.forgetIfGone(failure);
      await this.post(failure);
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
    if (type === 'saved') {
      await this.post({ type, user: toPanelUser(user) });
      return;
    }
    const draft = this.draftToShow;
    this.draftToShow = undefined;
    const draftBase = this.draftVersion;
    await this.post({
      type,
      user: toPanelUser(user),
      locale: vscode.env.language,
      ...(draft !== undefined && { draft }),
      ...(draft !== undefined && draftBase !== undefined && { draftBase }),
    });
  }

  private async save(fullName: string, force: boolean): Promise<void> {
    const checked = checkFullName(fullName);
    if (!checked.value) {
      await this.post({ type: 'saveFailed', message: checked.problem ?? 'Invalid name.' });
      return;
    }
    await this.post({ type: 'busy', action: 'save' });
    this.saving = true;
    try {
      const base = force ? undefined : { version: this.editBase() };
      const outcome = await saveName(this.services, this.id, checked.value, base);
      if ('changed' in outcome) {
        await this.showConflict(outcome.changed);
        this.closedDuringSave(fullName, CHANGED_ELSEWHERE);
        return;
      }
      await this.finishSave(outcome.saved);
    } catch (error) {
      const failure = saveFailure(this.id, error);
      this.forgetIfGone(failure);
      await this.post(failure);
      if (failure.type === 'saveFailed') {
        this.closedDuringSave(fullName, failure.message);
      }
    } finally {
      this.saving = false;
    }
  }

  /** The server says the user does not exist: its row goes from the tree too. */
  private forgetIfGone(failure: ExtensionMessage): void {
    if (failure.type === 'gone') {
      this.services.userGone(this.id);
    }
  }

  /** A save that did not go through while its tab was closed: the edit is offered back. */
  private closedDuringSave(fullName: string, failure: string): void {
    const left = this.disposed && !this.closing ? this.leftDraft(fullName) : undefined;
    if (left) {
      this.events.leftDraft(left, failure);
    }
  }

  /** The `updated_at` of the user the edit being saved was typed against. */
  private editBase(): string | undefined {
    return this.dirty ? (this.draftVersion ?? this.shownVersion) : this.shownVersion;
  }

  /** Someone changed the user since the edit began: show their version and let the user choose. */
  private async showConflict(current: User): Promise<void> {
    this.user = current;
    this.shownVersion = current.metadata.updated_at;
    this.showTitle();
    await this.post({ type: 'conflict', user: toPanelUser(current) });
  }

  /** Runs even when the panel was closed during the save, so the result is never lost. */
  private async finishSave(saved: User): Promise<void> {
    if (!this.visible) {
      // The page's own "Saved." is out of sight, so say it where the user is.
      notifySaved(saved);
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

  private markDirty(dirty: boolean, draft: string | undefined): void {
    if (dirty && !this.dirty) {
      this.draftVersion = this.shownVersion;
    }
    this.dirty = dirty;
    this.draft = dirty ? draft : undefined;
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
      this.panel.title = (this.dirty ? UNSAVED_MARK : '') + tabTitle(displayName(this.user));
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

/** Names the id: the page may never have shown who the user was. */
function gone(id: string): ExtensionMessage {
  return { type: 'gone', message: `Confluent Cloud has no user ${id}; it may have been deleted.` };
}

function loadFailure(id: string, error: unknown): ExtensionMessage {
  if (error instanceof ApiError && error.status === 404) {
    return gone(id);
  }
  return { type: 'loadFailed', message: (error as Error).message };
}

function saveFailure(id: string, error: unknown): ExtensionMessage {
  if (error instanceof ApiError && error.status === 404) {
    return gone(id);
  }
  return { type: 'saveFailed', message: (error as Error).message };
}
