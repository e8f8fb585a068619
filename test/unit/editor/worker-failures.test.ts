// The worker client's failure rules, without a worker: the timeout derived from the time budget, the
// breaker's window, and the contents skipped after stopping the worker twice. Times are passed in.
import * as assert from 'node:assert/strict';
import { FailureBreaker, itemTimeoutMs, MAX_FAILURES, MAX_STOPS_PER_CONTENT, RESTART_ALLOWANCE_MS, StoppedContents } from '../../../src/editor/worker-failures';

describe('editor: worker failure rules', () => {
  it('derives the timeout from the time budget and the file size', () => {
    const small = itemTimeoutMs(1_000, 2_000);
    assert.ok(small > 2_000, 'longer than the budget itself: the core stops the walk at the budget');
    assert.ok(itemTimeoutMs(1_000, 4_000) - small >= 2_000, 'a larger budget allows at least as much more');
    assert.ok(itemTimeoutMs(1024 * 1024, 2_000) > small, 'a larger file has more time to parse');
    assert.ok(small < 17_000, `a small file counts as hung sooner than the fixed 17 s of before (${small} ms)`);
  });

  it('trips after MAX_FAILURES back-to-back hangs, however long the timeout', () => {
    for (const timeoutMs of [100, 17_000, 120_000]) {
      const breaker = new FailureBreaker();
      const tripped: boolean[] = [];
      // Each hang runs to its timeout, then the worker restarts (as slowly as allowed) and hangs again.
      for (let i = 0; i < MAX_FAILURES; i++) tripped.push(breaker.record(timeoutMs, i * (timeoutMs + RESTART_ALLOWANCE_MS)));
      assert.deepEqual(tripped, [...Array<boolean>(MAX_FAILURES - 1).fill(false), true], `timeout ${timeoutMs} ms`);
    }
  });

  it('forgets failures that are far apart', () => {
    const breaker = new FailureBreaker();
    const timeoutMs = 5_000;
    const apart = 2 * MAX_FAILURES * (timeoutMs + RESTART_ALLOWANCE_MS);
    for (let i = 0; i < 3 * MAX_FAILURES; i++) assert.equal(breaker.record(timeoutMs, i * apart), false);
    assert.equal(breaker.count, 1);
  });

  it('skips a content that stopped the worker twice, until it changes', () => {
    const stopped = new StoppedContents();
    assert.equal(stopped.shouldSkip('file:///a.ts', 'text'), false);
    for (let i = 1; i < MAX_STOPS_PER_CONTENT; i++) {
      assert.equal(stopped.record('file:///a.ts', 'text'), i);
      assert.equal(stopped.shouldSkip('file:///a.ts', 'text'), false, `sent again after ${i} stop(s)`);
    }
    assert.equal(stopped.record('file:///a.ts', 'text'), MAX_STOPS_PER_CONTENT);
    assert.equal(stopped.shouldSkip('file:///a.ts', 'text'), true);
    assert.equal(stopped.shouldSkip('file:///a.ts', 'text!'), false, 'a changed content is sent');
    assert.equal(stopped.shouldSkip('file:///b.ts', 'text'), false, 'the same content in another file is sent');
    assert.equal(stopped.record('file:///a.ts', 'text!'), 1, 'a changed content starts counting afresh');
  });
});
