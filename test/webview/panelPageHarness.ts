import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { panelHtml } from '../../src/panel/panelHtml';
import { launchChromium } from '../vscode/codeServer';
import type { PanelUser } from '../../src/panel/protocol';
import { themes, themeVariables, type Theme } from './themes';

export const repoRoot = path.resolve(__dirname, '..', '..', '..');
const scriptFile = path.join(repoRoot, 'dist', 'webview', 'userPanel.js');
const styleFile = path.join(repoRoot, 'media', 'userPanel.css');
const codiconFolder = path.join(repoRoot, 'dist', 'codicons');

/** What the stand-in for VS Code keeps on the page's window, for the tests to read. */
export interface StandInWindow {
  __posted: unknown[];
  __state: unknown;
  __setStateCalls: number;
  __cspViolations: string[];
  __pwned?: unknown;
}

export interface OpenOptions {
  /** Webview state as VS Code would hand it back after a reload. */
  state?: unknown;
  theme?: Theme;
  /** The editor's width in screen pixels. */
  width?: number;
  /** Zoom as the window's zoom level sets it: 2 is 200%, half as many CSS pixels, each twice as big. */
  zoom?: number;
  /**
   * In an iframe of a page with a field of its own, focused, as VS Code holds a webview: the
   * keyboard is elsewhere in the window, as when a click in the tree opened the panel.
   */
  framed?: boolean;
}

/** A user as the extension sends it; tests override only what they are about. */
export function panelUser(overrides: Partial<PanelUser> = {}): PanelUser {
  return {
    id: 'u-ada',
    email: 'ada@example.com',
    fullName: 'Ada Lovelace',
    authType: 'AUTH_TYPE_LOCAL',
    createdAt: '2024-03-05T14:30:00Z',
    updatedAt: '2025-01-20T09:15:00Z',
    resourceName: 'crn://confluent.cloud/organization=o-1/identity-provider=local/user=u-ada',
    ...overrides,
  };
}

/** Fails early, with the fix in the message, when the bundle or the browser is missing. */
export function checkPrerequisites(): void {
  if (!fs.existsSync(scriptFile)) {
    throw new Error(
      `${path.relative(repoRoot, scriptFile)} is missing: build it with \`npm run build\` ` +
        '(or `node esbuild.js`) before running the webview tests.',
    );
  }
}

/** The page exactly as the panel builds it, with this server in the place of the webview's origin. */
function pageHtml(origin: string): string {
  return panelHtml({
    cspSource: origin,
    scriptUri: `${origin}/dist/webview/userPanel.js`,
    styleUri: `${origin}/media/userPanel.css`,
    iconStyleUri: `${origin}/dist/codicons/codicon.css`,
  });
}

function codiconFile(name: string): string {
  return path.join(codiconFolder, name);
}

function respond(response: http.ServerResponse, type: string, body: string | Buffer): void {
  response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

/** Serves the page, reading the bundle and stylesheet on each request so a rebuild shows. */
async function startServer(): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((request, response) => {
    const origin = `http://${request.headers.host ?? ''}`;
    if (request.url === '/') {
      respond(response, 'text/html; charset=utf-8', pageHtml(origin));
    } else if (request.url === '/framed') {
      respond(
        response,
        'text/html; charset=utf-8',
        `<!DOCTYPE html><title>Workbench</title><input id="outside" aria-label="Outside">` +
          `<iframe src="${origin}/" width="780" height="600"></iframe>`,
      );
    } else if (request.url === '/dist/webview/userPanel.js') {
      respond(response, 'text/javascript; charset=utf-8', fs.readFileSync(scriptFile));
    } else if (request.url === '/media/userPanel.css') {
      respond(response, 'text/css; charset=utf-8', fs.readFileSync(styleFile));
    } else if (request.url?.startsWith('/dist/codicons/codicon.css')) {
      respond(response, 'text/css; charset=utf-8', fs.readFileSync(codiconFile('codicon.css')));
    } else if (request.url?.startsWith('/dist/codicons/codicon.ttf')) {
      respond(response, 'font/ttf', fs.readFileSync(codiconFile('codicon.ttf')));
    } else if (request.url === '/favicon.ico') {
      // Chromium asks for one; an answer keeps a 404 out of the page's console.
      response.writeHead(204).end();
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}

/**
 * Runs in the page before its script: the stand-in for `acquireVsCodeApi`, and the theme set
 * the way VS Code sets it (variables on the root element, a class on the body), so the page's
 * CSP applies to it exactly as in VS Code.
 */
function installStandIn(seed: {
  state: unknown;
  variables: Record<string, string>;
  kind: string;
}): void {
  const host = window as unknown as StandInWindow & { acquireVsCodeApi?: () => unknown };
  host.__posted = [];
  host.__state = seed.state;
  host.__setStateCalls = 0;
  host.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    host.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
  });
  let acquired = false;
  host.acquireVsCodeApi = () => {
    if (acquired) {
      throw new Error('An instance of the VS Code API has already been acquired');
    }
    acquired = true;
    return Object.freeze({
      postMessage: (message: unknown) => void host.__posted.push(structuredClone(message)),
      getState: () => host.__state,
      setState: (state: unknown) => {
        host.__setStateCalls += 1;
        host.__state = structuredClone(state);
        return state;
      },
    });
  };
  const applyTheme = () => {
    for (const [name, value] of Object.entries(seed.variables)) {
      document.documentElement.style.setProperty(name, value);
    }
    document.body?.classList.add(seed.kind);
  };
  if (document.body) {
    applyTheme();
  } else {
    document.addEventListener('DOMContentLoaded', applyTheme);
  }
}

/** One loaded page and the ways a test talks to it as the extension would. */
export class PanelPage {
  readonly errors: string[] = [];

  /** `frame` is the panel's page: the page itself, or its iframe when framed. */
  constructor(
    readonly page: Page,
    private readonly context: BrowserContext,
    readonly frame: Frame = page.mainFrame(),
  ) {
    page.on('pageerror', (error) => this.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') {
        this.errors.push(message.text());
      }
    });
  }

  /** Delivers a message as VS Code does, by postMessage, and waits until the page handled it. */
  async send(message: unknown): Promise<void> {
    await this.frame.evaluate(
      (data) =>
        new Promise<void>((resolve) => {
          // Registered after the page's own listener, so it runs once the page is done.
          window.addEventListener('message', () => resolve(), { once: true });
          window.postMessage(data, '*');
        }),
      message,
    );
  }

  /** Loads a user as the extension does after the page's `ready`. */
  async show(user: PanelUser = panelUser(), locale = 'en'): Promise<void> {
    await this.send({ type: 'show', user, locale });
  }

  async posted(): Promise<unknown[]> {
    return this.frame.evaluate(() => (window as unknown as StandInWindow).__posted);
  }

  async state(): Promise<unknown> {
    return this.frame.evaluate(() => (window as unknown as StandInWindow).__state);
  }

  async window<K extends keyof StandInWindow>(key: K): Promise<StandInWindow[K]> {
    const value = await this.frame.evaluate(
      (name) => (window as unknown as StandInWindow)[name],
      key,
    );
    return value as StandInWindow[K];
  }

  async focusedId(): Promise<string | undefined> {
    return this.frame.evaluate(() => document.activeElement?.id || undefined);
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}

/** One browser and one server for a whole suite; each test gets a fresh context. */
export class PanelHarness {
  private constructor(
    private readonly browser: Browser,
    private readonly server: http.Server,
    private readonly origin: string,
  ) {}

  static async start(): Promise<PanelHarness> {
    checkPrerequisites();
    const { server, origin } = await startServer();
    try {
      const browser = await launchChromium();
      return new PanelHarness(browser, server, origin);
    } catch (error) {
      server.close();
      throw error;
    }
  }

  /** Opens the page and waits for its `ready`, as the extension does before it posts. */
  async open(options: OpenOptions = {}): Promise<PanelPage> {
    const zoom = options.zoom ?? 1;
    const context = await this.browser.newContext({
      viewport: {
        width: Math.round((options.width ?? 800) / zoom),
        height: Math.round(700 / zoom),
      },
      deviceScaleFactor: zoom,
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    const page = await context.newPage();
    // Well under mocha's timeout, so a missing element fails with its own message.
    page.setDefaultTimeout(5_000);
    const theme = options.theme ?? themes[0];
    // In every frame; a framed page's outer page never asks for the API.
    await page.addInitScript(installStandIn, {
      state: options.state,
      variables: themeVariables(theme),
      kind: theme.kind,
    });
    let frame = page.mainFrame();
    if (options.framed) {
      await page.goto(`${this.origin}/framed`);
      await page.focus('#outside');
      const iframe = await page.waitForSelector('iframe');
      frame = (await iframe.contentFrame()) as Frame;
    } else {
      await page.goto(this.origin);
    }
    const panel = new PanelPage(page, context, frame);
    await frame.waitForFunction(() => (window as unknown as StandInWindow).__posted.length > 0);
    return panel;
  }

  async close(): Promise<void> {
    await this.browser.close();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
