import type { User, UserPage } from '../api/types';

export type FetchPage = (pageToken: string | undefined, signal: AbortSignal) => Promise<UserPage>;

export type LoadState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string };

/**
 * The users loaded so far, one page at a time. Every load belongs to a generation; a refresh
 * starts a new one, so a late answer from an older generation can never overwrite newer rows.
 */
export class UsersModel {
  private readonly byId = new Map<string, User>();
  private readonly listeners = new Set<() => void>();
  private readonly seenTokens = new Set<string>();
  private generation = 0;
  private inFlight:
    { generation: number; promise: Promise<void>; abort: AbortController } | undefined;
  private loadedOnce = false;
  private failed: { pageToken: string | undefined } | undefined;
  private nextPageToken: string | undefined;
  private total: number | undefined;
  state: LoadState = { kind: 'idle' };
  warning: string | undefined;

  constructor(private readonly fetchPage: FetchPage) {}

  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get users(): User[] {
    return [...this.byId.values()];
  }

  get loaded(): boolean {
    return this.loadedOnce;
  }

  get hasMore(): boolean {
    return this.loadedOnce && this.nextPageToken !== undefined;
  }

  /** The server's total when it sends one; otherwise what is loaded. */
  get totalSize(): number | undefined {
    return this.total;
  }

  get(id: string): User | undefined {
    return this.byId.get(id);
  }

  /** Loads the first page unless a page was loaded or is loading. */
  ensureLoaded(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight.promise;
    }
    return this.loadedOnce ? Promise.resolve() : this.load(undefined, this.generation);
  }

  /**
   * Appends the next page, or retries the page that failed; calls made while a page is loading
   * share that load.
   */
  loadMore(): Promise<void> {
    if (this.inFlight) {
      return this.inFlight.promise;
    }
    if (this.failed) {
      return this.load(this.failed.pageToken, this.generation);
    }
    if (!this.loadedOnce) {
      return this.load(undefined, this.generation);
    }
    return this.nextPageToken === undefined
      ? Promise.resolve()
      : this.load(this.nextPageToken, this.generation);
  }

  /** Starts over from the first page, dropping any load still running. */
  refresh(): Promise<void> {
    this.inFlight?.abort.abort();
    this.inFlight = undefined;
    this.generation += 1;
    return this.load(undefined, this.generation);
  }

  /** Forgets everything, e.g. after signing out. */
  clear(): void {
    this.inFlight?.abort.abort();
    this.inFlight = undefined;
    this.generation += 1;
    this.byId.clear();
    this.seenTokens.clear();
    this.loadedOnce = false;
    this.failed = undefined;
    this.nextPageToken = undefined;
    this.total = undefined;
    this.state = { kind: 'idle' };
    this.warning = undefined;
    this.emit();
  }

  replace(user: User): void {
    if (this.byId.has(user.id)) {
      this.byId.set(user.id, user);
      this.emit();
    }
  }

  remove(id: string): void {
    if (this.byId.delete(id)) {
      this.total = this.total === undefined ? undefined : Math.max(0, this.total - 1);
      this.emit();
    }
  }

  private load(pageToken: string | undefined, generation: number): Promise<void> {
    const abort = new AbortController();
    const promise = this.fetchAndApply(pageToken, generation, abort.signal).finally(() => {
      if (this.inFlight?.promise === promise) {
        this.inFlight = undefined;
      }
    });
    this.inFlight = { generation, promise, abort };
    this.state = { kind: 'loading' };
    this.emit();
    return promise;
  }

  private async fetchAndApply(
    pageToken: string | undefined,
    generation: number,
    signal: AbortSignal,
  ): Promise<void> {
    let page: UserPage;
    try {
      page = await this.fetchPage(pageToken, signal);
    } catch (error) {
      if (generation === this.generation && !signal.aborted) {
        this.failed = { pageToken };
        this.state = { kind: 'error', message: (error as Error).message };
        this.emit();
      }
      return;
    }
    if (generation !== this.generation) {
      return;
    }
    this.apply(page, pageToken === undefined);
  }

  private apply(page: UserPage, firstPage: boolean): void {
    if (firstPage) {
      this.byId.clear();
      this.seenTokens.clear();
      this.warning = undefined;
    }
    for (const user of page.users) {
      this.byId.set(user.id, user);
    }
    this.total = page.totalSize;
    this.nextPageToken = this.acceptToken(page.nextPageToken);
    this.loadedOnce = true;
    this.failed = undefined;
    this.state = { kind: 'idle' };
    this.emit();
  }

  /** A token seen before in this listing would loop forever: stop there and say so. */
  private acceptToken(token: string | undefined): string | undefined {
    if (token === undefined) {
      return undefined;
    }
    if (this.seenTokens.has(token)) {
      this.warning = 'The server repeated a page; the list stops there and may be incomplete.';
      return undefined;
    }
    this.seenTokens.add(token);
    return token;
  }

  private emit(): void {
    for (const listener of this.listeners) {
      listener();
    }
  }
}
