// End to end, as a person would use it: code-server with the extension loaded, signed in to a
// local sandbox through its environment, driven by clicks and keys in headless Chromium.
import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import type { User } from '../../src/api/types';
import { Sandbox, startSandbox } from '../sandbox/server';
import { openUsersView } from '../vscode/sandboxWorkbench';
import {
  SandboxWindow,
  editorTab,
  fullNameField,
  loadMoreRow,
  openSandboxWindow,
  reportFailure,
  row,
  runCommand,
  saveScreenshot,
  until,
  visiblePanel,
  waitForValue,
} from './workbenchUi';

// Small pages, so that two of them and the "Load more…" row fit in the view without scrolling.
const PAGE_SIZE = 10;

// Explicit, since the workbench would otherwise follow the browser's light colour scheme.
const DARK_THEME = 'Default Dark Modern';
const LIGHT_THEME = 'Light Modern';

const NEW_NAME = 'Harriet Smith-Jones';
const DRAFT = 'Hattie Smith-Jones';

function nameOf(user: User): string {
  return user.full_name ?? '';
}

// One window for the whole file: each test goes on from where the one before left off.
describe('Confluent Cloud Users in a real workbench', function () {
  let sandbox: Sandbox;
  let window: SandboxWindow | undefined;
  let page: Page;
  let users: User[];

  before(async function () {
    sandbox = await startSandbox({});
    users = sandbox.users();
    window = await openSandboxWindow(sandbox, {
      'confluentUsers.pageSize': PAGE_SIZE,
      'workbench.colorTheme': DARK_THEME,
    });
    page = window.page;
  });

  afterEach(async function () {
    if (page) {
      await reportFailure(this.currentTest, page);
    }
  });

  after(async function () {
    await window?.close();
    await sandbox?.close();
  });

  it('lists the first page of users and loads the next when "Load more…" is clicked', async function () {
    await openUsersView(page);
    await row(page, nameOf(users[0])).waitFor();
    await loadMoreRow(page)
      .filter({ hasText: `${PAGE_SIZE} of ${users.length}` })
      .waitFor();

    await loadMoreRow(page).click();

    await row(page, nameOf(users[PAGE_SIZE])).waitFor();
    await loadMoreRow(page)
      .filter({ hasText: `${2 * PAGE_SIZE} of ${users.length}` })
      .waitFor();
  });

  it('opens a user from a click in the tree and leaves the keyboard in the tree', async function () {
    const user = users[0];
    await row(page, nameOf(user)).click();
    const panel = visiblePanel(page);
    await panel.getByText(user.email).waitFor();
    await waitForValue(fullNameField(panel), nameOf(user));

    // The page has shown the user, which is when it used to put the cursor in the name field.
    const focused = await page.evaluate(() => ({
      inTree: !!document.activeElement?.closest('#workbench\\.parts\\.sidebar .monaco-list'),
      inWebview: !!document.activeElement?.closest('.webview'),
    }));
    assert.deepEqual(focused, { inTree: true, inWebview: false });
    await page.keyboard.press('End');
    await row(page, 'Load more…').and(page.locator('.focused')).waitFor();
    assert.equal(await fullNameField(panel).inputValue(), nameOf(user));
  });

  it('opens a user from Open User in the Command Palette with the cursor in the name field', async function () {
    const user = users[2];
    await runCommand(page, 'Confluent Users: Open User', nameOf(user));
    const panel = visiblePanel(page);
    await panel.getByText(user.email).waitFor();

    await until('the cursor in the name field', () =>
      fullNameField(panel).evaluate(
        (field) => field === document.activeElement && document.hasFocus(),
      ),
    );
    await closeTab(page, nameOf(user));
  });

  it('renames a user by typing in the panel and pressing Enter', async function () {
    const user = users[0];
    await row(page, nameOf(user)).click();
    await editorTab(page, nameOf(user)).waitFor();
    const panel = visiblePanel(page);
    await panel.getByText(user.email).waitFor();

    await fullNameField(panel).fill(NEW_NAME);
    await fullNameField(panel).press('Enter');

    await panel.getByText('Saved.', { exact: true }).waitFor();
    await row(page, NEW_NAME).waitFor();
    await until('the sandbox to have the new name', () => {
      return sandbox.getUser(user.id)?.full_name === NEW_NAME;
    });
  });

  it('keeps an unsaved name after switching to another tab and back', async function () {
    const other = users[1];
    await row(page, NEW_NAME).click();
    await fullNameField(visiblePanel(page)).fill(DRAFT);
    // The tab marks the unsaved name once the extension has heard of it.
    await editorTab(page, `● ${NEW_NAME}`).waitFor();

    await row(page, nameOf(other)).click();
    await visiblePanel(page).getByText(other.email).waitFor();
    await editorTab(page, NEW_NAME).click();

    await waitForValue(fullNameField(visiblePanel(page)), DRAFT);
  });

  it('shows the Users view and a user panel in the dark theme (README screenshot)', async function () {
    const user = users[1];
    await row(page, nameOf(user)).click();
    await visiblePanel(page).getByText(user.email).waitFor();

    await page.locator('.monaco-workbench.vs-dark').waitFor();
    await saveScreenshot(page, 'screenshot.png');
  });

  it('follows a switch to the light theme, panel included (README screenshot)', async function () {
    await runCommand(page, 'Preferences: Color Theme', LIGHT_THEME);

    await page.locator('.monaco-workbench.vs').waitFor();
    const panel = visiblePanel(page);
    await panel.locator('body.vscode-light').waitFor();
    await panel.getByText(users[1].email).waitFor();
    await saveScreenshot(page, 'screenshot-light.png');
  });

  it('brings the open user panels back, drafts included, after the window reloads', async function () {
    const other = users[1];
    await editorTab(page, nameOf(other)).click();
    await visiblePanel(page).getByText(other.email).waitFor();

    const reloaded = page.waitForEvent('load');
    const before = sandbox.requests.length;
    await runCommand(page, 'Developer: Reload Window');
    await reloaded;

    await visiblePanel(page).getByText(other.email).waitFor({ timeout: 60_000 });
    // The view was open, so the new window lists the first page again, and asks for it once.
    await loadMoreRow(page).waitFor();
    const firstPages = sandbox.requests
      .slice(before)
      .filter((r) => r.path === '/iam/v2/users' && !r.query.page_token);
    assert.equal(firstPages.length, 1, 'first-page requests after the reload');
    await editorTab(page, NEW_NAME).click();
    await waitForValue(fullNameField(visiblePanel(page)), DRAFT);
  });

  it('asks about an unsaved name when its tab is closed, and Cancel brings the tab back', async function () {
    await closeTab(page, `● ${NEW_NAME}`);

    const question = dialog(page);
    await question.getByText(`save the name you typed for "${NEW_NAME}"`).waitFor();
    await saveScreenshot(page, 'closed-tab-question.png');
    await question.getByRole('button', { name: 'Cancel' }).click();

    await editorTab(page, `● ${NEW_NAME}`).waitFor();
    await waitForValue(fullNameField(visiblePanel(page)), DRAFT);
  });

  it('saves the name of a closed tab when Save is chosen', async function () {
    await closeTab(page, `● ${NEW_NAME}`);

    await dialog(page).getByRole('button', { name: 'Save', exact: true }).click();

    await row(page, DRAFT).waitFor();
    await until('the sandbox to have the typed name', () => {
      return sandbox.getUser(users[0].id)?.full_name === DRAFT;
    });
    assert.equal(await editorTab(page, DRAFT).count(), 0, 'the tab stays closed');
  });
});

/** Clicks the close button on an editor tab, as a person would. */
async function closeTab(page: Page, title: string): Promise<void> {
  const tab = editorTab(page, title);
  await tab.hover();
  await tab.getByRole('button', { name: /^Close/ }).click();
}

/** The workbench's own modal dialog. */
function dialog(page: Page): Locator {
  return page.locator('.monaco-dialog-box');
}
