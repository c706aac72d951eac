import type { User } from '../api/types';

export type UserNode = { kind: 'user'; user: User };
export type TreeNode =
  | UserNode
  | { kind: 'loadMore' }
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'warning'; message: string }
  | { kind: 'empty' }
  | { kind: 'noMatches' };

export function isUserNode(value: unknown): value is UserNode {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as TreeNode).kind === 'user' &&
    typeof (value as UserNode).user?.id === 'string'
  );
}
