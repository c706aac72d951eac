import * as vscode from 'vscode';
import type { User } from '../api/types';
import { findUsers, type FindProgress } from '../tree/findUsers';
import { Throttle } from '../tree/throttle';
import { plural } from './deleteMany';
import type { UsersModel } from '../tree/usersModel';
import { countText, displayName } from '../tree/usersTreeProvider';

type UserPick = vscode.QuickPickItem & { user: User };

/** A quick pick shows this many at most; typing more narrows the rest. */
const maxShown = 200;

const redrawIntervalMs = 300;

/**
 * A quick pick that answers from the loaded users as the user types while the remaining pages
 * stream into the model. Resolves with the picked user; closing it cancels the loading.
 */
export function findUser(model: UsersModel): Promise<User | undefined> {
  const pick = vscode.window.createQuickPick<UserPick>();
  pick.title = 'Find User';
  pick.placeholder = 'Type a name, email or user id';
  pick.matchOnDescription = true;
  pick.matchOnDetail = true;
  const cancel = new AbortController();
  let latest = 0;
  // Pages can stream in faster than the list can be drawn: between a query's first answer and
  // its last, the list follows at this pace, always with the newest answer.
  let shown: { progress: FindProgress; query: string } | undefined;
  const redraw = new Throttle(
    () => shown && show(pick, shown.progress, shown.query),
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
        shown = { progress, query };
        if (first || progress.complete) {
          redraw.now();
        } else {
          redraw.request();
        }
        first = false;
      }
    } catch (error) {
      if (run === latest) {
        pick.title = `Find User — stopped loading: ${(error as Error).message}`;
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
      chosen = pick.activeItems[0]?.user;
      pick.hide();
    });
    pick.onDidHide(() => {
      cancel.abort();
      redraw.dispose();
      pick.dispose();
      resolve(chosen);
    });
    pick.show();
    void search('');
  });
}

function show(pick: vscode.QuickPick<UserPick>, progress: FindProgress, query: string): void {
  const activeId = pick.activeItems[0]?.user.id;
  const items = progress.matches.slice(0, maxShown).map(toItem);
  pick.items = items;
  // Keep the row the user moved to, instead of jumping back to the top with every page.
  const active = items.find((item) => item.user.id === activeId);
  if (active) {
    pick.activeItems = [active];
  }
  pick.title = findTitle(progress, query.trim() !== '');
}

/** e.g. "Find User — 3 matches (750 of 3000 loaded…)", then "3 matches among 3000 users". */
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
    label: displayName(user),
    description: user.email,
    detail: `${user.id}${deactivated}`,
    alwaysShow: true,
    user,
  };
}
