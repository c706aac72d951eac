import * as vscode from 'vscode';
import type { Credentials } from '../api/types';
import { ENV_API_KEY, ENV_API_SECRET, SecretKeys } from '../constants';

/** Thrown when the OS keyring behind SecretStorage cannot be used. */
export class CredentialStorageError extends Error {
  constructor(action: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(`VS Code's secret storage could not ${action} the credentials: ${reason}`);
    this.name = 'CredentialStorageError';
  }
}

export function parseCredentials(raw: string | undefined): Credentials | undefined {
  if (!raw) {
    return undefined;
  }
  try {
    const value = JSON.parse(raw) as Partial<Record<string, unknown>>;
    if (value.kind === 'apiKey' && isFilled(value.apiKey) && isFilled(value.apiSecret)) {
      return { kind: 'apiKey', apiKey: value.apiKey, apiSecret: value.apiSecret };
    }
    if (value.kind === 'bearer' && isFilled(value.token)) {
      return { kind: 'bearer', token: value.token };
    }
  } catch {
    // A value that is not ours (or corrupted) reads as "not signed in".
  }
  return undefined;
}

function isFilled(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function credentialsFromEnvironment(env: NodeJS.ProcessEnv): Credentials | undefined {
  const apiKey = env[ENV_API_KEY]?.trim();
  const apiSecret = env[ENV_API_SECRET]?.trim();
  return apiKey && apiSecret ? { kind: 'apiKey', apiKey, apiSecret } : undefined;
}

/** The one place that touches SecretStorage; every window sees the same value. */
export class CredentialStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private secrets: vscode.SecretStorage) {
    this.subscription = this.watch(secrets);
  }

  /**
   * Puts another SecretStorage behind this store until the returned function is called. A seam for
   * integration tests, which cannot take the real OS keyring away from VS Code.
   */
  replaceStorage(secrets: vscode.SecretStorage): () => void {
    const original = this.secrets;
    this.use(secrets);
    return () => this.use(original);
  }

  private use(secrets: vscode.SecretStorage): void {
    this.subscription.dispose();
    this.secrets = secrets;
    this.subscription = this.watch(secrets);
  }

  private watch(secrets: vscode.SecretStorage): vscode.Disposable {
    return secrets.onDidChange((event) => {
      if (event.key === SecretKeys.credentials) {
        this.changed.fire();
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async read(): Promise<Credentials | undefined> {
    try {
      return parseCredentials(await this.secrets.get(SecretKeys.credentials));
    } catch (error) {
      throw new CredentialStorageError('read', error);
    }
  }

  async write(credentials: Credentials): Promise<void> {
    try {
      await this.secrets.store(SecretKeys.credentials, JSON.stringify(credentials));
    } catch (error) {
      throw new CredentialStorageError('store', error);
    }
  }

  async clear(): Promise<void> {
    try {
      await this.secrets.delete(SecretKeys.credentials);
    } catch (error) {
      throw new CredentialStorageError('delete', error);
    }
  }
}
