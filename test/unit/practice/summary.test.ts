import assert from 'node:assert/strict';
import { describeSummary, formatCount, getPreset, simulate, type SimulationResult } from '../../../src/practice';

/** A real result with chosen summary figures, to check each sentence on its own. */
function withSummary(base: SimulationResult, summary: Partial<SimulationResult['summary']>): SimulationResult {
  return { ...base, summary: { ...base.summary, ...summary } };
}

describe('practice simulator: summary in words', () => {
  const storm = simulate(getPreset('retry-storm').input);
  const capped = simulate(getPreset('capped-jitter').input);
  const queue = simulate(getPreset('queue').input);

  it('says four plain sentences with the run\'s own figures', () => {
    const sentences = describeSummary(storm);
    assert.equal(sentences.length, 4);
    const { peakAmplification, recoverySeconds, duplicates } = storm.summary;
    assert.equal(sentences[0], `Peak load on B was ${peakAmplification.toFixed(1)}× the client rate.`);
    assert.ok(recoverySeconds !== null);
    assert.equal(sentences[1], `The system took ${recoverySeconds} s to recover after B recovered at 25 s.`);
    assert.match(sentences[2], new RegExp(`^B did ${duplicates} requests twice or more \\(duplicates\\)`));
    assert.equal(sentences[3], 'Every request succeeded in the end; nothing was lost.');
    for (const sentence of sentences) assert.match(sentence, /^[A-Z0-9].*\.$/);
  });

  it('names the failures and the lost requests of capped retries', () => {
    const { failed, lost } = capped.summary;
    assert.equal(describeSummary(capped)[3], `${formatCount(failed)} requests failed after 3 attempts; B never did ${formatCount(lost)} of them (lost).`);
  });

  it('tells whether the queue lost anything', () => {
    assert.equal(describeSummary(queue)[3], 'Nothing was lost: the queue held every request.');
    assert.equal(describeSummary(queue)[2], 'B did no request twice.');
    const tiny = simulate({ ...getPreset('queue').input, queue: { capacity: 100, consumers: 4, perConsumerRate: 40 } });
    assert.equal(describeSummary(tiny)[3], `${formatCount(tiny.summary.lost)} requests were dropped because the queue was full.`);
  });

  it('covers a system that never recovers, and a run without a brownout', () => {
    assert.equal(
      describeSummary(withSummary(storm, { recoverySeconds: null }))[1],
      'B recovered at 25 s, but the system had not recovered when the run ended.',
    );
    const calm = simulate({ ...getPreset('capped-jitter').input, brownout: { startS: 10, durationS: 0, capacityFactor: 0.3, latencyMs: 600 } });
    assert.equal(describeSummary(calm)[1], 'B did not brown out in this run.');
    const endless = simulate({ ...getPreset('capped-jitter').input, brownout: { startS: 10, durationS: 120, capacityFactor: 0.3, latencyMs: 600 } });
    assert.equal(describeSummary(endless)[1], 'B was still browned out when the run ended.');
  });

  it('mentions requests still waiting when nothing failed but the run ended first', () => {
    const sentence = describeSummary(withSummary(storm, { unfinished: 1234 }))[3];
    assert.equal(sentence, 'Nothing failed, but 1,234 requests were still waiting when the run ended.');
  });

  it('adds a fifth sentence when the run was stopped early', () => {
    const sentences = describeSummary({ ...storm, stoppedAtS: 40.5 });
    assert.equal(sentences.length, 5);
    assert.match(sentences[4], /stopped early, at 40\.5 s/);
  });

  it('formats counts the same way in every locale', () => {
    assert.deepEqual([0, 999, 1000, 1234567].map(formatCount), ['0', '999', '1,000', '1,234,567']);
  });
});
