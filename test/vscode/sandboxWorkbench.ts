// The extension in code-server, pointed at a local sandbox and signed in through the
// environment: what the demo and the end-to-end tests both open in a browser.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { writeSandboxSettings } from '../../scripts/sandboxSettings';
import type { Sandbox } from '../sandbox/server';
import { RunningCodeServer, repoRoot, startCodeServer, workbenchUrl } from './codeServer';

export const VIEW_CONTAINER_TITLE = 'Confluent Cloud Users';

/** A throwaway profile: user data, extensions and an empty workspace folder. */
export interface Profile {
  dir: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
}

export interface SandboxWorkbench {
  server: RunningCodeServer;
  /** Opens the workbench with the extension under development loaded. */
  url: string;
}

/** A fresh profile whose user settings point the extension at the sandbox, plus `settings`. */
export function createProfile(apiBaseUrl: string, settings: Record<string, unknown> = {}): Profile {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ccu-workbench-'));
  const profile = {
    dir,
    userDataDir: path.join(dir, 'user-data'),
    extensionsDir: path.join(dir, 'extensions'),
    workspace: path.join(dir, 'workspace'),
  };
  writeUserSettings(profile, settings);
  writeSandboxSettings(profile.userDataDir, apiBaseUrl);
  fs.mkdirSync(profile.extensionsDir);
  fs.mkdirSync(profile.workspace);
  return profile;
}

export function removeProfile(profile: Profile): void {
  fs.rmSync(profile.dir, { recursive: true, force: true });
}

/** Merges `settings` into the profile's user settings.json; a running workbench picks them up. */
export function writeUserSettings(profile: Profile, settings: Record<string, unknown>): void {
  const file = path.join(profile.userDataDir, 'User', 'settings.json');
  const current = fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>)
    : {};
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...current, ...settings }, null, 2) + '\n');
}

/** The names the extension reads its credentials from when none are stored. */
export function credentialEnv(sandbox: Sandbox): Record<string, string> {
  return {
    CONFLUENT_CLOUD_API_KEY: sandbox.credentials.apiKey,
    CONFLUENT_CLOUD_API_SECRET: sandbox.credentials.apiSecret,
  };
}

/** Starts code-server for `profile`, with the sandbox's credentials in its environment only. */
export async function startSandboxWorkbench(
  profile: Profile,
  sandbox: Sandbox,
  port?: number,
): Promise<SandboxWorkbench> {
  const server = await startCodeServer({
    folder: profile.workspace,
    userDataDir: profile.userDataDir,
    extensionsDir: profile.extensionsDir,
    env: credentialEnv(sandbox),
    ...(port === undefined ? {} : { port }),
  });
  const url = workbenchUrl(server.port, profile.workspace, {
    extensionDevelopmentPath: repoRoot(),
  });
  return { server, url };
}

/** Clicks the extension's activity-bar entry, waiting for the workbench to show it. */
export async function openUsersView(page: Page): Promise<void> {
  // A badge carries the same label; the link is the entry to click.
  const entry = page.locator(`a.action-label[aria-label^="${VIEW_CONTAINER_TITLE}"]`).first();
  await entry.click({ timeout: 90_000 });
  // Away from the activity bar, so that no hover tooltip covers the view.
  await page.mouse.move(640, 400);
}

/** The Users view's rows, the "Load more…" row among them. */
export function treeRows(page: Page) {
  return page.locator('#workbench\\.parts\\.sidebar .monaco-list-row');
}
