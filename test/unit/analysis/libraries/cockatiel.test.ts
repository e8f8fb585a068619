// cockatiel: `retry(policy, { maxAttempts, backoff })` retries forever without `maxAttempts`, at once
// without `backoff`; ExponentialBackoff uses decorrelated jitter unless told otherwise.
import { cockatiel } from '../../../../src/analysis/libraries/cockatiel';
import { runLibraryTable } from './library-table';

describe('libraries: cockatiel', () => {
  runLibraryTable([cockatiel], [
    {
      title: 'the defaults (no maxAttempts, no backoff) retry forever',
      code: `import { handleAll, retry } from 'cockatiel';
export const retryPolicy = retry(handleAll, {});`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`maxAttempts`'],
    },
    {
      title: 'maxAttempts with ExponentialBackoff is silent',
      code: `import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
export const retryPolicy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
export const getUser = (id: string) => retryPolicy.execute(() => db.users.find(id));`,
      findings: [],
    },
    {
      title: 'ConstantBackoff waits the same for every client',
      code: `import { ConstantBackoff, handleAll, retry } from 'cockatiel';
export const retryPolicy = retry(handleAll, { maxAttempts: 3, backoff: new ConstantBackoff(50) });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['`ConstantBackoff`'],
    },
    {
      title: 'ExponentialBackoff with noJitterGenerator has no jitter',
      code: `import { ExponentialBackoff, handleAll, noJitterGenerator, retry } from 'cockatiel';
export const retryPolicy = retry(handleAll, { maxAttempts: 5, backoff: new ExponentialBackoff({ generator: noJitterGenerator }) });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'maxAttempts: Infinity never stops',
      code: `import { ExponentialBackoff, handleType, retry } from 'cockatiel';
export const retryPolicy = retry(handleType(NetworkError), { maxAttempts: Infinity, backoff: new ExponentialBackoff() });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { handleAll, retry } from 'cockatiel';
export const makePolicy = (options) => retry(handleAll, options);`,
      findings: [],
    },
    {
      title: 'an unkeyed POST run through the policy is missing its idempotency key',
      code: `import { ExponentialBackoff, handleAll, retry } from 'cockatiel';
const retryPolicy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });
export const createInvoice = (draft) => retryPolicy.execute(() =>
  fetch('/api/invoices', { method: 'POST', body: JSON.stringify(draft) }));`,
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'a local function named retry is not cockatiel',
      code: `function retry(policy, options) { return { policy, options }; }
export const settings = retry(handleAll, {});`,
      findings: [],
    },
  ]);
});
