/**
 * Messages between the user panel's page and the extension. Both sides import this file, so it
 * must not import `vscode` or anything that needs Node.
 */

/** What the page shows of a user: plain strings only, never credentials. */
export interface PanelUser {
  id: string;
  email: string;
  fullName: string;
  authType: string;
  createdAt?: string;
  updatedAt?: string;
  deletedAt?: string;
  resourceName?: string;
}

export type ExtensionMessage =
  /**
   * `draft` is a name typed in an earlier tab for this user that was closed before it was saved;
   * the page starts with it in the field. `draftBase` is the `updatedAt` it was typed against.
   */
  | { type: 'show'; user: PanelUser; locale: string; draft?: string; draftBase?: string }
  | { type: 'saved'; user: PanelUser }
  | { type: 'saveFailed'; message: string }
  | { type: 'busy'; action: 'save' | 'delete' | 'reload' | undefined }
  | { type: 'gone'; message: string }
  | { type: 'loadFailed'; message: string }
  /** The save was not sent: the user changed on the server since the panel showed it. */
  | { type: 'conflict'; user: PanelUser };

/** The fields a copy button can copy. */
export type CopyField = 'id' | 'email' | 'resourceName';

export const COPY_FIELDS: readonly CopyField[] = ['id', 'email', 'resourceName'];

export type PanelMessage =
  | { type: 'ready' }
  /** `force` saves even when someone else changed the user since the panel showed it. */
  | { type: 'save'; id: string; fullName: string; force?: boolean }
  | { type: 'delete'; id: string }
  | { type: 'reload'; id: string }
  /**
   * Whether the name field holds an unsaved edit, so the tab title can say so, and the edit
   * itself, so closing the tab cannot lose it.
   */
  | { type: 'dirty'; id: string; dirty: boolean; draft?: string }
  | { type: 'copy'; id: string; field: CopyField };

/**
 * What the page keeps in its webview state, which VS Code hands back after a reload: the user
 * and any unsaved name, with the `updatedAt` of the user that name was typed against.
 */
export interface PanelState {
  userId: string;
  draft?: string;
  draftBase?: string;
}

export const MAX_FULL_NAME_LENGTH = 255;

/** Embeddings, overrides, isolates and marks: in a name they can make "evil" read "live". */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const HAS_BIDI_CONTROL = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;

/** CR LF, CR, LF, vertical tab, form feed, next line, line and paragraph separators. */
const LINE_BREAKS = /\r\n|[\r\n\v\f\u0085\u2028\u2029]/g;
const HAS_LINE_BREAK = /[\r\n\v\f\u0085\u2028\u2029]/;

/**
 * A name as labels, headings and the name field show it: without the characters that reorder
 * the text around them, and on one line, each line break a space. The name itself, as saved,
 * keeps them until the user changes it and saves.
 *
 * This is also what the field holds and what an edit is measured against: an input would drop a
 * line break, joining the words on either side, and inside a text field no style can stop a
 * reordering character (`dir`, `unicode-bidi: plaintext`, even `bidi-override` leave an override
 * in the text in force), so the field would read differently from the heading above it.
 */
export function shownName(name: string): string {
  return name.replace(BIDI_CONTROLS, '').replace(LINE_BREAKS, ' ').replace(/\t/g, ' ');
}

/** What a saved name holds that its field does not show as it is, for the note under the field. */
export function fieldNameChanges(name: string): { lineBreaks: boolean; reordering: boolean } {
  return { lineBreaks: HAS_LINE_BREAK.test(name), reordering: HAS_BIDI_CONTROL.test(name) };
}

/** Tab titles longer than this are cut, so one long name cannot push the other tabs away. */
const MAX_TAB_TITLE = 60;

/** A name as its tab shows it: cut at a character, never inside one, with an ellipsis. */
export function tabTitle(name: string): string {
  const characters = Array.from(name);
  return characters.length > MAX_TAB_TITLE
    ? `${characters
        .slice(0, MAX_TAB_TITLE - 1)
        .join('')
        .trimEnd()}…`
    : name;
}

/**
 * The most the name field holds. Past the API's limit the page says the name is too long rather
 * than cutting a paste short; a longer draft from a page is not typing and is dropped.
 */
export const MAX_DRAFT_LENGTH = 10_000;

function isDraft(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_DRAFT_LENGTH;
}

/** The rule the page checks as the user types and the extension checks again on receipt. */
export function checkFullName(raw: string): { value?: string; problem?: string } {
  const value = raw.trim();
  if (!value) {
    return { problem: 'The full name cannot be empty.' };
  }
  if (value.length > MAX_FULL_NAME_LENGTH) {
    return { problem: `The full name can have at most ${MAX_FULL_NAME_LENGTH} characters.` };
  }
  return { value };
}

/** Accepts only the declared message shapes; anything else is undefined. */
export function parsePanelMessage(raw: unknown): PanelMessage | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const message = raw as Record<string, unknown>;
  const hasId = typeof message.id === 'string' && message.id.length > 0;
  switch (message.type) {
    case 'ready':
      return { type: 'ready' };
    case 'save':
      return hasId && typeof message.fullName === 'string'
        ? parseSave(message.id as string, message.fullName, message.force)
        : undefined;
    case 'delete':
    case 'reload':
      return hasId ? { type: message.type, id: message.id as string } : undefined;
    case 'dirty':
      return hasId && typeof message.dirty === 'boolean'
        ? parseDirty(message.id as string, message.dirty, message.draft)
        : undefined;
    case 'copy':
      return hasId && COPY_FIELDS.includes(message.field as CopyField)
        ? { type: 'copy', id: message.id as string, field: message.field as CopyField }
        : undefined;
    default:
      return undefined;
  }
}

function parseDirty(id: string, dirty: boolean, draft: unknown): PanelMessage {
  return dirty && isDraft(draft)
    ? { type: 'dirty', id, dirty, draft }
    : { type: 'dirty', id, dirty };
}

function parseSave(id: string, fullName: string, force: unknown): PanelMessage {
  return force === true ? { type: 'save', id, fullName, force } : { type: 'save', id, fullName };
}

/** The webview state if it names a user; a draft of the wrong type is dropped, not trusted. */
export function parsePanelState(raw: unknown): PanelState | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const { userId, draft, draftBase } = raw as Record<string, unknown>;
  if (typeof userId !== 'string' || !userId) {
    return undefined;
  }
  const state: PanelState = { userId };
  if (isDraft(draft)) {
    state.draft = draft;
    if (typeof draftBase === 'string') {
      state.draftBase = draftBase;
    }
  }
  return state;
}

/** The page's side of the same check, for messages from the extension. */
export function parseExtensionMessage(raw: unknown): ExtensionMessage | undefined {
  if (
    typeof raw !== 'object' ||
    raw === null ||
    typeof (raw as { type?: unknown }).type !== 'string'
  ) {
    return undefined;
  }
  const message = raw as ExtensionMessage;
  switch (message.type) {
    case 'show':
      return isPanelUser(message.user) &&
        (message.draft === undefined || isDraft(message.draft)) &&
        (message.draftBase === undefined || typeof message.draftBase === 'string')
        ? message
        : undefined;
    case 'saved':
    case 'conflict':
      return isPanelUser(message.user) ? message : undefined;
    case 'saveFailed':
    case 'gone':
    case 'loadFailed':
      return typeof message.message === 'string' ? message : undefined;
    case 'busy':
      return message;
    default:
      return undefined;
  }
}

function isPanelUser(value: unknown): value is PanelUser {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const user = value as Record<string, unknown>;
  return ['id', 'email', 'fullName', 'authType'].every((key) => typeof user[key] === 'string');
}
