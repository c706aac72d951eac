import * as assert from 'node:assert/strict';
import { csvField, neutralise, usersToCsv, usersToJson } from '../../src/export/userExport';
import { user } from './pagedUsers';

function csvLines(text: string): string[] {
  return text.replace(/^\uFEFF/, '').split('\r\n');
}

describe('exporting users', function () {
  it('writes a header and one CRLF-ended row per user', function () {
    const text = usersToCsv([user(1), user(2)]);
    const lines = csvLines(text);
    assert.equal(
      lines[0],
      'id,email,full_name,auth_type,created_at,updated_at,deleted_at,resource_name',
    );
    assert.equal(lines[1], 'u-00001,user1@example.com,User 1,AUTH_TYPE_LOCAL,,,,');
    assert.equal(lines.length, 4);
    assert.equal(lines[3], '', 'the file ends with CRLF');
  });

  it('quotes fields with a comma, quote or line break and doubles the quotes', function () {
    assert.equal(csvField('Lovelace, Ada'), '"Lovelace, Ada"');
    assert.equal(csvField('Ada "the first" L'), '"Ada ""the first"" L"');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('plain'), 'plain');
  });

  it('makes a name that starts like a formula plain text', function () {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      assert.equal(neutralise(`${start}SUM(A1)`), `'${start}SUM(A1)`);
    }
    assert.equal(neutralise('Ada=1'), 'Ada=1');
  });

  it('neutralises and quotes together, so a hostile name stays one cell', function () {
    const hostile = user(1, { full_name: '=HYPERLINK("http://x","click")' });
    const row = csvLines(usersToCsv([hostile]))[1];
    assert.equal(
      row,
      'u-00001,user1@example.com,"\'=HYPERLINK(""http://x"",""click"")",AUTH_TYPE_LOCAL,,,,',
    );
  });

  it('keeps names in any script, with a byte-order mark for spreadsheets', function () {
    const text = usersToCsv([user(1, { full_name: '山田 太郎' })]);
    assert.ok(text.startsWith('\uFEFF'));
    assert.match(text, /山田 太郎/);
  });

  it('writes JSON that reads back as the same users', function () {
    const users = [user(1), user(2, { full_name: '=1+1' })];
    assert.deepEqual(JSON.parse(usersToJson(users)), users);
  });
});
