import {
  MAX_DRAFT_LENGTH,
  checkFullName,
  fieldNameChanges,
  parseExtensionMessage,
  parsePanelState,
  shownName,
  type CopyField,
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
/** What the extension was last told, so it hears of each change once; unset until a user shows. */
let reportedDirty: boolean | undefined;
let reportedDraft: string | undefined;
/** The `updatedAt` of the user shown when the current edit began, kept with the draft. */
let draftBase: string | undefined;

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

// Largest first: a date is described in the largest unit it spans at least once.
const relativeUnits: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

function relativeTime(date: Date): string {
  const seconds = (date.getTime() - Date.now()) / 1000;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const match = relativeUnits.find(([, length]) => Math.abs(seconds) >= length);
  if (!match) {
    // Under a minute: "now", rather than a count of seconds that is stale as soon as it is read.
    return format.format(0, 'second');
  }
  const [unit, size] = match;
  return format.format(Math.round(seconds / size), unit);
}

/** The date in the user's locale, and how long ago that was, in the same locale. */
function dateNodes(value: string | undefined): (Node | string)[] {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    return ['—'];
  }
  const absolute = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' });
  return [
    element('time', { dateTime: date.toISOString(), textContent: absolute.format(date) }),
    ' ',
    element('span', { className: 'relative', textContent: `(${relativeTime(date)})` }),
  ];
}

function authLabel(authType: string): string {
  if (authType === 'AUTH_TYPE_SSO') {
    return 'Single sign-on';
  }
  return authType === 'AUTH_TYPE_LOCAL' ? 'Local (password)' : authType || 'Unknown';
}

interface DetailRow {
  id: string;
  label: string;
  copy?: CopyField;
}

const detailRows: DetailRow[] = [
  { id: 'email', label: 'Email', copy: 'email' },
  { id: 'userId', label: 'Id', copy: 'id' },
  { id: 'authType', label: 'Authentication' },
  { id: 'createdAt', label: 'Created' },
  { id: 'updatedAt', label: 'Updated' },
  { id: 'deletedAt', label: 'Deleted' },
  { id: 'resourceName', label: 'Resource name', copy: 'resourceName' },
];

/** An icon button: the codicon draws it, the label names it for a screen reader and a tooltip. */
function copyButton(row: DetailRow, copy: CopyField): HTMLButtonElement {
  const label = `Copy ${row.label.toLowerCase()}`;
  const node = element('button', {
    id: `copy${copy[0].toUpperCase()}${copy.slice(1)}`,
    type: 'button',
    className: 'icon codicon codicon-copy',
    title: label,
  });
  node.setAttribute('aria-label', label);
  node.addEventListener('click', () => {
    if (user) {
      vscode.postMessage({ type: 'copy', id: user.id, field: copy });
      showStatus(`Copied ${row.label.toLowerCase()}.`);
    }
  });
  return node;
}

/**
 * Built once, like the form, so a copy button keeps the focus when fresher data arrives; each
 * value sits in its own element, named by the row's id.
 */
function buildDetails(): HTMLElement {
  const rows = detailRows.flatMap((row) => [
    element('dt', { id: `${row.id}Label`, textContent: row.label }),
    element(
      'dd',
      { id: `${row.id}Row` },
      element('span', { id: row.id, dir: 'auto' }),
      ...(row.copy ? [copyButton(row, row.copy)] : []),
    ),
  ]);
  return element('dl', { id: 'details', className: 'details' }, ...rows);
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
    maxLength: MAX_DRAFT_LENGTH,
    required: true,
    spellcheck: false,
    autocomplete: 'off',
  });
  input.setAttribute('aria-describedby', 'nameHint nameNote formError');
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
      element('p', { id: 'nameNote', className: 'hint', hidden: true }),
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
    buildDetails(),
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
      setBusy('delete');
    }
  });
  input.addEventListener('input', () => {
    remember();
    validate();
    showStatus('');
    updateButtons();
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && user && input.value !== shownName(user.fullName) && !busy) {
      event.preventDefault();
      revert();
    }
  });
}

function fill(current: PanelUser): void {
  byId('title').textContent = shownName(current.fullName).trim() || current.email;
  byId('email').textContent = current.email;
  byId('userId').textContent = current.id;
  byId('authType').textContent = authLabel(current.authType);
  byId('createdAt').replaceChildren(...dateNodes(current.createdAt));
  byId('updatedAt').replaceChildren(...dateNodes(current.updatedAt));
  byId('deletedAt').replaceChildren(...dateNodes(current.deletedAt));
  byId('deletedAtLabel').hidden = byId('deletedAtRow').hidden = !current.deletedAt;
  byId('resourceName').textContent = current.resourceName || '—';
  byId('copyResourceName').hidden = !current.resourceName;
  showNameNote(current.fullName);
}

/**
 * Says when the field cannot show the saved name exactly as it is (see `shownName`), and that
 * opening it changes nothing: only a name the user changes and saves is saved, as shown.
 */
function showNameNote(saved: string): void {
  const { lineBreaks, reordering } = fieldNameChanges(saved);
  const parts = [
    ...(lineBreaks ? ['line breaks, shown here as spaces'] : []),
    ...(reordering ? ['characters that reorder the text around them, left out here'] : []),
  ];
  const note = byId('nameNote');
  // Empty as well as hidden: a description names it, and would read out hidden text.
  note.textContent = parts.length
    ? `The saved full name contains ${parts.join(', and ')}. It stays as it is unless you ` +
      'change the name and save it, which saves the name as the field shows it.'
    : '';
  note.hidden = parts.length === 0;
}

/**
 * Spaces around a name are not an edit: the extension trims before it saves. Nor is what the
 * field cannot hold of the saved name (see `shownName`): opening a user is never an edit.
 */
function isDirty(): boolean {
  const input = nameInput();
  return !!input && !!user && input.value.trim() !== shownName(user.fullName).trim();
}

/**
 * Keeps an unsaved name in the webview state, so it survives the page being thrown away, and
 * tells the extension whether there is one, for the tab title.
 */
function remember(): void {
  const input = nameInput();
  if (!user) {
    return;
  }
  const dirty = !!input && isDirty();
  draftBase = dirty ? (draftBase ?? user.updatedAt) : undefined;
  vscode.setState(
    input && dirty
      ? { userId: user.id, draft: input.value, ...(draftBase && { draftBase }) }
      : { userId: user.id },
  );
  if (!dirty) {
    // A conflict is about an edit: with none left there is nothing to choose.
    document.getElementById('conflict')?.remove();
  }
  reportDirty(dirty, input?.value);
}

/** Tells the extension of each change to the edit, so a closed tab's edit can be offered back. */
function reportDirty(dirty: boolean, text?: string): void {
  const draft = dirty ? text : undefined;
  if (user && (dirty !== reportedDirty || draft !== reportedDraft)) {
    reportedDirty = dirty;
    reportedDraft = draft;
    vscode.postMessage({
      type: 'dirty',
      id: user.id,
      dirty,
      ...(draft !== undefined && { draft }),
    });
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
  for (const id of ['conflictReload', 'overwrite']) {
    const choice = document.getElementById(id) as HTMLButtonElement | null;
    if (choice) {
      choice.disabled = busy;
    }
  }
}

/** `force` saves over someone else's change, once the user has chosen to. */
function save(force = false): void {
  const input = nameInput();
  if (!input || !user || busy || !isDirty()) {
    return;
  }
  const checked = checkFullName(input.value);
  if (checked.value === undefined) {
    showError(checked.problem ?? '', true);
    return;
  }
  document.getElementById('conflict')?.remove();
  vscode.postMessage({
    type: 'save',
    id: user.id,
    fullName: checked.value,
    ...(force && { force }),
  });
  // Busy now rather than when the extension says so, so a second Enter cannot save twice.
  setBusy('save');
}

function revert(): void {
  const input = nameInput();
  if (input && user && !busy) {
    input.value = shownName(user.fullName);
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
    byId('delete').textContent = action === 'delete' ? progress.delete : 'Delete User…';
    showStatus(action ? progress[action] : '');
    updateButtons();
  }
}

/** `closed` holds an edit from a closed tab, taken only when the page has no edit of its own. */
function show(next: PanelUser, closed?: { draft?: string; draftBase?: string }): void {
  document.getElementById('retryLoad')?.parentElement?.remove();
  const typing = user?.id === next.id && isDirty() ? nameInput()?.value : undefined;
  const kept = parsePanelState(vscode.getState());
  const fromState = !typing && kept?.userId === next.id ? kept : undefined;
  const opening = !nameInput();
  const reopened =
    typing === undefined && fromState?.draft === undefined && opening ? closed : undefined;
  const restored = typing ?? fromState?.draft ?? reopened?.draft;
  if (fromState?.draft !== undefined) {
    draftBase = fromState.draftBase;
  } else if (reopened?.draft !== undefined) {
    draftBase = reopened.draftBase;
  }
  user = next;
  if (opening) {
    buildForm();
  }
  fill(next);
  const input = nameInput() as HTMLInputElement;
  input.value = restored ?? shownName(next.fullName);
  remember();
  if (isDirty()) {
    validate();
  }
  updateButtons();
  // Only on opening: fresher data arriving later must not pull focus from where the user is.
  if (opening) {
    focusName();
  }
}

/**
 * Puts the cursor in the name field, but only while the page has the keyboard. A panel opened
 * from a click in the tree is shown without taking the focus, which stays in the tree, as with
 * the Explorer's preview; the page's answer arrives later and must not take it from there. When
 * VS Code gives the panel the focus (opened from the palette, a tab clicked) the page has it.
 */
function focusName(): void {
  if (document.hasFocus()) {
    nameInput()?.focus();
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
    input.value = shownName(next.fullName);
  }
  remember();
  showError('');
  setBusy(undefined);
  showStatus('Saved.');
  focusName();
}

/** Someone else saved first: show their version, keep the edit, and let the user choose. */
function conflict(current: PanelUser): void {
  show(current);
  setBusy(undefined);
  if (isDirty()) {
    showConflict(current);
  }
  focusName();
}

function showConflict(current: PanelUser): void {
  const reload = button('conflictReload', 'Reload');
  const overwrite = button('overwrite', 'Overwrite');
  for (const choice of [reload, overwrite]) {
    choice.setAttribute('aria-describedby', 'conflictHint');
  }
  reload.addEventListener('click', () => {
    revert();
    vscode.postMessage({ type: 'reload', id: current.id });
    focusName();
  });
  overwrite.addEventListener('click', () => save(true));
  document.getElementById('conflict')?.remove();
  byId('formError').after(
    element(
      'div',
      { id: 'conflict', className: 'notice' },
      element(
        'p',
        { id: 'conflictText', role: 'alert' },
        'Someone else changed this user since you opened it. Its full name is now ',
        element('bdi', { textContent: shownName(current.fullName) || '(empty)' }),
        '.',
      ),
      element('p', {
        id: 'conflictHint',
        className: 'hint',
        textContent: 'Reload shows their version and drops your edit; Overwrite saves yours.',
      }),
      element('div', { className: 'actions' }, reload, overwrite),
    ),
  );
}

function showFailure(message: string): void {
  setBusy(undefined);
  showError(message);
  focusName();
}

function reloadButton(id = 'reload'): HTMLButtonElement {
  const reload = button(id, 'Reload');
  // Before any user arrived the page has no id to name; `ready` asks for the same load.
  reload.addEventListener('click', () =>
    vscode.postMessage(user ? { type: 'reload', id: user.id } : { type: 'ready' }),
  );
  return reload;
}

function showProblem(message: string, gone: boolean): void {
  if (user && !gone && nameInput()) {
    // The form shows what was loaded before; the user may ask again from here.
    showFailure(message);
    if (!document.getElementById('retryLoad')) {
      const retry = reloadButton('retryLoad');
      retry.addEventListener('click', () => {
        retry.parentElement?.remove();
        showError('');
        focusName();
      });
      byId('formError').after(element('div', { className: 'actions' }, retry));
    }
    return;
  }
  busy = false;
  if (gone) {
    // The edit cannot be saved any more, so the tab no longer says there is one.
    reportDirty(false);
  }
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
      show(message.user, message);
      return;
    case 'saved':
      saved(message.user);
      return;
    case 'saveFailed':
      showFailure(message.message);
      return;
    case 'conflict':
      conflict(message.user);
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
