// Polling instead of fixed sleeps: how long VS Code takes to show a webview or publish diagnostics
// varies a lot on a shared machine.
import { waitUntil } from '../harness/observed-wait';

/**
 * Polls `probe` until it returns a truthy value, and returns that value. On a time-out the error says
 * what the probe returned (each distinct value, the last one included, and when it first appeared), how
 * many polls there were and over how long: so "waiting for X" comes with what was seen instead.
 * A probe that returns only true or false shows little; `waitUntil` can watch the value itself.
 */
export function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 20_000, intervalMs = 100): Promise<NonNullable<T>> {
  return waitUntil(probe, (value) => Boolean(value), what, timeoutMs, intervalMs) as Promise<NonNullable<T>>;
}

export { waitUntil } from '../harness/observed-wait';
