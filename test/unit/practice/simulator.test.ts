import assert from 'node:assert/strict';
import {
  ATTEMPT_BUDGET,
  PRESETS,
  TICK_MS,
  createRandom,
  getPreset,
  retryDelayMs,
  simulate,
  validateInput,
  type PresetId,
  type SimulationInput,
  type SimulationResult,
  type StepStats,
} from '../../../src/practice';

/** Seeds the lesson's claims are checked on; they must hold for each, not on average. */
const SEEDS = [1, 2, 3, 42, 2024];

function run(id: PresetId, seed: number, changes: Partial<SimulationInput> = {}): SimulationResult {
  return simulate({ ...getPreset(id).input, ...changes, seed });
}

/** The steps that start inside the brownout. */
function duringBrownout(result: SimulationResult): StepStats[] {
  const { startS, durationS } = result.input.brownout;
  return result.steps.filter((step) => step.t >= startS && step.t < startS + durationS);
}

/** Mean load offered to B during the brownout, as a multiple of the client rate. */
function brownoutAmplification(result: SimulationResult): number {
  const steps = duringBrownout(result);
  const offered = steps.reduce((total, step) => total + step.offeredToB, 0);
  return offered / ((steps.length * TICK_MS) / 1000) / result.input.clientRate;
}

describe('practice simulator: presets', () => {
  it('offers the three presets the view shows, with ids and labels', () => {
    assert.deepEqual(
      PRESETS.map((preset) => [preset.id, preset.label]),
      [
        ['retry-storm', 'Retry storm'],
        ['capped-jitter', 'Capped + jitter'],
        ['queue', 'Queue'],
      ],
    );
    for (const preset of PRESETS) assert.ok(preset.description.length > 20, preset.id);
  });

  it('describes each preset with a complete input that validation leaves as it is', () => {
    for (const preset of PRESETS) {
      const { input, problems } = validateInput(preset.input);
      assert.deepEqual(problems, [], preset.id);
      assert.deepEqual(input, preset.input, preset.id);
    }
  });

  it('sets each preset up as the issue says', () => {
    const storm = getPreset('retry-storm').input;
    assert.equal(storm.style, 'sync');
    assert.deepEqual([storm.retry.maxAttempts, storm.retry.backoff, storm.retry.jitter], [null, 'none', false]);
    const capped = getPreset('capped-jitter').input;
    assert.equal(capped.style, 'sync');
    assert.deepEqual([capped.retry.maxAttempts, capped.retry.backoff, capped.retry.jitter], [3, 'exponential', true]);
    assert.equal(getPreset('queue').input.style, 'async');
  });

  it('differ only in style and retry policy, so the same clients meet the same brownout', () => {
    for (const preset of PRESETS) {
      const { style: _style, retry: _retry, ...scenario } = preset.input;
      const { style: _s, retry: _r, ...reference } = PRESETS[0].input;
      assert.deepEqual(scenario, reference, preset.id);
    }
  });

  it('does not let the UI mutate a preset through the result', () => {
    const result = simulate(getPreset('queue').input);
    result.input.queue.capacity = 1;
    assert.equal(getPreset('queue').input.queue.capacity, 2000);
  });
});

describe('practice simulator: the retry storm (lesson claims)', () => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: unbounded immediate retries amplify B's load at least 3x more than capped jittered backoff`, () => {
      const storm = run('retry-storm', seed);
      const capped = run('capped-jitter', seed);
      assert.ok(
        storm.summary.peakAmplification >= 3 * capped.summary.peakAmplification,
        `peak: storm ${storm.summary.peakAmplification}x, capped ${capped.summary.peakAmplification}x`,
      );
      // On average over the brownout the gap is smaller, as the storm builds up over time; still over 2x.
      const stormMean = brownoutAmplification(storm);
      const cappedMean = brownoutAmplification(capped);
      assert.ok(stormMean >= 2 * cappedMean, `mean during brownout: storm ${stormMean}x, capped ${cappedMean}x`);
      // The storm is made of retries: most of what B is offered during the brownout is not new work.
      const stormSteps = duringBrownout(storm);
      const retries = stormSteps.reduce((total, step) => total + step.retries, 0);
      const firstTries = stormSteps.reduce((total, step) => total + step.firstTries, 0);
      assert.ok(retries >= 5 * firstTries, `retries ${retries}, first tries ${firstTries}`);
    });

    it(`seed ${seed}: the storm recovers at least twice as slowly after B recovers (or never)`, () => {
      const storm = run('retry-storm', seed).summary.recoverySeconds;
      const capped = run('capped-jitter', seed).summary.recoverySeconds;
      assert.notEqual(capped, null, 'capped retries recover within the run');
      assert.ok(storm === null || storm >= 2 * (capped ?? 0), `storm ${storm} s, capped ${capped} s`);
    });
  }

  it('makes B do work nobody waits for, and do some requests twice', () => {
    const storm = run('retry-storm', 1).summary;
    // B kept working during the brownout, but every answer came after A's timeout.
    assert.ok(storm.wasted > 0.5 * (15 * 150 * 0.3), `wasted ${storm.wasted}`);
    assert.ok(storm.duplicates > 0);
    assert.ok(storm.duplicates <= storm.wasted, 'a duplicate needs a completion nobody used');
  });

  it('gets no success through while B is browned out, and the latency afterwards shows the backlog', () => {
    const storm = run('retry-storm', 1);
    // From 3 s into the brownout (the latency window looks back 1 s) until B recovers.
    const lateBrownout = duringBrownout(storm).filter((step) => step.t >= 13);
    assert.ok(lateBrownout.every((step) => step.successes === 0 && step.p50LatencyMs === null));
    const afterward = storm.steps.find((step) => step.t === 27);
    assert.ok(afterward?.p50LatencyMs && afterward.p50LatencyMs > 5000, `p50 at 27 s: ${afterward?.p50LatencyMs}`);
  });

  it('caps each client request at 3 attempts and fails the rest: the price of protecting B', () => {
    for (const seed of SEEDS) {
      const { summary } = run('capped-jitter', seed);
      assert.ok(summary.attempts <= 3 * summary.totalRequests);
      assert.ok(summary.failed > 0);
      assert.ok(summary.lost <= summary.failed);
    }
  });

  it('with unbounded retries, no request fails: they wait (and retry) instead', () => {
    const { summary } = run('retry-storm', 1);
    assert.equal(summary.failed, 0);
    assert.equal(summary.lost, 0);
  });
});

describe('practice simulator: the queue', () => {
  const consumerRatePerTick = (input: SimulationInput): number =>
    (input.queue.consumers * input.queue.perConsumerRate * TICK_MS) / 1000;

  for (const seed of SEEDS) {
    it(`seed ${seed}: never offers B more than the consumers' rate, and loses nothing while the buffer holds`, () => {
      const result = run('queue', seed);
      const limit = consumerRatePerTick(result.input);
      for (const step of result.steps) {
        assert.ok(step.offeredToB <= limit, `at ${step.t} s B was offered ${step.offeredToB} > ${limit}`);
        assert.ok(step.offeredToB <= Math.max(1, (step.capacityOfB * TICK_MS) / 1000) + 1e-9, `over B's capacity at ${step.t} s`);
        assert.ok(step.queueDepth <= result.input.queue.capacity);
        assert.equal(step.retries, 0);
      }
      assert.ok(Math.max(...result.steps.map((step) => step.queueDepth)) > 500, 'the buffer absorbed the brownout');
      assert.equal(result.summary.lost, 0);
      assert.equal(result.summary.failed, 0);
      assert.equal(result.summary.duplicates, 0);
      assert.ok(result.summary.peakAmplification <= 1.6, `${result.summary.peakAmplification}`);
    });
  }

  it('holds to the consumers\' rate when the consumers, not B, are the bottleneck', () => {
    const result = run('queue', 7, { queue: { capacity: 5000, consumers: 2, perConsumerRate: 45 } });
    for (const step of result.steps) assert.ok(step.offeredToB <= 9, `${step.offeredToB} at ${step.t} s`);
    const perSecond = result.summary.attempts / result.input.durationS;
    assert.ok(perSecond <= 90, `${perSecond} per second`);
  });

  it('drops requests when the buffer is tiny and the brownout long, and counts them as lost', () => {
    const result = run('queue', 1, {
      queue: { capacity: 100, consumers: 4, perConsumerRate: 40 },
      brownout: { startS: 10, durationS: 30, capacityFactor: 0.3, latencyMs: 600 },
    });
    assert.ok(result.summary.lost > 500, `lost ${result.summary.lost}`);
    assert.equal(result.summary.lost, result.summary.failed);
    const dropped = result.steps.reduce((total, step) => total + step.failures, 0);
    assert.equal(dropped, result.summary.lost);
    assert.ok(result.steps.every((step) => step.queueDepth <= 100));
  });

  it('pays for the buffer in latency: queued requests wait while B is slow', () => {
    const result = run('queue', 1);
    const worst = Math.max(...result.steps.map((step) => step.p95LatencyMs ?? 0));
    assert.ok(worst > 5000, `worst p95 ${worst} ms`);
    const before = result.steps.find((step) => step.t === 5);
    assert.ok(before?.p50LatencyMs !== null && (before?.p50LatencyMs ?? Infinity) <= 200);
  });
});

describe('practice simulator: determinism', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: the same seed gives the same result`, () => {
      assert.deepEqual(simulate({ ...preset.input, seed: 99 }), simulate({ ...preset.input, seed: 99 }));
    });

    it(`${preset.id}: another seed changes the details but not the story`, () => {
      const one = simulate({ ...preset.input, seed: 1 });
      const other = simulate({ ...preset.input, seed: 2 });
      assert.notDeepEqual(
        one.steps.map((step) => step.firstTries),
        other.steps.map((step) => step.firstTries),
      );
      const ratio = one.summary.peakAmplification / other.summary.peakAmplification;
      assert.ok(ratio > 0.8 && ratio < 1.25, `amplification ${one.summary.peakAmplification} vs ${other.summary.peakAmplification}`);
    });
  }

  it('does not use Math.random', () => {
    const original = Math.random;
    Math.random = () => {
      throw new Error('Math.random used');
    };
    try {
      for (const preset of PRESETS) simulate(preset.input);
    } finally {
      Math.random = original;
    }
  });
});

describe('practice simulator: bookkeeping', () => {
  for (const preset of PRESETS) {
    it(`${preset.id}: steps and summary add up`, () => {
      const result = simulate(preset.input);
      const { steps, summary, input } = result;
      assert.equal(steps.length, (input.durationS * 1000) / TICK_MS);
      steps.forEach((step, index) => {
        assert.equal(step.t, (index * TICK_MS) / 1000);
        assert.equal(step.offeredToB, step.firstTries + step.retries);
        assert.ok(step.refusedByB <= step.offeredToB);
        if (step.p50LatencyMs !== null) {
          assert.ok(step.p50LatencyMs <= (step.p95LatencyMs ?? -1) && (step.p95LatencyMs ?? -1) <= (step.p99LatencyMs ?? -1));
        }
      });
      const sum = (pick: (step: StepStats) => number): number => steps.reduce((total, step) => total + pick(step), 0);
      assert.equal(sum((step) => step.offeredToB), summary.attempts);
      assert.equal(summary.succeeded + summary.failed + summary.unfinished, summary.totalRequests);
      assert.equal(sum((step) => step.arrivals), summary.totalRequests);
      // Successes finishing after the last tick are not in any step.
      assert.ok(sum((step) => step.successes) <= summary.succeeded);
      assert.ok(summary.succeeded - sum((step) => step.successes) <= 20);
      assert.equal(sum((step) => step.failures), summary.failed);
      if (input.style === 'sync') assert.equal(sum((step) => step.firstTries), summary.totalRequests);
      assert.equal(result.stoppedAtS, null);
      assert.deepEqual(result.problems, []);
    });
  }

  it('shows B\'s capacity dropping during the brownout only', () => {
    const { steps, input } = simulate(getPreset('capped-jitter').input);
    for (const step of steps) {
      const inside = step.t >= input.brownout.startS && step.t < input.brownout.startS + input.brownout.durationS;
      const expected = input.serviceB.capacityPerSecond * (inside ? input.brownout.capacityFactor : 1);
      assert.equal(step.capacityOfB, expected, `at ${step.t} s`);
    }
  });

  it('without a brownout nothing goes wrong, and there is no recovery to time', () => {
    for (const preset of PRESETS) {
      const { summary } = simulate({ ...preset.input, brownout: { ...preset.input.brownout, durationS: 0 } });
      assert.ok(summary.peakAmplification < 1.5, `${preset.id}: ${summary.peakAmplification}`);
      assert.equal(summary.failed, 0, preset.id);
      assert.equal(summary.duplicates, 0, preset.id);
      assert.equal(summary.recoverySeconds, null, preset.id);
    }
  });

  it('reports no recovery when B is too small even when healthy', () => {
    const { summary } = simulate({ ...getPreset('capped-jitter').input, clientRate: 200 });
    assert.equal(summary.recoverySeconds, null);
  });

  it('stops a runaway run at the attempt budget and says so', () => {
    const result = simulate({
      clientRate: 500,
      durationS: 120,
      timeoutMs: 100,
      retry: { maxAttempts: null, backoff: 'none', jitter: false },
      brownout: { startS: 0, durationS: 120, capacityFactor: 0.01 },
    });
    assert.ok(result.stoppedAtS !== null && result.stoppedAtS < 120);
    assert.equal(result.steps.length, Math.round((result.stoppedAtS * 1000) / TICK_MS));
    assert.ok(result.summary.attempts > ATTEMPT_BUDGET && result.summary.attempts < 1.2 * ATTEMPT_BUDGET);
    assert.match(result.problems.join(' '), /stopped at/);
  });

  it('prints how long the presets take (informational, not asserted)', () => {
    const timings = PRESETS.map((preset) => {
      simulate(preset.input);
      const start = performance.now();
      for (let i = 0; i < 5; i++) simulate(preset.input);
      return `${preset.id} ${((performance.now() - start) / 5).toFixed(1)} ms`;
    });
    console.log(`      preset run time: ${timings.join(', ')}`);
  });
});

describe('practice simulator: retry delays', () => {
  const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500, jitter: false } as const;
  const random = createRandom(1);

  it('waits nothing, a fixed delay, or a doubling delay up to the cap', () => {
    assert.equal(retryDelayMs({ ...policy, backoff: 'none' }, 3, random), 0);
    assert.equal(retryDelayMs({ ...policy, backoff: 'fixed' }, 3, random), 100);
    const exponential = [1, 2, 3, 4, 5].map((attempt) => retryDelayMs({ ...policy, backoff: 'exponential' }, attempt, random));
    assert.deepEqual(exponential, [100, 200, 400, 500, 500]);
  });

  it('with full jitter picks a delay between zero and the backoff delay, spread out', () => {
    const delays = Array.from({ length: 200 }, () => retryDelayMs({ ...policy, backoff: 'exponential', jitter: true }, 3, random));
    assert.ok(delays.every((delay) => delay >= 0 && delay < 400));
    assert.ok(Math.min(...delays) < 50 && Math.max(...delays) > 350);
  });
});
