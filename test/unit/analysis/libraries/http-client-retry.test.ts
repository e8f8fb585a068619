// got and ky: two retries of idempotent methods (not POST) by default; got adds up to 100 ms of noise,
// ky adds no jitter unless `retry.jitter` is set. Only `retry` options written in the file are read.
import { got, ky } from '../../../../src/analysis/libraries/http-client-retry';
import { runLibraryTable } from './library-table';

describe('libraries: got and ky', () => {
  runLibraryTable([got, ky], [
    {
      title: 'got with its defaults (2 retries with noise, no POST) is silent',
      code: `import got from 'got';
export const getOrder = (id: string) => got(\`https://shop.example.com/orders/\${id}\`).json();
export const createOrder = (cart) => got.post('https://shop.example.com/orders', { json: cart }).json();`,
      findings: [],
    },
    {
      title: 'got with a retry limit but the default methods leaves POST alone',
      code: `import got from 'got';
export const createOrder = (cart) => got.post('https://shop.example.com/orders', { json: cart, retry: { limit: 3 } }).json();`,
      findings: [],
    },
    {
      title: 'got with POST among the retried methods re-sends it without a key',
      code: `import got from 'got';
export const createOrder = (cart) => got.post('https://shop.example.com/orders', { json: cart, retry: { limit: 2, methods: ['POST'] } }).json();`,
      findings: [[2, 'missing-idempotency-key']],
    },
    {
      title: 'a got client with limit: Infinity never stops',
      code: `import got from 'got';
export const client = got.extend({ prefixUrl: 'https://api.example.com', retry: { limit: Infinity } });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a got `calculateDelay` that returns a second while got would retry (`computedValue ? 1000 : 0`) drops got\'s noise: no jitter',
      code: `import got from 'got';
export const client = got.extend({
  retry: { limit: 3, calculateDelay: ({ computedValue }) => (computedValue !== 0 ? 1000 : 0) },
});`,
      findings: [[3, 'retry-without-jitter']],
      messages: ['`calculateDelay` returns delays without randomness'],
    },
    {
      title: 'a `calculateDelay` of the file by name that doubles with `attemptCount`: no jitter',
      code: `import got from 'got';
function backoff({ attemptCount }) {
  return Math.min(1000 * 2 ** attemptCount, 30000);
}
export const client = got.extend({ retry: { limit: 5, calculateDelay: backoff } });`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a `calculateDelay` that hands back got\'s `computedValue` (noise included), adds randomness, or is out of sight: silent',
      code: `import got from 'got';
import { delayFor } from './delays';
export const a = got.extend({ retry: { limit: 3, calculateDelay: ({ computedValue }) => computedValue } });
export const b = got.extend({ retry: { limit: 3, calculateDelay: ({ error, computedValue }) => (error.code === 'ETIMEDOUT' ? 1000 : computedValue) } });
export const c = got.extend({ retry: { limit: 3, calculateDelay: ({ attemptCount }) => Math.random() * 1000 * 2 ** attemptCount } });
export const d = got.extend({ retry: { limit: 3, calculateDelay: delayFor } });`,
      findings: [],
    },
    {
      title: 'got options out of sight say nothing',
      code: `import got from 'got';
export const request = (url: string, options) => got(url, options);`,
      findings: [],
    },
    {
      title: 'ky with its defaults is silent (no retry option written)',
      code: `import ky from 'ky';
export const getTodos = () => ky.get('/api/todos').json();`,
      findings: [],
    },
    {
      title: 'a ky client with a retry count and no jitter is reported',
      code: `import ky from 'ky';
export const api = ky.create({ prefixUrl: '/api', retry: 4 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['ky adds no jitter unless `retry.jitter` is set'],
    },
    {
      title: 'a ky client written over several lines is reported at its retry option, the setting to change',
      code: `import ky from 'ky';
export const api = ky.create({
  prefixUrl: '/api',
  credentials: 'include',
  headers: { 'Content-Type': 'application/json' },
  retry: {
    limit: 1,
    statusCodes: [503],
  },
});`,
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'ky with retry.jitter is silent',
      code: `import ky from 'ky';
export const api = ky.create({ prefixUrl: '/api', retry: { limit: 4, jitter: true } });`,
      findings: [],
    },
    {
      title: 'ky with limit: Infinity never stops',
      code: `import ky from 'ky';
export const api = ky.extend({ retry: { limit: Infinity, jitter: true } });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'ky retrying POST re-sends it without a key',
      code: `import ky from 'ky';
export const submit = (form) => ky.post('/api/forms', { json: form, retry: { limit: 2, methods: ['post'], jitter: true } }).json();`,
      findings: [[2, 'missing-idempotency-key']],
    },
  ]);
});
