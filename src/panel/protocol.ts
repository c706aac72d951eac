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
  | { type: 'show'; user: PanelUser; locale: string }
  | { type: 'saved'; user: PanelUser }
  | { type: 'saveFailed'; message: string }
  | { type: 'busy'; action: 'save' | 'delete' | 'reload' | undefined }
  | { type: 'gone'; message: string }
  | { type: 'loadFailed'; message: string };

export type PanelMessage =
  | { type: 'ready' }
  | { type: 'save'; id: string; fullName: string }
  | { type: 'delete'; id: string }
  | { type: 'reload'; id: string };

export const MAX_FULL_NAME_LENGTH = 255;

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
        ? { type: 'save', id: message.id as string, fullName: message.fullName }
        : undefined;
    case 'delete':
    case 'reload':
      return hasId ? { type: message.type, id: message.id as string } : undefined;
    default:
      return undefined;
  }
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
    case 'saved':
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
