// 2,000 mutated inputs from a seeded generator: token deletions, truncations, random bytes,
// duplicated and swapped slices. None may throw or make the core fail internally, and the whole
// run must stay within a generous multiple of the clean inputs' cost (no per-input timing).
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis';
import { jsxSource, quietSource, retryingSource } from './fixtures';
import { mutate, tokenSpans } from './mutations';
import { seededRandom } from '../../../src/shared/seeded-random';

const MUTATIONS = 2000;
/** Mutated inputs may cost more than clean ones (error recovery), but not this much more. */
const GENEROUS_RATIO = 25;

const prng = seededRandom;

describe('fuzz', () => {
  it(`never throws or fails internally on ${MUTATIONS} mutated inputs`, function () {
    this.timeout(120_000);
    const sources: [string, string][] = [[retryingSource, 'a.ts'], [quietSource, 'b.ts'], [jsxSource, 'c.tsx']];
    const spans = sources.map(([text]) => tokenSpans(text));
    const random = prng(0xc0ffee);

    const cleanStart = process.hrtime.bigint();
    for (let i = 0; i < MUTATIONS; i++) analyzeSource(sources[i % sources.length]![0], sources[i % sources.length]![1]);
    const cleanNs = Number(process.hrtime.bigint() - cleanStart);

    let mutatedNs = 0;
    let findings = 0;
    for (let i = 0; i < MUTATIONS; i++) {
      const index = i % sources.length;
      const [text, fileName] = sources[index]!;
      const input = mutate(text, spans[index]!, random);
      const start = process.hrtime.bigint();
      const result = analyzeSource(input, fileName);
      mutatedNs += Number(process.hrtime.bigint() - start);
      assert.ok(!result.skipped?.startsWith('Analysis failed'), `input #${i} made the core fail: ${result.skipped}\n${input}`);
      const lineCount = input.split(/\r\n|\r|\n|\u2028|\u2029/).length;
      for (const finding of result.findings) assert.ok(finding.range.start.line < lineCount && finding.range.end.line < lineCount, `range inside the text for input #${i}`);
      findings += result.findings.length;
    }
    const ratio = mutatedNs / cleanNs;
    console.log(`      fuzz: ${MUTATIONS} inputs, ${findings} findings, mutated/clean time ${ratio.toFixed(2)}x`);
    assert.ok(ratio < GENEROUS_RATIO, `mutated inputs cost ${ratio.toFixed(1)}x the clean ones`);
  });
});
