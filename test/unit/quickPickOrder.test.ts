import * as assert from 'node:assert/strict';
import { quickPickOrder } from '../../src/commands/quickPickOrder';

const order = (labels: string[], value: string, limit?: number) =>
  quickPickOrder(labels, (label) => label, value, limit);

describe('the order a quick pick shows', function () {
  it('keeps the given order while nothing is typed', function () {
    assert.deepEqual(order(['Zed', 'Ada', 'Mia'], '  '), ['Zed', 'Ada', 'Mia']);
  });

  it('puts labels that begin with the text first, then those that contain it, A to Z', function () {
    const labels = ['Zed Quokkaberg', 'zed@quokka.example', 'Mia Quokkason', 'Quokka Ames', 'Ann'];

    assert.deepEqual(order(labels, 'quokka'), [
      'Quokka Ames',
      'Mia Quokkason',
      'Zed Quokkaberg',
      'zed@quokka.example',
      'Ann',
    ]);
  });

  it('puts a shorter label that begins with the text before a longer one', function () {
    assert.deepEqual(order(['Adams Ann', 'Ada'], 'ada'), ['Ada', 'Adams Ann']);
  });

  it('puts labels ending in the text before others that only contain it', function () {
    assert.deepEqual(order(['Bo Linden Smith', 'Carl Linden'], 'linden'), [
      'Carl Linden',
      'Bo Linden Smith',
    ]);
  });

  it('sorts numbers in labels by value', function () {
    assert.deepEqual(order(['user 10', 'user 9', 'user 100'], 'user'), [
      'user 9',
      'user 10',
      'user 100',
    ]);
  });

  it('keeps only the first `limit`, the same as sorting all and cutting', function () {
    const labels = Array.from(
      { length: 500 },
      (_, i) => `Name ${(i * 7919) % 500} ${i % 3 ? 'x' : ''}`,
    );
    const all = order(labels, 'name 1');

    assert.deepEqual(order(labels, 'name 1', 20), all.slice(0, 20));
    assert.deepEqual(order(labels, 'zzz', 3), labels.slice(0, 3));
  });

  it('treats * as any run of characters and other symbols as themselves', function () {
    assert.deepEqual(order(['zzz', 'axxb'], 'a*b'), ['axxb', 'zzz']);
    assert.deepEqual(order(['axb', 'a.b'], 'a.b'), ['a.b', 'axb']);
  });
});
