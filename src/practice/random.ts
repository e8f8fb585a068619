// Seeded pseudo-random numbers, so one seed always replays the same simulation (in Node and in the webview).

/** A source of numbers in [0, 1), like Math.random but reproducible. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator. It is not cryptographic, but it is fast, has a 2^32 period that a
 * one-minute simulation never exhausts, and gives the same sequence on every JavaScript engine.
 */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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
