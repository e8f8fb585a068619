// Seeded pseudo-random numbers, shared by the simulator, the quiz order and the fuzz test: one seed
// always replays the same sequence, in Node and in the webview.

/** A source of numbers in [0, 1), like Math.random but reproducible. */
export type Random = () => number;

/**
 * mulberry32: a tiny 32-bit generator. It is not cryptographic, but it is fast, has a 2^32 period, and
 * gives the same sequence on every JavaScript engine.
 */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
