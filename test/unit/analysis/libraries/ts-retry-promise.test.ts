// ts-retry-promise: ten retries a fixed 100 ms apart within a 60 s timeout; `'INFINITELY'` lifts a
// limit; its FIXED, LINEAR and EXPONENTIAL backoffs have no jitter.
import { tsRetryPromise } from '../../../../src/analysis/libraries/ts-retry-promise';
import { runLibraryTable } from './library-table';

describe('libraries: ts-retry-promise', () => {
  runLibraryTable([tsRetryPromise], [
    {
      title: 'the entry read off the module where it is required (`require(\'ts-retry-promise\').retry(fn, opts)`): a fixed delay, no jitter',
      code: `async function load() {
  return require('ts-retry-promise').retry(() => fetch('https://api.example.com/items'), { retries: 5, delay: 1000 });
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the defaults (10 retries, a fixed 100 ms) are reported as a retry without jitter',
      code: `import { retry } from 'ts-retry-promise';
export const loadSettings = () => retry(() => fetch('/api/settings'));`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["ts-retry-promise's `FIXED` backoff has no jitter"],
    },
    {
      title: 'retries and timeout both INFINITELY never stop',
      code: `import { retry } from 'ts-retry-promise';
export const waitForReplica = () => retry(() => replica.ping(), { retries: 'INFINITELY', timeout: 'INFINITELY', backoff: 'EXPONENTIAL' });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'retries INFINITELY within the default 60 s timeout is bounded by the deadline (read like polling): silent',
      code: `import { retry } from 'ts-retry-promise';
export const waitForReplica = () => retry(() => replica.ping(), { retries: 'INFINITELY', backoff: 'LINEAR' });`,
      findings: [],
    },
    {
      title: 'a LINEAR backoff with a count has no jitter',
      code: `import { retry } from 'ts-retry-promise';
export const loadSettings = () => retry(() => fetch('/api/settings'), { retries: 5, delay: 500, backoff: 'LINEAR' });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['`LINEAR`'],
    },
    {
      title: 'a backoff function of its own is out of sight: silent',
      code: `import { retry } from 'ts-retry-promise';
import { jitteredBackoff } from './backoff';
export const loadSettings = () => retry(() => fetch('/api/settings'), { retries: 5, backoff: jitteredBackoff });`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { retry } from 'ts-retry-promise';
export const withRetry = (task, config) => retry(task, config);`,
      findings: [],
    },
    {
      title: 'retries: 0 is no retry',
      code: `import { retry } from 'ts-retry-promise';
export const loadSettings = () => retry(() => fetch('/api/settings'), { retries: 0 });`,
      findings: [],
    },
  ]);
});
