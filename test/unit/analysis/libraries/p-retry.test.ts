// p-retry: ten retries by default, no jitter unless `randomize: true`, `forever` and Infinity never stop.
import { pRetry } from '../../../../src/analysis/libraries/p-retry';
import { runLibraryTable } from './library-table';

describe('libraries: p-retry', () => {
  runLibraryTable([pRetry], [
    {
      title: 'the default entry called where it is required (`require(\'p-retry\')(fn, opts)`): its defaults, no jitter',
      code: `async function load() {
  return require('p-retry')(() => fetch('https://api.example.com/items'), { retries: 5 });
}`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["`require('p-retry')` call"],
    },
    {
      title: 'the defaults (10 retries, no jitter) are reported as a retry without jitter, at the call',
      code: `import pRetry from 'p-retry';
export const load = () => pRetry(() => fetch('/api/items'));`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['p-retry does not randomize its delays unless `randomize: true` is set'],
    },
    {
      title: 'randomize: true with a count is silent',
      code: `import pRetry from 'p-retry';
export const load = () => pRetry(() => fetch('/api/items'), { retries: 4, randomize: true });`,
      findings: [],
    },
    {
      title: 'forever: true is unbounded, and says it lacks jitter too',
      code: `import pRetry from 'p-retry';
export const load = () => pRetry(() => fetch('/api/items'), { forever: true });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`forever: true`'],
    },
    {
      title: 'retries: Infinity with a finite maxRetryTime is bounded by the deadline',
      code: `import pRetry from 'p-retry';
export const load = () => pRetry(() => fetch('/api/items'), { retries: Infinity, maxRetryTime: 30_000, randomize: true });`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import pRetry from 'p-retry';
export const load = (options) => pRetry(() => fetch('/api/items'), options);`,
      findings: [],
    },
    {
      title: 'an unkeyed POST inside the retried function is missing its idempotency key',
      code: `import pRetry from 'p-retry';
export const pay = (order) => pRetry(async () => {
  return fetch('/api/payments', { method: 'POST', body: JSON.stringify(order) });
}, { retries: 3, randomize: true });`,
      findings: [[3, 'missing-idempotency-key']],
    },
    ...([['0', []], ['3', [[9, 'missing-idempotency-key']]]] as [string, [number, 'missing-idempotency-key'][]][]).map(([retries, findings]) => ({
      title: retries === '0'
        ? 'options a caller gives, falling back in sight to `{ retries: 0 }`, retry only if a caller out of sight asks: silent'
        : 'the same options falling back to `{ retries: 3 }` still retry the POST by default: its key is missing',
      code: `import pRetry from 'p-retry';
export class Webhook {
  constructor(url, defaults = {}) {
    this.url = url;
    this.retryConfig = defaults.retryConfig ?? { retries: ${retries} };
  }
  send(message) {
    return pRetry(async () => {
      const response = await fetch(this.url, { method: 'POST', body: JSON.stringify(message) });
      if (!response.ok) throw new Error(response.statusText);
      return response;
    }, this.retryConfig);
  }
}`,
      findings,
    })),
    {
      title: 'maxTimeout: 0 makes every wait nothing, randomize or not: it retries at once',
      code: `import pRetry from 'p-retry';
export const ping = () => pRetry(() => fetch('/health'), { retries: 5, randomize: true, maxTimeout: 0 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['with no wait'],
    },
  ]);
});
