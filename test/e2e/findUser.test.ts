// End to end, as a person would use it: Find User in code-server, looking for someone on a page
// the Users view has not loaded yet, against a local sandbox that can hold its answers back.
import * as assert from 'assert';
import type { Locator, Page } from 'playwright-core';
import type { User } from '../../src/api/types';
import { RecordedRequest, Sandbox, startSandbox } from '../sandbox/server';
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
  until,
  visiblePanel,
} from './workbenchUi';

// Small pages, so that the view shows every loaded row and its "Load more…" row unscrolled.
const PAGE_SIZE = 5;
const USER_COUNT = 100;
const PAGE_COUNT = USER_COUNT / PAGE_SIZE;

/** Slow enough to see pages stream in one by one. */
const SLOW_PAGE_MS = 400;

const FIND_COMMAND = 'Confluent Users: Find User…';

/** Someone on one of the last pages, and a word of their name that finds them alone. */
interface Target {
  user: User;
  query: string;
}

/** The first user from `from` on with a plain word in their name that no other user has. */
function loneMatch(users: User[], from: number): Target {
  const texts = users.map((user) => fold(`${user.full_name}\n${user.email}\n${user.id}`));
  for (const user of users.slice(from)) {
    for (const word of fold(user.full_name ?? '').split(' ')) {
      const hits = texts.filter((text) => text.includes(word)).length;
      if (/^[a-z]{4,}$/.test(word) && hits === 1) {
        return { user, query: word };
      }
    }
  }
  throw new Error(`No user from #${from} on has a name word of their own`);
}

// As Find matches: ignoring case and accents.
function fold(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

function quickInput(page: Page): Locator {
  return page.locator('.quick-input-widget');
}

/** The quick pick's title, where Find User counts matches and loaded users. */
function findTitle(page: Page, text: string | RegExp): Locator {
  return quickInput(page).locator('.quick-input-title').filter({ hasText: text });
}

/** The thin bar under the input that runs while the quick pick is busy. */
function busyBar(page: Page): Locator {
  return quickInput(page).locator('.quick-input-progress.active');
}

/** The `position`th row of the quick pick's list, counted from 1, if it shows `text`. */
function rowAt(page: Page, position: number, text: string | undefined): Locator {
  return quickInput(page)
    .locator(`.monaco-list-row[aria-posinset="${position}"]`)
    .filter({ hasText: text ?? '' });
}

/** The highlighted row, which Enter opens. */
function focused(page: Page): Locator {
  return quickInput(page).locator('.monaco-list-row.focused');
}

/** The highlighted row, which Enter opens, if it is the `position`th and shows `text`. */
function focusedRow(page: Page, position: number, text: string | undefined): Locator {
  return quickInput(page)
    .locator(`.monaco-list-row.focused[aria-posinset="${position}"]`)
    .filter({ hasText: text ?? '' });
}

function option(page: Page, user: User): Locator {
  return quickInput(page).getByRole('option').filter({ hasText: user.email });
}

/** The search icon in the Users view's title. */
function findButton(page: Page): Locator {
  return page.locator('#workbench\\.parts\\.sidebar').getByRole('button', { name: 'Find User…' });
}

/** How many users the open Find says are loaded, while it still loads. */
async function loadedInFind(page: Page): Promise<number> {
  const title = await quickInput(page).locator('.quick-input-title').textContent();
  const match = /\((\d+) of \d+ loaded…\)/.exec(title ?? '');
  return match ? Number(match[1]) : 0;
}

async function typeInFind(page: Page, query: string): Promise<void> {
  await findTitle(page, 'Find User').waitFor();
  await quickInput(page).getByRole('textbox').pressSequentially(query);
}

function countText(loaded: number): string {
  return `${loaded} of ${USER_COUNT}`;
}

/** Waits for the "Load more…" row, which only shows while nothing loads, to count `loaded`. */
async function loadMoreSays(page: Page, loaded: number): Promise<void> {
  await loadMoreRow(page)
    .filter({ hasText: countText(loaded) })
    .waitFor();
}

/** The list requests the sandbox received from the `since`th request on. */
function listRequests(sandbox: Sandbox, since: number): RecordedRequest[] {
  return sandbox.requests.slice(since).filter((request) => request.path === '/iam/v2/users');
}

function pageTokens(requests: RecordedRequest[]): string[] {
  return requests.map((request) => request.query.page_token ?? '(first page)');
}

/** The pages asked for more than once. */
function repeated(tokens: string[]): string[] {
  return [...new Set(tokens.filter((token, index) => tokens.indexOf(token) !== index))];
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// One window for the whole file: each test goes on from where the one before left off.
describe('Find User in a real workbench', function () {
  let sandbox: Sandbox;
  let workbench: SandboxWindow;
  let page: Page;
  /** Found from the first page while pages stream in; then found where the list ends. */
  let toOpen: Target;
  let toFind: Target;
  // Requests are counted from the first page on, and again from the refresh on.
  let sinceFirstPage: number;
  let sinceRefresh: number;
  let heldToken: string;
  let loadedWhenClosed: number;

  before(async function () {
    sandbox = await startSandbox({ userCount: USER_COUNT });
    const users = sandbox.users();
    toOpen = loneMatch(users, USER_COUNT - 2 * PAGE_SIZE);
    toFind = loneMatch(users, USER_COUNT - PAGE_SIZE);
    workbench = await openSandboxWindow(sandbox, { 'confluentUsers.pageSize': PAGE_SIZE });
    page = workbench.page;
  });

  afterEach(async function () {
    await reportFailure(this.currentTest, page);
  });

  after(async function () {
    await workbench?.close();
    await sandbox?.close();
  });

  it('counts the loaded users while a match is still on a page to come', async function () {
    await openUsersView(page);
    await loadMoreSays(page, PAGE_SIZE);
    sinceFirstPage = sandbox.requests.length;
    // The next page waits until released, so Find is seen while it loads.
    sandbox.setFaults({ hang: true });

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, toOpen.query);

    await findTitle(page, `Find User — 0 matches (${countText(PAGE_SIZE)} loaded…)`).waitFor();
    await busyBar(page).waitFor();
  });

  it('shows the match once its page streams in, and opens the user picked with Enter', async function () {
    const { user } = toOpen;
    sandbox.setFaults({});

    await option(page, user).waitFor();
    await findTitle(page, `Find User — 1 match among ${USER_COUNT} users`).waitFor();
    await busyBar(page).waitFor({ state: 'hidden' });
    await page.keyboard.press('Enter');

    await editorTab(page, user.full_name ?? '').waitFor();
    await visiblePanel(page).getByRole('heading', { name: user.full_name }).waitFor();
    await visiblePanel(page).getByText(user.email).waitFor();
    const tokens = pageTokens(listRequests(sandbox, sinceFirstPage));
    assert.deepStrictEqual(repeated(tokens), [], 'pages asked twice');
    assert.strictEqual(tokens.length, PAGE_COUNT - 1, 'pages asked after the first');
  });

  it('stops loading when Find is closed mid-stream, keeping the pages that came', async function () {
    await runCommand(page, 'Confluent Users: Refresh');
    await loadMoreSays(page, PAGE_SIZE);
    sinceRefresh = sandbox.requests.length;
    sandbox.setFaults({ latencyMs: SLOW_PAGE_MS });
    await findButton(page).click();
    await typeInFind(page, toFind.query);
    await until('a page to stream in', async () => (await loadedInFind(page)) > PAGE_SIZE);
    loadedWhenClosed = await holdNextPage();

    await page.keyboard.press('Escape');

    await loadMoreSays(page, loadedWhenClosed);
    const asked = listRequests(sandbox, sinceRefresh).length;
    // Without latency, a page that anyone still wanted would be asked for at once.
    sandbox.setFaults({});
    await pause(1_000);
    assert.strictEqual(listRequests(sandbox, sinceRefresh).length, asked, 'pages asked after');
  });

  it('asks only for the pages still missing, on "Load more…" and when Find opens again', async function () {
    const { user, query } = toFind;
    await loadMoreRow(page).click();
    await loadMoreSays(page, loadedWhenClosed + PAGE_SIZE);

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, query);
    await option(page, user).waitFor();
    await findTitle(page, `Find User — 1 match among ${USER_COUNT} users`).waitFor();
    await page.keyboard.press('Escape');

    const tokens = pageTokens(listRequests(sandbox, sinceRefresh));
    // The page Find gave up on never arrived, so "Load more…" asks for it once more.
    assert.deepStrictEqual(repeated(tokens), [heldToken], 'pages asked twice');
    assert.strictEqual(new Set(tokens).size, PAGE_COUNT - 1, 'pages asked after the first');
  });

  it('highlights the top row as better matches stream in, and Enter opens it', async function () {
    const [zed, mia, ames] = nameForQuokka();
    await runCommand(page, 'Confluent Users: Refresh');
    await loadMoreSays(page, PAGE_SIZE);
    sandbox.setFaults({ latencyMs: 100 });

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, 'quokka');

    await findTitle(page, `Find User — 3 matches among ${USER_COUNT} users`).waitFor();
    // VS Code lists labels that begin with the text first, then A to Z.
    await rowAt(page, 1, ames.full_name).waitFor();
    await rowAt(page, 2, mia.full_name).waitFor();
    await rowAt(page, 3, zed.full_name).waitFor();
    await focusedRow(page, 1, ames.full_name).waitFor();
    await page.keyboard.press('Enter');

    await editorTab(page, ames.full_name ?? '').waitFor();
    await panelReady(ames);
    sandbox.setFaults({});
  });

  it('keeps the row the user moved to while more matches stream in', async function () {
    const [zed, mia] = nameForQuokka();
    await runCommand(page, 'Confluent Users: Refresh');
    await loadMoreSays(page, PAGE_SIZE);
    await keyboardInTree();
    await loadMoreRow(page).click();
    await loadMoreRow(page).click();
    await loadMoreSays(page, 3 * PAGE_SIZE);
    sandbox.setFaults({ hang: true });

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, 'quokka');
    await findTitle(page, `Find User — 2 matches (${countText(3 * PAGE_SIZE)} loaded…)`).waitFor();
    await focusedRow(page, 1, mia.full_name).waitFor();
    await page.keyboard.press('ArrowDown');
    await focusedRow(page, 2, zed.full_name).waitFor();
    // The rest stream in one by one, so the list is redrawn several times with the row kept.
    sandbox.setFaults({ latencyMs: 150 });

    await findTitle(page, `Find User — 3 matches among ${USER_COUNT} users`).waitFor();
    await focusedRow(page, 3, zed.full_name).waitFor();
    await page.keyboard.press('Enter');

    await editorTab(page, zed.full_name ?? '').waitFor();
    await panelReady(zed);
    sandbox.setFaults({});
  });

  it('keeps the row picked with the arrow keys among many matches as pages stream in', async function () {
    await runCommand(page, 'Confluent Users: Refresh');
    await loadMoreSays(page, PAGE_SIZE);
    await keyboardInTree();
    sandbox.setFaults({ latencyMs: 150 });

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, 'e');
    await until('a few pages to stream in', async () => (await loadedInFind(page)) > 2 * PAGE_SIZE);
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowDown');
    }
    const picked = await focused(page).getAttribute('aria-label');
    assert.ok(picked, 'a row is highlighted');

    await findTitle(page, new RegExp(`among ${USER_COUNT} users$`)).waitFor();
    assert.equal(await focused(page).getAttribute('aria-label'), picked);
    await page.keyboard.press('Escape');
    sandbox.setFaults({});
  });

  it('says in its title that it waits out a rate limit, and for how long', async function () {
    await runCommand(page, 'Confluent Users: Refresh');
    await loadMoreSays(page, PAGE_SIZE);
    await keyboardInTree();
    sandbox.setFaults({ rateLimitEvery: 2, retryAfterSeconds: 3 });

    await runCommand(page, FIND_COMMAND);
    await typeInFind(page, 'quokka');

    await findTitle(page, /rate limited \(429\), trying again in [1-3] s/).waitFor();
    sandbox.setFaults({});
    await findTitle(
      page,
      new RegExp(`^Find User — 3 matches among ${USER_COUNT} users$`),
    ).waitFor();
    await page.keyboard.press('Escape');
  });

  /**
   * Puts the keyboard in the Users view, as a click on a row does. After a panel took it, the
   * workbench gives it back to that panel whenever the Command Palette closes, and a panel
   * taking it back can close a quick pick opened just then.
   */
  async function keyboardInTree(): Promise<void> {
    await row(page, sandbox.users()[0].email).click();
    await until('the keyboard in the Users view', () =>
      page.evaluate(() => Boolean(document.activeElement?.closest('.monaco-list'))),
    );
  }

  /** Waits until the panel shows `user` and its name field has the keyboard, as on opening. */
  async function panelReady(user: User): Promise<void> {
    const panel = visiblePanel(page);
    await panel.getByRole('heading', { name: user.full_name }).waitFor();
    await until('the name field to take the keyboard', () =>
      fullNameField(panel).evaluate((field) => field === document.activeElement),
    );
  }

  /**
   * Names three users "quokka": on the first page, the third and the last, in an order A to Z
   * that differs from the list's. Returns them as renamed, in list order.
   */
  function nameForQuokka(): User[] {
    const names: Array<[number, string]> = [
      [1, 'Zed Quokkaberg'],
      [2 * PAGE_SIZE + 2, 'Mia Quokkason'],
      [USER_COUNT - 3, 'Quokka Ames'],
    ];
    const users = sandbox.users();
    return names.map(([index, fullName]) => {
      const user = { ...users[index], full_name: fullName };
      sandbox.putUser(user);
      return user;
    });
  }

  /**
   * Holds back the next page Find asks for and waits until everything before it has arrived;
   * resolves with how many users are then loaded.
   */
  async function holdNextPage(): Promise<number> {
    const before = sandbox.requests.length;
    sandbox.setFaults({ hang: true });
    await until('the next page to be asked for', () => sandbox.requests.length > before);
    heldToken = pageTokens(listRequests(sandbox, before))[0];
    // The first page, plus one for each page asked for since, but the one held back.
    const loaded = listRequests(sandbox, sinceRefresh).length * PAGE_SIZE;
    await findTitle(page, `(${countText(loaded)} loaded…)`).waitFor();
    await row(page, 'Loading…').waitFor();
    return loaded;
  }
});
