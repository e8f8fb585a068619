// async (caolan): `retry` makes 5 attempts with no wait between them by default; `times` counts attempts,
// `interval` (a number, or a function of the retry count) sets the wait. Imported as the module, by name or by path.
import { asyncLibrary } from '../../../../src/analysis/libraries/async';
import { runLibraryTable } from './library-table';

describe('libraries: async', () => {
  runLibraryTable([asyncLibrary], [
    {
      title: 'the defaults (5 attempts, no wait) are reported as a retry without jitter',
      code: `const async = require('async');
exports.track = (id, cb) => async.retry((done) => lookup(id, done), cb);`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['async retries at once, with no wait between attempts, unless `interval` is set'],
    },
    {
      title: 'a fixed interval in the options is reported',
      code: `import { retry } from 'async';
export const track = (id, cb) => retry({ times: 3, interval: 200 }, (done) => lookup(id, done), cb);`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['its delay is the same for every client'],
    },
    {
      title: 'a jittered interval function is silent',
      code: `import async from 'async';
export const track = (id, cb) => async.retry({ times: 3, interval: (n) => Math.random() * 100 * 2 ** n }, (done) => lookup(id, done), cb);`,
      findings: [],
    },
    {
      title: 'retryable imported by its path, with a number of times: bounded, without jitter',
      code: `import retryable from 'async/retryable';
export const lookupWithRetry = retryable(3, lookup);`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a number of times given as a length (`candidates.length`) is a count: bounded, with no wait between attempts',
      code: `const async = require('async');
module.exports = (candidates, client, next) => async.retry(candidates.length, (cb) => client.deleteVhost(candidates[0], cb), next);`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'options held in a name out of sight (`retry(opts, task)`) say nothing: silent',
      code: `const async = require('async');
module.exports = (opts, client, next) => async.retry(opts, (cb) => client.deleteVhost('v', cb), next);`,
      findings: [],
    },
    {
      title: 'a POST in the task is retried without an idempotency key',
      code: `const async = require('async');
const request = require('request');
exports.send = (order, cb) => async.retry({ times: 3, interval: (n) => Math.random() * 1000 }, (done) => request.post({ url: 'https://shop.example.test/orders', json: order }, done), cb);`,
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: "a retry of another library (async-retry) or of the file's own is not async's",
      code: `import retry from 'async-retry';
const own = { retry: (fn) => fn() };
export const a = () => retry(async () => lookup(), { retries: 3, randomize: true });
export const b = () => own.retry(() => lookup());`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `const async = require('async');
exports.track = (id, options, cb) => async.retry(options, (done) => lookup(id, done), cb);`,
      findings: [],
    },
  ]);
});
