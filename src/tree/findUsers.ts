import type { User } from '../api/types';
import { userMatcher } from './userMatch';
import type { UsersModel } from './usersModel';

export interface FindProgress {
  /** The matching users loaded so far, in list order. */
  matches: User[];
  loaded: number;
  total: number | undefined;
  /** Every page is loaded: the matches are the whole answer. */
  complete: boolean;
}

/**
 * Finds users by name, email or id: first among the users already loaded, at once, then again
 * after each remaining page arrives. The pages go into the model, so the tree keeps them.
 * Stops quietly when `signal` aborts; throws when a page fails.
 */
export async function* findUsers(
  model: UsersModel,
  query: string,
  signal: AbortSignal,
): AsyncGenerator<FindProgress> {
  const matches = userMatcher(query);
  const found = new Map<string, User>();
  const scan = (users: User[]) => {
    for (const user of users) {
      if (matches(user)) {
        found.set(user.id, user);
      }
    }
  };
  scan(model.users);
  yield progress(model, found);
  for await (const page of model.pages(signal)) {
    scan(page);
    yield progress(model, found);
  }
}

// The model's copy wins, so a rename or delete made while finding shows in the answer.
function progress(model: UsersModel, found: Map<string, User>): FindProgress {
  const matches: User[] = [];
  for (const id of found.keys()) {
    const user = model.get(id);
    if (user) {
      matches.push(user);
    }
  }
  return { matches, loaded: model.size, total: model.totalSize, complete: model.complete };
}
