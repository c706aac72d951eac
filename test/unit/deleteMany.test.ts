import * as assert from 'node:assert/strict';
import { ApiError } from '../../src/api/apiError';
import {
  deleteMany,
  plural,
  summarizeDeletes,
  type DeleteTarget,
} from '../../src/commands/deleteMany';

const target = (n: number): DeleteTarget => ({ id: `u-${n}`, name: `User ${n}` });
const targets = (count: number) => Array.from({ length: count }, (_, i) => target(i + 1));
const httpError = (status: number) =>
  ApiError.http({ method: 'DELETE', path: '/iam/v2/users/x', host: 'api' }, status);

describe('deleting many users', function () {
  it('never has more deletes in flight than the concurrency', async function () {
    let inFlight = 0;
    let most = 0;
    const deleteOne = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight -= 1;
    };
    const outcomes = await deleteMany(targets(10), deleteOne, { concurrency: 4 });
    assert.equal(most, 4);
    assert.ok(outcomes.every((o) => o.kind === 'deleted'));
  });

  it('sorts each user into deleted, already gone and failed with the reason', async function () {
    const deleteOne = async (id: string) => {
      if (id === 'u-2') throw httpError(404);
      if (id === 'u-3') throw httpError(500);
    };
    const outcomes = await deleteMany(targets(3), deleteOne, { concurrency: 2 });
    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['deleted', 'alreadyGone', 'failed'],
    );
    assert.match((outcomes[2] as { reason: string }).reason, /500/);
  });

  it('starts no new delete once cancelled', async function () {
    const cancel = new AbortController();
    const sent: string[] = [];
    const deleteOne = async (id: string) => {
      sent.push(id);
      if (sent.length === 2) {
        cancel.abort();
      }
      await new Promise((resolve) => setImmediate(resolve));
    };
    const outcomes = await deleteMany(targets(6), deleteOne, {
      concurrency: 2,
      signal: cancel.signal,
    });
    assert.deepEqual(sent, ['u-1', 'u-2']);
    assert.equal(outcomes.filter((o) => o.kind === 'notAttempted').length, 4);
  });

  it('counts a delete called off while it waited to be sent again as not deleted', async function () {
    const deleteOne = async (id: string) => {
      if (id === 'u-2') {
        throw ApiError.cancelled({ method: 'DELETE', path: `/iam/v2/users/${id}`, host: 'api' });
      }
    };
    const outcomes = await deleteMany(targets(2), deleteOne, { concurrency: 2 });

    assert.deepEqual(
      outcomes.map((o) => o.kind),
      ['deleted', 'notAttempted'],
    );
    assert.match(summarizeDeletes(outcomes).message, /1 not deleted because you cancelled/);
  });

  it('says how many sent deletes are still to finish when cancelled, then as each does', async function () {
    const cancel = new AbortController();
    const pending: (() => void)[] = [];
    const deleteOne = () => new Promise<void>((resolve) => pending.push(resolve));
    const told: string[] = [];
    const deleting = deleteMany(targets(6), deleteOne, {
      concurrency: 3,
      signal: cancel.signal,
      onCancelled: (inFlight) => told.push(`cancelled with ${inFlight} in flight`),
      onSettled: (outcome, inFlight) => told.push(`${outcome.id} settled, ${inFlight} in flight`),
    });
    await new Promise((resolve) => setImmediate(resolve));
    cancel.abort();
    for (const resolve of pending.splice(0)) {
      resolve();
      await new Promise((done) => setImmediate(done));
    }
    const outcomes = await deleting;
    assert.deepEqual(told, [
      'cancelled with 3 in flight',
      'u-1 settled, 2 in flight',
      'u-2 settled, 1 in flight',
      'u-3 settled, 0 in flight',
    ]);
    assert.equal(outcomes.filter((o) => o.kind === 'notAttempted').length, 3);
  });

  it('sums up done, already gone, failed with reasons, and cancelled', function () {
    const summary = summarizeDeletes([
      { ...target(1), kind: 'deleted' },
      { ...target(2), kind: 'alreadyGone' },
      { ...target(3), kind: 'failed', reason: 'Server error (500)' },
      { ...target(4), kind: 'notAttempted' },
    ]);
    assert.equal(
      summary.message,
      'Deleted 1 of 4 users. 1 was already gone. 1 failed and stays in the list: ' +
        '"User 3": Server error (500). 1 not deleted because you cancelled.',
    );
    assert.deepEqual(summary.failed, [{ id: 'u-3', name: 'User 3', reason: 'Server error (500)' }]);
  });

  it('writes counts of a thousand or more with thousands separators', function () {
    const outcomes = targets(2500).map((t, i) => ({
      ...t,
      kind:
        i < 1200
          ? ('deleted' as const)
          : i < 2300
            ? ('alreadyGone' as const)
            : ('notAttempted' as const),
    }));
    assert.equal(
      summarizeDeletes(outcomes).message,
      'Deleted 1,200 of 2,500 users. 1,100 were already gone. ' +
        '200 not deleted because you cancelled.',
    );
    assert.equal(plural(1000, 'user'), '1,000 users');
  });

  it('names the first three failures and counts the rest', function () {
    const failures = targets(5).map((t) => ({ ...t, kind: 'failed' as const, reason: 'no' }));
    const { message } = summarizeDeletes(failures);
    assert.match(message, /"User 3": no; and 2 more\.$/);
  });

  it('names a failed user with the email, since names repeat', function () {
    const { message } = summarizeDeletes([
      {
        id: 'u-1',
        name: 'Agnès Schröder',
        email: 'agnes.s1@example.com',
        kind: 'failed',
        reason: 'no',
      },
    ]);
    assert.match(message, /"Agnès Schröder" \(agnes\.s1@example\.com\): no\.$/);
    assert.doesNotMatch(message, /User 4/);
  });
});
