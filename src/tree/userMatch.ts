import type { User } from '../api/types';

export type AuthFilter = 'all' | 'sso' | 'local';

/** What the tree shows of the loaded users: those matching the text and the sign-in kind. */
export interface UserFilter {
  text: string;
  auth: AuthFilter;
}

const haystacks = new WeakMap<User, string>();

/** Lower case without accents, so "ada" finds "Ádá" and "ADA". */
export function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

// Users are replaced, never changed in place, so a cached haystack stays right for its object.
function haystack(user: User): string {
  let text = haystacks.get(user);
  if (text === undefined) {
    text = fold(`${user.full_name ?? ''}\n${user.email}\n${user.id}`);
    haystacks.set(user, text);
  }
  return text;
}

/** True for users whose name, email or id contains every word of `query`, in any order. */
export function userMatcher(query: string): (user: User) => boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return () => true;
  }
  return (user) => {
    const text = haystack(user);
    return words.every((word) => text.includes(word));
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
