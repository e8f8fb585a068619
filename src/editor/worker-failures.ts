// What the worker client knows about failures: how long one file may take before the worker counts as
// hung, the breaker that stops restarting a worker that keeps failing, and the contents that stopped the
// worker twice. No `vscode` import (the unit tests run it in plain Node).
import { createHash } from 'node:crypto';
import { DEFAULT_TIME_BUDGET_MS } from '../analysis/defaults';

/** The core's walk may overrun its budget between two clock checks, and the pre-check runs before it. */
const BUDGET_MULTIPLE = 2;
/**
 * The parse cannot be interrupted, so it gets its own allowance by size: a 1 MiB file took 1.2 s to
 * parse (with parent pointers, as the worker parses) on a loaded 2-core machine, about 0.3 s on an idle one.
 */
const PARSE_MS_PER_MIB = 3_000;
/** For any file: a garbage collection, a cold JIT in a fresh worker, a machine busy with other builds. */
const BASE_ALLOWANCE_MS = 3_000;
const MIB = 1024 * 1024;

/**
 * How long the worker may work on one file before it counts as hung and is stopped. The core stops its
 * own walk at `timeBudgetMs`, so a file that runs far longer is stuck where the budget cannot reach it
 * (the parse, or a defect): BUDGET_MULTIPLE budgets for the walk, plus the parse's allowance by size,
 * plus a base allowance. With the default budget (2 s) a 40 KB file gets 7.1 s and a 1 MiB file 10 s.
 * `textLength` counts UTF-16 units, close enough to bytes for an allowance.
 */
export function itemTimeoutMs(textLength: number, timeBudgetMs: number | undefined): number {
  const budget = typeof timeBudgetMs === 'number' && timeBudgetMs > 0 ? timeBudgetMs : DEFAULT_TIME_BUDGET_MS;
  return BUDGET_MULTIPLE * budget + BASE_ALLOWANCE_MS + Math.ceil((PARSE_MS_PER_MIB * textLength) / MIB);
}

/** Failures (crashes and hangs alike) within the breaker's window after which restarts stop. */
export const MAX_FAILURES = 5;
/**
 * How long a restart may take: a worker loads TypeScript in ~0.1 s, and more than ten seconds on a machine
 * that other builds keep busy (seen in the integration suite under load).
 */
export const RESTART_ALLOWANCE_MS = 30_000;
/** The shortest window, for crashes: five within a minute is a loop, not bad luck. */
const MIN_WINDOW_MS = 60_000;

/**
 * Counts failures and says when to stop restarting. Each failure is remembered for
 * MAX_FAILURES × (its timeout + a restart): long enough that MAX_FAILURES back-to-back hangs, each
 * running to its timeout and followed by a restart, all fall inside one window. (A fixed one-minute
 * window never tripped on hangs: a 17 s timeout allowed at most four in a minute.)
 */
export class FailureBreaker {
  private forgetTimes: number[] = [];

  /** Records a failure (`timeoutMs` is 0 for a crash) and returns whether the limit is reached. */
  record(timeoutMs: number, now = Date.now()): boolean {
    const windowMs = Math.max(MIN_WINDOW_MS, MAX_FAILURES * (timeoutMs + RESTART_ALLOWANCE_MS));
    this.forgetTimes = [...this.forgetTimes.filter((time) => time > now), now + windowMs];
    return this.forgetTimes.length >= MAX_FAILURES;
  }

  /** Failures still counted. */
  get count(): number {
    return this.forgetTimes.length;
  }
}

/** How often one content may stop the worker before it is no longer sent. */
export const MAX_STOPS_PER_CONTENT = 2;
/** Files remembered; the least recently stopped is forgotten first. */
const MAX_REMEMBERED = 100;

/**
 * The files whose analysis stopped the worker (a hang or a crash), by document (or file name) and a
 * hash of the content. A content that stopped it MAX_STOPS_PER_CONTENT times is skipped until it
 * changes. Only files that stopped the worker are ever hashed.
 */
export class StoppedContents {
  private readonly stops = new Map<string, { hash: string; count: number }>();

  /** Records a stop; returns how often this content has now stopped the worker. */
  record(identity: string, text: string): number {
    const hash = hashOf(text);
    const previous = this.stops.get(identity);
    const count = previous?.hash === hash ? previous.count + 1 : 1;
    this.stops.delete(identity); // re-inserted last: the map's order is the least recently stopped first
    this.stops.set(identity, { hash, count });
    if (this.stops.size > MAX_REMEMBERED) this.stops.delete(this.stops.keys().next().value!);
    return count;
  }

  /** Whether this content has stopped the worker too often to be sent again. */
  shouldSkip(identity: string, text: string): boolean {
    const stopped = this.stops.get(identity);
    return stopped !== undefined && stopped.count >= MAX_STOPS_PER_CONTENT && stopped.hash === hashOf(text);
  }
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('base64');
}
