import * as vscode from 'vscode';
import { ApiError } from '../api/apiError';
import { Commands } from '../constants';
import type { Logger } from '../log/logger';
import { plainMessage } from './messageText';

/**
 * Registers a command whose failures are logged and shown the same way everywhere: one
 * notification with the reason and a way to the log.
 */
export function registerCommand(
  id: string,
  log: Logger,
  handler: (...args: unknown[]) => unknown,
): vscode.Disposable {
  return vscode.commands.registerCommand(id, async (...args: unknown[]) => {
    try {
      return await handler(...args);
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'cancelled') {
        return undefined;
      }
      reportError(log, `Command ${id} failed`, error);
      return undefined;
    }
  });
}

export function reportError(log: Logger, context: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  log.error(context, { error: message });
  void vscode.window.showErrorMessage(plainMessage(message), 'Open Logs').then((choice) => {
    if (choice === 'Open Logs') {
      void vscode.commands.executeCommand(Commands.showLogs);
    }
  });
}
