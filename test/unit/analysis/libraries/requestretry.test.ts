// requestretry: a drop-in for request that sends a request again on a network error or a 5xx answer, 5 attempts a
// fixed 5 s apart by default, every method included. The request itself is what repeats.
import { requestretry } from '../../../../src/analysis/libraries/requestretry';
import { runLibraryTable } from './library-table';

/** A client that sends its options with requestretry's `.post` (the default fixed wait) after `setHeader`. */
function postWithOptions(setHeader: string): string {
  return `const retry = require('requestretry');
exports.createPayout = async (payout) => {
  const options = { url: 'https://payouts.example.test/v1/payouts', json: payout, headers: {} };
  ${setHeader}
  return retry.post(options);
};`;
}

describe('libraries: requestretry', () => {
  runLibraryTable([requestretry], [
    {
      title: 'the defaults (a fixed 5000 ms) are reported as a retry without jitter',
      code: `const request = require('requestretry');
exports.get = (url) => request({ url, json: true });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['requestretry waits a fixed 5000 ms between attempts by default'],
    },
    {
      title: 'a POST with a fixed retryDelay: no jitter, and no idempotency key',
      code: `const request = require('requestretry');
exports.alert = (serial) => request({ url: 'https://alerts.example.test/emergency', method: 'POST', json: { serial }, maxAttempts: 3, retryDelay: 100 });`,
      findings: [[2, 'missing-idempotency-key'], [2, 'retry-without-jitter']],
    },
    {
      title: 'options kept in a const: the wait is reported at its setting, the missing key at the request',
      code: `const request = require('requestretry');
exports.alert = (serial, callback) => {
  const options = {
    url: 'https://alerts.example.test/emergency',
    method: 'POST',
    json: { serial },
    retryDelay: 100,
  };
  request(options, callback);
};`,
      findings: [[7, 'retry-without-jitter'], [9, 'missing-idempotency-key']],
    },
    {
      title: 'request.post(url, options) is read the same way',
      code: `import request from 'requestretry';
export const alert = (serial: string) => request.post('https://alerts.example.test/emergency', { json: { serial }, retryDelay: 1000 });`,
      findings: [[2, 'missing-idempotency-key'], [2, 'retry-without-jitter']],
    },
    {
      title: 'a jittered delayStrategy is silent for a read',
      code: `const request = require('requestretry');
exports.get = (url) => request({ url, delayStrategy: () => Math.floor(Math.random() * 3000) });`,
      findings: [],
    },
    {
      title: 'maxAttempts: 1 sends once',
      code: `const request = require('requestretry');
exports.alert = (serial) => request({ url: 'https://alerts.example.test/emergency', method: 'POST', json: { serial }, maxAttempts: 1 });`,
      findings: [],
    },
    {
      title: "a key set on the options' headers by assignment before the POST is sent with it: no missing-key finding",
      code: postWithOptions("options.headers['Idempotency-Key'] = randomUUID();"),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same options with a header that is no key: the missing key is reported',
      code: postWithOptions("options.headers['X-Trace-Id'] = randomUUID();"),
      findings: [[5, 'retry-without-jitter'], [5, 'missing-idempotency-key']],
    },
    {
      title: 'plain request (not requestretry) retries nothing',
      code: `const request = require('request');
exports.alert = (serial) => request({ url: 'https://alerts.example.test/emergency', method: 'POST', json: { serial } });`,
      findings: [],
    },
  ]);
});
