// A client the registry does not know (a local wrapper, a small package), told in its options to retry
// forever: an attempt cap written as `Infinity`. What it does between attempts is its own; the cap is said
// in sight. A default (`?? Infinity`) a caller may override, a switch that turns the retrying off, a
// function of the file (judged where it is written) and a library the registry reads keep it silent here.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: a client told to retry forever by an attempt cap of Infinity', () => {
  runLibraryTable([], [
    {
      title: 'a socket client from a local wrapper, max_reconnects: Infinity, is unbounded at that option',
      code: `import { Client } from './rpc-websocket';
export function openSocket(url: string) {
  return new Client(url, {
    autoconnect: true,
    reconnect_interval: 1000,
    max_reconnects: Infinity,
  });
}`,
      findings: [[6, 'unbounded-retry']],
      messages: ['`Client` client is set to retry forever. In detail: `max_reconnects: Infinity` never stops retrying.'],
    },
    {
      title: 'options kept in a const, nested one level (`reconnect: { maxAttempts }`), or Number.POSITIVE_INFINITY',
      code: `import { createBus } from '@acme/bus';
import connectFeed from 'feed-client';
const busOptions = { url: process.env.BUS_URL, reconnect: { maxAttempts: Number.POSITIVE_INFINITY, delayMs: 500 } };
export const bus = createBus(busOptions);
export const feed = connectFeed({ retries: 'Infinity' });`,
      findings: [[3, 'unbounded-retry'], [5, 'unbounded-retry']],
    },
    {
      title: 'look-alike: a cap that is a default (?? Infinity), a finite cap, Infinity for a delay or a queue size',
      code: `import { Client } from './rpc-websocket';
export function openSocket(url: string, max?: number) {
  const a = new Client(url, { max_reconnects: max ?? Infinity });
  const b = new Client(url, { max_reconnects: 20 });
  const c = new Client(url, { maxReconnectionDelay: Infinity, maxEnqueuedMessages: Infinity });
  return [a, b, c];
}`,
      findings: [],
    },
    {
      title: 'look-alike: retrying switched off beside the cap, and a function of this file (its own loop is judged there)',
      code: `import { Client } from './rpc-websocket';
export function openSocket(url: string) {
  return new Client(url, { reconnect: false, max_reconnects: Infinity });
}
async function withRetries<T>(run: () => Promise<T>, options: { maxRetries: number }): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= options.maxRetries) throw error;
    }
  }
}
export const load = () => withRetries(() => fetch('/a'), { maxRetries: Infinity });`,
      // The loop is judged where it is written (here for its missing wait); the call passing the cap says nothing of its own.
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'look-alike: a defaults object never handed to a client in this file',
      code: `export const DEFAULTS = { baseDelay: 1000, maxDelay: 30000, maxRetries: Infinity, jitter: 0.3 };`,
      findings: [],
    },
  ]);
});
