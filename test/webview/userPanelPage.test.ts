import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MIN_CONTRAST, measureContrast } from './contrast';
import { PanelHarness, PanelPage, panelUser, repoRoot, type OpenOptions } from './panelPageHarness';
import { themes } from './themes';

describe('the user panel page, in Chromium', function () {
  this.timeout(20_000);
  let harness: PanelHarness;
  let panel: PanelPage | undefined;

  before(async function () {
    harness = await PanelHarness.start();
  });

  after(async function () {
    await harness?.close();
  });

  afterEach(async function () {
    const errors = panel?.errors ?? [];
    await panel?.close();
    panel = undefined;
    assert.deepEqual(errors, [], 'the page logged errors');
  });

  async function open(options: OpenOptions = {}): Promise<PanelPage> {
    panel = await harness.open(options);
    return panel;
  }

  /** A page showing the default user, the way every panel starts. */
  async function shown(options: OpenOptions = {}): Promise<PanelPage> {
    const page = await open(options);
    await page.show();
    return page;
  }

  const text = (page: PanelPage, selector: string) => page.page.locator(selector).textContent();
  const nameField = (page: PanelPage) => page.page.locator('#fullName');

  describe('start-up', function () {
    it('asks the extension for its user before showing anything', async function () {
      const page = await open();

      assert.deepEqual(await page.posted(), [{ type: 'ready' }]);
      assert.equal(await text(page, '#app'), 'Loading user…');
    });

    it('shows the id, email, full name and authentication of the user it is sent', async function () {
      const page = await shown();

      assert.equal(await text(page, 'h1'), 'Ada Lovelace');
      assert.equal(await nameField(page).inputValue(), 'Ada Lovelace');
      assert.equal(await text(page, '#email'), 'ada@example.com');
      assert.equal(await text(page, '#userId'), 'u-ada');
      assert.equal(await text(page, '#authType'), 'Local (password)');
      assert.equal(await page.page.getAttribute('#app', 'aria-busy'), 'false');
    });

    it('writes dates in the locale the extension names', async function () {
      const page = await open();
      await page.show(panelUser(), 'de');

      assert.match((await text(page, '#createdAt')) ?? '', /^5\. März 2024.*14:30/);
      assert.match((await text(page, '#updatedAt')) ?? '', /^20\. Januar 2025.*09:15/);
    });

    it('puts the cursor in the full name field', async function () {
      const page = await shown();

      assert.equal(await page.focusedId(), 'fullName');
    });

    it('leaves the keyboard where it is when the window has it elsewhere', async function () {
      // As VS Code holds a webview, and as a click in the tree leaves it: focus in the window.
      const page = await open({ framed: true });
      await page.show();
      await page.page.keyboard.type('x');

      assert.equal(await page.page.inputValue('#outside'), 'x', 'typing goes where it went');
      assert.equal(await page.frame.locator('#fullName').inputValue(), 'Ada Lovelace');
      assert.equal(await page.focusedId(), undefined);
    });

    it('runs under the panel content security policy without a violation', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');

      assert.deepEqual(await page.window('__cspViolations'), []);
    });
  });

  describe('hostile names', function () {
    const markup = [
      '<img src=x onerror=window.__pwned=1>',
      '</script><script>window.__pwned=1</script>',
    ];
    for (const name of markup) {
      it(`shows ${name} as text and never runs it`, async function () {
        const page = await open();
        await page.show(panelUser({ fullName: name }));

        assert.equal(await text(page, 'h1'), name);
        assert.equal(await nameField(page).inputValue(), name);
        assert.equal(await page.page.locator('img, #app script').count(), 0);
        assert.equal(await page.window('__pwned'), undefined);
        assert.deepEqual(await page.window('__cspViolations'), []);
      });
    }

    it('shows a 255-character name whole, and lets it be saved', async function () {
      const name = 'Ada '.repeat(64).slice(0, 255);
      const page = await shown();
      await nameField(page).fill(name);

      assert.equal(await nameField(page).inputValue(), name);
      assert.equal(await page.page.isEnabled('#save'), true);
      assert.equal(await text(page, '#formError'), '');
    });

    it('keeps a pasted 300-character name whole, and says it is too long instead of saving', async function () {
      const name = 'Ada '.repeat(75);
      const page = await shown();
      await nameField(page).fill(name);
      await page.page.keyboard.press('Enter');

      assert.equal(await nameField(page).inputValue(), name, 'nothing typed is cut off');
      assert.match((await text(page, '#formError')) ?? '', /at most 255 characters/);
      assert.equal(await page.page.isDisabled('#save'), true);
      const saves = (await page.posted()).filter((m) => (m as { type: string }).type === 'save');
      assert.deepEqual(saves, []);
    });

    it('shows a name that hides a right-to-left override in the order it was typed', async function () {
      const name = 'Mallory \u202Elive\u202C Admin';
      const page = await open();
      await page.show(panelUser({ fullName: name }));

      assert.equal(await text(page, 'h1'), 'Mallory live Admin');
      assert.equal(await nameField(page).inputValue(), 'Mallory live Admin');
    });

    it('draws the name field of such a name as the plain name reads, not reordered', async function () {
      const page = await open();
      let version = 0;
      /**
       * The text in the field, drawn, once it shows `fullName` as fresher data for the same user:
       * inside the border, whose rounded corners are not drawn the same to the last bit each time.
       */
      const drawn = async (fullName: string) => {
        version += 1;
        await page.show(panelUser({ fullName, updatedAt: `2025-02-0${version}T00:00:00Z` }));
        const box = await nameField(page).boundingBox();
        assert.ok(box);
        const clip = { x: box.x + 4, y: box.y + 4, width: box.width - 8, height: box.height - 8 };
        return page.page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
      };
      await page.show(panelUser({ fullName: 'Mallory' }));
      // Out of the field, so that no focus ring or caret differs between the pictures.
      await nameField(page).blur();

      const plain = await drawn('Mallory live Admin');
      const hostile = await drawn('Mallory \u202Elive\u202C Admin');
      const reordered = await drawn('Mallory evil Admin');

      assert.ok(!plain.equals(reordered), 'the two words draw differently');
      assert.ok(hostile.equals(plain), 'the field reads "Mallory live Admin", as the heading');
    });

    it('leaves such a name saved as it is, says why the field differs, and marks no edit', async function () {
      const page = await open();
      await page.show(panelUser({ fullName: 'Mallory \u202Elive\u202C Admin' }));

      assert.match((await text(page, '#nameNote')) ?? '', /characters that reorder the text/);
      assert.equal(await page.page.isVisible('#nameNote'), true);
      assert.equal(await page.page.isDisabled('#save'), true, 'opening it is not an edit');
      const dirty = (await page.posted()).filter((m) => (m as { type: string }).type === 'dirty');
      assert.deepEqual(dirty, [{ type: 'dirty', id: 'u-ada', dirty: false }]);
    });

    for (const [label, name] of [
      ['\\n', 'Ada\nLovelace'],
      ['\\r\\n', 'Ada\r\nLovelace'],
    ]) {
      it(`opens a name with a line break (${label}) unedited, showing the break as a space`, async function () {
        const page = await open();
        await page.show(panelUser({ fullName: name }));
        await nameField(page).press('Enter');
        await nameField(page).press('Escape');

        assert.equal(await nameField(page).inputValue(), 'Ada Lovelace');
        assert.equal(await page.page.isDisabled('#save'), true);
        assert.equal(await page.page.isDisabled('#revert'), true);
        const sent = (await page.posted()).filter((m) =>
          ['dirty', 'save'].includes((m as { type: string }).type),
        );
        assert.deepEqual(sent, [{ type: 'dirty', id: 'u-ada', dirty: false }], 'no edit, no save');
        assert.deepEqual(await page.state(), { userId: 'u-ada' }, 'no draft kept');
        assert.match(
          (await text(page, '#nameNote')) ?? '',
          /contains line breaks, shown here as spaces\. It stays as it is unless you change the name/,
        );
        const describedBy = (await nameField(page).getAttribute('aria-describedby')) ?? '';
        assert.ok(describedBy.split(' ').includes('nameNote'), describedBy);
      });
    }

    it('saves a changed name of such a user as the field shows it', async function () {
      const page = await open();
      await page.show(panelUser({ fullName: 'Ada\nLovelace' }));
      await nameField(page).press('End');
      await page.page.keyboard.type(' King');
      await page.page.keyboard.press('Enter');

      const saves = (await page.posted()).filter((m) => (m as { type: string }).type === 'save');
      assert.deepEqual(saves, [{ type: 'save', id: 'u-ada', fullName: 'Ada Lovelace King' }]);
    });

    it('says nothing under the field of a name it shows as it is', async function () {
      const page = await shown();

      assert.equal(await page.page.isVisible('#nameNote'), false);
      assert.equal(await text(page, '#nameNote'), '');
    });

    for (const name of ['نور الهدى', 'שרה לוי']) {
      it(`lays out the right-to-left name ${name} right to left`, async function () {
        const page = await open();
        await page.show(panelUser({ fullName: name }));

        assert.equal(await text(page, 'h1'), name);
        assert.equal(await nameField(page).inputValue(), name);
        const direction = (selector: string) =>
          page.page.$eval(selector, (element) => getComputedStyle(element).direction);
        assert.equal(await direction('h1'), 'rtl');
        assert.equal(await direction('#fullName'), 'rtl');
      });
    }

    it('keeps combining characters exactly as sent, unnormalised', async function () {
      const name = 'Zoe\u0308 Ngu\u0302\u0303n Z\u0336a\u0336l\u0336g\u0336o\u0336';
      const page = await open();
      await page.show(panelUser({ fullName: name }));

      assert.equal(await text(page, 'h1'), name);
      assert.equal(await nameField(page).inputValue(), name);
      assert.equal(await page.page.isDisabled('#save'), true, 'an unchanged name is not an edit');
    });

    it('does not count spaces around a saved name as an edit', async function () {
      const page = await open();
      await page.show(panelUser({ fullName: ' Ada Lovelace ' }));

      assert.equal(await page.page.isDisabled('#save'), true);
      assert.equal(await page.page.isDisabled('#revert'), true);
    });
  });

  describe('validation', function () {
    it('refuses an empty name with an alert and a disabled Save', async function () {
      const page = await shown();
      await nameField(page).fill('');

      assert.equal(await page.page.isDisabled('#save'), true);
      assert.equal(await text(page, '[role=alert]'), 'The full name cannot be empty.');
    });

    it('refuses a name of only spaces', async function () {
      const page = await shown();
      await nameField(page).fill('   ');

      assert.equal(await page.page.isDisabled('#save'), true);
      assert.equal(await text(page, '[role=alert]'), 'The full name cannot be empty.');
    });

    it('tells a screen reader the field is invalid and why', async function () {
      const page = await shown();
      await nameField(page).fill(' ');

      assert.equal(await nameField(page).getAttribute('aria-invalid'), 'true');
      const describedBy = (await nameField(page).getAttribute('aria-describedby')) ?? '';
      assert.ok(describedBy.split(' ').includes('formError'), describedBy);
      await nameField(page).fill('Ada King');
      assert.notEqual(await nameField(page).getAttribute('aria-invalid'), 'true');
    });

    it('keeps Save disabled while the name equals the saved one', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      assert.equal(await page.page.isEnabled('#save'), true);

      await nameField(page).fill('Ada Lovelace');

      assert.equal(await page.page.isDisabled('#save'), true);
      assert.equal(await page.page.isDisabled('#revert'), true);
    });
  });

  describe('keyboard', function () {
    it('saves with Enter in the name field', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.keyboard.press('Enter');

      assert.deepEqual((await page.posted()).at(-1), {
        type: 'save',
        id: 'u-ada',
        fullName: 'Ada King',
      });
    });

    it('sends one save however often Enter is pressed', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.keyboard.press('Enter');
      await page.page.keyboard.press('Enter');

      const saves = (await page.posted()).filter((m) => (m as { type: string }).type === 'save');
      assert.equal(saves.length, 1);
    });

    it('reverts the field with Escape', async function () {
      const page = await shown();
      await nameField(page).fill('');
      await page.page.keyboard.press('Escape');

      assert.equal(await nameField(page).inputValue(), 'Ada Lovelace');
      assert.equal(await text(page, '#formError'), '');
      assert.equal(await page.page.isDisabled('#save'), true);
    });

    it('moves from the name to Save, Revert and Delete with Tab', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');

      const order = [await page.focusedId()];
      for (let i = 0; i < 3; i++) {
        await page.page.keyboard.press('Tab');
        order.push(await page.focusedId());
      }

      assert.deepEqual(order, ['fullName', 'save', 'revert', 'delete']);
    });

    it('skips Save and Revert while there is nothing to save', async function () {
      const page = await shown();
      await page.page.keyboard.press('Tab');

      assert.equal(await page.focusedId(), 'delete');
    });
  });

  describe('saving', function () {
    it('disables the buttons and says Saving… while a save runs', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.send({ type: 'busy', action: 'save' });

      for (const id of ['#save', '#revert', '#delete']) {
        assert.equal(await page.page.isDisabled(id), true, id);
      }
      assert.equal(await text(page, '#save'), 'Saving…');
      assert.equal(await nameField(page).inputValue(), 'Ada King');
    });

    it('announces progress and the result in one live region', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      const status = page.page.getByRole('status');
      const region = await status.elementHandle();
      await page.send({ type: 'busy', action: 'save' });
      assert.equal(await status.textContent(), 'Saving…');

      await page.send({ type: 'saved', user: panelUser({ fullName: 'Ada King' }) });

      assert.equal(await status.textContent(), 'Saved.');
      assert.equal(await region?.evaluate((node) => node.isConnected), true, 'region replaced');
    });

    it('shows why a save failed and keeps what the user typed', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.keyboard.press('Enter');
      await page.send({ type: 'busy', action: 'save' });
      await page.send({ type: 'saveFailed', message: 'The server refused the change.' });

      assert.equal(await text(page, '[role=alert]'), 'The server refused the change.');
      assert.equal(await nameField(page).inputValue(), 'Ada King');
      assert.equal(await text(page, '#save'), 'Save');
      assert.equal(await page.page.isEnabled('#save'), true);
      assert.equal(await page.focusedId(), 'fullName');
    });

    it('shows the new name once saved', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.click('#save');
      await page.send({ type: 'saved', user: panelUser({ fullName: 'Ada King' }) });

      assert.equal(await text(page, 'h1'), 'Ada King');
      assert.equal(await nameField(page).inputValue(), 'Ada King');
      assert.equal(await page.page.isDisabled('#save'), true);
      assert.equal(await page.focusedId(), 'fullName');
    });

    it('posts a delete for this user from the Delete button, which says what it does', async function () {
      const page = await shown();
      const description = await page.page.$eval('#delete', (button) =>
        (button.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
      await page.page.click('#delete');

      assert.match(description, /confirm/i);
      assert.deepEqual((await page.posted()).at(-1), { type: 'delete', id: 'u-ada' });
    });

    it('says Deleting… and blocks the buttons until the extension is done', async function () {
      const page = await shown();
      await page.page.click('#delete');
      await page.send({ type: 'busy', action: 'delete' });

      assert.equal(await text(page, '#delete'), 'Deleting…');
      assert.equal(await page.page.isDisabled('#delete'), true);
      assert.equal(await nameField(page).getAttribute('readonly'), '');
    });

    it('frees the buttons when the delete is cancelled', async function () {
      const page = await shown();
      await page.page.click('#delete');
      await page.send({ type: 'busy', action: 'delete' });
      await page.send({ type: 'busy' });

      assert.equal(await text(page, '#delete'), 'Delete User…');
      assert.equal(await page.page.isEnabled('#delete'), true);
      assert.equal(await text(page, '#status'), '');
    });
  });

  describe('drafts', function () {
    it('keeps what is typed in the webview state', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');

      assert.deepEqual(await page.state(), {
        userId: 'u-ada',
        draft: 'Ada King',
        draftBase: '2025-01-20T09:15:00Z',
      });
    });

    it('keeps the version a restored draft was typed against', async function () {
      const state = { userId: 'u-ada', draft: 'Ada, Countess', draftBase: '2024-12-01T00:00:00Z' };
      const page = await open({ state });
      await page.show();
      await nameField(page).fill('Ada, Countess of Lovelace');

      assert.deepEqual(await page.state(), { ...state, draft: 'Ada, Countess of Lovelace' });
    });

    it('brings back a draft of the same user after the page is reloaded', async function () {
      const page = await open({ state: { userId: 'u-ada', draft: 'Ada, Countess' } });
      await page.show();

      assert.equal(await nameField(page).inputValue(), 'Ada, Countess');
      assert.equal(await page.page.isEnabled('#save'), true);
    });

    it('starts with the edit of a closed tab the extension sends back', async function () {
      const page = await open();
      await page.send({
        type: 'show',
        user: panelUser(),
        locale: 'en',
        draft: 'Ada, Countess',
        draftBase: '2024-12-01T00:00:00Z',
      });

      assert.equal(await nameField(page).inputValue(), 'Ada, Countess');
      assert.equal(await page.page.isEnabled('#save'), true);
      assert.deepEqual(await page.state(), {
        userId: 'u-ada',
        draft: 'Ada, Countess',
        draftBase: '2024-12-01T00:00:00Z',
      });
    });

    it('prefers its own draft, and what is being typed, to one sent later', async function () {
      const page = await open({ state: { userId: 'u-ada', draft: 'From State' } });
      await page.send({ type: 'show', user: panelUser(), locale: 'en', draft: 'From Closed Tab' });
      assert.equal(await nameField(page).inputValue(), 'From State');

      await nameField(page).fill('Typing Now');
      await page.send({ type: 'show', user: panelUser(), locale: 'en', draft: 'Too Late' });

      assert.equal(await nameField(page).inputValue(), 'Typing Now');
    });

    it('ignores a draft kept for another user', async function () {
      const page = await open({ state: { userId: 'u-grace', draft: 'Grace Hopper' } });
      await page.show();

      assert.equal(await nameField(page).inputValue(), 'Ada Lovelace');
      assert.equal(await page.page.isDisabled('#save'), true);
    });

    it('leaves the focus where it is when fresher data arrives', async function () {
      const page = await shown();
      await page.page.keyboard.press('Tab');
      await page.show(panelUser({ updatedAt: '2025-02-01T00:00:00Z' }));

      assert.equal(await page.focusedId(), 'delete');
    });

    it('forgets the draft once it is saved', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.keyboard.press('Enter');
      await page.send({ type: 'saved', user: panelUser({ fullName: 'Ada King' }) });

      assert.deepEqual(await page.state(), { userId: 'u-ada' });
    });

    it('keeps what is being typed when fresher data for the user arrives', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.show(panelUser({ updatedAt: '2025-02-01T00:00:00Z' }));

      assert.equal(await nameField(page).inputValue(), 'Ada King');
      assert.equal(await page.focusedId(), 'fullName');
    });
  });

  describe('unsaved marker', function () {
    const dirtyMessages = async (page: PanelPage) =>
      (await page.posted()).filter((m) => (m as { type: string }).type === 'dirty');

    it('tells the extension the name has no unsaved edit once the user shows', async function () {
      const page = await shown();

      assert.deepEqual(await dirtyMessages(page), [{ type: 'dirty', id: 'u-ada', dirty: false }]);
    });

    it('tells the extension of each change to the edit, and once when it is undone', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await nameField(page).fill('Ada Kin');
      await nameField(page).fill('Ada Lovelace');

      assert.deepEqual((await dirtyMessages(page)).slice(1), [
        { type: 'dirty', id: 'u-ada', dirty: true, draft: 'Ada King' },
        { type: 'dirty', id: 'u-ada', dirty: true, draft: 'Ada Kin' },
        { type: 'dirty', id: 'u-ada', dirty: false },
      ]);
    });

    it('reports a draft brought back after a reload as unsaved', async function () {
      const page = await open({ state: { userId: 'u-ada', draft: 'Ada, Countess' } });
      await page.show();

      assert.deepEqual(await dirtyMessages(page), [
        { type: 'dirty', id: 'u-ada', dirty: true, draft: 'Ada, Countess' },
      ]);
    });

    it('reports no unsaved edit once the user is gone', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.send({ type: 'gone', message: 'This user no longer exists in Confluent Cloud.' });

      assert.deepEqual((await dirtyMessages(page)).at(-1), {
        type: 'dirty',
        id: 'u-ada',
        dirty: false,
      });
    });
  });

  describe('someone else changed the user', function () {
    const theirs = panelUser({ fullName: 'Ada Byron', updatedAt: '2025-03-01T08:00:00Z' });

    /** A page whose save of "Ada King" met a newer version on the server. */
    async function inConflict(): Promise<PanelPage> {
      const page = await shown();
      await nameField(page).fill('Ada King');
      await page.page.keyboard.press('Enter');
      await page.send({ type: 'busy', action: 'save' });
      await page.send({ type: 'conflict', user: theirs });
      return page;
    }

    it('says so, names their full name, and keeps what the user typed', async function () {
      const page = await inConflict();

      assert.equal(
        await text(page, '#conflictText'),
        'Someone else changed this user since you opened it. Its full name is now Ada Byron.',
      );
      assert.equal(await page.page.getAttribute('#conflictText', 'role'), 'alert');
      assert.equal(await nameField(page).inputValue(), 'Ada King');
      assert.equal(await text(page, 'h1'), 'Ada Byron');
      assert.equal(await page.focusedId(), 'fullName');
    });

    it('offers Reload and Overwrite, reached by Tab from the name field', async function () {
      const page = await inConflict();

      const order = [await page.focusedId()];
      for (let i = 0; i < 3; i++) {
        await page.page.keyboard.press('Tab');
        order.push(await page.focusedId());
      }

      assert.deepEqual(order, ['fullName', 'conflictReload', 'overwrite', 'save']);
    });

    it('saves the typed name over theirs with Overwrite', async function () {
      const page = await inConflict();
      await page.page.getByRole('button', { name: 'Overwrite' }).click();

      assert.deepEqual((await page.posted()).at(-1), {
        type: 'save',
        id: 'u-ada',
        fullName: 'Ada King',
        force: true,
      });
      assert.equal(await page.page.locator('#conflict').count(), 0);
      assert.equal(await text(page, '#save'), 'Saving…');
    });

    it('shows their name and drops the edit with Reload', async function () {
      const page = await inConflict();
      await page.page.click('#conflictReload');

      assert.equal(await nameField(page).inputValue(), 'Ada Byron');
      assert.deepEqual(await page.state(), { userId: 'u-ada' });
      assert.deepEqual((await page.posted()).slice(-2), [
        { type: 'dirty', id: 'u-ada', dirty: false },
        { type: 'reload', id: 'u-ada' },
      ]);
      assert.equal(await page.page.locator('#conflict').count(), 0);
      assert.equal(await page.focusedId(), 'fullName');
    });

    it('puts the choice away once the edit is reverted', async function () {
      const page = await inConflict();
      await page.page.keyboard.press('Escape');

      assert.equal(await page.page.locator('#conflict').count(), 0);
    });
  });

  describe('copy buttons', function () {
    const fields = [
      { field: 'id', button: '#copyId', label: 'Copy id' },
      { field: 'email', button: '#copyEmail', label: 'Copy email' },
      { field: 'resourceName', button: '#copyResourceName', label: 'Copy resource name' },
    ];
    for (const { field, button, label } of fields) {
      it(`asks the extension to copy the ${field} with "${label}"`, async function () {
        const page = await shown();
        await page.page.getByRole('button', { name: label }).click();

        assert.equal(await page.page.getAttribute(button, 'aria-label'), label);
        assert.deepEqual((await page.posted()).at(-1), { type: 'copy', id: 'u-ada', field });
        assert.match((await text(page, '#status')) ?? '', /^Copied/);
      });
    }

    it('draws the copy icon from the codicon font', async function () {
      const page = await shown();

      const font = await page.page.$eval('#copyId', (node) => getComputedStyle(node).fontFamily);
      assert.equal(font, 'codicon');
      assert.equal(
        await page.page.evaluate(() => document.fonts.check('16px codicon')),
        true,
        'the codicon font loaded',
      );
    });

    it('offers no copy button for a resource name the user does not have', async function () {
      const page = await open();
      await page.show(panelUser({ resourceName: undefined }));

      assert.equal(await page.page.isVisible('#copyResourceName'), false);
      assert.equal(await text(page, '#resourceName'), '—');
    });

    it('keeps the focus on a copy button when fresher data arrives', async function () {
      const page = await shown();
      await page.page.focus('#copyEmail');
      await page.show(panelUser({ updatedAt: '2025-02-01T00:00:00Z' }));

      assert.equal(await page.focusedId(), 'copyEmail');
    });
  });

  describe('relative dates', function () {
    const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

    it('says how long ago each date was, beside the date', async function () {
      const page = await open();
      await page.show(panelUser({ createdAt: daysAgo(92), updatedAt: daysAgo(3) }));

      assert.equal(await text(page, '#createdAt .relative'), '(3 months ago)');
      assert.equal(await text(page, '#updatedAt .relative'), '(3 days ago)');
    });

    it('says it in the locale the extension names', async function () {
      const page = await open();
      await page.show(panelUser({ createdAt: daysAgo(92) }), 'de');

      assert.equal(await text(page, '#createdAt .relative'), '(vor 3 Monaten)');
    });

    it('marks the date up as a time a screen reader can read', async function () {
      const page = await shown();

      assert.equal(
        await page.page.getAttribute('#createdAt time', 'datetime'),
        '2024-03-05T14:30:00.000Z',
      );
    });
  });

  describe('messages it does not expect', function () {
    const strays: unknown[] = [
      null,
      'show',
      42,
      { type: 'eval', code: 'window.__pwned = 1' },
      { type: 'show' },
      { type: 'show', user: { id: 'u-ada', email: 1 }, locale: 'en' },
      { type: 'saved', user: null },
      { type: 'saved', user: panelUser({ id: 'u-grace', fullName: 'Grace Hopper' }) },
      { type: 'saveFailed' },
      { type: 'busy', action: 'explode' },
      { type: 'gone', message: { text: 'no' } },
      { type: 'loadFailed' },
      { type: 'conflict', user: { id: 'u-ada' } },
      { type: 'conflict', user: panelUser({ id: 'u-grace', fullName: 'Grace Hopper' }) },
    ];

    it('ignores unknown types, bad shapes and other users', async function () {
      const page = await shown();
      await nameField(page).fill('Ada King');
      const before = await page.page.content();
      const stateBefore = await page.state();

      for (const stray of strays) {
        await page.send(stray);
      }

      assert.equal(await page.page.content(), before);
      assert.deepEqual(await page.state(), stateBefore);
      assert.equal(await page.window('__pwned'), undefined);
    });

    it('still shows the user when the locale is not one it can use', async function () {
      const page = await open();
      await page.show(panelUser(), 'not a locale!');

      assert.equal(await text(page, 'h1'), 'Ada Lovelace');
      assert.match((await text(page, '#createdAt')) ?? '', /2024/);
    });
  });

  describe('load problems', function () {
    it('offers Reload when the first load failed, and asks again when pressed', async function () {
      const page = await open();
      await page.send({ type: 'loadFailed', message: 'Network is unreachable.' });
      await page.page.getByRole('button', { name: 'Reload' }).click();

      assert.equal(await text(page, '[role=alert]'), 'Network is unreachable.');
      assert.deepEqual(await page.posted(), [{ type: 'ready' }, { type: 'ready' }]);
    });

    it('keeps the user shown when loading it again failed, and offers Reload', async function () {
      const page = await shown();
      await page.send({ type: 'loadFailed', message: 'The server did not answer within 30 s.' });

      assert.equal(await text(page, '#formError'), 'The server did not answer within 30 s.');
      assert.equal(await nameField(page).inputValue(), 'Ada Lovelace');
      await page.page.getByRole('button', { name: 'Reload' }).click();

      assert.deepEqual((await page.posted()).at(-1), { type: 'reload', id: 'u-ada' });
      assert.equal(await text(page, '#formError'), '');
      assert.equal(await page.page.getByRole('button', { name: 'Reload' }).count(), 0);
    });

    it('says a deleted user is gone and offers nothing to save', async function () {
      const page = await shown();
      await page.send({ type: 'gone', message: 'This user no longer exists in Confluent Cloud.' });

      assert.equal(
        await text(page, '[role=alert]'),
        'This user no longer exists in Confluent Cloud.',
      );
      assert.equal(await page.page.locator('button, input').count(), 0);
    });
  });

  describe('layout', function () {
    it('fits a narrow editor group without scrolling sideways', async function () {
      const page = await open({ width: 280 });
      await page.show(panelUser({ fullName: 'W'.repeat(255), email: `${'x'.repeat(80)}@ex.com` }));

      const overflow = await page.page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      assert.equal(overflow, 0);
    });

    it('keeps every control whole and in reach at 200% zoom', async function () {
      const page = await open({ zoom: 2 });
      await page.show(panelUser({ fullName: 'W'.repeat(60), email: `${'x'.repeat(40)}@ex.com` }));
      await nameField(page).fill('Ada King');

      const problems = await page.page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        const found: string[] = [];
        if (document.documentElement.scrollWidth > width) {
          found.push('the page scrolls sideways');
        }
        for (const control of Array.from(document.querySelectorAll<HTMLElement>('input, button'))) {
          const box = control.getBoundingClientRect();
          const name = control.id || control.getAttribute('aria-label') || control.textContent;
          if (box.width === 0 || box.left < 0 || box.right > width) {
            found.push(`${name} is outside the editor`);
          }
          if (control.tagName === 'BUTTON' && control.scrollWidth > control.clientWidth) {
            found.push(`${name} has its label cut`);
          }
        }
        return found;
      });
      assert.deepEqual(problems, []);
      await page.page.keyboard.press('Enter');
      assert.deepEqual((await page.posted()).at(-1), {
        type: 'save',
        id: 'u-ada',
        fullName: 'Ada King',
      });
    });
  });

  describe('themes', function () {
    const targets = {
      title: 'h1',
      'field label': 'label[for=fullName]',
      'name field': '#fullName',
      hint: '#nameHint',
      'error text': '#formError',
      status: '#status',
      'Save button': '#save',
      'Revert button': '#revert',
      'Delete button': '#delete',
      'detail label': '.details dt',
      'detail value': '.details dd',
      'relative date': '.relative',
      'copy button': 'button.icon',
      'conflict notice': '#conflictText',
      'conflict hint': '#conflictHint',
      'Reload button': '#conflictReload',
      'Overwrite button': '#overwrite',
    };

    for (const theme of themes) {
      it(`keeps every text readable (WCAG AA) in ${theme.name}`, async function () {
        const page = await open({ theme });
        await page.show();
        await nameField(page).fill('Ada King');
        await page.send({ type: 'conflict', user: panelUser({ fullName: 'Ada Byron' }) });
        await page.send({ type: 'saveFailed', message: 'The server refused the change.' });
        await screenshot(page, theme.name);

        assert.equal(await page.page.locator('button:disabled').count(), 0, 'all buttons enabled');
        const readings = await page.page.evaluate(measureContrast, targets);
        const failures = readings
          .filter((reading) => reading.ratio < MIN_CONTRAST)
          .map(
            (r) =>
              `${r.name} (${r.selector}): ${r.ratio.toFixed(2)}:1, ${r.foreground} on ${r.background}`,
          );
        assert.deepEqual(failures, [], `${theme.name}: text below ${MIN_CONTRAST}:1`);
      });
    }
  });
});

async function screenshot(page: PanelPage, themeName: string): Promise<void> {
  const folder = path.join(repoRoot, 'test-results');
  fs.mkdirSync(folder, { recursive: true });
  const file = `user-panel-${themeName.toLowerCase().replace(/\s+/g, '-')}.png`;
  await page.page.screenshot({ path: path.join(folder, file), fullPage: true });
}
