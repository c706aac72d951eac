import * as os from 'node:os';
import * as vscode from 'vscode';
import type { User } from '../api/types';
import { formatCount } from '../counts';
import { exportFileName, exportText, type ExportFormat } from '../export/userExport';
import type { Logger } from '../log/logger';
import { filterMatcher } from '../tree/userMatch';
import type { UsersModel } from '../tree/usersModel';
import { countText, type UsersTreeProvider } from '../tree/usersTreeProvider';
import { plural } from './deleteMany';
import type { Prompts } from './prompts';
import { waitNotice } from '../retryNotice';
import type { RetryWait } from '../api/retryPolicy';
import { reportError } from './runCommand';

export interface ExportContext {
  model: UsersModel;
  tree: UsersTreeProvider;
  prompts: Prompts;
  log: Logger;
  /** Pages of the list waiting to be asked for again, e.g. after a 429: the progress says so. */
  pageWaits?: vscode.Event<RetryWait>;
}

export type ExportScope = 'loaded' | 'filtered' | 'all';

/** What tests and keybindings may pass to skip the two quick picks; the save dialog still asks. */
export interface ExportRequest {
  scope?: ExportScope;
  format?: ExportFormat;
}

/** What the export came to, as its notification said: the users written, or why none were. */
export type ExportResult =
  | { written: true; file: string; count: number }
  | { written: false; file: string; message: string };

type Pick<T> = vscode.QuickPickItem & { value: T };

/** Exports users to a CSV or JSON file the user picks; undefined when dismissed or cancelled. */
export async function exportUsers(
  context: ExportContext,
  argument: unknown,
): Promise<ExportResult | undefined> {
  const request = (typeof argument === 'object' && argument ? argument : {}) as ExportRequest;
  const scope = request.scope ?? (await pickScope(context));
  const format = scope && (request.format ?? (await pickFormat()));
  if (!scope || !format) {
    return undefined;
  }
  const uri = await context.prompts.pickSaveFile(defaultUri(format), fileFilters(format));
  if (!uri) {
    return undefined;
  }
  let count: number | undefined;
  try {
    count = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Exporting users',
        cancellable: true,
      },
      (progress, token) => writeExport(context, { scope, format, uri }, progress, token),
    );
  } catch (error) {
    const message = `Export failed: ${sentence(errorMessage(error))}`;
    reportError(context.log, 'Export failed', new Error(message));
    return { written: false, file: uri.fsPath, message };
  }
  if (count === undefined) {
    void vscode.window.showInformationMessage('Export cancelled; no file was written.');
    return undefined;
  }
  context.log.info('Exported users', { count, format, scope });
  void offerToOpen(uri, count);
  return { written: true, file: uri.fsPath, count };
}

async function offerToOpen(uri: vscode.Uri, count: number): Promise<void> {
  const name = uri.path.split('/').pop();
  const open = 'Open File';
  const choice = await vscode.window.showInformationMessage(
    `Exported ${plural(count, 'user')} to ${name}.`,
    open,
  );
  if (choice === open) {
    await vscode.window.showTextDocument(uri);
  }
}

async function writeExport(
  context: ExportContext,
  { scope, format, uri }: { scope: ExportScope; format: ExportFormat; uri: vscode.Uri },
  progress: vscode.Progress<{ message?: string }>,
  token: vscode.CancellationToken,
): Promise<number | undefined> {
  const { model } = context;
  if (scope === 'all') {
    const cancel = new AbortController();
    const subscription = token.onCancellationRequested(() => cancel.abort());
    const report = () => progress.report({ message: countText(model.size, model.totalSize) });
    report();
    const waiting = context.pageWaits?.((wait) => {
      if (!cancel.signal.aborted) {
        const loaded = countText(model.size, model.totalSize);
        progress.report({ message: `${loaded} — ${waitNotice(wait)}` });
      }
    });
    try {
      await model.loadAll(cancel.signal, report);
    } catch (error) {
      // Nothing is written until every page is in, so a page that failed leaves no file behind.
      throw new Error(`${sentence(errorMessage(error))} No file was written.`, { cause: error });
    } finally {
      subscription.dispose();
      waiting?.dispose();
    }
    if (cancel.signal.aborted) {
      return undefined;
    }
  }
  const users = usersIn(context, scope);
  progress.report({ message: `Writing ${plural(users.length, 'user')}…` });
  try {
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exportText(users, format)));
  } catch (error) {
    throw new Error(`Could not write ${uri.path.split('/').pop()}: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  return users.length;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Ends a reason with a full stop unless it has its own, so a sentence can follow it. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function usersIn({ model, tree }: ExportContext, scope: ExportScope): User[] {
  const filter = tree.filter;
  return scope === 'filtered' && filter ? model.users.filter(filterMatcher(filter)) : model.users;
}

async function pickScope(context: ExportContext): Promise<ExportScope | undefined> {
  const { model, tree } = context;
  const picks: Pick<ExportScope>[] = [
    { label: `Loaded users (${formatCount(model.size)})`, value: 'loaded' },
    ...(tree.filter
      ? [
          {
            label: `Users matching the filter (${formatCount(usersIn(context, 'filtered').length)})`,
            value: 'filtered' as const,
          },
        ]
      : []),
    {
      label: 'All users',
      description: model.complete ? 'all are loaded' : 'fetches the remaining pages',
      value: 'all',
    },
  ];
  const picked = await vscode.window.showQuickPick(picks, {
    title: 'Export Users (1/2)',
    placeHolder: 'Which users?',
  });
  return picked?.value;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picks: Pick<ExportFormat>[] = [
    { label: 'CSV', description: 'for spreadsheets', value: 'csv' },
    { label: 'JSON', description: 'the users as the API describes them', value: 'json' },
  ];
  const picked = await vscode.window.showQuickPick(picks, {
    title: 'Export Users (2/2)',
    placeHolder: 'Which format?',
  });
  return picked?.value;
}

function defaultUri(format: ExportFormat): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  return vscode.Uri.joinPath(folder, exportFileName(format));
}

function fileFilters(format: ExportFormat): Record<string, string[]> {
  return format === 'csv' ? { 'CSV files': ['csv'] } : { 'JSON files': ['json'] };
}
