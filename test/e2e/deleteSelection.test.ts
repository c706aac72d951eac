// End to end, as a person would use it: deleting several users at once in code-server, and
// cancelling while the server is still working on the deletes already sent.
import * as assert from 'assert';
import type { Locator, Page } from 'playwright-core';
import type { User } from '../../src/api/types';
import { Sandbox, startSandbox } from '../sandbox/server';
import { openUsersView } from '../vscode/sandboxWorkbench';
import {
  SandboxWindow,
  editorTab,
  loadMoreRow,
  openSandboxWindow,
  reportFailure,
  row,
  until,
  visiblePanel,
} from './workbenchUi';

const PAGE_SIZE = 10;
const SELECTED = 6;
/** The extension sends this many deletes at once. */
const AT_ONCE = 4;

/** A notification, as a toast or in the notifications center. */
function notification(page: Page, text: string): Locator {
  return page.locator('.notification-list-item').filter({ hasText: text });
}

/** Opens the notifications center, where notifications show whether or not they toasted. */
async function showNotifications(page: Page): Promise<void> {
  const center = page.locator('.notifications-center.visible');
  if (!(await center.isVisible())) {
    await page.locator('[id="status.notifications"]').click();
  }
  await center.waitFor();
}

function deletesSent(sandbox: Sandbox): number {
  return sandbox.requests.filter((request) => request.method === 'DELETE').length;
}

describe('Deleting a selection in a real workbench', function () {
  let sandbox: Sandbox;
  let workbench: SandboxWindow;
  let page: Page;
  let users: User[];

  before(async function () {
    sandbox = await startSandbox({ userCount: 30 });
    users = sandbox.users();
    workbench = await openSandboxWindow(sandbox, { 'confluentUsers.pageSize': PAGE_SIZE });
    page = workbench.page;
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, page);
  });

  after(async function () {
    sandbox?.setFaults({});
    await workbench?.close();
    await sandbox?.close();
  });

  it('says it waits for the deletes already sent when cancelled, then sums up', async function () {
    await openUsersView(page);
    await loadMoreRow(page)
      .filter({ hasText: `${PAGE_SIZE} of ${users.length}` })
      .waitFor();
    await row(page, users[0].email).click();
    await editorTab(page, users[0].full_name ?? '').waitFor();
    // Once the panel has shown the user it leaves the focus alone.
    await visiblePanel(page).getByText(users[0].email).waitFor();
    await row(page, users[SELECTED - 1].email).click({ modifiers: ['Shift'] });
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog');
    await dialog.getByText(`Delete ${SELECTED} users?`).waitFor();
    // The deletes sent get no answer until released, so cancelling finds them in flight.
    sandbox.setFaults({ hang: true });
    await dialog.getByRole('button', { name: `Delete ${SELECTED} Users` }).click();
    // This workbench does not always toast a notification; the center shows them all.
    await showNotifications(page);

    const deleting = notification(page, `Deleting ${SELECTED} users`);
    await until('the first deletes to be sent', () => deletesSent(sandbox) === AT_ONCE);
    await deleting.getByRole('button', { name: 'Cancel' }).click();
    await deleting.waitFor({ state: 'detached' });
    await showNotifications(page);

    const cancelling = notification(
      page,
      `Cancelling the delete: waiting for ${AT_ONCE} deletes already sent`,
    );
    await cancelling.waitFor();
    sandbox.setFaults({});
    await notification(
      page,
      `Deleted ${AT_ONCE} of ${SELECTED} users. ${SELECTED - AT_ONCE} not deleted because you cancelled.`,
    ).waitFor();
    await cancelling.waitFor({ state: 'hidden' });
    assert.strictEqual(deletesSent(sandbox), AT_ONCE);
    assert.strictEqual(sandbox.users().length, users.length - AT_ONCE);
  });
});
