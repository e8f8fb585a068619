// Polling that remembers what it saw. When a wait times out, "waiting for X" alone cannot tell a lost
// message from a slow one; the values the probe returned, and when each one first appeared, can.
// Used by the integration tests (inside the extension host); the harness prints their failures as they are.

const SHOWN_CHARS = 400;
const SHOWN_CHANGES = 12;

function shown(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'undefined' : JSON.stringify(value);
  } catch {
    text = String(value);
  }
  return text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}…` : text;
}

const ms = (value: number) => `${Math.round(value).toLocaleString('en')} ms`;

interface Change {
  atMs: number;
  text: string;
}

/** What a wait saw: each distinct value with the time it first appeared, and how long the probes took. */
class Observations {
  private readonly started = Date.now();
  private readonly changes: Change[] = [];
  private polls = 0;
  private slowestProbeMs = 0;

  record(value: unknown, probeMs: number): void {
    this.polls++;
    this.slowestProbeMs = Math.max(this.slowestProbeMs, probeMs);
    const text = shown(value);
    if (this.changes.at(-1)?.text !== text) this.changes.push({ atMs: Date.now() - this.started, text });
  }

  elapsedMs(): number {
    return Date.now() - this.started;
  }

  report(what: string, timeoutMs: number): string {
    const omitted = this.changes.length - SHOWN_CHANGES;
    const lines = this.changes.slice(-SHOWN_CHANGES).map((change) => `    after ${ms(change.atMs)}: ${change.text}`);
    return [
      `timed out after ${ms(timeoutMs)} waiting for ${what}`,
      `  ${this.polls} polls over ${ms(this.elapsedMs())} (the slowest probe took ${ms(this.slowestProbeMs)}); what the probe returned, when each value first appeared:`,
      ...(omitted > 0 ? [`    (${omitted} earlier values left out)`] : []),
      ...lines,
    ].join('\n');
  }
}

/**
 * Polls `observe` until `accept` holds for its value, and returns that value. On a time-out the error
 * lists every distinct value observed and when it appeared, so the failure says where things stopped.
 */
export async function waitUntil<T>(
  observe: () => T | Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const seen = new Observations();
  for (;;) {
    const probeStarted = Date.now();
    const value = await observe();
    seen.record(value, Date.now() - probeStarted);
    if (accept(value)) return value;
    if (seen.elapsedMs() > timeoutMs) throw new Error(seen.report(what, timeoutMs));
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
