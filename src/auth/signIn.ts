import * as vscode from 'vscode';
import type { Credentials } from '../api/types';
import { plainMessage } from '../commands/messageText';
import type { Logger } from '../log/logger';
import type { Session } from './session';

export interface SignInResult {
  signedIn: boolean;
  message?: string;
}

type Method = 'apiKey' | 'bearer';

/** Reads `{ apiKey, apiSecret }` or `{ token }` passed to the command by automation. */
export function credentialsFromArgument(argument: unknown): Credentials | undefined {
  if (typeof argument !== 'object' || argument === null) {
    return undefined;
  }
  const { apiKey, apiSecret, token } = argument as Record<string, unknown>;
  if (typeof apiKey === 'string' && typeof apiSecret === 'string' && apiKey && apiSecret) {
    return { kind: 'apiKey', apiKey: apiKey.trim(), apiSecret: apiSecret.trim() };
  }
  if (typeof token === 'string' && token.trim()) {
    return { kind: 'bearer', token: token.trim() };
  }
  return undefined;
}

export class SignInFlow {
  constructor(
    private readonly session: Session,
    private readonly log: Logger,
  ) {}

  async run(argument?: unknown): Promise<SignInResult> {
    if (argument !== undefined && !isCancellationToken(argument)) {
      const credentials = credentialsFromArgument(argument);
      if (!credentials) {
        return { signedIn: false, message: 'Pass { apiKey, apiSecret } or { token }.' };
      }
      return this.verifyAndKeep(credentials);
    }
    return this.interactive();
  }

  private async interactive(): Promise<SignInResult> {
    const method = await pickMethod();
    let previousKey = '';
    while (method) {
      const credentials = await promptCredentials(method, previousKey);
      if (!credentials) {
        return { signedIn: false, message: 'Sign-in cancelled.' };
      }
      previousKey = credentials.kind === 'apiKey' ? credentials.apiKey : '';
      const result = await this.verifyAndKeep(credentials);
      if (result.signedIn) {
        void vscode.window.showInformationMessage('Signed in to Confluent Cloud.');
        return result;
      }
      const again = await vscode.window.showErrorMessage(
        plainMessage(`Sign-in failed: ${result.message}`),
        'Try Again',
      );
      if (again !== 'Try Again') {
        return result;
      }
    }
    return { signedIn: false, message: 'Sign-in cancelled.' };
  }

  /** One small list request proves the credentials before anything is stored. */
  private async verifyAndKeep(credentials: Credentials): Promise<SignInResult> {
    try {
      await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Checking credentials…' },
        () => this.session.createClient(credentials).listUsers({ pageSize: 1 }),
      );
    } catch (error) {
      const message = (error as Error).message;
      this.log.warn('Sign-in rejected', { method: credentials.kind, error: message });
      return { signedIn: false, message };
    }
    try {
      await this.session.keep(credentials);
    } catch (error) {
      return { signedIn: false, message: (error as Error).message };
    }
    this.log.info('Signed in', { method: credentials.kind });
    return { signedIn: true };
  }
}

function isCancellationToken(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'isCancellationRequested' in value;
}

async function pickMethod(): Promise<Method | undefined> {
  const items: (vscode.QuickPickItem & { method: Method })[] = [
    {
      label: '$(key) Cloud API key and secret',
      detail: 'A key created under Administration > API keys in the Confluent Cloud Console.',
      method: 'apiKey',
    },
    {
      label: '$(shield) OAuth bearer token',
      detail: 'A token from your identity provider, sent as a bearer token.',
      method: 'bearer',
    },
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: 'Sign in to Confluent Cloud',
    placeHolder: 'How do you want to sign in?',
    ignoreFocusOut: true,
  });
  return picked?.method;
}

async function promptCredentials(
  method: Method,
  previousKey: string,
): Promise<Credentials | undefined> {
  if (method === 'bearer') {
    const token = await askSecret('OAuth bearer token', 'Paste the access token', '');
    return token ? { kind: 'bearer', token } : undefined;
  }
  const apiKey = await vscode.window.showInputBox({
    title: 'Sign in to Confluent Cloud (1/2)',
    prompt: 'Cloud API key',
    value: previousKey,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Enter the API key.'),
  });
  if (!apiKey) {
    return undefined;
  }
  const apiSecret = await askSecret(
    'Cloud API secret',
    'The secret shown once when the key was created',
    ' (2/2)',
  );
  return apiSecret ? { kind: 'apiKey', apiKey: apiKey.trim(), apiSecret } : undefined;
}

async function askSecret(
  prompt: string,
  placeHolder: string,
  step: string,
): Promise<string | undefined> {
  const value = await vscode.window.showInputBox({
    title: `Sign in to Confluent Cloud${step}`,
    prompt,
    placeHolder,
    password: true,
    ignoreFocusOut: true,
    validateInput: (input) => (input.trim() ? undefined : `Enter the ${prompt.toLowerCase()}.`),
  });
  return value?.trim() || undefined;
}
