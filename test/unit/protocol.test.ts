import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../src/baseUrl';
import {
  checkFullName,
  parseExtensionMessage,
  parsePanelMessage,
  parsePanelState,
  shownName,
  fieldNameChanges,
  tabTitle,
} from '../../src/panel/protocol';

describe('the user panel protocol', function () {
  it('accepts the declared messages only', function () {
    assert.deepEqual(parsePanelMessage({ type: 'save', id: 'u-1', fullName: 'A' }), {
      type: 'save',
      id: 'u-1',
      fullName: 'A',
    });
    assert.equal(parsePanelMessage({ type: 'save', id: 'u-1' }), undefined);
    assert.equal(parsePanelMessage({ type: 'delete', id: '' }), undefined);
    assert.equal(parsePanelMessage({ type: 'eval', code: '1' }), undefined);
    assert.equal(parsePanelMessage('ready'), undefined);
  });

  it('keeps force on a save only when it is exactly true', function () {
    const save = { type: 'save', id: 'u-1', fullName: 'A' };

    assert.deepEqual(parsePanelMessage({ ...save, force: true }), { ...save, force: true });
    assert.deepEqual(parsePanelMessage({ ...save, force: 'yes' }), save);
  });

  it('accepts the dirty and copy messages with their declared fields only', function () {
    assert.deepEqual(parsePanelMessage({ type: 'dirty', id: 'u-1', dirty: true }), {
      type: 'dirty',
      id: 'u-1',
      dirty: true,
    });
    assert.equal(parsePanelMessage({ type: 'dirty', id: 'u-1', dirty: 'yes' }), undefined);
    assert.deepEqual(parsePanelMessage({ type: 'copy', id: 'u-1', field: 'email' }), {
      type: 'copy',
      id: 'u-1',
      field: 'email',
    });
    assert.equal(parsePanelMessage({ type: 'copy', id: 'u-1', field: 'apiSecret' }), undefined);
  });

  it('carries the typed name with a dirty message, and drops one no field could hold', function () {
    const dirty = { type: 'dirty', id: 'u-1', dirty: true };

    assert.deepEqual(parsePanelMessage({ ...dirty, draft: 'Ada' }), { ...dirty, draft: 'Ada' });
    assert.deepEqual(parsePanelMessage({ ...dirty, draft: 'x'.repeat(20_000) }), dirty);
    assert.deepEqual(parsePanelMessage({ ...dirty, draft: 42 }), dirty);
    assert.deepEqual(parsePanelMessage({ ...dirty, dirty: false, draft: 'Ada' }), {
      ...dirty,
      dirty: false,
    });
  });

  it("lets the page take a closed tab's edit only as a string", function () {
    const user = { id: 'u-1', email: 'a@b.c', fullName: 'A', authType: 'AUTH_TYPE_LOCAL' };
    const show = { type: 'show', user, locale: 'en' };

    assert.deepEqual(parseExtensionMessage({ ...show, draft: 'B', draftBase: 'T' }), {
      ...show,
      draft: 'B',
      draftBase: 'T',
    });
    assert.equal(parseExtensionMessage({ ...show, draft: ['B'] }), undefined);
    assert.equal(parseExtensionMessage({ ...show, draft: 'B', draftBase: 1 }), undefined);
  });

  it('reads a restored state only when it names a user', function () {
    assert.deepEqual(parsePanelState({ userId: 'u-1', draft: 'A', draftBase: 'T' }), {
      userId: 'u-1',
      draft: 'A',
      draftBase: 'T',
    });
    assert.deepEqual(parsePanelState({ userId: 'u-1', draft: 7, draftBase: 'T' }), {
      userId: 'u-1',
    });
    assert.equal(parsePanelState({ draft: 'A' }), undefined);
    assert.equal(parsePanelState('u-1'), undefined);
  });

  it('lets the page accept a conflict only with a whole user', function () {
    const user = { id: 'u-1', email: 'a@b.c', fullName: 'A', authType: 'AUTH_TYPE_LOCAL' };

    assert.deepEqual(parseExtensionMessage({ type: 'conflict', user }), { type: 'conflict', user });
    assert.equal(parseExtensionMessage({ type: 'conflict', user: { id: 'u-1' } }), undefined);
  });

  it('shows a name without the characters that would reorder it', function () {
    assert.equal(shownName('\u202Eevil\u202C \u2067x\u2069'), 'evil x');
    assert.equal(shownName('نور الهدى'), 'نور الهدى');
  });

  it('shows every kind of line break in a name as a space', function () {
    const name = 'Ada\nLovelace\r\nKing\u2028of\u2029the\u0085Engine';
    assert.equal(shownName(name), 'Ada Lovelace King of the Engine');
    assert.deepEqual(fieldNameChanges(name), { lineBreaks: true, reordering: false });
    assert.equal(shownName('VT\u000bFF\u000cTab\tEnd'), 'VT FF Tab End');
    assert.equal(shownName('Iso\u2067x\u2069 LRM\u200fZ\u200e\u061c'), 'Isox LRMZ');
    assert.deepEqual(fieldNameChanges('\u202Eevil'), { lineBreaks: false, reordering: true });
    assert.deepEqual(fieldNameChanges('a\u200fb'), { lineBreaks: false, reordering: true });
    assert.deepEqual(fieldNameChanges('Ada Lovelace'), { lineBreaks: false, reordering: false });
  });

  it('cuts a long tab title at a whole character, with an ellipsis', function () {
    const title = tabTitle(`${'x'.repeat(57)}abcd efg`);
    assert.equal(title, `${'x'.repeat(57)}ab…`);
    const faces = tabTitle('😀'.repeat(70));
    assert.equal(faces, `${'😀'.repeat(59)}…`);
    assert.equal(tabTitle('Ada Lovelace'), 'Ada Lovelace');
  });

  it('trims a full name and refuses an empty or overlong one', function () {
    assert.deepEqual(checkFullName('  Ada  '), { value: 'Ada' });
    assert.match(checkFullName('   ').problem ?? '', /empty/);
    assert.match(checkFullName('x'.repeat(256)).problem ?? '', /255/);
  });
});

describe('the API base URL setting', function () {
  it('accepts https and loopback http', function () {
    assert.equal(checkBaseUrl('https://api.confluent.cloud/').url, 'https://api.confluent.cloud');
    assert.equal(checkBaseUrl('http://127.0.0.1:8787').url, 'http://127.0.0.1:8787');
    assert.equal(checkBaseUrl('http://localhost:1').url, 'http://localhost:1');
    assert.equal(checkBaseUrl('http://[::1]:9').url, 'http://[::1]:9');
  });

  it('refuses plain http elsewhere, paths, user info and non-URLs', function () {
    assert.match(checkBaseUrl('http://api.confluent.cloud').problem ?? '', /https/);
    assert.match(checkBaseUrl('http://127.0.0.1.evil.com').problem ?? '', /https/);
    assert.match(checkBaseUrl('https://api.confluent.cloud/iam').problem ?? '', /path/);
    assert.match(checkBaseUrl('https://user:pw@api.confluent.cloud').problem ?? '', /user info/);
    assert.match(checkBaseUrl('not a url').problem ?? '', /not a URL/);
  });
});
