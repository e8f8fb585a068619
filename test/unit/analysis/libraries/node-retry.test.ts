// node-retry (`retry` on npm): `retry.operation()` retries 10 times from 1 s, doubling, without
// randomisation unless `randomize: true`; `forever: true` never stops.
import { nodeRetry } from '../../../../src/analysis/libraries/node-retry';
import { runLibraryTable } from './library-table';

describe('libraries: retry (node-retry)', () => {
  runLibraryTable([nodeRetry], [
    {
      title: 'the module required where it is used (`require(\'retry\').operation(opts)`): no jitter by default',
      code: `function load(done) {
  const operation = require('retry').operation({ retries: 5 });
  operation.attempt(() => fetch('https://api.example.com/items').then((res) => done(null, res), (error) => { if (!operation.retry(error)) done(error); }));
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the defaults (10 retries, not randomised) are reported as a retry without jitter',
      code: `import retry from 'retry';
export function readConfig(cb) {
  const operation = retry.operation();
  operation.attempt(() => loadRemoteConfig((err, config) => {
    if (operation.retry(err)) return;
    cb(err ? operation.mainError() : null, config);
  }));
}`,
      findings: [[3, 'retry-without-jitter']],
      messages: ['retry does not randomize its delays unless `randomize: true` is set'],
    },
    {
      title: 'randomize: true with a count is silent',
      code: `const retry = require('retry');
const operation = retry.operation({ retries: 5, randomize: true });
operation.attempt(() => dns.resolve('api.example.com', (err) => operation.retry(err)));`,
      findings: [],
    },
    {
      title: 'forever: true never stops',
      code: `const retry = require('retry');
const operation = retry.operation({ forever: true, randomize: true });
operation.attempt(() => socket.connect((err) => operation.retry(err)));`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`forever: true`'],
    },
    {
      title: 'options out of sight say nothing',
      code: `const retry = require('retry');
module.exports = (options, task) => retry.operation(options).attempt(task);`,
      findings: [],
    },
    {
      title: 'an unkeyed POST inside the attempt is missing its idempotency key',
      code: `import retry from 'retry';
export function sendReceipt(receipt, cb) {
  const operation = retry.operation({ retries: 3, randomize: true });
  operation.attempt(async () => {
    try { cb(null, await fetch('/api/receipts', { method: 'POST', body: JSON.stringify(receipt) })); }
    catch (err) { if (!operation.retry(err)) cb(err); }
  });
}`,
      findings: [[5, 'missing-idempotency-key']],
    },
  ]);
});
