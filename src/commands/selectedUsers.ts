import type { User } from '../api/types';
import { isUserNode } from '../tree/treeNodes';

/**
 * The users a context-menu command acts on. VS Code passes the clicked row and the selected rows;
 * the selection counts only when the clicked row is part of it, as in the Explorer. Each user
 * comes once, however often the selection holds its row (Ctrl-click then Shift-click over it).
 */
export function selectedUsers(clicked: unknown, selection: unknown): User[] {
  const users = distinct(Array.isArray(selection) ? selection.filter(isUserNode) : []);
  if (!isUserNode(clicked)) {
    return users;
  }
  const inSelection = users.some((user) => user.id === clicked.user.id);
  return inSelection ? users : [clicked.user];
}

function distinct(nodes: readonly { user: User }[]): User[] {
  const byId = new Map<string, User>();
  for (const { user } of nodes) {
    if (!byId.has(user.id)) {
      byId.set(user.id, user);
    }
  }
  return [...byId.values()];
}
