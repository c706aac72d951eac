import * as assert from 'node:assert/strict';
import { plainMessage } from '../../src/commands/messageText';

describe('text for notifications and dialogs', function () {
  it('keeps a name that looks like a command link from becoming one', function () {
    const name = 'Eve [Sign out](command:confluentUsers.signOut) [x](https://evil.example)';
    const shown = plainMessage(`Saved user "${name}".`);

    assert.doesNotMatch(shown, /\]\(/);
    assert.equal(shown.replace(/\u200b/g, ''), `Saved user "${name}".`);
  });

  it('leaves text without link syntax as it was', function () {
    const text = 'Deleted 3 users [of 12] (2 were already gone).';
    assert.equal(plainMessage(text), text);
  });
});
