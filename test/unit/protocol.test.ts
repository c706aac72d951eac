import * as assert from 'node:assert/strict';
import { checkBaseUrl } from '../../src/baseUrl';
import { checkFullName, parsePanelMessage } from '../../src/panel/protocol';

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
