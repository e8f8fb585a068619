// Per-tick counters the two integration styles fill in, and the figures computed from them afterwards.
import { TICK_MS, type SimulationInput } from './input';

/** Rolling figures (load, latency percentiles, health) look at the last second, so one tick's noise does not dominate. */
export const WINDOW_TICKS = Math.round(1000 / TICK_MS);

/** What happened during one tick. Counts are requests in that tick; latencies are over the last second. */
export interface StepStats {
  /** Start of the tick, in seconds from the start of the run. */
  t: number;
  /** Client requests arriving in this tick (at A, or at the queue). */
  arrivals: number;
  /** Attempts reaching B that were a client request's first try (async: messages the consumers handed to B). */
  firstTries: number;
  /** Attempts reaching B that were retries. */
  retries: number;
  /** firstTries + retries: the load offered to B, including attempts B refused because it was full. */
  offeredToB: number;
  /** Attempts B turned away at once because its own queue was full (sync only). */
  refusedByB: number;
  /** Client requests that succeeded in this tick. */
  successes: number;
  /** Client requests that failed for good in this tick (out of attempts, or dropped by a full buffer). */
  failures: number;
  /** Requests waiting in front of B at the end of the tick: B's own backlog (sync) or the buffer (async). */
  queueDepth: number;
  /** Client requests not yet answered at the end of the tick, including those waiting to retry. */
  waiting: number;
  /** B's capacity in requests per second during this tick: it drops during the brownout. */
  capacityOfB: number;
  /** Latency percentiles of the requests that succeeded in the last second; null when none did. */
  p50LatencyMs: number | null;
  p95LatencyMs: number | null;
  p99LatencyMs: number | null;
}

/** Counters filled in tick by tick; arrays rather than objects so a run allocates little. */
export class Timeline {
  /** Ticks simulated; lowered by truncate when a run stops early. */
  ticks: number;
  readonly firstTries: Int32Array;
  readonly retries: Int32Array;
  readonly refused: Int32Array;
  readonly successes: Int32Array;
  readonly failures: Int32Array;
  readonly arrivals: Int32Array;
  readonly queueDepth: Int32Array;
  readonly waiting: Int32Array;
  readonly capacity: Float64Array;
  /** Latencies of the successes, by the tick in which they completed. */
  readonly latencies: number[][];

  constructor(ticks: number) {
    this.ticks = ticks;
    this.firstTries = new Int32Array(ticks);
    this.retries = new Int32Array(ticks);
    this.refused = new Int32Array(ticks);
    this.successes = new Int32Array(ticks);
    this.failures = new Int32Array(ticks);
    this.arrivals = new Int32Array(ticks);
    this.queueDepth = new Int32Array(ticks);
    this.waiting = new Int32Array(ticks);
    this.capacity = new Float64Array(ticks);
    this.latencies = Array.from({ length: ticks }, () => []);
  }

  /** Ends the timeline early: later ticks are ignored by every figure. */
  truncate(ticks: number): void {
    this.ticks = Math.min(this.ticks, ticks);
  }

  /** A success is counted in the tick its answer arrives, which may be after the tick B started it. */
  recordSuccess(doneMs: number, latencyMs: number): void {
    const tick = Math.floor(doneMs / TICK_MS);
    if (tick >= this.ticks) return;
    this.successes[tick]++;
    this.latencies[tick].push(latencyMs);
  }
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: Float64Array, count: number, p: number): number {
  return sorted[Math.max(0, Math.ceil(p * count) - 1)];
}

/** The per-tick rows, with latency percentiles over a one-second window. */
export function buildSteps(timeline: Timeline): StepStats[] {
  const steps: StepStats[] = [];
  // One scratch array for every window: sorting a typed array is numeric and allocation-free.
  let scratch = new Float64Array(256);
  for (let tick = 0; tick < timeline.ticks; tick++) {
    let count = 0;
    for (let back = Math.max(0, tick - WINDOW_TICKS + 1); back <= tick; back++) {
      const values = timeline.latencies[back];
      if (count + values.length > scratch.length) {
        const larger = new Float64Array(Math.max(scratch.length * 2, count + values.length));
        larger.set(scratch.subarray(0, count));
        scratch = larger;
      }
      for (const value of values) scratch[count++] = value;
    }
    const sorted = scratch.subarray(0, count).sort();
    const firstTries = timeline.firstTries[tick];
    const retries = timeline.retries[tick];
    steps.push({
      t: (tick * TICK_MS) / 1000,
      arrivals: timeline.arrivals[tick],
      firstTries,
      retries,
      offeredToB: firstTries + retries,
      refusedByB: timeline.refused[tick],
      successes: timeline.successes[tick],
      failures: timeline.failures[tick],
      queueDepth: timeline.queueDepth[tick],
      waiting: timeline.waiting[tick],
      capacityOfB: timeline.capacity[tick],
      p50LatencyMs: count ? round(percentile(sorted, count, 0.5)) : null,
      p95LatencyMs: count ? round(percentile(sorted, count, 0.95)) : null,
      p99LatencyMs: count ? round(percentile(sorted, count, 0.99)) : null,
    });
  }
  return steps;
}

/** Millisecond sums of tenths of a second pick up float noise (0.30000000000000004); a plot needs none of it. */
function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}

/** Sum of values[from..to], clamped to the array. */
function sum(values: Int32Array, from: number, to: number): number {
  let total = 0;
  for (let i = Math.max(0, from); i <= Math.min(values.length - 1, to); i++) total += values[i];
  return total;
}

/**
 * The highest load offered to B in any one-second window, divided by the client rate. A second rather than a
 * tick, because a tick holds about ten requests and the randomness of arrivals alone would read as a 1.5x spike.
 */
export function peakAmplification(timeline: Timeline, clientRate: number): number {
  let peak = 0;
  let windowLoad = 0;
  for (let tick = 0; tick < timeline.ticks; tick++) {
    windowLoad += timeline.firstTries[tick] + timeline.retries[tick];
    if (tick >= WINDOW_TICKS) windowLoad -= timeline.firstTries[tick - WINDOW_TICKS] + timeline.retries[tick - WINDOW_TICKS];
    if (tick >= WINDOW_TICKS - 1) peak = Math.max(peak, windowLoad);
  }
  const seconds = (Math.min(WINDOW_TICKS, timeline.ticks) * TICK_MS) / 1000;
  return Math.round((peak / seconds / clientRate) * 100) / 100;
}

/**
 * How many unanswered requests count as normal. Little's law: in-flight = rate x time in flight, and a healthy
 * request spends about B's service time plus a tick; doubled, and never below what was seen before the
 * brownout (a busy but stable B keeps more in flight), so ordinary noise is not mistaken for trouble.
 */
function normalWaiting(timeline: Timeline, input: SimulationInput, brownoutStartTick: number): number {
  const littles = (2 * input.clientRate * (input.serviceB.latencyMs + TICK_MS)) / 1000;
  let before = 0;
  for (let tick = WINDOW_TICKS; tick < Math.min(brownoutStartTick, timeline.ticks); tick++) {
    before = Math.max(before, timeline.waiting[tick]);
  }
  return Math.max(5, littles, 1.5 * before);
}

/**
 * Seconds from the end of the brownout until the system is back to normal for good: from then to the end of
 * the run, no more client requests wait than normal traffic keeps in flight, and fewer than 5% of the
 * requests of the last second failed. Null when that moment does not come at least a second before the end of
 * the run, or when there was no brownout to recover from.
 */
export function recoverySeconds(timeline: Timeline, input: SimulationInput): number | null {
  const { startS, durationS } = input.brownout;
  const endMs = (startS + durationS) * 1000;
  if (durationS <= 0 || endMs >= timeline.ticks * TICK_MS) return null;
  const startTick = Math.floor((startS * 1000) / TICK_MS);
  const endTick = Math.ceil(endMs / TICK_MS);
  const threshold = normalWaiting(timeline, input, startTick);
  const healthy = (tick: number): boolean => {
    if (timeline.waiting[tick] > threshold) return false;
    const failed = sum(timeline.failures, tick - WINDOW_TICKS + 1, tick);
    const arrived = sum(timeline.arrivals, tick - WINDOW_TICKS + 1, tick);
    return failed <= 0.05 * Math.max(arrived, 1);
  };
  // Walk back from the end: the recovery point is just after the last unhealthy tick.
  let recovered = timeline.ticks;
  while (recovered > endTick && healthy(recovered - 1)) recovered--;
  if (recovered > timeline.ticks - WINDOW_TICKS) return null;
  return Math.round(Math.max(0, recovered * TICK_MS - endMs) / 100) / 10;
}
