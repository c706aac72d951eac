import type { User } from '../api/types';
import { formatCount } from '../counts';

export type AuthFilter = 'all' | 'sso' | 'local';

/** What the tree shows of the loaded users: those matching the text and the sign-in kind. */
export interface UserFilter {
  text: string;
  auth: AuthFilter;
}

/** Plain ASCII, as nearly every email and id is, has no accents to drop: lower case folds it. */
const nonAscii = /[\u0080-\uffff]/;

/**
 * Text that may fold into ASCII a word could match: a character outside ASCII and the scripts
 * listed, one of the few of theirs that fold to ASCII punctuation, or a combining mark (folding
 * drops it and joins what was on either side). The rest of the listed scripts fold to their own
 * letters; a unit test checks this for every code point.
 * Exported for that test.
 */
export const mayFoldIntoAscii =
  /[^\p{ASCII}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Han}\p{sc=Hangul}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}]|[\u1fef\u3200-\u321e\ufb29]|\p{M}/u;

/** Lower case without accents, so "ada" finds "Ádá" and "ADA". */
export function fold(text: string): string {
  if (!nonAscii.test(text)) {
    return text.toLowerCase();
  }
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * True for users whose name, email or id contains every word of `query`, in any order, compared
 * folded. A word holds no whitespace, so none spans two fields.
 */
export function userMatcher(query: string): (user: User) => boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return () => true;
  }
  const tests = words.map(containsFolded);
  return (user) => {
    const name = user.full_name ?? '';
    for (const test of tests) {
      if (!test(name) && !test(user.email) && !test(user.id)) {
        return false;
      }
    }
    return true;
  };
}

/**
 * Whether a field, folded, contains `word` (folded already), without folding the field whenever
 * that can be avoided: folding is most of a find's cost over thousands of users. An ASCII word is
 * first sought case-insensitively in the field as it is: an ASCII pattern without the `u` flag
 * matches only ASCII characters, which folding keeps in place, so a match there is a match in the
 * folded field too. Only a field with something that can fold into ASCII is then folded and
 * searched again.
 */
function containsFolded(word: string): (field: string) => boolean {
  if (nonAscii.test(word)) {
    return (field) => fold(field).includes(word);
  }
  const pattern = new RegExp(word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'i');
  return (field) =>
    pattern.test(field) ||
    (nonAscii.test(field) && mayFoldIntoAscii.test(field) && fold(field).includes(word));
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
  return `Filter: ${parts.join(' · ')} — ${formatCount(shown)} of ${formatCount(loaded)} loaded`;
}
