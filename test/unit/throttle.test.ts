import * as assert from 'node:assert/strict';
import { Throttle } from '../../src/tree/throttle';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('Throttle', function () {
  let runs: number;
  let throttle: Throttle;

  beforeEach(function () {
    runs = 0;
    throttle = new Throttle(
      () => (runs += 1),
      () => 40,
    );
  });

  afterEach(function () {
    throttle.dispose();
  });

  it('runs at once when it has not run lately', function () {
    throttle.request();
    assert.equal(runs, 1);
  });

  it('runs once more at the end of the interval, however often asked meanwhile', async function () {
    throttle.request();
    for (let i = 0; i < 10; i++) {
      throttle.request();
    }
    assert.equal(runs, 1);
    await pause(80);
    assert.equal(runs, 2);
    await pause(80);
    assert.equal(runs, 2, 'nothing was asked since');
  });

  it('runs now when told, dropping the run that was waiting', async function () {
    throttle.request();
    throttle.request();
    throttle.now();
    assert.equal(runs, 2);
    await pause(80);
    assert.equal(runs, 2);
  });

  it('runs nothing after it is disposed', async function () {
    throttle.request();
    throttle.request();
    throttle.dispose();
    await pause(80);
    assert.equal(runs, 1);
  });
});
