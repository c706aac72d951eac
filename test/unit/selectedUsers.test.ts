import * as assert from 'node:assert/strict';
import { selectedUsers } from '../../src/commands/selectedUsers';
import type { UserNode } from '../../src/tree/treeNodes';
import { user } from './pagedUsers';

const row = (n: number): UserNode => ({ kind: 'user', user: user(n) });
const ids = (users: { id: string }[]) => users.map((u) => u.id);

describe('the users a context-menu command acts on', function () {
  it('takes each user once when the selection holds its row twice', function () {
    // Ctrl-click on row 2, then Shift-click from row 1 to row 3: VS Code passes row 2 twice.
    const selection = [row(2), row(1), row(2), row(3)];
    assert.deepEqual(ids(selectedUsers(selection[0], selection)), [
      'u-00002',
      'u-00001',
      'u-00003',
    ]);
  });

  it('takes each user once for the Delete key, which passes no clicked row', function () {
    assert.deepEqual(ids(selectedUsers(undefined, [row(1), { ...row(1) }])), ['u-00001']);
  });

  it('takes only the clicked row when it is outside the selection', function () {
    assert.deepEqual(ids(selectedUsers(row(5), [row(1), row(2)])), ['u-00005']);
  });

  it('ignores rows that are not users', function () {
    assert.deepEqual(ids(selectedUsers(row(1), [{ kind: 'loadMore' }, row(1)])), ['u-00001']);
  });
});
