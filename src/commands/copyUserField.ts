import * as vscode from 'vscode';
import type { User } from '../api/types';
import { displayName } from '../tree/usersTreeProvider';
import { plural } from './deleteMany';
import { selectedUsers } from './selectedUsers';

export type CopyableField = 'id' | 'email' | 'resourceName';

const fields: Record<CopyableField, { noun: string; read: (user: User) => string | undefined }> = {
  id: { noun: 'id', read: (user) => user.id },
  email: { noun: 'email', read: (user) => user.email },
  resourceName: { noun: 'resource name', read: (user) => user.metadata.resource_name },
};

/** Copies one field of the clicked user, or of every selected user one per line. */
export async function copyUserField(
  field: CopyableField,
  clicked: unknown,
  selection: unknown,
): Promise<string> {
  const users = selectedUsers(clicked, selection);
  const { noun, read } = fields[field];
  if (users.length === 0) {
    throw new Error(`Right-click a user in the Users view to copy its ${noun}.`);
  }
  const values = users.map(read).filter((value): value is string => Boolean(value));
  if (values.length === 0) {
    const whose = users.length === 1 ? `"${displayName(users[0])}" has` : 'These users have';
    throw new Error(`${whose} no ${noun} to copy.`);
  }
  const text = values.join('\n');
  await vscode.env.clipboard.writeText(text);
  const what =
    users.length === 1 ? `the ${noun} of "${displayName(users[0])}"` : plural(values.length, noun);
  vscode.window.setStatusBarMessage(`$(check) Copied ${what}`, 4000);
  return text;
}
