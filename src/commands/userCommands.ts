import * as vscode from 'vscode';
import { plainMessage } from './messageText';
import { ApiError } from '../api/apiError';
import type { Session } from '../auth/session';
import type { SignInFlow } from '../auth/signIn';
import { Commands } from '../constants';
import type { Logger } from '../log/logger';
import type { UserPanels } from '../panel/userPanels';
import type { UsersModel } from '../tree/usersModel';
import { displayName } from '../tree/usersTreeProvider';
import type { Prompts } from './prompts';
import { plural } from './deleteMany';
import { deleteSelection } from './deleteSelection';
import { resolveUser } from './resolveUser';
import { registerCommand } from './runCommand';
import { selectedUsers } from './selectedUsers';

export interface CommandContext {
  session: Session;
  signInFlow: SignInFlow;
  model: UsersModel;
  panels: UserPanels;
  prompts: Prompts;
  log: Logger;
  showLogs(): void;
}

export function registerUserCommands(context: CommandContext): vscode.Disposable[] {
  const { log } = context;
  return [
    registerCommand(Commands.signIn, log, (argument) => context.signInFlow.run(argument)),
    registerCommand(Commands.signOut, log, () => signOut(context)),
    registerCommand(Commands.refresh, log, () => context.model.refresh()),
    registerCommand(Commands.loadMore, log, () => context.model.loadMore()),
    registerCommand(Commands.openUser, log, (argument, options) =>
      openUser(context, argument, options),
    ),
    registerCommand(Commands.deleteUser, log, (argument, selection) => {
      const users = selectedUsers(argument, selection);
      return users.length > 1 ? deleteSelection(context, users) : deleteUser(context, argument);
    }),
    registerCommand(Commands.showLogs, log, () => context.showLogs()),
  ];
}

async function signOut({ session, panels, prompts, log }: CommandContext): Promise<boolean> {
  const unsaved = panels.unsavedNames().map((name) => `"${name}"`);
  const discard =
    unsaved.length === 0 ||
    (await prompts.confirm(
      unsaved.length === 1
        ? `Sign out and discard the unsaved name typed for ${unsaved[0]}?`
        : `Sign out and discard the unsaved names typed for ${plural(unsaved.length, 'user')}?`,
      `Signing out closes the open user panels${unsaved.length > 1 ? `, among them ${unsaved.join(', ')}` : ''}.`,
      'Sign Out',
    ));
  if (!discard) {
    return false;
  }
  if (panels.savingClosedTabs) {
    // A closed tab's name chosen to be saved must not fail for want of credentials.
    await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: 'Finishing saves before signing out…',
      },
      () => panels.savesFinished(),
    );
  }
  // The session's change event empties the list; the panels are this command's to close.
  await session.signOut();
  panels.closeAll();
  log.info('Signed out');
  void vscode.window.showInformationMessage('Signed out of Confluent Cloud.');
  return true;
}

/**
 * A click on a tree row passes `{ preserveFocus: true }`, so the tree keeps the keyboard; the
 * palette passes nothing and the context menu the selection, and both give the panel the focus.
 */
async function openUser(
  context: CommandContext,
  argument: unknown,
  options: unknown,
): Promise<void> {
  const target = await resolveUser(argument, context.model, 'Open Confluent Cloud User');
  if (target) {
    context.panels.open(target.id, target.user, { preserveFocus: isPreserveFocus(options) });
  }
}

function isPreserveFocus(options: unknown): boolean {
  return (
    typeof options === 'object' &&
    options !== null &&
    (options as { preserveFocus?: unknown }).preserveFocus === true
  );
}

async function deleteUser(context: CommandContext, argument: unknown): Promise<boolean> {
  const target = await resolveUser(argument, context.model, 'Delete Confluent Cloud User');
  if (!target) {
    return false;
  }
  const name = target.user ? displayName(target.user) : target.id;
  const confirmed = await context.prompts.confirm(
    `Delete user "${name}"?`,
    `${target.user?.email ?? target.id}\n\nThe user's API keys are deleted too. This cannot be undone.`,
    'Delete User',
  );
  if (!confirmed) {
    return false;
  }
  const alreadyGone = await sendDelete(context, target.id);
  context.model.remove(target.id);
  context.panels.close(target.id);
  context.log.info('Deleted user', { id: target.id, alreadyGone });
  void vscode.window.showInformationMessage(
    plainMessage(alreadyGone ? `User "${name}" was already deleted.` : `Deleted user "${name}".`),
  );
  return true;
}

/** Deletes, treating 404 as "already gone"; returns whether it was. */
async function sendDelete(context: CommandContext, id: string): Promise<boolean> {
  try {
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Deleting user…' },
      () => context.session.client().deleteUser(id),
    );
    return false;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return true;
    }
    throw error;
  }
}
