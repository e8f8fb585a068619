// make-fetch-happen: no retry unless `retry` asks for one; node-retry's timing without randomness by
// default; a count of Infinity or `forever` never stops; a client made with `fetch.defaults({ retry })`.
import { makeFetchHappen } from '../../../../src/analysis/libraries/make-fetch-happen';
import { runLibraryTable } from './library-table';

describe('libraries: make-fetch-happen', () => {
  runLibraryTable([makeFetchHappen], [
    {
      title: 'retry options with a count and no randomize wait without jitter (the default), reported at the `retry` option',
      code: `import * as fetch from 'make-fetch-happen';
export const get = (url) => fetch(url, {
  headers: { accept: 'application/json' },
  retry: { retries: 2, maxTimeout: 10000 },
});`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['make-fetch-happen does not randomize its delays unless `randomize: true` is set'],
    },
    {
      title: 'a bare count is the same retry, without jitter',
      code: `const fetch = require('make-fetch-happen');
exports.get = (url) => fetch(url, { retry: 3 });`,
      fileName: 'get.js',
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'randomize: true is silent',
      code: `import fetch from 'make-fetch-happen';
export const get = (url) => fetch(url, { retry: { retries: 2, randomize: true } });`,
      findings: [],
    },
    {
      title: 'no retry option (or retries: 0) is the default of no retry at all',
      code: `import fetch from 'make-fetch-happen';
export const get = (url) => fetch(url, { headers: { accept: 'application/json' } });
export const once = (url) => fetch(url, { retry: { retries: 0 } });`,
      findings: [],
    },
    {
      title: 'a count from the caller may be 0 (no retry): silent',
      code: `import fetch from 'make-fetch-happen';
export const get = (url, opts) => fetch(url, { retry: opts.retry ? opts.retry : { retries: opts.fetchRetries, factor: 2 } });
export const load = (url, opts) => fetch(url, { retry: { retries: opts.fetchRetries } });`,
      findings: [],
    },
    {
      title: 'retries: Infinity never stops',
      code: `import fetch from 'make-fetch-happen';
export const get = (url) => fetch(url, { retry: { retries: Infinity, randomize: true } });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a client made with fetch.defaults({ retry }) is a retry without jitter, and its POSTs are not retried (no key needed)',
      code: `import fetch from 'make-fetch-happen';
const client = fetch.defaults({ retry: { retries: 2 } });
export const create = (order) => client('/orders', { method: 'POST', body: JSON.stringify(order) });`,
      findings: [[2, 'retry-without-jitter']],
    },
  ]);
});
