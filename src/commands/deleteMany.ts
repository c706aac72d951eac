import { ApiError } from '../api/apiError';
import { formatCount } from '../counts';

export interface DeleteTarget {
  id: string;
  name: string;
  /** Told with the name, since two users may well share one. */
  email?: string;
}

/** A user as a question or summary names it: the name in quotes, then the email. */
export function describeTarget({ name, email }: Omit<DeleteTarget, 'id'>): string {
  return email && email !== name ? `"${name}" (${email})` : `"${name}"`;
}

export type DeleteResult =
  | { kind: 'deleted' }
  | { kind: 'alreadyGone' }
  | { kind: 'failed'; reason: string }
  | { kind: 'notAttempted' };

export type DeleteOutcome = DeleteTarget & DeleteResult;

export interface DeleteManyOptions {
  /** Deletes at once; the client's retries already wait out a 429 as the server asks. */
  concurrency: number;
  /**
   * Once aborted no new delete starts; those already sent finish, so every outcome is known. A
   * delete that rejects as cancelled (it was waiting to be sent again) counts as not attempted.
   */
  signal?: AbortSignal;
  /** After each delete settles, with how many others are still in flight. */
  onSettled?: (outcome: DeleteOutcome, inFlight: number) => void;
  /** Once, when the signal aborts: how many deletes were sent and have yet to settle. */
  onCancelled?: (inFlight: number) => void;
}

/** Deletes each target, a few at a time; a 404 counts as already gone, not as a failure. */
export async function deleteMany(
  targets: readonly DeleteTarget[],
  deleteOne: (id: string) => Promise<void>,
  options: DeleteManyOptions,
): Promise<DeleteOutcome[]> {
  const outcomes: DeleteOutcome[] = targets.map((target) => ({ ...target, kind: 'notAttempted' }));
  let next = 0;
  let inFlight = 0;
  const worker = async () => {
    while (next < targets.length && !options.signal?.aborted) {
      const index = next++;
      inFlight += 1;
      const result = await settle(deleteOne, targets[index].id);
      inFlight -= 1;
      outcomes[index] = { ...targets[index], ...result };
      options.onSettled?.(outcomes[index], inFlight);
    }
  };
  const onAbort = () => options.onCancelled?.(inFlight);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  const workers = Math.max(1, Math.min(options.concurrency, targets.length));
  try {
    await Promise.all(Array.from({ length: workers }, worker));
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return outcomes;
}

async function settle(deleteOne: (id: string) => Promise<void>, id: string): Promise<DeleteResult> {
  try {
    await deleteOne(id);
    return { kind: 'deleted' };
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) {
      return { kind: 'alreadyGone' };
    }
    // Called off while it waited to be sent again: the server had not deleted the user.
    if (error instanceof ApiError && error.kind === 'cancelled') {
      return { kind: 'notAttempted' };
    }
    return { kind: 'failed', reason: error instanceof Error ? error.message : String(error) };
  }
}

export interface DeleteSummary {
  deleted: number;
  alreadyGone: number;
  failed: (DeleteTarget & { reason: string })[];
  notAttempted: number;
  /** One notification's worth: the counts, then the first few failures with their reasons. */
  message: string;
}

const failuresNamed = 3;

export function summarizeDeletes(outcomes: readonly DeleteOutcome[]): DeleteSummary {
  const count = (kind: DeleteResult['kind']) => outcomes.filter((o) => o.kind === kind).length;
  const failed = outcomes.flatMap((o) =>
    o.kind === 'failed'
      ? [{ id: o.id, name: o.name, ...(o.email && { email: o.email }), reason: o.reason }]
      : [],
  );
  const summary = {
    deleted: count('deleted'),
    alreadyGone: count('alreadyGone'),
    failed,
    notAttempted: count('notAttempted'),
  };
  return { ...summary, message: summaryMessage(summary, outcomes.length) };
}

function summaryMessage(summary: Omit<DeleteSummary, 'message'>, total: number): string {
  const { deleted, alreadyGone, failed, notAttempted } = summary;
  const sentences = [`Deleted ${formatCount(deleted)} of ${plural(total, 'user')}.`];
  if (alreadyGone > 0) {
    sentences.push(
      `${formatCount(alreadyGone)} ${alreadyGone === 1 ? 'was' : 'were'} already gone.`,
    );
  }
  if (failed.length > 0) {
    const named = failed.slice(0, failuresNamed).map((f) => `${describeTarget(f)}: ${f.reason}`);
    const more =
      failed.length > failuresNamed
        ? `; and ${formatCount(failed.length - failuresNamed)} more`
        : '';
    const stay = failed.length === 1 ? 'stays' : 'stay';
    sentences.push(
      `${formatCount(failed.length)} failed and ${stay} in the list: ${named.join('; ')}${more}.`,
    );
  }
  if (notAttempted > 0) {
    sentences.push(`${formatCount(notAttempted)} not deleted because you cancelled.`);
  }
  return sentences.join(' ');
}

export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : nouns}`;
}
