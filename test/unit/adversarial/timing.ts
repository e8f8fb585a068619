// Timing for the adversarial tests: ratios of two costs measured in the same run, never a wall-clock
// limit. Each cost is the fastest of several interleaved runs, which filters out the moments when a
// busy machine gives the test no CPU at all.

/** The fastest of `runs` calls of each function, in milliseconds, interleaved so both see the same machine. */
export function fastestOfEach(runs: number, ...functions: (() => unknown)[]): number[] {
  const best = functions.map(() => Infinity);
  for (let run = 0; run < runs; run++) {
    functions.forEach((fn, i) => {
      const start = process.hrtime.bigint();
      fn();
      best[i] = Math.min(best[i]!, Number(process.hrtime.bigint() - start) / 1e6);
    });
  }
  return best;
}

/**
 * The smallest ratio `costs[1] / costs[0]` seen over up to `rounds` rounds of fastestOfEach, stopping
 * as soon as it is within `bound`: a slow round on a busy machine is measured again, not believed.
 */
export function smallestRatio(bound: number, rounds: number, runs: number, base: () => unknown, measured: () => unknown): { ratio: number; baseMs: number; measuredMs: number } {
  let best = { ratio: Infinity, baseMs: 0, measuredMs: 0 };
  for (let round = 0; round < rounds && best.ratio > bound; round++) {
    const [baseMs, measuredMs] = fastestOfEach(runs, base, measured);
    if (measuredMs! / baseMs! < best.ratio) best = { ratio: measuredMs! / baseMs!, baseMs: baseMs!, measuredMs: measuredMs! };
  }
  return best;
}
