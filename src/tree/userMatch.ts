import type { User } from '../api/types';

export type AuthFilter = 'all' | 'sso' | 'local';

/** What the tree shows of the loaded users: those matching the text and the sign-in kind. */
export interface UserFilter {
  text: string;
  auth: AuthFilter;
}

/** Plain ASCII, as nearly every email and id is, has no accents to drop: lower case folds it. */
const nonAscii = /[\u0080-\uffff]/;

/** Lower case without accents, so "ada" finds "Ádá" and "ADA". */
export function fold(text: string): string {
  if (!nonAscii.test(text)) {
    return text.toLowerCase();
  }
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * True for users whose name, email or id contains every word of `query`, in any order. Each user
 * is folded as it is matched: keeping the folded text per user in a WeakMap cost a find over
 * freshly loaded users more than it saved. A word holds no whitespace, so none spans two fields.
 */
export function userMatcher(query: string): (user: User) => boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return () => true;
  }
  return (user) => {
    const name = fold(user.full_name ?? '');
    const email = fold(user.email);
    const id = fold(user.id);
    return words.every((word) => name.includes(word) || email.includes(word) || id.includes(word));
  };
}

export function isFilterActive(filter: UserFilter | undefined): filter is UserFilter {
  return filter !== undefined && (filter.text.trim() !== '' || filter.auth !== 'all');
}

export function filterMatcher(filter: UserFilter): (user: User) => boolean {
  const matchesText = userMatcher(filter.text);
  const authType = { all: undefined, sso: 'AUTH_TYPE_SSO', local: 'AUTH_TYPE_LOCAL' }[filter.auth];
  return (user) => (authType === undefined || user.auth_type === authType) && matchesText(user);
}

/** e.g. "Filter: ada · SSO — 3 of 25 loaded": filtering sees loaded users only, and says so. */
export function filterDescription(filter: UserFilter, shown: number, loaded: number): string {
  const parts = [
    ...(filter.text.trim() ? [filter.text.trim()] : []),
    ...(filter.auth === 'all' ? [] : [filter.auth === 'sso' ? 'SSO' : 'Local']),
  ];
  return `Filter: ${parts.join(' · ')} — ${shown} of ${loaded} loaded`;
}
