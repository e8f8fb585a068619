// axios-retry: three retries with no wait between them unless `retryDelay` is set; `exponentialDelay`
// adds jitter; the default condition keeps to network errors and idempotent requests.
import { axiosRetry } from '../../../../src/analysis/libraries/axios-retry';
import { runLibraryTable } from './library-table';

describe('libraries: axios-retry', () => {
  runLibraryTable([axiosRetry], [
    {
      title: 'the default entry called where it is required (`require(\'axios-retry\')(axios, opts)`): no delay by default',
      code: `const axios = require('axios');
require('axios-retry')(axios, { retries: 3 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the defaults (3 retries, no delay) are reported as a retry without jitter',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create({ baseURL: '/api' });
axiosRetry(api);`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['waits no time between attempts unless `retryDelay` is set'],
    },
    {
      title: 'exponentialDelay is jittered: silent',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create({ baseURL: '/api' });
axiosRetry(api, { retries: 4, retryDelay: axiosRetry.exponentialDelay });`,
      findings: [],
    },
    {
      title: 'linearDelay has no jitter',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export const api = axios.create({ baseURL: '/api' });
axiosRetry(api, { retries: 4, retryDelay: axiosRetry.linearDelay() });`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['`linearDelay`'],
    },
    {
      title: 'a retryDelay that a factory defaults to exponentialDelay is jittered; one it defaults to linearDelay is not',
      code: `import axios, { AxiosRequestConfig } from 'axios';
import axiosRetry from 'axios-retry';
export const createClient = ({ config = {}, retries = 8, retryDelay = axiosRetry.exponentialDelay }: { config?: AxiosRequestConfig; retries?: number; retryDelay?: (n: number) => number }) => {
  const client = axios.create(config);
  axiosRetry(client, { retries, retryDelay });
  return client;
};
export function createSlowClient(retryDelay = axiosRetry.linearDelay()) {
  const client = axios.create();
  axiosRetry(client, { retries: 3, retryDelay });
  return client;
}`,
      findings: [[10, 'retry-without-jitter']],
      messages: ['`linearDelay`'],
    },
    {
      title: 'retries: Infinity never stops',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: Infinity, retryDelay: axiosRetry.exponentialDelay });`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
export function installRetries(client, options) {
  axiosRetry(client, options);
}`,
      findings: [],
    },
    {
      title: 'retries: 0 is no retry',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 0 });`,
      findings: [],
    },
    {
      title: 'a condition on status alone re-sends a POST through the client',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
const payments = axios.create({ baseURL: '/payments' });
axiosRetry(payments, { retries: 2, retryDelay: axiosRetry.exponentialDelay, retryCondition: (error) => (error.response?.status ?? 0) >= 500 });
export const charge = (amount: number) => payments.post('/charges', { amount });`,
      findings: [[5, 'missing-idempotency-key']],
    },
    {
      title: "the library's own isRetryableError and isNetworkError test no method: a POST through the client is re-sent",
      code: `import axios from 'axios';
import axiosRetry, { isNetworkError } from 'axios-retry';
const orders = axios.create({ baseURL: '/orders' });
const payments = axios.create({ baseURL: '/payments' });
axiosRetry(orders, { retries: 5, retryDelay: axiosRetry.exponentialDelay, retryCondition: axiosRetry.isRetryableError });
axiosRetry(payments, { retries: 2, retryDelay: axiosRetry.exponentialDelay, retryCondition: isNetworkError });
export const order = (item: string) => orders.post('/', { item });
export const charge = (amount: number) => payments.post('/charges', { amount });`,
      findings: [[7, 'missing-idempotency-key'], [8, 'missing-idempotency-key']],
    },
    {
      title: 'a predicate of the same name from elsewhere is out of sight, and isSafeRequestError keeps to safe methods: silent',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
import { isRetryableError } from './errors';
const orders = axios.create({ baseURL: '/orders' });
const payments = axios.create({ baseURL: '/payments' });
axiosRetry(orders, { retries: 5, retryDelay: axiosRetry.exponentialDelay, retryCondition: isRetryableError });
axiosRetry(payments, { retries: 2, retryDelay: axiosRetry.exponentialDelay, retryCondition: axiosRetry.isSafeRequestError });
export const order = (item: string) => orders.post('/', { item });
export const charge = (amount: number) => payments.post('/charges', { amount });`,
      findings: [],
    },
    {
      title: 'isIdempotentRequestError keeps the POST out of the retry',
      code: `import axios from 'axios';
import axiosRetry, { isIdempotentRequestError } from 'axios-retry';
const payments = axios.create({ baseURL: '/payments' });
axiosRetry(payments, { retries: 2, retryDelay: axiosRetry.exponentialDelay, retryCondition: isIdempotentRequestError });
export const charge = (amount: number) => payments.post('/charges', { amount });`,
      findings: [],
    },
    {
      title: 'a named helper of the module (isNetworkError) called on its own is not a retry',
      code: `import axiosRetry, { isNetworkError } from 'axios-retry';
export function shouldRefresh(err) {
  return isNetworkError(err) || err.response?.status === 401;
}`,
      findings: [],
    },
  ]);
});
