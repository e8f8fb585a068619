// fetch-retry: three retries a fixed second apart by default, of every method (network errors); each call
// may override the wrapper's options. A `retryOn` function replaces the count (`retries` is then ignored).
import { fetchRetry } from '../../../../src/analysis/libraries/fetch-retry';
import { runLibraryTable } from './library-table';

describe('libraries: fetch-retry', () => {
  runLibraryTable([fetchRetry], [
    {
      title: 'the defaults (3 retries, a fixed 1000 ms) are reported as a retry without jitter',
      code: `import fetchRetry from 'fetch-retry';
export const fetchWithRetry = fetchRetry(fetch);`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['fetch-retry waits a fixed 1000 ms between attempts by default'],
    },
    {
      title: 'a jittered retryDelay is silent',
      code: `import fetchRetry from 'fetch-retry';
export const fetchWithRetry = fetchRetry(fetch, { retries: 4, retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt });`,
      findings: [],
    },
    {
      title: 'retries: Infinity never stops',
      code: `import fetchRetry from 'fetch-retry';
export const fetchWithRetry = fetchRetry(fetch, { retries: Infinity, retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a retryOn function that never reads the attempt number retries forever, whatever retries says',
      code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch);
export const load = (url) => fetchWithRetry(url, {
  retries: 50,
  retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt,
  retryOn: (attempt, error, response) => error !== null || !response.ok,
});`,
      findings: [[3, 'unbounded-retry']],
      messages: ['its `retryOn` function never reads the attempt number, and fetch-retry ignores `retries` when `retryOn` is a function'],
    },
    {
      title: 'a retryOn function that compares the attempt number stops: silent',
      code: `import fetchRetry from 'fetch-retry';
export const fetchWithRetry = fetchRetry(fetch, {
  retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt,
  retryOn(attempt, error, response) {
    if (attempt >= 3) return false;
    return error !== null || response.status >= 500;
  },
});`,
      findings: [],
    },
    {
      title: 'a retryOn function that counts failures of its own (++failures <= 3) stops: silent',
      code: `import fetchRetry from 'fetch-retry';
let failures = 0;
export const fetchWithRetry = fetchRetry(fetch, {
  retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt,
  retryOn: (_n, error, response) => (error !== null || response.status >= 500) && ++failures <= 3,
});`,
      findings: [],
    },
    {
      title: "a call's own retryOn list replaces the builder's function: that call is capped by its count, the builder's own wrapper is not",
      code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch, { retryOn: (_n, error) => error !== null, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
export const load = (url) => fetchWithRetry(url, { retries: 2, retryOn: [503], retryDelay: (n) => Math.random() * 1000 * 2 ** n });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a retryOn list of statuses keeps the count',
      code: `import fetchRetry from 'fetch-retry';
export const fetchWithRetry = fetchRetry(fetch, { retries: 2, retryOn: [503], retryDelay: (n) => Math.random() * 1000 * 2 ** n });`,
      findings: [],
    },
    {
      title: 'the require(…)(fetch, opts) form is read too',
      code: `const fetchWithRetry = require('fetch-retry')(fetch, { retries: 5, retryDelay: 800 });
module.exports = (url) => fetchWithRetry(url);`,
      findings: [[1, 'retry-without-jitter']],
    },
    {
      title: 'builder options out of sight say nothing',
      code: `import fetchRetry from 'fetch-retry';
export const makeFetch = (options) => fetchRetry(fetch, options);`,
      findings: [],
    },
    {
      title: 'a POST through the wrapper is retried by default and missing its idempotency key',
      code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch, { retries: 3, retryDelay: (n) => Math.random() * 500 * 2 ** n });
export async function createUser(user) {
  return fetchWithRetry('/api/users', { method: 'POST', body: JSON.stringify(user) });
}`,
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'a POST sent with retries: 0 on the call is not retried',
      code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch, { retries: 3, retryDelay: (n) => Math.random() * 500 * 2 ** n });
export async function createUser(user) {
  return fetchWithRetry('/api/users', { method: 'POST', body: JSON.stringify(user), retries: 0 });
}`,
      findings: [],
    },
    {
      title: 'a wrapper built and called at once is judged by the options of that call: a jittered retryDelay there is silent',
      code: atOnce('GET', '(n) => Math.random() * 1000 * 2 ** n'),
      findings: [],
    },
    {
      title: 'the same call with a growing retryDelay without jitter is reported at the call, naming its delay',
      code: atOnce('GET', '(n) => 2 ** n * 1000'),
      findings: [[4, 'retry-without-jitter']],
      messages: ['`retryDelay: (n) => 2 ** n * 1000` grows but has no jitter'],
    },
    {
      title: 'a POST through a wrapper built and called at once is retried and missing its idempotency key',
      code: atOnce('POST', '(n) => Math.random() * 1000 * 2 ** n'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'the same POST with retries: 0 on the call is not retried',
      code: atOnce('POST', '(n) => Math.random() * 1000 * 2 ** n', 'retries: 0, '),
      findings: [],
    },
  ]);
});

/** A wrapper built and called at once, `fetchRetry(fetch)(url, init)`, sending `method` with `retryDelay` in its init. */
function atOnce(method: string, retryDelay: string, extra = ''): string {
  return `import fetchRetry from 'fetch-retry';
export class Client {
  async send(url, body) {
    const response = await fetchRetry(fetch)(url, { ${extra}retryDelay: ${retryDelay}, retryOn: [502, 503], method: '${method}', body });
    return response.json();
  }
}`;
}
