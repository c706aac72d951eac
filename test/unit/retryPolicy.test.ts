import * as assert from 'node:assert/strict';
import { retryDelay } from '../../src/api/retryPolicy';

const limits = { maxRetries: 3, maxDelayMs: 30_000 };

describe('the retry policy', function () {
  it('waits until X-RateLimit-Reset after a 429', function () {
    const delay = retryDelay(
      { statusCode: 429, headers: { 'x-ratelimit-reset': '2' } },
      1,
      'GET',
      limits,
    );

    assert.equal(delay, 2000);
  });

  it('backs off briefly after a 500, whatever the rate window says', function () {
    const delay = retryDelay(
      { statusCode: 500, headers: { 'x-ratelimit-reset': '58' } },
      1,
      'GET',
      limits,
    );

    assert.equal(delay, 250);
  });

  it('still honours Retry-After on a 503', function () {
    const delay = retryDelay(
      { statusCode: 503, headers: { 'retry-after': '3' } },
      1,
      'GET',
      limits,
    );

    assert.equal(delay, 3000);
  });
});
