// 2,000 small mutated inputs from a seeded generator (token deletions, truncations, random bytes,
// duplicated and swapped slices), and 40 large ones of 50-500 KB made of many mutated copies. None may
// throw or make the core fail internally, and each run must stay within a generous multiple of the
// clean inputs' cost (no per-input timing).
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis';
import { jsxSource, quietSource, retryingSource } from './fixtures';
import { mutate, tokenSpans } from './mutations';
import { seededRandom } from '../../../src/shared/seeded-random';

const MUTATIONS = 2000;
/** Mutated inputs may cost more than clean ones (error recovery), but not this much more. */
const GENEROUS_RATIO = 25;

const prng = seededRandom;

/** Large inputs: enough mutated copies of the fixtures to reach a size drawn between 50 and 500 KB. */
const LARGE_INPUTS = 40;
const LARGE_MIN_BYTES = 50 * 1024;
const LARGE_MAX_BYTES = 500 * 1024;

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

  it(`never throws or fails internally on ${LARGE_INPUTS} mutated inputs of 50-500 KB`, function () {
    this.timeout(300_000);
    const fixtures = [retryingSource, quietSource];
    const spans = fixtures.map((text) => tokenSpans(text));
    const random = prng(0x5eed5);
    const options = { maxFileSizeBytes: 2 * LARGE_MAX_BYTES, timeBudgetMs: Infinity };
    let cleanNs = 0;
    let mutatedNs = 0;
    for (let i = 0; i < LARGE_INPUTS; i++) {
      const target = LARGE_MIN_BYTES + Math.floor(random() * (LARGE_MAX_BYTES - LARGE_MIN_BYTES));
      const clean: string[] = [];
      const mutated: string[] = [];
      for (let size = 0, k = 0; size < target; k++) {
        const index = k % fixtures.length;
        clean.push(fixtures[index]!);
        const copy = mutate(fixtures[index]!, spans[index]!, random);
        mutated.push(copy);
        size += copy.length;
      }
      const cleanText = clean.join('\n');
      const input = mutated.join('\n');
      let start = process.hrtime.bigint();
      analyzeSource(cleanText, `clean${i}.ts`, options);
      cleanNs += Number(process.hrtime.bigint() - start);
      start = process.hrtime.bigint();
      const result = analyzeSource(input, `large${i}.ts`, options);
      mutatedNs += Number(process.hrtime.bigint() - start);
      assert.ok(!result.skipped, `large input #${i} (${input.length} characters) was not analysed: ${result.skipped}`);
    }
    const ratio = mutatedNs / cleanNs;
    console.log(`      fuzz: ${LARGE_INPUTS} inputs of 50-500 KB, mutated/clean time ${ratio.toFixed(2)}x`);
    assert.ok(ratio < GENEROUS_RATIO, `large mutated inputs cost ${ratio.toFixed(1)}x the clean ones`);
  });
});
