import {
  MAX_FULL_NAME_LENGTH,
  checkFullName,
  parseExtensionMessage,
  type ExtensionMessage,
  type PanelMessage,
  type PanelUser,
} from '../panel/protocol';

interface VsCodeApi {
  postMessage(message: PanelMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  userId?: string;
  draft?: string;
}

type BusyAction = 'save' | 'delete' | 'reload';

const progress: Record<BusyAction, string> = {
  save: 'Saving…',
  delete: 'Deleting…',
  reload: 'Reloading…',
};

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let user: PanelUser | undefined;
let locale: string | undefined = navigator.language;
let busy = false;

function savedState(): SavedState {
  const state = vscode.getState();
  return typeof state === 'object' && state !== null ? (state as SavedState) : {};
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function nameInput(): HTMLInputElement | null {
  return document.getElementById('fullName') as HTMLInputElement | null;
}

/** A locale Intl can use, so a bad one from the extension cannot stop the page from rendering. */
function usableLocale(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value) {
    return undefined;
  }
  try {
    return Intl.DateTimeFormat.supportedLocalesOf(value).length > 0 ? value : undefined;
  } catch {
    return undefined;
  }
}

function formatDate(value: string | undefined): string {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    return '—';
  }
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

function authLabel(authType: string): string {
  if (authType === 'AUTH_TYPE_SSO') {
    return 'Single sign-on';
  }
  return authType === 'AUTH_TYPE_LOCAL' ? 'Local (password)' : authType || 'Unknown';
}

function field(label: string, value: string, id: string): HTMLElement[] {
  return [
    element('dt', { textContent: label }),
    element('dd', { id, dir: 'auto', textContent: value }),
  ];
}

/** The form's one submit button is the primary one; every other button is secondary. */
function button(
  id: string,
  label: string,
  type: 'submit' | 'button' = 'button',
): HTMLButtonElement {
  const className = type === 'submit' ? '' : 'secondary';
  return element('button', { id, type, className, textContent: label });
}

/**
 * Built once and then only updated, so focus, the live regions and what the user typed survive
 * every message; a screen reader announces a live region only if it was there before it changed.
 */
function buildForm(): void {
  const input = element('input', {
    id: 'fullName',
    type: 'text',
    dir: 'auto',
    maxLength: MAX_FULL_NAME_LENGTH,
    required: true,
    spellcheck: false,
    autocomplete: 'off',
  });
  input.setAttribute('aria-describedby', 'nameHint formError');
  const remove = button('delete', 'Delete User…');
  remove.setAttribute('aria-describedby', 'deleteHint');
  app.replaceChildren(
    element('h1', { id: 'title', dir: 'auto' }),
    element(
      'form',
      { id: 'form', noValidate: true },
      element('label', { htmlFor: 'fullName', textContent: 'Full name' }),
      input,
      element('p', {
        id: 'nameHint',
        className: 'hint',
        textContent: 'Enter saves, Escape reverts.',
      }),
      element('p', { id: 'formError', className: 'error', role: 'alert' }),
      element(
        'div',
        { className: 'actions' },
        button('save', 'Save', 'submit'),
        button('revert', 'Revert'),
        remove,
      ),
      element('p', {
        id: 'deleteHint',
        hidden: true,
        textContent: 'Asks you to confirm first. A deleted user cannot be restored.',
      }),
      element('p', { id: 'status', className: 'status', role: 'status' }),
    ),
    element('dl', { id: 'details', className: 'details' }),
  );
  app.setAttribute('aria-busy', 'false');
  wire(input);
}

function wire(input: HTMLInputElement): void {
  byId<HTMLFormElement>('form').addEventListener('submit', (event) => {
    event.preventDefault();
    save();
  });
  byId('revert').addEventListener('click', revert);
  byId('delete').addEventListener('click', () => {
    if (user && !busy) {
      vscode.postMessage({ type: 'delete', id: user.id });
    }
  });
  input.addEventListener('input', () => {
    remember();
    validate();
    showStatus('');
    updateButtons();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && user && input.value !== user.fullName && !busy) {
      event.preventDefault();
      revert();
    }
  });
}

function fill(current: PanelUser): void {
  byId('title').textContent = current.fullName || current.email;
  byId('details').replaceChildren(
    ...field('Email', current.email, 'email'),
    ...field('Id', current.id, 'userId'),
    ...field('Authentication', authLabel(current.authType), 'authType'),
    ...field('Created', formatDate(current.createdAt), 'createdAt'),
    ...field('Updated', formatDate(current.updatedAt), 'updatedAt'),
    ...(current.deletedAt ? field('Deleted', formatDate(current.deletedAt), 'deletedAt') : []),
    ...field('Resource name', current.resourceName || '—', 'resourceName'),
  );
}

/** Spaces around a name are not an edit: the extension trims before it saves. */
function isDirty(): boolean {
  const input = nameInput();
  return !!input && !!user && input.value.trim() !== user.fullName.trim();
}

/** Keeps an unsaved name in the webview state, so it survives the page being thrown away. */
function remember(): void {
  const input = nameInput();
  if (user) {
    vscode.setState(
      input && isDirty() ? { userId: user.id, draft: input.value } : { userId: user.id },
    );
  }
}

function validate(): void {
  const input = nameInput();
  if (input) {
    const problem = checkFullName(input.value).problem;
    showError(problem ?? '', !!problem);
  }
}

function updateButtons(): void {
  const input = nameInput();
  if (!input) {
    return;
  }
  const dirty = isDirty();
  input.readOnly = busy;
  byId<HTMLButtonElement>('save').disabled = busy || !dirty || !!checkFullName(input.value).problem;
  byId<HTMLButtonElement>('revert').disabled = busy || !dirty;
  byId<HTMLButtonElement>('delete').disabled = busy;
}

function save(): void {
  const input = nameInput();
  if (!input || !user || busy || !isDirty()) {
    return;
  }
  const checked = checkFullName(input.value);
  if (checked.value === undefined) {
    showError(checked.problem ?? '', true);
    return;
  }
  vscode.postMessage({ type: 'save', id: user.id, fullName: checked.value });
  // Busy now rather than when the extension says so, so a second Enter cannot save twice.
  setBusy('save');
}

function revert(): void {
  const input = nameInput();
  if (input && user && !busy) {
    input.value = user.fullName;
    remember();
    showError('');
    updateButtons();
  }
}

function showError(message: string, invalidName = false): void {
  const node = document.getElementById('formError');
  if (node) {
    node.textContent = message;
  }
  nameInput()?.setAttribute('aria-invalid', String(invalidName));
}

function showStatus(message: string): void {
  const node = document.getElementById('status');
  if (node) {
    node.textContent = message;
  }
}

function setBusy(action: BusyAction | undefined): void {
  busy = action !== undefined;
  const saveButton = document.getElementById('save');
  if (saveButton) {
    saveButton.textContent = action === 'save' ? progress.save : 'Save';
    showStatus(action ? progress[action] : '');
    updateButtons();
  }
}

function show(next: PanelUser): void {
  const typing = user?.id === next.id && isDirty() ? nameInput()?.value : undefined;
  const draft = savedState();
  const restored = typing ?? (draft.userId === next.id ? draft.draft : undefined);
  const opening = !nameInput();
  user = next;
  if (opening) {
    buildForm();
  }
  fill(next);
  const input = nameInput() as HTMLInputElement;
  input.value = restored ?? next.fullName;
  remember();
  if (isDirty()) {
    validate();
  }
  updateButtons();
  // Only on opening: fresher data arriving later must not pull focus from where the user is.
  if (opening) {
    input.focus();
  }
}

function saved(next: PanelUser): void {
  if (!nameInput()) {
    show(next);
    return;
  }
  user = next;
  fill(next);
  const input = nameInput();
  if (input) {
    input.value = next.fullName;
  }
  remember();
  showError('');
  setBusy(undefined);
  showStatus('Saved.');
  input?.focus();
}

function showFailure(message: string): void {
  setBusy(undefined);
  showError(message);
  nameInput()?.focus();
}

function reloadButton(): HTMLButtonElement {
  const reload = button('reload', 'Reload');
  // Before any user arrived the page has no id to name; `ready` asks for the same load.
  reload.addEventListener('click', () =>
    vscode.postMessage(user ? { type: 'reload', id: user.id } : { type: 'ready' }),
  );
  return reload;
}

function showProblem(message: string, gone: boolean): void {
  if (user && !gone && nameInput()) {
    showFailure(message);
    return;
  }
  busy = false;
  const problem = element('p', { className: 'error', role: 'alert', textContent: message });
  app.replaceChildren(problem, ...(gone ? [] : [reloadButton()]));
  app.setAttribute('aria-busy', 'false');
}

/** A panel shows one user: results about any other are stale or misdirected. */
function isAboutAnotherUser(message: ExtensionMessage): boolean {
  return 'user' in message && !!user && message.user.id !== user.id;
}

function isKnownBusyAction(value: unknown): value is BusyAction | undefined {
  return value === undefined || Object.hasOwn(progress, value as string);
}

function onMessage(message: ExtensionMessage): void {
  if (isAboutAnotherUser(message)) {
    return;
  }
  switch (message.type) {
    case 'show':
      locale = usableLocale(message.locale) ?? locale;
      show(message.user);
      return;
    case 'saved':
      saved(message.user);
      return;
    case 'saveFailed':
      showFailure(message.message);
      return;
    case 'busy':
      if (isKnownBusyAction(message.action)) {
        setBusy(message.action);
      }
      return;
    case 'gone':
      showProblem(message.message, true);
      return;
    case 'loadFailed':
      showProblem(message.message, false);
      return;
  }
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = parseExtensionMessage(event.data);
  if (message) {
    onMessage(message);
  }
});

vscode.postMessage({ type: 'ready' });
