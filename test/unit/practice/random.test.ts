import assert from 'node:assert/strict';
import { createRandom, poisson } from '../../../src/practice';

describe('practice simulator: seeded random numbers', () => {
  it('replays the same sequence for the same seed, and another for another seed', () => {
    const take = (seed: number): number[] => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random());
    };
    assert.deepEqual(take(5), take(5));
    assert.notDeepEqual(take(5), take(6));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const random = createRandom(123);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10000; i++) {
      const value = random();
      assert.ok(value >= 0 && value < 1);
      buckets[Math.floor(value * 10)]++;
    }
    for (const count of buckets) assert.ok(count > 900 && count < 1100, String(count));
  });

  it('draws Poisson counts with the requested mean, small and large', () => {
    for (const mean of [0.5, 10, 100]) {
      const random = createRandom(9);
      let total = 0;
      for (let i = 0; i < 5000; i++) total += poisson(random, mean);
      const average = total / 5000;
      assert.ok(Math.abs(average - mean) < 0.05 * mean + 0.05, `mean ${mean}: ${average}`);
    }
    assert.equal(poisson(createRandom(1), 0), 0);
  });
});
