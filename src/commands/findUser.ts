import * as vscode from 'vscode';
import type { RetryWait } from '../api/retryPolicy';
import type { User } from '../api/types';
import { findUsers, type FindProgress } from '../tree/findUsers';
import { Throttle } from '../tree/throttle';
import { plural } from './deleteMany';
import { quickPickOrder } from './quickPickOrder';
import { waitNotice } from '../retryNotice';
import type { UsersModel } from '../tree/usersModel';
import { countText, displayName } from '../tree/usersTreeProvider';

type UserPick = vscode.QuickPickItem & { user: User };

/** A quick pick shows this many at most; typing more narrows the rest. */
const maxShown = 200;

const redrawIntervalMs = 300;

/**
 * A quick pick that answers from the loaded users as the user types while the remaining pages
 * stream into the model. Resolves with the picked user; closing it cancels the loading.
 * `pageWaits` tells of pages waiting to be asked for again, which the title then shows.
 */
export function findUser(
  model: UsersModel,
  pageWaits?: vscode.Event<RetryWait>,
): Promise<User | undefined> {
  const pick = vscode.window.createQuickPick<UserPick>();
  pick.title = 'Find User';
  pick.placeholder = 'Type a name, email or user id';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const cancel = new AbortController();
  let latest = 0;
  // Pages can stream in faster than the list can be drawn: between a query's first answer and
  // its last, the list follows at this pace, always with the newest answer.
  let shown: { progress: FindProgress; query: string; keepActive: boolean } | undefined;
  const list = new FindList(pick);
  const redraw = new Throttle(
    () => {
      if (shown) {
        list.show(shown.progress, shown.query, shown.keepActive);
        // Kept for the next redraw of this answer only: a new query starts at the top again.
        shown.keepActive = true;
      }
    },
    () => redrawIntervalMs,
  );
  const search = async (query: string) => {
    const run = ++latest;
    pick.busy = true;
    let first = true;
    try {
      for await (const progress of findUsers(model, query, cancel.signal)) {
        if (run !== latest) {
          return;
        }
        shown = { progress, query, keepActive: !first };
        list.answered(progress);
        if (first || progress.complete) {
          redraw.now();
        } else {
          redraw.request();
        }
        first = false;
      }
    } catch (error) {
      if (run === latest) {
        list.stopped((error as Error).message);
      }
    } finally {
      if (run === latest) {
        pick.busy = false;
      }
    }
  };
  return new Promise((resolve) => {
    let chosen: User | undefined;
    pick.onDidChangeValue((value) => void search(value));
    pick.onDidAccept(() => {
      // VS Code makes the highlighted row the selection just before it reports the Enter.
      chosen = (pick.selectedItems[0] ?? pick.activeItems[0])?.user;
      pick.hide();
    });
    const waiting = pageWaits?.((wait) => {
      if (!cancel.signal.aborted) {
        list.waiting(wait);
      }
    });
    pick.onDidHide(() => {
      cancel.abort();
      redraw.dispose();
      list.dispose();
      waiting?.dispose();
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
    void search('');
  });
}

/** The pick's rows and title, and the row the user moved to. */
class FindList {
  /** The row VS Code highlights after the latest redraw, unless the user moved. */
  private topId: string | undefined;
  /** The highlighted row, as far as this side knows. */
  private highlighted: string | undefined;
  /**
   * After a redraw that keeps a row highlighted, VS Code first reports its top row active, as it
   * puts the new rows in, and then highlights the kept row without reporting it: that one report
   * is not the user moving.
   */
  private staleReport: string | undefined;
  private title = 'Find User';
  private loaded = 0;
  private notice: { text: (secondsLeft: number) => string; until: number } | undefined;
  private readonly ticker = setInterval(() => this.drawTitle(), 1000);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly pick: vscode.QuickPick<UserPick>) {
    this.subscription = pick.onDidChangeActive((items) => this.activeChanged(items));
  }

  private activeChanged(items: readonly UserPick[]): void {
    const id = items[0]?.user.id;
    const stale = this.staleReport;
    this.staleReport = undefined;
    if (stale === undefined || id !== stale) {
      this.highlighted = id;
    }
  }

  /**
   * Shows the matches VS Code puts first, up to 200, knowing which it will highlight at the top.
   * A row the user moved to stays highlighted as more arrive when `keepActive`; otherwise, and
   * while the user has not moved, the top row is highlighted.
   */
  show(progress: FindProgress, query: string, keepActive: boolean): void {
    // The rows VS Code will show first, and so the one it highlights at the top...
    const best = quickPickOrder(progress.matches, displayName, query, maxShown);
    const top = best[0]?.id;
    // ...given in the order they were found. VS Code reports the highlighted row by its place in
    // the list given, and may report one from the list before: as matches are only ever added
    // at the end, that place still names the same user.
    const shown = new Set(best.map((user) => user.id));
    const items = progress.matches.filter((user) => shown.has(user.id)).map(toItem);
    const moved = keepActive && this.highlighted !== this.topId;
    const active = moved ? items.find((item) => item.user.id === this.highlighted) : undefined;
    this.pick.items = items;
    if (active) {
      this.pick.activeItems = [active];
      this.staleReport = active.user.id === top ? undefined : top;
    } else {
      this.topId = top;
      this.highlighted = top;
      this.staleReport = undefined;
    }
    this.title = findTitle(progress, query.trim() !== '');
    this.drawTitle();
  }

  /**
   * An answer came. One with more users loaded, or the last, ends a page's wait; the first
   * answer to new typing does not, since the page still waits.
   */
  answered(progress: FindProgress): void {
    const ended = progress.complete || progress.loaded !== this.loaded;
    this.loaded = progress.loaded;
    if (ended && this.notice) {
      this.notice = undefined;
      this.drawTitle();
    }
  }

  stopped(reason: string): void {
    this.notice = undefined;
    this.title = `Find User — stopped loading: ${reason}`;
    this.drawTitle();
  }

  /** Shows a wait to try a page again, counting down, until the next answer replaces it. */
  waiting(wait: RetryWait): void {
    this.notice = {
      text: (secondsLeft) => waitNotice(wait, secondsLeft),
      until: Date.now() + wait.delayMs,
    };
    this.drawTitle();
  }

  private drawTitle(): void {
    const secondsLeft = this.notice && Math.ceil((this.notice.until - Date.now()) / 1000);
    const notice = this.notice && secondsLeft !== undefined && secondsLeft > 0;
    const title = notice ? `${this.title} — ${this.notice?.text(secondsLeft)}` : this.title;
    if (this.pick.title !== title) {
      this.pick.title = title;
    }
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.subscription.dispose();
  }
}

/** e.g. "Find User — 3 matches (750 of 3,000 loaded…)", then "3 matches among 3,000 users". */
function findTitle(progress: FindProgress, searching: boolean): string {
  const { matches, loaded, total, complete } = progress;
  const shown = matches.length > maxShown ? `first ${maxShown} of ` : '';
  const found = searching
    ? plural(matches.length, 'match', 'matches')
    : plural(matches.length, 'user');
  if (!complete) {
    return `Find User — ${shown}${found} (${countText(loaded, total)} loaded…)`;
  }
  return `Find User — ${shown}${found}${searching ? ` among ${plural(loaded, 'user')}` : ''}`;
}

// Filtering is done here (name, email and id, word by word), so every item is always shown.
function toItem(user: User): UserPick {
  const deactivated = user.metadata.deleted_at ? ' · deactivated' : '';
  return {
    label: literal(displayName(user)),
    description: literal(user.email),
    detail: literal(`${user.id}${deactivated}`),
    alwaysShow: true,
    user,
  };
}

/** A quick pick draws "$(name)" as an icon: in a user's data it is text, so it is escaped. */
function literal(text: string): string {
  return text.replace(/\$\([\w~-]+\)/g, '\\$&');
}
