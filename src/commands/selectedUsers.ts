import type { User } from '../api/types';
import { isUserNode } from '../tree/usersTreeProvider';

/**
 * The users a context-menu command acts on. VS Code passes the clicked row and the selected rows;
 * the selection counts only when the clicked row is part of it, as in the Explorer.
 */
export function selectedUsers(clicked: unknown, selection: unknown): User[] {
  const nodes = Array.isArray(selection) ? selection.filter(isUserNode) : [];
  if (!isUserNode(clicked)) {
    return nodes.map((node) => node.user);
  }
  const inSelection = nodes.some((node) => node.user.id === clicked.user.id);
  return inSelection ? nodes.map((node) => node.user) : [clicked.user];
}
