import * as vscode from 'vscode';
import { plainMessage } from './messageText';
import type { User } from '../api/types';
import type { Session } from '../auth/session';
import { formatCount } from '../counts';
import type { Logger } from '../log/logger';
import type { UserPanels } from '../panel/userPanels';
import type { UsersModel } from '../tree/usersModel';
import { displayName } from '../tree/usersTreeProvider';
import {
  deleteMany,
  describeTarget,
  plural,
  summarizeDeletes,
  type DeleteOutcome,
  type DeleteSummary,
  type DeleteTarget,
} from './deleteMany';
import type { Prompts } from './prompts';

export interface DeleteSelectionContext {
  session: Session;
  model: UsersModel;
  panels: UserPanels;
  prompts: Prompts;
  log: Logger;
}

/** Few enough that a burst stays well inside the API's rate limit. */
const concurrency = 4;
const namesInQuestion = 5;

/** Deletes the selected users after one confirmation; returns the summary it shows. */
export async function deleteSelection(
  context: DeleteSelectionContext,
  users: User[],
): Promise<DeleteSummary | undefined> {
  if (!(await confirmDelete(context.prompts, users))) {
    return undefined;
  }
  const outcomes = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Deleting ${plural(users.length, 'user')}`,
      cancellable: true,
    },
    (progress, token) => deleteWithProgress(context, users, progress, token),
  );
  const summary = summarizeDeletes(outcomes);
  report(context.log, summary);
  return summary;
}

function confirmDelete(prompts: Prompts, users: User[]): Promise<boolean> {
  const names = users.slice(0, namesInQuestion).map((user) => describeTarget(target(user)));
  const more =
    users.length > namesInQuestion
      ? `\nand ${formatCount(users.length - namesInQuestion)} more`
      : '';
  return prompts.confirm(
    `Delete ${plural(users.length, 'user')}?`,
    `${names.join('\n')}${more}\n\nTheir API keys are deleted too. This cannot be undone.`,
    `Delete ${plural(users.length, 'User')}`,
  );
}

function deleteWithProgress(
  context: DeleteSelectionContext,
  users: User[],
  progress: vscode.Progress<{ message?: string; increment?: number }>,
  token: vscode.CancellationToken,
): Promise<DeleteOutcome[]> {
  const cancel = new AbortController();
  const subscription = token.onCancellationRequested(() => cancel.abort());
  const client = context.session.client();
  let settled = 0;
  let waiting: vscode.Progress<{ message?: string }> | undefined;
  const onSettled = (outcome: DeleteOutcome, inFlight: number) => {
    settled += 1;
    const message = `${formatCount(settled)} of ${formatCount(users.length)}`;
    progress.report({ increment: 100 / users.length, message });
    if (inFlight > 0) {
      waiting?.report({ message: waitingFor(inFlight) });
    }
    if (outcome.kind === 'deleted' || outcome.kind === 'alreadyGone') {
      context.model.remove(outcome.id);
      context.panels.close(outcome.id);
    }
  };
  // Cancel closes the progress notification, but the deletes already sent still finish: say so
  // until they have, so that the summary does not come out of nowhere. A delete waiting to be
  // sent again (after a 429, say) is not: it counts as not deleted.
  const onCancelled = (inFlight: number) => {
    if (inFlight > 0) {
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Cancelling the delete' },
        (cancelling) => {
          waiting = cancelling;
          cancelling.report({ message: waitingFor(inFlight) });
          return deleting;
        },
      );
    }
  };
  const targets = users.map(target);
  const deleting = deleteMany(
    targets,
    (id) => client.deleteUser(id, { stopRetrying: cancel.signal }),
    {
      concurrency,
      signal: cancel.signal,
      onSettled,
      onCancelled,
    },
  ).finally(() => subscription.dispose());
  return deleting;
}

function waitingFor(inFlight: number): string {
  return `waiting for ${plural(inFlight, 'delete')} already sent`;
}

function report(log: Logger, summary: DeleteSummary): void {
  const { deleted, alreadyGone, failed, notAttempted } = summary;
  log.info('Deleted users', { deleted, alreadyGone, failed: failed.length, notAttempted });
  for (const failure of failed) {
    log.warn('Could not delete user', { id: failure.id, error: failure.reason });
  }
  if (failed.length > 0) {
    void vscode.window.showWarningMessage(plainMessage(summary.message));
  } else {
    void vscode.window.showInformationMessage(plainMessage(summary.message));
  }
}

function target(user: User): DeleteTarget {
  return { id: user.id, name: displayName(user), email: user.email };
}
