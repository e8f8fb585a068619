// async-retry: ten retries by default, randomised (`randomize` defaults to true), `retries: 0` turns it off.
import { asyncRetry } from '../../../../src/analysis/libraries/async-retry';
import { runLibraryTable } from './library-table';

describe('libraries: async-retry', () => {
  runLibraryTable([asyncRetry], [
    {
      title: 'the default entry called where it is required, told not to randomize: no jitter',
      code: `async function load() {
  return require('async-retry')(async () => fetch('https://api.example.com/items'), { retries: 5, randomize: false });
}`,
      findings: [[2, 'retry-without-jitter']],
      messages: ["async-retry `require('async-retry')` call"],
    },
    {
      title: 'the same on its defaults (jittered, 10 retries): silent',
      code: `async function load() {
  return require('async-retry')(async () => fetch('https://api.example.com/items'));
}`,
      findings: [],
    },
    {
      title: 'the defaults (10 retries, randomised) are silent',
      code: `import retry from 'async-retry';
export const loadProfile = (id: string) => retry(async (bail) => {
  const res = await fetch(\`/api/profiles/\${id}\`);
  if (res.status === 404) return bail(new Error('no such profile'));
  return res.json();
});`,
      findings: [],
    },
    {
      title: 'randomize: false turns the jitter off and is reported at the call',
      code: `import retry from 'async-retry';
export const loadProfile = (id: string) => retry(() => fetch(\`/api/profiles/\${id}\`), { retries: 4, randomize: false });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['`randomize: false`'],
    },
    {
      title: 'retries: Infinity never stops',
      code: `import retry from 'async-retry';
export const waitForDatabase = () => retry(() => db.ping(), { retries: Infinity, minTimeout: 500 });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`retries: Infinity`'],
    },
    {
      title: 'a require of the module is read like an import',
      code: `const retry = require('async-retry');
module.exports = () => retry(() => queue.connect(), { retries: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'options out of sight (a parameter) say nothing',
      code: `import retry from 'async-retry';
export const withRetry = (task, options) => retry(task, options);`,
      findings: [],
    },
    {
      title: 'a spread may carry the count: silent',
      code: `import retry from 'async-retry';
import { retryDefaults } from './config';
export const loadProfile = (id) => retry(() => fetch('/api/profiles/' + id), { ...retryDefaults, minTimeout: 200 });`,
      findings: [],
    },
    {
      title: 'an unkeyed POST inside the retried function is missing its idempotency key',
      code: `import retry from 'async-retry';
export const placeOrder = (cart) => retry(async () => {
  return fetch('/api/orders', { method: 'POST', body: JSON.stringify(cart) });
}, { retries: 3 });`,
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: 'retries: 0 sends the POST once: silent',
      code: `import retry from 'async-retry';
export const placeOrder = (cart) => retry(async () => {
  return fetch('/api/orders', { method: 'POST', body: JSON.stringify(cart) });
}, { retries: 0 });`,
      findings: [],
    },
    {
      title: 'maxTimeout: 0 in options a class field holds (`this.retryOptions`): every wait is nothing, reported at the call',
      code: retryOptionsField('minTimeout: 0,\n    maxTimeout: 0,'),
      findings: [[9, 'retry-without-jitter']],
      messages: ['with no wait'],
    },
    {
      title: 'minTimeout: 0 alone still waits (node-retry floors it at 1 ms, then doubles, randomised): silent',
      code: retryOptionsField('minTimeout: 0,\n    maxTimeout: 100,'),
      findings: [],
    },
  ]);
});

/** A class whose `retryOptions` field (100 retries, then `timeouts`) is handed to async-retry by `this.retryOptions`. */
function retryOptionsField(timeouts: string): string {
  return `import retry from 'async-retry';
export class Connector {
  retryOptions = {
    retries: 100,
    ${timeouts}
  };
  async balance(exchange) {
    return retry(() => exchange.fetchBalance(), this.retryOptions);
  }
}`;
}
