// What the simulator takes, its defaults, and the clamping that keeps any input from the UI cheap to run.

/** Synchronous: A calls B and waits. Asynchronous: clients put requests on a queue that consumers feed to B. */
export type IntegrationStyle = 'sync' | 'async';

/** How long A waits before trying again: not at all, a fixed delay, or a delay that doubles each time. */
export type Backoff = 'none' | 'fixed' | 'exponential';

export interface RetryPolicy {
  /** Attempts per client request, the first included; null means A retries until it succeeds (unbounded). */
  maxAttempts: number | null;
  backoff: Backoff;
  /** The fixed delay, or the first delay of the exponential backoff. */
  baseDelayMs: number;
  /** The exponential backoff stops growing here. */
  maxDelayMs: number;
  /** Full jitter: the actual delay is a random fraction of the backoff delay, so retries do not move in step. */
  jitter: boolean;
}

export interface ServiceB {
  /** Requests per second B can complete when healthy. */
  capacityPerSecond: number;
  /** How long B works on one request when healthy. */
  latencyMs: number;
  /** Requests B will hold waiting for a worker; beyond that it refuses new ones at once (a full accept queue). */
  queueLimit: number;
}

/** A period in which B is slow: it completes fewer requests per second and each takes longer. */
export interface Brownout {
  startS: number;
  /** 0 means no brownout. */
  durationS: number;
  /** B's capacity during the brownout, as a fraction of its healthy capacity. */
  capacityFactor: number;
  /** How long B works on one request during the brownout. */
  latencyMs: number;
}

/** The asynchronous style: a bounded buffer in front of B and the consumers that feed B from it. */
export interface QueueSettings {
  /** Messages the buffer holds; a request arriving at a full buffer is dropped (lost). */
  capacity: number;
  consumers: number;
  /** Messages per second one consumer can take from the buffer and hand to B. */
  perConsumerRate: number;
}

export interface SimulationInput {
  /** Same seed, same run. */
  seed: number;
  durationS: number;
  /** Client requests per second arriving at A (or at the queue). */
  clientRate: number;
  style: IntegrationStyle;
  /** How long A waits for B before giving up on an attempt (synchronous style only). */
  timeoutMs: number;
  retry: RetryPolicy;
  serviceB: ServiceB;
  brownout: Brownout;
  queue: QueueSettings;
}

/** Any subset of the input, at any depth, as the UI sends it after a control changes. */
export type SimulationInputPatch = {
  [K in keyof SimulationInput]?: SimulationInput[K] extends object ? Partial<SimulationInput[K]> : SimulationInput[K];
};

export interface ValidationResult {
  /** A complete input inside the supported ranges. */
  input: SimulationInput;
  /** One sentence per value that was missing the mark and what was used instead; empty when all was fine. */
  problems: string[];
}

/** The simulation's clock: every tick, clients arrive, retries fire, B works and timeouts expire. */
export const TICK_MS = 100;

/** A realistic default scenario: B runs at two thirds of its capacity, then browns out for 15 s. */
export const DEFAULT_INPUT: SimulationInput = {
  seed: 1,
  durationS: 60,
  clientRate: 100,
  style: 'sync',
  timeoutMs: 1000,
  retry: { maxAttempts: 3, backoff: 'exponential', baseDelayMs: 100, maxDelayMs: 5000, jitter: true },
  serviceB: { capacityPerSecond: 150, latencyMs: 50, queueLimit: 100 },
  brownout: { startS: 10, durationS: 15, capacityFactor: 0.3, latencyMs: 600 },
  queue: { capacity: 2000, consumers: 4, perConsumerRate: 40 },
};

interface Range {
  min: number;
  max: number;
  integer?: boolean;
}

/**
 * The ranges bound the work of one run (arrivals, ticks, tracked attempts), so a slider dragged to its end
 * still answers in milliseconds inside the webview.
 */
export const RANGES = {
  seed: { min: 0, max: 4294967295, integer: true },
  durationS: { min: 5, max: 120 },
  clientRate: { min: 1, max: 500 },
  timeoutMs: { min: 100, max: 30000 },
  'retry.maxAttempts': { min: 1, max: 20, integer: true },
  'retry.baseDelayMs': { min: 0, max: 10000 },
  'retry.maxDelayMs': { min: 0, max: 60000 },
  'serviceB.capacityPerSecond': { min: 1, max: 2000 },
  'serviceB.latencyMs': { min: 1, max: 10000 },
  'serviceB.queueLimit': { min: 0, max: 10000, integer: true },
  'brownout.startS': { min: 0, max: 120 },
  'brownout.durationS': { min: 0, max: 120 },
  'brownout.capacityFactor': { min: 0.01, max: 1 },
  'brownout.latencyMs': { min: 1, max: 10000 },
  'queue.capacity': { min: 1, max: 100000, integer: true },
  'queue.consumers': { min: 1, max: 100, integer: true },
  'queue.perConsumerRate': { min: 0.1, max: 1000 },
} as const satisfies Record<string, Range>;

const STYLES: readonly IntegrationStyle[] = ['sync', 'async'];
const BACKOFFS: readonly Backoff[] = ['none', 'fixed', 'exponential'];

type Record_ = Record<string, unknown>;

function isRecord(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Collects the problems while each field is read, so one pass both fixes and explains the input. */
class Reader {
  readonly problems: string[] = [];

  number(path: keyof typeof RANGES, value: unknown, fallback: number): number {
    if (value === undefined) return fallback;
    const range: Range = RANGES[path];
    if (typeof value !== 'number' || Number.isNaN(value)) {
      this.problems.push(`${path} must be a number; using ${fallback}.`);
      return fallback;
    }
    let result = range.integer ? Math.round(value) : value;
    if (result < range.min) {
      this.problems.push(`${path} ${value} is below ${range.min}; using ${range.min}.`);
      result = range.min;
    } else if (result > range.max) {
      this.problems.push(`${path} ${value} is above ${range.max}; using ${range.max}.`);
      result = range.max;
    }
    return result;
  }

  choice<T extends string>(path: string, value: unknown, choices: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${path} must be one of ${choices.join(', ')}; using ${fallback}.`);
    return fallback;
  }

  boolean(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value === 'boolean') return value;
    this.problems.push(`${path} must be true or false; using ${fallback}.`);
    return fallback;
  }

  /** A nested group: absent means all defaults; anything else that is not an object is reported. */
  group(path: string, value: unknown, known: readonly string[]): Record_ {
    if (value === undefined) return {};
    if (!isRecord(value)) {
      this.problems.push(`${path} must be an object; using the defaults.`);
      return {};
    }
    this.unknownKeys(path + '.', value, known);
    return value;
  }

  /** Typos in a setting's name would otherwise be silently ignored. */
  unknownKeys(prefix: string, value: Record_, known: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) this.problems.push(`${prefix}${key} is not a setting; ignored.`);
    }
  }
}

function readRetry(reader: Reader, raw: unknown, fallback: RetryPolicy): RetryPolicy {
  const value = reader.group('retry', raw, Object.keys(fallback));
  // null is a value here (unbounded), not a missing one.
  let maxAttempts: number | null = fallback.maxAttempts;
  if (value.maxAttempts === null) maxAttempts = null;
  else if (typeof value.maxAttempts === 'number' && !Number.isNaN(value.maxAttempts)) {
    maxAttempts = reader.number('retry.maxAttempts', value.maxAttempts, 3);
  } else if (value.maxAttempts !== undefined) {
    reader.problems.push(`retry.maxAttempts must be a number or null (unbounded); using ${fallback.maxAttempts ?? 'null'}.`);
  }
  const baseDelayMs = reader.number('retry.baseDelayMs', value.baseDelayMs, fallback.baseDelayMs);
  let maxDelayMs = reader.number('retry.maxDelayMs', value.maxDelayMs, fallback.maxDelayMs);
  if (maxDelayMs < baseDelayMs) {
    reader.problems.push(`retry.maxDelayMs ${maxDelayMs} is below retry.baseDelayMs; using ${baseDelayMs}.`);
    maxDelayMs = baseDelayMs;
  }
  return {
    maxAttempts,
    backoff: reader.choice('retry.backoff', value.backoff, BACKOFFS, fallback.backoff),
    baseDelayMs,
    maxDelayMs,
    jitter: reader.boolean('retry.jitter', value.jitter, fallback.jitter),
  };
}

function readServiceB(reader: Reader, raw: unknown, fallback: ServiceB): ServiceB {
  const value = reader.group('serviceB', raw, Object.keys(fallback));
  return {
    capacityPerSecond: reader.number('serviceB.capacityPerSecond', value.capacityPerSecond, fallback.capacityPerSecond),
    latencyMs: reader.number('serviceB.latencyMs', value.latencyMs, fallback.latencyMs),
    queueLimit: reader.number('serviceB.queueLimit', value.queueLimit, fallback.queueLimit),
  };
}

function readBrownout(reader: Reader, raw: unknown, fallback: Brownout): Brownout {
  const value = reader.group('brownout', raw, Object.keys(fallback));
  return {
    startS: reader.number('brownout.startS', value.startS, fallback.startS),
    durationS: reader.number('brownout.durationS', value.durationS, fallback.durationS),
    capacityFactor: reader.number('brownout.capacityFactor', value.capacityFactor, fallback.capacityFactor),
    latencyMs: reader.number('brownout.latencyMs', value.latencyMs, fallback.latencyMs),
  };
}

function readQueue(reader: Reader, raw: unknown, fallback: QueueSettings): QueueSettings {
  const value = reader.group('queue', raw, Object.keys(fallback));
  return {
    capacity: reader.number('queue.capacity', value.capacity, fallback.capacity),
    consumers: reader.number('queue.consumers', value.consumers, fallback.consumers),
    perConsumerRate: reader.number('queue.perConsumerRate', value.perConsumerRate, fallback.perConsumerRate),
  };
}

/**
 * Completes a partial input from `base` (the defaults unless given) and clamps every number to its range.
 * It never throws: the webview calls it on every control change and shows the problems, if any.
 */
export function validateInput(patch: unknown = {}, base: SimulationInput = DEFAULT_INPUT): ValidationResult {
  const reader = new Reader();
  let raw: Record_ = {};
  if (isRecord(patch)) raw = patch;
  else if (patch !== undefined && patch !== null) reader.problems.push('The input must be an object; using the defaults.');
  reader.unknownKeys('', raw, Object.keys(base));
  const input: SimulationInput = {
    seed: reader.number('seed', raw.seed, base.seed),
    durationS: reader.number('durationS', raw.durationS, base.durationS),
    clientRate: reader.number('clientRate', raw.clientRate, base.clientRate),
    style: reader.choice('style', raw.style, STYLES, base.style),
    timeoutMs: reader.number('timeoutMs', raw.timeoutMs, base.timeoutMs),
    retry: readRetry(reader, raw.retry, base.retry),
    serviceB: readServiceB(reader, raw.serviceB, base.serviceB),
    brownout: readBrownout(reader, raw.brownout, base.brownout),
    queue: readQueue(reader, raw.queue, base.queue),
  };
  return { input, problems: reader.problems };
}
