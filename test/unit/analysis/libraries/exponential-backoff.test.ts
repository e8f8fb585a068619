// exponential-backoff: `backOff(fn, opts)` makes 10 attempts (the first included), from 100 ms, doubling,
// with no jitter unless `jitter: 'full'`.
import { exponentialBackoff } from '../../../../src/analysis/libraries/exponential-backoff';
import { runLibraryTable } from './library-table';

describe('libraries: exponential-backoff', () => {
  runLibraryTable([exponentialBackoff], [
    {
      title: 'the named entry read off the module where it is required (`require(\'exponential-backoff\').backOff(fn)`): no jitter by default',
      code: `async function load() {
  return require('exponential-backoff').backOff(() => fetch('https://api.example.com/items'), { numOfAttempts: 5 });
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the defaults (10 attempts, no jitter) are reported as a retry without jitter',
      code: `import { backOff } from 'exponential-backoff';
export const fetchRates = () => backOff(() => fetch('/api/rates'));`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["`jitter: 'full'`"],
    },
    {
      title: "jitter: 'full' is silent",
      code: `import { backOff } from 'exponential-backoff';
export const fetchRates = () => backOff(() => fetch('/api/rates'), { numOfAttempts: 5, jitter: 'full' });`,
      findings: [],
    },
    {
      title: "jitter: 'none' written out is still no jitter",
      code: `import { backOff } from 'exponential-backoff';
export const fetchRates = () => backOff(() => fetch('/api/rates'), { startingDelay: 500, jitter: 'none' });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'numOfAttempts: Infinity never stops',
      code: `import { backOff } from 'exponential-backoff';
export const waitForBroker = () => backOff(() => broker.connect(), { numOfAttempts: Infinity, jitter: 'full' });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`numOfAttempts: Infinity`'],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { backOff } from 'exponential-backoff';
export const withBackoff = (task, options) => backOff(task, options);`,
      findings: [],
    },
    {
      title: 'a local function named backOff is not the library',
      code: `function backOff(ms: number) { return new Promise((resolve) => setTimeout(resolve, ms)); }
export const pause = () => backOff(100);`,
      findings: [],
    },
    {
      title: 'an unkeyed POST inside the retried function is missing its idempotency key',
      code: `import { backOff } from 'exponential-backoff';
export const submitForm = (form) => backOff(() =>
  fetch('/api/forms', { method: 'POST', body: JSON.stringify(form) }), { numOfAttempts: 4, jitter: 'full' });`,
      findings: [[3, 'missing-idempotency-key']],
    },
      {
      title: 'options spread from a local object that sets full jitter are read there: silent',
      code: `import { backOff } from 'exponential-backoff';
const retryOptions = { jitter: 'full', numOfAttempts: 3, startingDelay: 500 };
export const load = (key) => backOff(() => getObject(key), { ...retryOptions, retry: () => true });`,
      findings: [],
    },
    {
      title: 'options spread from a local object without jitter keep the default: no jitter',
      code: `import { backOff } from 'exponential-backoff';
const retryOptions = { numOfAttempts: 3, startingDelay: 500 };
export const load = (key) => backOff(() => getObject(key), { ...retryOptions, retry: () => true });`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'options spread from out of sight may set the jitter: silent',
      code: `import { backOff } from 'exponential-backoff';
import { retryOptions } from './config';
export const load = (key) => backOff(() => getObject(key), { ...retryOptions, retry: () => true });`,
      findings: [],
    },
    {
      title: 'a local object that itself spreads options from out of sight may set the jitter: silent',
      code: `import { backOff } from 'exponential-backoff';
import { sharedOptions } from './config';
const retryOptions = { ...sharedOptions, numOfAttempts: 3 };
export const load = (key) => backOff(() => getObject(key), { ...retryOptions, retry: () => true });`,
      findings: [],
    },
]);
});
