// ofetch: by default one retry of GET and none of POST, PUT, PATCH and DELETE, with no delay; an explicit
// `retry` applies to every method.
import { ofetch } from '../../../../src/analysis/libraries/ofetch';
import { runLibraryTable } from './library-table';

describe('libraries: ofetch', () => {
  runLibraryTable([ofetch], [
    {
      title: 'the defaults (one retry of GET, none of POST) are silent',
      code: `import { ofetch } from 'ofetch';
export const getCart = () => ofetch('/api/cart');
export const checkout = (cart) => ofetch('/api/checkout', { method: 'POST', body: cart });`,
      findings: [],
    },
    {
      title: 'an explicit retry without retryDelay retries at once',
      code: `import { ofetch } from 'ofetch';
export const getCart = () => ofetch('/api/cart', { retry: 3 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['ofetch retries at once unless `retryDelay` is set'],
    },
    {
      title: 'a jittered retryDelay is silent',
      code: `import { ofetch } from 'ofetch';
export const getCart = () => ofetch('/api/cart', { retry: 3, retryDelay: () => 200 + Math.random() * 800 });`,
      findings: [],
    },
    {
      title: 'retry: Infinity never stops',
      code: `import { ofetch } from 'ofetch';
export const getCart = () => ofetch('/api/cart', { retry: Infinity, retryDelay: () => Math.random() * 1000 });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a direct POST with retry set is re-sent without a key, and retries at once',
      code: `import { ofetch } from 'ofetch';
export const pay = (order) => ofetch('/api/payments', { method: 'POST', body: order, retry: 2 });`,
      findings: [[2, 'retry-without-jitter'], [2, 'missing-idempotency-key']],
    },
    {
      title: 'a direct POST with retry and a stable key made before the call is silent about the key',
      code: `import { ofetch } from 'ofetch';
export const pay = (order) => {
  const key = crypto.randomUUID();
  return ofetch('/api/payments', { method: 'POST', body: order, retry: 2, retryDelay: 500 + Math.random() * 500, headers: { 'Idempotency-Key': key } });
};`,
      findings: [],
    },
    {
      title: 'a POST through a client made with retry is re-sent without a key',
      code: `import { ofetch } from 'ofetch';
const api = ofetch.create({ baseURL: '/api', retry: 2, retryDelay: () => Math.random() * 1000 });
export const checkout = (cart) => api('/checkout', { method: 'POST', body: cart });`,
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: 'a POST through a client left on the defaults is not retried',
      code: `import { ofetch } from 'ofetch';
const api = ofetch.create({ baseURL: '/api' });
export const checkout = (cart) => api('/checkout', { method: 'POST', body: cart });`,
      findings: [],
    },
    {
      title: "Nuxt's $fetch client made with a fixed retryDelay has no jitter",
      code: `export const api = $fetch.create({ baseURL: '/api', retry: 2, retryDelay: 500 });`,
      findings: [[1, 'retry-without-jitter']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { ofetch } from 'ofetch';
export const request = (url: string, options) => ofetch(url, options);`,
      findings: [],
    },
  ]);
});
