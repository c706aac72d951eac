import * as vscode from 'vscode';
import type { RetryWait } from '../api/retryPolicy';
import { UsersClient } from '../api/usersClient';
import type { Credentials, RequestRecord } from '../api/types';
import { ContextKeys, ENV_API_KEY } from '../constants';
import type { Logger } from '../log/logger';
import { readProxySettings, readSettings, settingsFingerprint } from '../settings';
import { CredentialStore, credentialsFromEnvironment } from './credentialStore';

export type CredentialSource = 'stored' | 'environment' | 'none';

/**
 * Which credentials are in use and the API client built from them and the settings. Stored
 * credentials win over the environment; the environment's are used but never stored.
 */
export class Session implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly waiting = new vscode.EventEmitter<RetryWait>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.waiting];
  private credentials: Credentials | undefined;
  private cachedClient: UsersClient | undefined;
  /** The environment's API key that Sign Out set aside; a different key there is used again. */
  private dismissedEnvironmentKey: string | undefined;
  readonly onDidChange = this.changed.event;
  /** A read or delete failed (a 429, say) and waits before it is tried again. */
  readonly onDidWaitToRetry = this.waiting.event;
  source: CredentialSource = 'none';
  private loadedState: string | undefined;
  private loadedSettings = settingsFingerprint();
  storageProblem: string | undefined;

  constructor(
    readonly store: CredentialStore,
    private readonly log: Logger,
    private readonly requestLog: (record: RequestRecord) => void,
  ) {
    this.disposables.push(store.onDidChange(() => void this.reload()));
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  get signedIn(): boolean {
    return this.credentials !== undefined;
  }

  /** Reads stored credentials (or the environment's) and updates the context keys. */
  async reload(): Promise<void> {
    const stored = await this.readStored();
    const fromEnvironment = this.environmentCredentials();
    this.credentials = stored ?? fromEnvironment;
    this.source = stored ? 'stored' : fromEnvironment ? 'environment' : 'none';
    // Our own store() also comes back as a change event: reloading the same credentials must not
    // throw away the users already loaded (or being loaded).
    const state = JSON.stringify([this.credentials, this.source, this.storageProblem]);
    if (state !== this.loadedState) {
      this.loadedState = state;
      this.cachedClient = undefined;
      this.log.info('Credentials loaded', { source: this.source });
      // Before anything is awaited: a view that saw the new credentials first would start a
      // load that this event then cancels and asks for again.
      this.changed.fire();
    }
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, this.signedIn);
  }

  private async readStored(): Promise<Credentials | undefined> {
    try {
      const stored = await this.store.read();
      this.storageProblem = undefined;
      return stored;
    } catch (error) {
      this.storageProblem = (error as Error).message;
      this.log.error('Secret storage failed', { error });
      return undefined;
    }
  }

  /** Drops the cached client when a setting that shapes requests really changed. */
  settingsChanged(): void {
    const settings = settingsFingerprint();
    if (settings === this.loadedSettings) {
      return;
    }
    this.loadedSettings = settings;
    this.cachedClient = undefined;
    this.changed.fire();
  }

  /** The client for the current credentials; throws with a readable reason when there is none. */
  client(): UsersClient {
    if (!this.credentials) {
      throw new Error('Sign in to Confluent Cloud first.');
    }
    this.cachedClient ??= this.createClient(this.credentials);
    return this.cachedClient;
  }

  createClient(credentials: Credentials): UsersClient {
    const settings = readSettings();
    if (!settings.baseUrl) {
      throw new Error(`Check the setting confluentUsers.apiBaseUrl: ${settings.baseUrlProblem}`);
    }
    return new UsersClient({
      baseUrl: settings.baseUrl,
      credentials,
      onRequest: this.requestLog,
      onRetryWait: (wait) => this.waiting.fire(wait),
      proxy: readProxySettings(),
    });
  }

  /** Stores verified credentials; the caller has checked them against the API. */
  async keep(credentials: Credentials): Promise<void> {
    await this.store.write(credentials);
    this.dismissedEnvironmentKey = undefined;
    await this.reload();
  }

  private environmentCredentials(): Credentials | undefined {
    const environment = credentialsFromEnvironment(process.env);
    const dismissed =
      environment?.kind === 'apiKey' && environment.apiKey === this.dismissedEnvironmentKey;
    return dismissed ? undefined : environment;
  }

  async signOut(): Promise<void> {
    const usedEnvironment = this.source === 'environment';
    const environment = credentialsFromEnvironment(process.env);
    this.dismissedEnvironmentKey = environment?.kind === 'apiKey' ? environment.apiKey : undefined;
    await this.store.clear();
    await this.reload();
    if (usedEnvironment) {
      this.log.info(`Ignoring ${ENV_API_KEY} from the environment until the window reloads`);
    }
  }

  describeSource(): string | undefined {
    return this.source === 'environment'
      ? `Using ${ENV_API_KEY} from the environment (not stored).`
      : undefined;
  }
}
