// Seeded pseudo-random numbers, so one seed always replays the same simulation (in Node and in the webview).

import { seededRandom, type Random } from '../shared/seeded-random';

export type { Random };

/** The simulator's generator: one seed, one run. */
export const createRandom: (seed: number) => Random = seededRandom;

/** Above this mean Knuth's method gets slow and exp(-mean) small, so a normal approximation takes over. */
const KNUTH_LIMIT = 60;

/**
 * How many independent events happen in an interval where `mean` are expected: how many clients arrive in
 * one tick. Arrivals at a steady rate are bursty in real life, and the bursts are part of why queues form.
 */
export function poisson(random: Random, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean <= KNUTH_LIMIT) {
    // Knuth: multiply uniforms until the product drops below e^-mean; the number of factors is the count.
    const limit = Math.exp(-mean);
    let count = 0;
    let product = random();
    while (product > limit) {
      count++;
      product *= random();
    }
    return count;
  }
  // Box-Muller normal with the same mean and variance; at this size the difference does not show.
  const u = 1 - random();
  const v = random();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal));
}
