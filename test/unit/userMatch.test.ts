import * as assert from 'node:assert/strict';
import {
  filterDescription,
  filterMatcher,
  fold,
  isFilterActive,
  mayFoldIntoAscii,
  userMatcher,
} from '../../src/tree/userMatch';
import { user } from './pagedUsers';

/** The plain rule the matcher must agree with: fold every field, then look for every word. */
function foldEverything(query: string) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  return (u: { full_name?: string; email: string; id: string }) =>
    words.every((word) =>
      [u.full_name ?? '', u.email, u.id].some((field) => fold(field).includes(word)),
    );
}

/** A small generator, so a failure names a seed that repeats it. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('user filter', function () {
  const users = [
    user(1, { full_name: 'Ada Lovelace', auth_type: 'AUTH_TYPE_SSO' }),
    user(2, { full_name: 'Ada Byron', auth_type: 'AUTH_TYPE_LOCAL' }),
    user(3, { full_name: 'Grace Hopper', auth_type: 'AUTH_TYPE_SSO' }),
  ];
  const names = (keep: (u: (typeof users)[number]) => boolean) =>
    users.filter(keep).map((u) => u.full_name);

  it('keeps users matching the text and the sign-in kind', function () {
    assert.deepEqual(names(filterMatcher({ text: 'ada', auth: 'sso' })), ['Ada Lovelace']);
    assert.deepEqual(names(filterMatcher({ text: '', auth: 'local' })), ['Ada Byron']);
    assert.deepEqual(names(filterMatcher({ text: 'ADA', auth: 'all' })), [
      'Ada Lovelace',
      'Ada Byron',
    ]);
  });

  it('treats an empty query as matching everyone', function () {
    assert.equal(users.every(userMatcher('   ')), true);
    assert.equal(isFilterActive({ text: '  ', auth: 'all' }), false);
  });

  it('describes the filter and says it counts loaded users', function () {
    assert.equal(
      filterDescription({ text: ' ada ', auth: 'sso' }, 3, 25),
      'Filter: ada · SSO — 3 of 25 loaded',
    );
    assert.equal(
      filterDescription({ text: '', auth: 'local' }, 0, 25),
      'Filter: Local — 0 of 25 loaded',
    );
    assert.equal(
      filterDescription({ text: 'ada', auth: 'all' }, 1200, 20000),
      'Filter: ada — 1,200 of 20,000 loaded',
    );
  });

  it('finds accented, decomposed and compatibility forms by their plain letters', function () {
    const people = [
      user(1, { full_name: 'Renée Ødegård' }),
      user(2, { full_name: 'Rene\u0301e Smith' }),
      user(3, { full_name: 'ＭＡＲＴＡ Ｌｏｐｅｚ' }),
      user(4, { full_name: 'Иван Mensah' }),
      user(5, { full_name: 'Ϲlaire', email: 'ΚELVIN@example.com' }),
      user(6, { full_name: 'Jo\u0308rg', email: 'j.ﬁscher@example.com' }),
    ];
    const found = (query: string) => people.filter(userMatcher(query)).map((u) => u.id);
    assert.deepEqual(found('renee'), ['u-00001', 'u-00002']);
    assert.deepEqual(found('ødegard'), ['u-00001']);
    assert.deepEqual(found('DEGARD'), ['u-00001']);
    assert.deepEqual(found('marta lopez'), ['u-00003']);
    assert.deepEqual(found('MENSAH иван'), ['u-00004']);
    assert.deepEqual(found('jorg fischer'), ['u-00006']);
    assert.deepEqual(found('kelvin'), []);
    assert.deepEqual(found('ΚELVIN'), ['u-00005']);
    assert.deepEqual(found('a.b'), []);
    assert.deepEqual(found('(?'), []);
  });

  it('agrees with folding every field for mixed scripts, marks and symbols', function () {
    const pool = [
      ...'abcdeiklmnorsz AEIKOSZ.@-_+()[]?*\\^$|',
      ...'áéíöøüßæçğİıłńšžÅÉŒ',
      '\u0301',
      '\u0308',
      '\u0345',
      ...'ѐйЙΣσςάΐϐ',
      ...'مُحَمَّد',
      ...'שָׁלוֹם',
      ...'李王ｶｰカ가각',
      ...'ＡＢｃ①ⓐ²ﬁﬃǅ℡K',
      '𝐀',
      '😀',
    ];
    const next = random(7);
    const text = (max: number) =>
      Array.from(
        { length: Math.floor(next() * max) },
        () => pool[Math.floor(next() * pool.length)],
      ).join('');
    for (let round = 0; round < 3000; round++) {
      const person = { full_name: text(12), email: text(10), id: text(6) };
      const query = next() < 0.5 ? text(3) : `${text(2)} ${text(2)}`;
      assert.equal(
        userMatcher(query)(person as never),
        foldEverything(query)(person),
        `round ${round}: ${JSON.stringify({ query, person })}`,
      );
    }
  });

  it('skips folding only text whose every character folds to letters of its own script', function () {
    // A field with only ASCII and such characters is searched as it is, without folding. That is
    // exact only if each of them folds to text that is not empty and holds no ASCII a word could.
    const wrong: string[] = [];
    for (let code = 0x80; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) {
        continue;
      }
      const char = String.fromCodePoint(code);
      if (mayFoldIntoAscii.test(char)) {
        continue;
      }
      const folded = fold(char);
      if (folded === '' || /[\x21-\x7e]/.test(folded)) {
        wrong.push(`U+${code.toString(16).toUpperCase()} → ${JSON.stringify(folded)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
