// promise-retry: node-retry's defaults (ten retries, no jitter unless `randomize: true`), options in
// either position, `forever` and Infinity never stop.
import { promiseRetry } from '../../../../src/analysis/libraries/promise-retry';
import { runLibraryTable } from './library-table';

/** A POST to a push service through promise-retry (capped, jittered), whose catch is `onFailure`. */
function pushRetried(onFailure: string): string {
  return `import promiseRetry from 'promise-retry';
export const push = (messages) => promiseRetry(async (retry) => {
  try {
    return await fetch('/push/send', { method: 'POST', body: JSON.stringify(messages) });
  } catch (e) {
    ${onFailure}
  }
}, { retries: 2, randomize: true });`;
}

describe('libraries: promise-retry', () => {
  runLibraryTable([promiseRetry], [
    {
      title: 'the default entry called where it is required (`require(\'promise-retry\')(fn, opts)`): no jitter by default',
      code: `function load() {
  return require('promise-retry')((retry) => fetch('https://api.example.com/items').catch(retry), { retries: 5 });
}`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["`require('promise-retry')` call"],
    },
    {
      title: 'the defaults (10 retries, no jitter) are reported as a retry without jitter, at the call',
      code: `const promiseRetry = require('promise-retry');
exports.load = () => promiseRetry((retry) => fetch('/api/items').catch(retry));`,
      fileName: 'load.js',
      findings: [[2, 'retry-without-jitter']],
      messages: ['promise-retry does not randomize its delays unless `randomize: true` is set'],
    },
    {
      title: 'a count with factor and minTimeout but no randomize is still without jitter',
      code: `import promiseRetry from 'promise-retry';
export const send = (messages) => promiseRetry((retry) => push(messages).catch(retry), { retries: 2, factor: 2, minTimeout: 1000 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a POST whose callback calls the retry it is handed only on a 429 was refused, never done: its missing key is not reported',
      code: pushRetried('if (e.statusCode === 429) return retry(e);\n    throw e;'),
      findings: [],
    },
    {
      title: 'the retry it is handed, also handed on to .catch, goes round on any failure: the POST is reported',
      code: `import promiseRetry from 'promise-retry';
export const push = (messages) => promiseRetry((retry) => fetch('/push/send', { method: 'POST', body: JSON.stringify(messages) })
  .then((response) => { if (response.status === 429) return retry(new Error('rate limited')); return response; })
  .catch(retry), { retries: 2, randomize: true });`,
      findings: [[2, 'missing-idempotency-key']],
    },
    {
      title: 'the same POST retried on any failure is reported',
      code: pushRetried('return retry(e);'),
      findings: [[4, 'missing-idempotency-key']],
    },
    {
      title: 'randomize: true, with the options first, is silent',
      code: `import promiseRetry from 'promise-retry';
export const load = () => promiseRetry({ retries: 4, randomize: true }, (retry) => fetch('/api/items').catch(retry));`,
      findings: [],
    },
    {
      title: 'retries: Infinity never stops',
      code: `import promiseRetry from '@gar/promise-retry';
export const load = () => promiseRetry((retry) => fetch('/api/items').catch(retry), { retries: Infinity, randomize: true });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'retries: 0 turns the retry off',
      code: `import promiseRetry from 'promise-retry';
export const load = () => promiseRetry((retry) => fetch('/api/items').catch(retry), { retries: 0 });`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import promiseRetry from 'promise-retry';
export const load = (options) => promiseRetry((retry) => fetch('/api/items').catch(retry), options);`,
      findings: [],
    },
  ]);
});
