import * as os from 'node:os';
import * as vscode from 'vscode';
import type { User } from '../api/types';
import { exportFileName, exportText, type ExportFormat } from '../export/userExport';
import type { Logger } from '../log/logger';
import { filterMatcher } from '../tree/userMatch';
import type { UsersModel } from '../tree/usersModel';
import { countText, type UsersTreeProvider } from '../tree/usersTreeProvider';
import { plural } from './deleteMany';
import type { Prompts } from './prompts';

export interface ExportContext {
  model: UsersModel;
  tree: UsersTreeProvider;
  prompts: Prompts;
  log: Logger;
}

export type ExportScope = 'loaded' | 'filtered' | 'all';

/** What tests and keybindings may pass to skip the two quick picks; the save dialog still asks. */
export interface ExportRequest {
  scope?: ExportScope;
  format?: ExportFormat;
}

export interface ExportResult {
  file: string;
  count: number;
}

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
  const count = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Exporting users', cancellable: true },
    (progress, token) => writeExport(context, { scope, format, uri }, progress, token),
  );
  if (count === undefined) {
    void vscode.window.showInformationMessage('Export cancelled; no file was written.');
    return undefined;
  }
  context.log.info('Exported users', { count, format, scope });
  void offerToOpen(uri, count);
  return { file: uri.fsPath, count };
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
    await model.loadAll(cancel.signal, report).finally(() => subscription.dispose());
    if (cancel.signal.aborted) {
      return undefined;
    }
  }
  const users = usersIn(context, scope);
  progress.report({ message: `Writing ${plural(users.length, 'user')}…` });
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(exportText(users, format)));
  return users.length;
}

function usersIn({ model, tree }: ExportContext, scope: ExportScope): User[] {
  const filter = tree.filter;
  return scope === 'filtered' && filter ? model.users.filter(filterMatcher(filter)) : model.users;
}

async function pickScope(context: ExportContext): Promise<ExportScope | undefined> {
  const { model, tree } = context;
  const picks: Pick<ExportScope>[] = [
    { label: `Loaded users (${model.size})`, value: 'loaded' },
    ...(tree.filter
      ? [
          {
            label: `Users matching the filter (${usersIn(context, 'filtered').length})`,
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
