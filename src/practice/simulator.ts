// The retry-storm simulator: clients call A, A calls B (directly or through a queue), B browns out and
// recovers. Discrete time, seeded randomness, no DOM and no Node: it runs in the webview on every control change.
import { TICK_MS, validateInput, type RetryPolicy, type SimulationInput, type SimulationInputPatch } from './input';
import { createRandom, poisson, type Random } from './random';
import { Timeline, buildSteps, peakAmplification, recoverySeconds, type StepStats } from './timeline';

export interface SimulationSummary {
  /** Peak load offered to B over any one second, divided by the client rate. 1 means no amplification. */
  peakAmplification: number;
  /** Seconds after the brownout ended until the system was back to normal; null if not within the run. */
  recoverySeconds: number | null;
  /** Client requests whose work B never did: dropped by a full buffer, or failed with no attempt completed. */
  lost: number;
  /**
   * Client requests B did more than once: a timed-out attempt B finished anyway plus a retry that was also
   * done. Harmless for reads, a double charge for a payment without an idempotency key.
   */
  duplicates: number;
  /** Completions by B that nobody waited for any more: work B did after A had given up. */
  wasted: number;
  totalRequests: number;
  succeeded: number;
  failed: number;
  /** Requests neither succeeded nor failed when the run ended (still queued or retrying). */
  unfinished: number;
  /** Every attempt that reached B, first tries and retries, refused ones included. */
  attempts: number;
}

export interface SimulationResult {
  /** One row per tick of TICK_MS. */
  steps: StepStats[];
  /** Null normally; the time the run was cut short when it would have sent more than ATTEMPT_BUDGET attempts. */
  stoppedAtS: number | null;
  summary: SimulationSummary;
  /** The input actually simulated, after validation. */
  input: SimulationInput;
  /** What validation had to fix in the given input. */
  problems: string[];
}

/** Totals kept while the run goes, beyond the per-tick timeline. */
interface Tally {
  requests: number;
  succeeded: number;
  failed: number;
  lost: number;
  duplicates: number;
  completions: number;
}

/** B's health at a moment: fewer requests per second and slower ones during the brownout. */
interface Health {
  capacityPerSecond: number;
  latencyMs: number;
}

function healthOfB(input: SimulationInput, nowMs: number): Health {
  const { startS, durationS, capacityFactor, latencyMs } = input.brownout;
  const inBrownout = nowMs >= startS * 1000 && nowMs < (startS + durationS) * 1000;
  if (!inBrownout) return { capacityPerSecond: input.serviceB.capacityPerSecond, latencyMs: input.serviceB.latencyMs };
  return { capacityPerSecond: input.serviceB.capacityPerSecond * capacityFactor, latencyMs };
}

/**
 * A rate in requests per second turned into whole requests per tick. The fraction carries over, so 4.5 per
 * tick gives 4, 5, 4, 5…; but capacity left unused by an idle tick is not saved up for a later burst.
 */
class Pacer {
  private credit = 0;

  /** How many requests may go this tick, out of `available`. */
  take(ratePerSecond: number, available: number): number {
    const perTick = (ratePerSecond * TICK_MS) / 1000;
    this.credit = Math.min(this.credit + perTick, Math.max(perTick, 1));
    const taken = Math.min(Math.floor(this.credit), available);
    this.credit -= taken;
    if (taken === available) this.credit -= Math.floor(this.credit);
    return taken;
  }
}

/** A fixed-size first-in first-out queue of numbers, without the cost of Array.shift. */
class Ring {
  private readonly items: Float64Array;
  private head = 0;
  length = 0;

  constructor(readonly capacity: number) {
    this.items = new Float64Array(Math.max(1, capacity));
  }

  get full(): boolean {
    return this.length >= this.capacity;
  }

  push(value: number): void {
    this.items[(this.head + this.length) % this.items.length] = value;
    this.length++;
  }

  shift(): number {
    const value = this.items[this.head];
    this.head = (this.head + 1) % this.items.length;
    this.length--;
    return value;
  }
}

/**
 * How long A waits before the next attempt, after attempt number `failedAttempt` failed. Full jitter picks
 * uniformly between zero and the delay: it spreads a crowd of retries over time instead of moving it.
 */
export function retryDelayMs(policy: RetryPolicy, failedAttempt: number, random: Random): number {
  let delay = 0;
  if (policy.backoff === 'fixed') delay = policy.baseDelayMs;
  else if (policy.backoff === 'exponential') {
    delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(failedAttempt - 1, 30));
  }
  return policy.jitter ? delay * random() : delay;
}

/**
 * A safety net for the webview: unbounded retries with a short timeout and a long brownout could otherwise
 * send tens of millions of attempts. Past this many the run stops early and says so. The presets send well
 * under a tenth of it.
 */
export const ATTEMPT_BUDGET = 1_000_000;

/** Request states in the synchronous style. */
const OPEN = 0;
const SUCCEEDED = 1;
const FAILED = 2;

/**
 * Synchronous style. Each client request becomes attempts from A to B. An attempt joins B's backlog (or is
 * dropped when the backlog is full); B starts as many as its capacity allows each tick, oldest first.
 * If the answer comes back later than A's timeout, A has already given up and retried, but B still does the
 * work: that wasted work, done while B is weakest, is what makes a retry storm.
 */
function runSync(input: SimulationInput, random: Random, timeline: Timeline, tally: Tally): number {
  const { retry, timeoutMs } = input;
  const ticks = timeline.ticks;
  // Per client request (index = request id).
  const arrivalMs: number[] = [];
  const attemptsMade: number[] = [];
  const completions: number[] = [];
  const state: number[] = [];
  // Per attempt (index = attempt id).
  const attemptRequest: number[] = [];
  const attemptSentMs: number[] = [];
  const attemptAwaited: boolean[] = [];
  const backlog = new Ring(input.serviceB.queueLimit);
  const pacer = new Pacer();
  // Calendars: which requests retry in a tick, which attempts time out in a tick.
  const retriesDue: (number[] | undefined)[] = new Array<number[] | undefined>(ticks);
  const timeoutsDue: (number[] | undefined)[] = new Array<number[] | undefined>(ticks);
  const timeoutTicks = Math.floor(timeoutMs / TICK_MS);
  let open = 0;
  let sent = 0;
  let ticksRun = ticks;

  const schedule = (calendar: (number[] | undefined)[], tick: number, id: number): void => {
    // Beyond the end of the run nothing happens; the request simply stays unfinished.
    if (tick < ticks) (calendar[tick] ??= []).push(id);
  };

  /** An attempt timed out: retry after the backoff, or give up when out of attempts. */
  const attemptFailed = (request: number, tick: number, atMs: number): void => {
    const made = attemptsMade[request];
    if (retry.maxAttempts !== null && made >= retry.maxAttempts) {
      state[request] = FAILED;
      open--;
      tally.failed++;
      timeline.failures[tick]++;
      return;
    }
    const dueMs = atMs + retryDelayMs(retry, made, random);
    // A retry goes out at the earliest in the next tick: this tick's sending is over.
    schedule(retriesDue, Math.max(tick + 1, Math.ceil(dueMs / TICK_MS)), request);
  };

  const send = (request: number, tick: number, nowMs: number): void => {
    if (attemptsMade[request]++ === 0) timeline.firstTries[tick]++;
    else timeline.retries[tick]++;
    sent++;
    // A full B drops the attempt (like a full accept queue drops a connection): A hears nothing and finds
    // out only when its timeout expires, exactly as if B were slow. Such an attempt needs no record: the
    // calendar holds its request id, bit-inverted (negative) to tell it from an attempt id.
    if (backlog.full) {
      timeline.refused[tick]++;
      schedule(timeoutsDue, tick + timeoutTicks, ~request);
      return;
    }
    const attempt = attemptRequest.length;
    attemptRequest.push(request);
    attemptSentMs.push(nowMs);
    attemptAwaited.push(true);
    backlog.push(attempt);
    schedule(timeoutsDue, tick + timeoutTicks, attempt);
  };

  /** B finishes an attempt. Whether anyone still waits for the answer decides success or wasted work. */
  const complete = (attempt: number, doneMs: number): void => {
    const request = attemptRequest[attempt];
    tally.completions++;
    // Counted once per request, at its second completion: "how many requests were done twice or more".
    if (++completions[request] === 2) tally.duplicates++;
    if (!attemptAwaited[attempt] || doneMs - attemptSentMs[attempt] > timeoutMs) return;
    attemptAwaited[attempt] = false;
    state[request] = SUCCEEDED;
    open--;
    tally.succeeded++;
    timeline.recordSuccess(doneMs, doneMs - arrivalMs[request]);
  };

  for (let tick = 0; tick < ticks; tick++) {
    const nowMs = tick * TICK_MS;
    const health = healthOfB(input, nowMs);
    timeline.capacity[tick] = health.capacityPerSecond;
    // 1. Retries whose backoff ends now; they were waiting before this tick's newcomers.
    for (const request of retriesDue[tick] ?? []) send(request, tick, nowMs);
    retriesDue[tick] = undefined;
    // 2. New client requests.
    const arrivals = poisson(random, (input.clientRate * TICK_MS) / 1000);
    timeline.arrivals[tick] = arrivals;
    for (let i = 0; i < arrivals; i++) {
      const request = arrivalMs.length;
      arrivalMs.push(nowMs);
      attemptsMade.push(0);
      completions.push(0);
      state.push(OPEN);
      open++;
      tally.requests++;
      send(request, tick, nowMs);
    }
    // 3. B starts what its capacity allows, oldest first; each answer is ready one service time later.
    const started = pacer.take(health.capacityPerSecond, backlog.length);
    for (let i = 0; i < started; i++) complete(backlog.shift(), nowMs + health.latencyMs);
    // 4. A gives up on attempts that got no answer within the timeout, and plans their retries.
    for (const attempt of timeoutsDue[tick] ?? []) {
      if (attempt < 0) {
        attemptFailed(~attempt, tick, (tick - timeoutTicks) * TICK_MS + timeoutMs);
      } else if (attemptAwaited[attempt]) {
        attemptAwaited[attempt] = false;
        attemptFailed(attemptRequest[attempt], tick, attemptSentMs[attempt] + timeoutMs);
      }
    }
    timeoutsDue[tick] = undefined;
    timeline.queueDepth[tick] = backlog.length;
    timeline.waiting[tick] = open;
    if (sent > ATTEMPT_BUDGET) {
      ticksRun = tick + 1;
      break;
    }
  }
  for (let request = 0; request < state.length; request++) {
    if (state[request] === FAILED && completions[request] === 0) tally.lost++;
  }
  return ticksRun;
}

/**
 * Asynchronous style. Clients put requests in a bounded buffer and get on with their day; a full buffer
 * drops the request (lost). Consumers take from the buffer only as fast as they can and as B can answer, so
 * B is never offered more than the consumers' rate: the buffer, not B, absorbs the brownout. There are no
 * client timeouts and so no retries (and no duplicates) in this model.
 */
function runAsync(input: SimulationInput, random: Random, timeline: Timeline, tally: Tally): number {
  const buffer = new Ring(input.queue.capacity);
  const pacer = new Pacer();
  const consumerRate = input.queue.consumers * input.queue.perConsumerRate;
  for (let tick = 0; tick < timeline.ticks; tick++) {
    const nowMs = tick * TICK_MS;
    const health = healthOfB(input, nowMs);
    timeline.capacity[tick] = health.capacityPerSecond;
    const arrivals = poisson(random, (input.clientRate * TICK_MS) / 1000);
    timeline.arrivals[tick] = arrivals;
    tally.requests += arrivals;
    for (let i = 0; i < arrivals; i++) {
      if (buffer.full) {
        tally.failed++;
        tally.lost++;
        timeline.failures[tick]++;
      } else buffer.push(nowMs);
    }
    // Consumers hand B a message only when both they and B have room: backpressure instead of overload.
    const handed = pacer.take(Math.min(consumerRate, health.capacityPerSecond), buffer.length);
    timeline.firstTries[tick] = handed;
    for (let i = 0; i < handed; i++) {
      const doneMs = nowMs + health.latencyMs;
      tally.succeeded++;
      tally.completions++;
      timeline.recordSuccess(doneMs, doneMs - buffer.shift());
    }
    timeline.queueDepth[tick] = buffer.length;
    timeline.waiting[tick] = buffer.length;
  }
  return timeline.ticks;
}

/**
 * Runs one simulation. The input is validated first (missing values from the defaults, numbers clamped), so
 * any patch from the UI is safe to pass; `result.input` and `result.problems` say what was actually run.
 */
export function simulate(patch: SimulationInputPatch = {}): SimulationResult {
  const { input, problems } = validateInput(patch);
  const ticks = Math.round((input.durationS * 1000) / TICK_MS);
  const timeline = new Timeline(ticks);
  const tally: Tally = { requests: 0, succeeded: 0, failed: 0, lost: 0, duplicates: 0, completions: 0 };
  const random = createRandom(input.seed);
  const ticksRun = input.style === 'sync' ? runSync(input, random, timeline, tally) : runAsync(input, random, timeline, tally);
  let stoppedAtS: number | null = null;
  if (ticksRun < ticks) {
    stoppedAtS = (ticksRun * TICK_MS) / 1000;
    timeline.truncate(ticksRun);
    problems.push(`The run stopped at ${stoppedAtS} s: A had sent over ${ATTEMPT_BUDGET} attempts to B.`);
  }
  let attempts = 0;
  for (let tick = 0; tick < timeline.ticks; tick++) attempts += timeline.firstTries[tick] + timeline.retries[tick];
  return {
    stoppedAtS,
    steps: buildSteps(timeline),
    summary: {
      peakAmplification: peakAmplification(timeline, input.clientRate),
      recoverySeconds: recoverySeconds(timeline, input),
      lost: tally.lost,
      duplicates: tally.duplicates,
      wasted: tally.completions - tally.succeeded,
      totalRequests: tally.requests,
      succeeded: tally.succeeded,
      failed: tally.failed,
      unfinished: tally.requests - tally.succeeded - tally.failed,
      attempts,
    },
    input,
    problems,
  };
}
