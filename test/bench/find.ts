import { findUsers, type FindProgress } from '../../src/tree/findUsers';
import { UsersModel } from '../../src/tree/usersModel';
import { benchClient, pageSize, type Enumerate, type Target } from './enumeration';
import { measure, type Sample } from './measure';

/** A tree model over the target, listing pages of `pageSize` as the extension would. */
export function newModel(target: Target): UsersModel {
  const client = benchClient(target);
  return new UsersModel((pageToken, signal) => client.listUsers({ pageSize, pageToken, signal }));
}

/**
 * Time to the first answer of a find over users that are all loaded already: the quick pick's
 * first list. The model is new each run, so nothing from an earlier find is cached.
 */
export async function firstMatchSamples(
  target: Target,
  query: string,
  runs: number,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let round = 0; round <= runs; round++) {
    const model = newModel(target);
    await model.loadAll(new AbortController().signal);
    const stop = new AbortController();
    const finding = findUsers(model, query, stop.signal);
    let first: FindProgress | undefined;
    const sample = await measure(async () => {
      const step = await finding.next();
      first = step.done ? undefined : step.value;
    });
    stop.abort();
    await finding.return(undefined);
    if (!first?.matches.length) {
      throw new Error(`Finding "${query}" among ${model.size} loaded users matched no one.`);
    }
    if (round > 0) {
      samples.push(sample);
    }
  }
  return samples;
}

/** A find from an empty tree to its complete answer, every page loaded on the way. */
export function findToTheEnd(target: Target, query: string, users: number): Enumerate {
  return async () => {
    const model = newModel(target);
    let last: FindProgress | undefined;
    for await (const progress of findUsers(model, query, new AbortController().signal)) {
      last = progress;
    }
    if (!last?.complete || model.size !== users) {
      throw new Error(`Finding "${query}" ended with ${model.size} of ${users} users loaded.`);
    }
    return last.matches.length;
  };
}

/** Listing every page into an empty tree model: a find's work without the matching. */
export function loadIntoModel(target: Target): Enumerate {
  return async () => {
    const model = newModel(target);
    await model.loadAll(new AbortController().signal);
    return model.size;
  };
}
