import type * as vscode from 'vscode';
import type { RetryWait } from '../api/retryPolicy';
import { Commands } from '../constants';
import type { Logger } from '../log/logger';
import type { UserPanels } from '../panel/userPanels';
import type { UsersModel } from '../tree/usersModel';
import type { UsersTreeProvider } from '../tree/usersTreeProvider';
import { copyUserField } from './copyUserField';
import { exportUsers } from './exportUsers';
import { clearFilter, filterUsers } from './filterUsers';
import { findUser } from './findUser';
import type { Prompts } from './prompts';
import { registerCommand } from './runCommand';

export interface ListCommandContext {
  model: UsersModel;
  tree: UsersTreeProvider;
  panels: UserPanels;
  prompts: Prompts;
  log: Logger;
  /** Pages of the list waiting to be asked for again, e.g. after a 429. */
  pageWaits: vscode.Event<RetryWait>;
}

/** Commands on the list as a whole: find, filter, copy and export. */
export function registerListCommands(context: ListCommandContext): vscode.Disposable[] {
  const { log, tree } = context;
  return [
    registerCommand(Commands.findUser, log, () => findAndOpen(context)),
    registerCommand(Commands.filter, log, (argument) => filterUsers(tree, argument)),
    registerCommand(Commands.clearFilter, log, () => clearFilter(tree)),
    registerCommand(Commands.copyId, log, (row, rows) => copyUserField('id', row, rows)),
    registerCommand(Commands.copyEmail, log, (row, rows) => copyUserField('email', row, rows)),
    registerCommand(Commands.copyResourceName, log, (row, rows) =>
      copyUserField('resourceName', row, rows),
    ),
    registerCommand(Commands.exportUsers, log, (argument) => exportUsers(context, argument)),
  ];
}

async function findAndOpen(context: ListCommandContext): Promise<void> {
  const user = await findUser(context.model, context.pageWaits);
  if (user) {
    context.panels.open(user.id, user);
  }
}
