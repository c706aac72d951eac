import {
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

const vscode = acquireVsCodeApi();
const app = document.getElementById('app') as HTMLElement;
let user: PanelUser | undefined;
let locale = navigator.language;
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

function formatDate(value: string | undefined): string {
  const date = value ? new Date(value) : undefined;
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

function field(label: string, value: string, id?: string): HTMLElement[] {
  const dd = element('dd', { textContent: value });
  if (id) {
    dd.id = id;
  }
  return [element('dt', { textContent: label }), dd];
}

function render(current: PanelUser): void {
  const nameInput = element('input', {
    id: 'fullName',
    type: 'text',
    value: current.fullName,
    maxLength: 255,
    spellcheck: false,
    autocomplete: 'off',
  });
  nameInput.setAttribute('aria-describedby', 'nameHint formError');
  app.replaceChildren(
    element('h1', { id: 'title', textContent: current.fullName || current.email }),
    element(
      'form',
      { id: 'form', noValidate: true },
      element('label', { htmlFor: 'fullName', textContent: 'Full name' }),
      nameInput,
      element('p', {
        id: 'nameHint',
        className: 'hint',
        textContent: 'Enter saves, Escape reverts.',
      }),
      element('p', { id: 'formError', className: 'error', role: 'alert' }),
      element(
        'div',
        { className: 'actions' },
        element('button', { id: 'save', type: 'submit', textContent: 'Save' }),
        element('button', {
          id: 'revert',
          type: 'button',
          className: 'secondary',
          textContent: 'Revert',
        }),
        element('button', {
          id: 'delete',
          type: 'button',
          className: 'secondary danger',
          textContent: 'Delete User…',
        }),
      ),
      element('p', { id: 'status', className: 'status', role: 'status' }),
    ),
    element(
      'dl',
      { className: 'details' },
      ...field('Email', current.email, 'email'),
      ...field('Id', current.id, 'userId'),
      ...field('Authentication', authLabel(current.authType), 'authType'),
      ...field('Created', formatDate(current.createdAt), 'createdAt'),
      ...field('Updated', formatDate(current.updatedAt), 'updatedAt'),
      ...(current.deletedAt ? field('Deleted', formatDate(current.deletedAt), 'deletedAt') : []),
      ...field('Resource name', current.resourceName ?? '—', 'resourceName'),
    ),
  );
  app.setAttribute('aria-busy', 'false');
  wire(nameInput);
}

function wire(nameInput: HTMLInputElement): void {
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
  nameInput.addEventListener('input', () => {
    vscode.setState({ userId: user?.id, draft: nameInput.value });
    showError(checkFullName(nameInput.value).problem ?? '');
    updateButtons();
  });
  nameInput.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      revert();
    }
  });
}

function nameInput(): HTMLInputElement | null {
  return document.getElementById('fullName') as HTMLInputElement | null;
}

function isDirty(): boolean {
  const input = nameInput();
  return !!input && !!user && input.value.trim() !== user.fullName;
}

function updateButtons(): void {
  const input = nameInput();
  const valid = !!input && !checkFullName(input.value).problem;
  byId<HTMLButtonElement>('save').disabled = busy || !isDirty() || !valid;
  byId<HTMLButtonElement>('revert').disabled = busy || !isDirty();
  byId<HTMLButtonElement>('delete').disabled = busy;
}

function save(): void {
  const input = nameInput();
  if (!input || !user || busy || !isDirty()) {
    return;
  }
  const checked = checkFullName(input.value);
  if (checked.problem) {
    showError(checked.problem);
    return;
  }
  vscode.postMessage({ type: 'save', id: user.id, fullName: input.value });
}

function revert(): void {
  const input = nameInput();
  if (input && user) {
    input.value = user.fullName;
    vscode.setState({ userId: user.id });
    showError('');
    updateButtons();
  }
}

function showError(message: string): void {
  const node = document.getElementById('formError');
  if (node) {
    node.textContent = message;
  }
}

function showStatus(message: string): void {
  const node = document.getElementById('status');
  if (node) {
    node.textContent = message;
  }
}

function setBusy(action: string | undefined): void {
  busy = action !== undefined;
  app.setAttribute('aria-busy', String(busy));
  const save = document.getElementById('save');
  if (save) {
    save.textContent = action === 'save' ? 'Saving…' : 'Save';
  }
  showStatus(action === 'save' ? 'Saving…' : '');
  if (document.getElementById('save')) {
    updateButtons();
  }
}

function show(next: PanelUser): void {
  const draft = savedState();
  const keepTyping = user?.id === next.id && isDirty() ? nameInput()?.value : undefined;
  user = next;
  render(next);
  const restored = keepTyping ?? (draft.userId === next.id ? draft.draft : undefined);
  const input = nameInput();
  if (input && restored !== undefined) {
    input.value = restored;
  }
  vscode.setState({ userId: next.id, draft: input?.value });
  updateButtons();
  input?.focus();
}

function showProblem(message: string, gone: boolean): void {
  busy = false;
  app.setAttribute('aria-busy', 'false');
  const problem = element('p', { className: 'error', role: 'alert', textContent: message });
  if (!user || gone) {
    const reload = element('button', {
      type: 'button',
      className: 'secondary',
      textContent: 'Reload',
    });
    reload.addEventListener(
      'click',
      () => user && vscode.postMessage({ type: 'reload', id: user.id }),
    );
    app.replaceChildren(problem, ...(gone ? [] : [reload]));
    return;
  }
  showError(message);
  updateButtons();
}

function onMessage(message: ExtensionMessage): void {
  switch (message.type) {
    case 'show':
      locale = message.locale || locale;
      busy = false;
      show(message.user);
      return;
    case 'saved':
      busy = false;
      user = message.user;
      vscode.setState({ userId: message.user.id });
      render(message.user);
      updateButtons();
      showStatus('Saved.');
      nameInput()?.focus();
      return;
    case 'saveFailed':
      setBusy(undefined);
      showError(message.message);
      return;
    case 'busy':
      setBusy(message.action);
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
