import * as vscode from 'vscode';

/**
 * The modal questions the extension asks. Integration tests replace `confirm`, because nobody can
 * click a modal dialog inside an automated extension host; everything around it stays real.
 */
export interface Prompts {
  confirm(message: string, detail: string, action: string): Promise<boolean>;
}

export const modalPrompts: Prompts = {
  async confirm(message, detail, action) {
    const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, action);
    return answer === action;
  },
};
