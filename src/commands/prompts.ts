import * as vscode from 'vscode';
import { plainMessage } from './messageText';

/**
 * The modal questions the extension asks. Integration tests replace `confirm`, because nobody can
 * click a modal dialog inside an automated extension host; everything around it stays real.
 */
export interface Prompts {
  confirm(message: string, detail: string, action: string): Promise<boolean>;
  /** A modal with several answers besides Cancel: the one chosen, or undefined for Cancel. */
  choose<T extends string>(message: string, detail: string, actions: T[]): Promise<T | undefined>;
  /** The save dialog: where to write a file, or undefined when dismissed. */
  pickSaveFile(
    defaultUri: vscode.Uri,
    filters: Record<string, string[]>,
  ): Promise<vscode.Uri | undefined>;
}

export const modalPrompts: Prompts = {
  async confirm(message, detail, action) {
    const answer = await vscode.window.showWarningMessage(
      plainMessage(message),
      { modal: true, detail: plainMessage(detail) },
      action,
    );
    return answer === action;
  },
  async choose(message, detail, actions) {
    return vscode.window.showWarningMessage(
      plainMessage(message),
      { modal: true, detail: plainMessage(detail) },
      ...actions,
    );
  },
  pickSaveFile(defaultUri, filters) {
    return Promise.resolve(
      vscode.window.showSaveDialog({ defaultUri, filters, saveLabel: 'Export' }),
    );
  },
};
