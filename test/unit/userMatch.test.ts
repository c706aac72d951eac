import * as assert from 'node:assert/strict';
import {
  filterDescription,
  filterMatcher,
  isFilterActive,
  userMatcher,
} from '../../src/tree/userMatch';
import { user } from './pagedUsers';

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
  });
});
