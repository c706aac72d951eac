import * as vscode from 'vscode';
import { closeSharedPools } from './api/dispatcher';
import type { RetryWait } from './api/retryPolicy';
import type { RequestRecord } from './api/types';
import { CredentialStore } from './auth/credentialStore';
import { Session } from './auth/session';
import { SignInFlow } from './auth/signIn';
import { modalPrompts, type Prompts } from './commands/prompts';
import { registerListCommands } from './commands/listCommands';
import { isListRequest, waitText } from './retryNotice';
import { registerUserCommands } from './commands/userCommands';
import { Commands, OUTPUT_CHANNEL_NAME, USERS_VIEW_ID } from './constants';
import { createLogger, type Logger } from './log/logger';
import { registerUserPanelSerializer, UserPanels } from './panel/userPanels';
import { affectsSettings, readSettings } from './settings';
import { findUsers, type FindProgress } from './tree/findUsers';
import { UsersModel } from './tree/usersModel';
import { isUserNode } from './tree/treeNodes';
import { UsersTreeProvider } from './tree/usersTreeProvider';

/** What `activate` returns: the live parts, so integration tests can observe what a user sees. */
export interface ExtensionApi {
  session: Session;
  model: UsersModel;
  tree: UsersTreeProvider;
  treeView: vscode.TreeView<unknown>;
  panels: UserPanels;
  prompts: Prompts;
  ready: Promise<void>;
  /** What the Find User quick pick shows as the user types: matches so far, then after each page. */
  find(query: string, signal: AbortSignal): AsyncGenerator<FindProgress>;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  const log = createLogger(channel, 'extension');
  const authLog = createLogger(channel, 'auth');
  const httpLog = createLogger(channel, 'http');
  const session = new Session(
    new CredentialStore(context.secrets),
    authLog,
    requestLogger(httpLog),
  );
  const model = new UsersModel(async (pageToken, signal) => {
    const page = await session
      .client()
      .listUsers({ pageSize: readSettings().pageSize, pageToken, signal });
    panels.follow(page.users);
    return page;
  });
  const tree = new UsersTreeProvider(model, () => session.signedIn);
  const treeView = vscode.window.createTreeView(USERS_VIEW_ID, {
    treeDataProvider: tree,
    canSelectMany: true,
  });
  const prompts: Prompts = { ...modalPrompts };
  // Pages of the list waiting to be asked for again, e.g. after a 429: the view, Find and the
  // export say so while they wait.
  const pageWaits = new vscode.EventEmitter<RetryWait>();
  const panels = new UserPanels({
    extensionUri: context.extensionUri,
    log: createLogger(channel, 'panel'),
    getUser: (id, signal) => session.client().getUser(id, { signal }),
    updateFullName: (id, fullName) => session.client().updateFullName(id, fullName),
    userChanged: (user) => model.replace(user),
    userGone: (id) => model.remove(id),
    prompts,
  });
  const updateView = () => describeView(treeView, session, tree);

  context.subscriptions.push(
    channel,
    session,
    tree,
    treeView,
    panels,
    tree.onDidChangeView(updateView),
    session.onDidChange(() => model.clear()),
    pageWaits,
    session.onDidWaitToRetry((wait) => {
      logWait(httpLog, wait);
      if (isListRequest(wait.path)) {
        pageWaits.fire(wait);
      }
    }),
    pageWaits.event((wait) => tree.showWait(wait)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affectsSettings(event)) {
        session.settingsChanged();
      }
    }),
    ...registerUserCommands({
      session,
      signInFlow: new SignInFlow(session, authLog),
      model,
      panels,
      prompts,
      log,
      showLogs: () => channel.show(),
    }),
    ...registerListCommands({
      model,
      tree,
      panels,
      prompts,
      log,
      pageWaits: pageWaits.event,
    }),
    // A key binding passes no row, so the Delete key hands the view's selection on itself.
    vscode.commands.registerCommand(Commands.deleteSelectedUsers, () => {
      const selection = treeView.selection.filter(isUserNode);
      return selection.length === 0
        ? false
        : vscode.commands.executeCommand(Commands.deleteUser, selection[0], selection);
    }),
  );
  // Reading SecretStorage is local; no request goes to the API until the view is shown.
  const ready = session.reload().then(updateView);
  context.subscriptions.push(registerUserPanelSerializer(panels, ready));
  const find = (query: string, signal: AbortSignal) => findUsers(model, query, signal);
  return { session, model, tree, treeView, panels, prompts, ready, find };
}

export function deactivate(): Promise<void> {
  return closeSharedPools();
}

function requestLogger(log: Logger): (record: RequestRecord) => void {
  return (record) => {
    const outcome = record.status ?? record.error ?? 'no answer';
    const fields = {
      ms: Math.round(record.durationMs),
      requestId: record.requestId,
      attempt: record.attempt,
    };
    const line = `${record.method} ${record.path} → ${outcome}`;
    if (record.status !== undefined && record.status < 400) {
      // A find or an export reads hundreds of pages; a line for each, shown by default, kept the
      // window busy. Reads that worked show at the Debug log level; changes and failures always.
      if (record.method === 'GET') {
        log.debug(line, fields);
      } else {
        log.info(line, fields);
      }
    } else {
      log.warn(line, fields);
    }
  };
}

function logWait(log: Logger, wait: RetryWait): void {
  log.warn(
    `${wait.method} ${wait.path} → ${wait.outcome}: trying again in ${waitText(wait.delayMs)}`,
    {
      attempt: wait.attempt,
    },
  );
}

function describeView(
  view: vscode.TreeView<unknown>,
  session: Session,
  tree: UsersTreeProvider,
): void {
  view.description = tree.description();
  const credentials = session.storageProblem
    ? `Credentials cannot be kept: ${session.storageProblem}`
    : session.describeSource();
  // A view alone in its container has no header for the description, so a filter also says
  // so above the rows, where it cannot be missed.
  const filter = tree.filter ? tree.description() : undefined;
  const parts = [credentials, filter, tree.problem(), tree.waitMessage()];
  view.message = parts.filter(Boolean).join('\n') || undefined;
}
