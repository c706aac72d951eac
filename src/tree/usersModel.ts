import type { User, UserPage } from '../api/types';

export type FetchPage = (pageToken: string | undefined, signal: AbortSignal) => Promise<UserPage>;

export type LoadState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'error'; message: string };

/** What one page load came to: the users it added, or why it added none. */
type LoadOutcome =
  { kind: 'page'; users: User[] } | { kind: 'failed'; message: string } | { kind: 'dropped' };

interface Flight {
  generation: number;
  promise: Promise<LoadOutcome>;
  abort: AbortController;
  /** Signals of the callers waiting; undefined once a caller that cannot cancel (the tree) waits. */
  holders: Set<AbortSignal> | undefined;
}

/**
 * The users loaded so far, one page at a time. Every load belongs to a generation; a refresh
 * starts a new one, so a late answer from an older generation can never overwrite newer rows.
 */
export class UsersModel {
  private readonly byId = new Map<string, User>();
  private readonly listeners = new Set<() => void>();
  private readonly seenTokens = new Set<string>();
  private generation = 0;
  private inFlight: Flight | undefined;
  private loadedOnce = false;
  private streams = 0;
  private changedWhileStreaming = false;
  private failed: { pageToken: string | undefined; message: string } | undefined;
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

  /** How many users are loaded, without copying them. */
  get size(): number {
    return this.byId.size;
  }

  /** Pages are loading one after another (a find or an export), not one at a user's request. */
  get streaming(): boolean {
    return this.streams > 0;
  }

  get loaded(): boolean {
    return this.loadedOnce;
  }

  get hasMore(): boolean {
    return this.loadedOnce && this.nextPageToken !== undefined;
  }

  /** The first page failed to load again (a refresh): the users shown are from before it. */
  get refreshFailed(): boolean {
    return this.failed !== undefined && this.failed.pageToken === undefined && this.byId.size > 0;
  }

  /** Every page is loaded and none failed: the loaded users are the whole organization. */
  get complete(): boolean {
    return this.loadedOnce && this.nextPageToken === undefined && !this.failed;
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
      return this.share(this.inFlight);
    }
    return this.loadedOnce ? Promise.resolve() : this.share(this.load(undefined));
  }

  /**
   * Appends the next page, or retries the page that failed; calls made while a page is loading
   * share that load.
   */
  loadMore(): Promise<void> {
    const flight = this.inFlight ?? this.startNext(undefined);
    return flight ? this.share(flight) : Promise.resolve();
  }

  /**
   * Loads the remaining pages one at a time and yields each page's users once they are added, so
   * the tree keeps them and no page is asked twice. A page already loading is shared. When
   * `signal` aborts the loop ends quietly and the request is cancelled, unless the tree also
   * waits for it. Throws when a page fails or the list starts over meanwhile.
   */
  async *pages(signal: AbortSignal): AsyncGenerator<User[]> {
    this.streams += 1;
    try {
      yield* this.remainingPages(signal);
    } finally {
      this.streams -= 1;
      // Views that follow at a slower pace while pages stream in catch up now, if anything
      // changed: a find over a complete list must not redraw every row at each keystroke.
      if (this.streams === 0 && this.changedWhileStreaming) {
        this.changedWhileStreaming = false;
        this.emit();
      }
    }
  }

  private async *remainingPages(signal: AbortSignal): AsyncGenerator<User[]> {
    const generation = this.generation;
    while (!signal.aborted) {
      const flight = this.inFlight ?? this.startNext(signal);
      if (!flight) {
        return;
      }
      const outcome = await this.wait(flight, signal);
      if (outcome === undefined) {
        return;
      }
      if (outcome.kind === 'failed') {
        throw new Error(outcome.message);
      }
      if (outcome.kind === 'dropped' || generation !== this.generation) {
        throw new Error('The user list was refreshed or signed out while loading.');
      }
      yield outcome.users;
    }
  }

  /** {@link pages} for callers that only need to know when a page arrived. */
  async loadAll(signal: AbortSignal, onPage?: (users: User[]) => void): Promise<void> {
    for await (const users of this.pages(signal)) {
      onPage?.(users);
    }
  }

  /** Starts over from the first page, dropping any load still running. */
  refresh(): Promise<void> {
    this.inFlight?.abort.abort();
    this.inFlight = undefined;
    this.generation += 1;
    return this.share(this.load(undefined));
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

  /** The page that comes next: the one that failed, the first, or the next; none at the end. */
  private startNext(holder: AbortSignal | undefined): Flight | undefined {
    if (this.failed) {
      return this.load(this.failed.pageToken, holder);
    }
    if (!this.loadedOnce) {
      return this.load(undefined, holder);
    }
    return this.nextPageToken === undefined ? undefined : this.load(this.nextPageToken, holder);
  }

  /** A caller without a signal waits: from now on only a refresh or clear cancels the load. */
  private share(flight: Flight): Promise<void> {
    flight.holders = undefined;
    return flight.promise.then(() => undefined);
  }

  /** Waits for the load unless `signal` aborts first; the last holder to abort cancels it. */
  private wait(flight: Flight, signal: AbortSignal): Promise<LoadOutcome | undefined> {
    flight.holders?.add(signal);
    return new Promise((resolve) => {
      const onAbort = () => {
        if (flight.holders && [...flight.holders].every((holder) => holder.aborted)) {
          this.cancel(flight);
        }
        resolve(undefined);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      void flight.promise.then((outcome) => {
        signal.removeEventListener('abort', onAbort);
        resolve(signal.aborted ? undefined : outcome);
      });
    });
  }

  /** Everyone waiting gave up: show what was there before this load began. */
  private cancel(flight: Flight): void {
    flight.abort.abort();
    if (this.inFlight !== flight) {
      return;
    }
    this.inFlight = undefined;
    const message = this.failed?.message;
    this.state = message === undefined ? { kind: 'idle' } : { kind: 'error', message };
    this.emit();
  }

  private load(pageToken: string | undefined, holder?: AbortSignal): Flight {
    const generation = this.generation;
    const abort = new AbortController();
    // Set first: a fetch that fails at once (e.g. an unusable setting) settles the state itself.
    this.state = { kind: 'loading' };
    const promise = this.fetchAndApply(pageToken, generation, abort.signal).finally(() => {
      if (this.inFlight?.promise === promise) {
        this.inFlight = undefined;
      }
    });
    const flight = { generation, promise, abort, holders: holder && new Set([holder]) };
    this.inFlight = flight;
    this.emit();
    return flight;
  }

  private async fetchAndApply(
    pageToken: string | undefined,
    generation: number,
    signal: AbortSignal,
  ): Promise<LoadOutcome> {
    let page: UserPage;
    try {
      page = await this.fetchPage(pageToken, signal);
    } catch (error) {
      return this.settleFailure(pageToken, generation, signal, error);
    }
    // A cancelled page is dropped even if it arrived: the same page may be loading again.
    if (generation !== this.generation || signal.aborted) {
      return { kind: 'dropped' };
    }
    this.apply(page, pageToken === undefined);
    return { kind: 'page', users: page.users };
  }

  private settleFailure(
    pageToken: string | undefined,
    generation: number,
    signal: AbortSignal,
    error: unknown,
  ): LoadOutcome {
    if (generation !== this.generation || signal.aborted) {
      return { kind: 'dropped' };
    }
    const message = (error as Error).message;
    this.failed = { pageToken, message };
    this.state = { kind: 'error', message };
    this.emit();
    return { kind: 'failed', message };
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
    this.changedWhileStreaming ||= this.streams > 0;
    for (const listener of this.listeners) {
      listener();
    }
  }
}
