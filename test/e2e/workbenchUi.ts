// What a person sees in the workbench, found by role, label and text, and the window to see it in.
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import type { Sandbox } from '../sandbox/server';
import { launchChromium, repoRoot } from '../vscode/codeServer';
import {
  SandboxWorkbench,
  createProfile,
  removeProfile,
  startSandboxWorkbench,
  treeRows,
} from '../vscode/sandboxWorkbench';
import { eventually } from '../eventually';

export function row(page: Page, text: string): Locator {
  return treeRows(page).filter({ hasText: text });
}

export function loadMoreRow(page: Page): Locator {
  return row(page, 'Load more…');
}

export function editorTab(page: Page, title: string): Locator {
  return page.getByRole('tab', { name: title });
}

/**
 * The page inside the visible user panel. A webview is two iframes deep: the workbench's
 * `iframe.webview`, ready once loaded, holding `#active-frame` with the page itself.
 */
export function visiblePanel(page: Page): FrameLocator {
  return page
    .locator('iframe.webview.ready')
    .filter({ visible: true })
    .contentFrame()
    .locator('iframe#active-frame')
    .contentFrame();
}

/** Runs a command from the Command Palette, answering the quick pick it opens with `choice`. */
export async function runCommand(page: Page, command: string, choice?: string): Promise<void> {
  // A quick pick still closing (after Escape, say) would take F1 and the typing after it.
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await page.keyboard.press('F1');
  await pick(page, command);
  if (choice !== undefined) {
    await pick(page, choice);
  }
}

/** Filters the open quick pick by `label` and clicks that entry, not whatever sorts first. */
async function pick(page: Page, label: string): Promise<void> {
  const quickInput = page.locator('.quick-input-widget');
  await quickInput.getByRole('textbox').pressSequentially(label);
  // An entry's accessible name may go on with its keybinding: "Label, Control+K Control+T".
  const name = new RegExp(`^${escapeRegExp(label)}(,|$)`);
  await quickInput.getByRole('option', { name }).click();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function fullNameField(panel: FrameLocator): Locator {
  return panel.getByLabel('Full name');
}

/**
 * Saves the whole window: over the README's picture with UPDATE_SCREENSHOTS=1, else into the
 * git-ignored test-results folder for a look.
 */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  const folder =
    process.env.UPDATE_SCREENSHOTS === '1' ? path.join(repoRoot(), 'media') : resultsDir();
  // Onto the empty middle of the status bar, so that no hover tooltip covers the picture.
  const { width, height } = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.mouse.move(width / 2, height - 10);
  await page.screenshot({ path: path.join(folder, name) });
}

/** What the window showed when a test failed, named after the test. */
export async function saveFailure(page: Page, title: string): Promise<string> {
  const file = path.join(resultsDir(), `failed-${title.replace(/[^\w-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** For `afterEach`: keeps what the window showed if the test that just ran failed. */
export async function reportFailure(test: Mocha.Test | undefined, page: Page): Promise<void> {
  if (test?.state === 'failed') {
    console.log(`  Screenshot of the failure: ${await saveFailure(page, test.title)}`);
  }
}

function resultsDir(): string {
  const folder = path.join(repoRoot(), 'test-results', 'e2e');
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** Waits until `field` holds `expected`; the failure says what it held instead. */
export async function waitForValue(field: Locator, expected: string): Promise<void> {
  let actual: string | undefined;
  try {
    await until(`the field to hold "${expected}"`, async () => {
      actual = await field.inputValue();
      return actual === expected;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; it holds "${actual}"`, { cause: error });
  }
}

/** Waits for a condition the UI reaches asynchronously; the workbench is slower than the host. */
export function until<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  return eventually(what, probe, timeoutMs, 100);
}

/** code-server with the extension, signed in to a sandbox, open in headless Chromium. */
export interface SandboxWindow {
  page: Page;
  /** Closes the browser, stops code-server and removes the throwaway profile. */
  close(): Promise<void>;
}

/** Opens a window on a fresh profile whose user settings add `settings`. */
export async function openSandboxWindow(
  sandbox: Sandbox,
  settings: Record<string, unknown> = {},
): Promise<SandboxWindow> {
  const profile = createProfile(sandbox.url, settings);
  let workbench: SandboxWorkbench | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await workbench?.server.stop();
    removeProfile(profile);
  };
  try {
    workbench = await startSandboxWorkbench(profile, sandbox);
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(workbench.url);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
