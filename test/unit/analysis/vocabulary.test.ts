// The vocabulary's facts that other patterns are derived from: RETRY_HELPER_WORD must hold in every name
// RETRY_HELPER_NAME takes, since a file without it is not read for retried requests (analyze.ts).
import assert from 'node:assert/strict';
import { RETRY_HELPER_NAME, RETRY_HELPER_WORD } from '../../../src/analysis/vocabulary';

describe('vocabulary', () => {
  it('finds the retry word in every shape of retry helper name', () => {
    const names = ['retry', 'retrying', 'retryable', 'retried', 'retries', 'retryAsync', 'retry_call', 'withRetry', 'with_retries', 'fetchWithRetry',
      'sendWithRetries', 'postRetry', 'callRetries', 'uploadRetrying', 'send_retry', 'requestWithRetryPolicy'];
    for (const name of names) {
      assert.ok(RETRY_HELPER_NAME.test(name), `${name} is a retry helper name`);
      assert.ok(RETRY_HELPER_WORD.test(name), `${name} holds the retry word`);
    }
  });

  it('does not find it in names with no retry in them', () => {
    for (const name of ['request', 'fetchJson', 'postOrder', 'reconnect']) assert.equal(RETRY_HELPER_WORD.test(name), false, name);
  });
});
