import assert from 'node:assert/strict';
import { DEFAULT_INPUT, RANGES, simulate, validateInput } from '../../../src/practice';

describe('practice simulator: input validation', () => {
  it('fills a missing or empty input from the defaults, without problems', () => {
    assert.deepEqual(validateInput({}), { input: DEFAULT_INPUT, problems: [] });
    assert.deepEqual(validateInput(), { input: DEFAULT_INPUT, problems: [] });
  });

  it('completes a partial input, nested groups included', () => {
    const { input, problems } = validateInput({ clientRate: 50, retry: { jitter: false }, queue: { consumers: 8 } });
    assert.deepEqual(problems, []);
    assert.equal(input.clientRate, 50);
    assert.deepEqual(input.retry, { ...DEFAULT_INPUT.retry, jitter: false });
    assert.deepEqual(input.queue, { ...DEFAULT_INPUT.queue, consumers: 8 });
    assert.deepEqual(input.serviceB, DEFAULT_INPUT.serviceB);
  });

  it('clamps numbers to their ranges and says what it did', () => {
    const { input, problems } = validateInput({
      clientRate: 1e9,
      durationS: 1,
      timeoutMs: -5,
      serviceB: { queueLimit: 1e7 },
      brownout: { capacityFactor: 0 },
      queue: { capacity: 0 },
    });
    assert.equal(input.clientRate, RANGES.clientRate.max);
    assert.equal(input.durationS, RANGES.durationS.min);
    assert.equal(input.timeoutMs, RANGES.timeoutMs.min);
    assert.equal(input.serviceB.queueLimit, RANGES['serviceB.queueLimit'].max);
    assert.equal(input.brownout.capacityFactor, RANGES['brownout.capacityFactor'].min);
    assert.equal(input.queue.capacity, 1);
    assert.equal(problems.length, 6);
    assert.ok(problems.includes('clientRate 1000000000 is above 500; using 500.'), problems.join('\n'));
  });

  it('rounds counts to whole numbers', () => {
    const { input } = validateInput({ retry: { maxAttempts: 2.6 }, queue: { consumers: 3.2 }, seed: 7.9 });
    assert.equal(input.retry.maxAttempts, 3);
    assert.equal(input.queue.consumers, 3);
    assert.equal(input.seed, 8);
  });

  it('keeps null as unbounded retries', () => {
    assert.equal(validateInput({ retry: { maxAttempts: null } }).input.retry.maxAttempts, null);
    const unbounded = { ...DEFAULT_INPUT, retry: { ...DEFAULT_INPUT.retry, maxAttempts: null } };
    const garbled = validateInput({ retry: { maxAttempts: 'many' } }, unbounded);
    assert.equal(garbled.input.retry.maxAttempts, null);
    assert.deepEqual(garbled.problems, ['retry.maxAttempts must be a number or null (unbounded); using null.']);
    const { input, problems } = validateInput({ retry: { maxAttempts: 0 } });
    assert.equal(input.retry.maxAttempts, 1);
    assert.equal(problems.length, 1);
  });

  it('replaces values of the wrong kind with the default', () => {
    const { input, problems } = validateInput({
      clientRate: Number.NaN,
      style: 'carrier pigeon',
      retry: { backoff: 'linear', jitter: 'yes' },
      brownout: 'soon',
    });
    assert.equal(input.clientRate, DEFAULT_INPUT.clientRate);
    assert.equal(input.style, DEFAULT_INPUT.style);
    assert.equal(input.retry.backoff, DEFAULT_INPUT.retry.backoff);
    assert.equal(input.retry.jitter, DEFAULT_INPUT.retry.jitter);
    assert.deepEqual(input.brownout, DEFAULT_INPUT.brownout);
    assert.equal(problems.length, 5, problems.join('\n'));
  });

  it('reports settings it does not know, so a typo does not pass unnoticed', () => {
    const { problems } = validateInput({ clientRat: 10, retry: { maxAttempt: 2 } });
    assert.deepEqual(problems, ['clientRat is not a setting; ignored.', 'retry.maxAttempt is not a setting; ignored.']);
  });

  it('raises a maximum backoff below the base delay to the base delay', () => {
    const { input, problems } = validateInput({ retry: { baseDelayMs: 800, maxDelayMs: 200 } });
    assert.equal(input.retry.maxDelayMs, 800);
    assert.equal(problems.length, 1);
  });

  it('turns anything that is not an object into the defaults', () => {
    for (const value of [42, 'fast', [1, 2], null]) {
      const { input, problems } = validateInput(value);
      assert.deepEqual(input, DEFAULT_INPUT);
      assert.equal(problems.length, value === null ? 0 : 1, String(value));
    }
  });

  it('lets the simulation run on whatever it was given, and tells what was changed', () => {
    const result = simulate({ clientRate: -3, durationS: 9999 });
    assert.equal(result.input.clientRate, RANGES.clientRate.min);
    assert.equal(result.input.durationS, RANGES.durationS.max);
    assert.equal(result.problems.length, 2);
    assert.equal(result.steps.length, 1200);
  });
});
