// The analysis core against generated worst cases (see pathological-inputs.ts): every input gives a
// result or a notice, never an exception; the analysis stays within 10x the parse of the same text and
// the pre-check within one parse (ratios measured in this run); the pre-check hides nothing; a worker
// thread, with its other stack size, answers the same; the time budget stops a run and says so.
import assert from 'node:assert/strict';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import ts from 'typescript';
import { analyzeSource, mayContainRetry, PARSE_OPTIONS } from '../../../src/analysis';
import type { AnalysisResult } from '../../../src/analysis';
import { specifiersUsed } from '../../../src/analysis/project/import-uses';
import { NestedTooDeeply } from '../../../src/analysis/run-context';
import { repoRoot } from '../repo-root';
import { pathologicalInputs } from './pathological-inputs';
import { smallestRatio } from './timing';

/** The issue's bound, generous so that it holds on a busy machine; the typical ratio is 1-5. */
const MAX_ANALYSIS_TO_PARSE = 10;
/** The pre-check must cost no more than a parse; the margin is for timer noise on small inputs. */
const MAX_PRE_CHECK_TO_PARSE = 1.25;
/** A file of imports only: the read of its imports may cost a few parses, never one per import (see the test). */
const MAX_IMPORT_ONLY_TO_PARSE = 3;
const RUNS = 5;
/** Rounds of RUNS measured at most, when a round's ratio is over the bound (a busy moment). */
const ROUNDS = 5;
/** Limits that leave only the analysis's own cost: no size limit, no time budget. */
// Generated worst cases have long lines; they are analysed whole, not skipped as minified.
const UNLIMITED = { maxFileSizeBytes: 64 * 1024 * 1024, timeBudgetMs: Infinity, skipMinified: false };
const NESTING_NOTICE = new NestedTooDeeply().message;

function parse(text: string): ts.SourceFile | undefined {
  try {
    return ts.createSourceFile('input.ts', text, PARSE_OPTIONS, false, ts.ScriptKind.TS);
  } catch {
    return undefined; // deeper than TypeScript's parser manages on this thread's stack (the time until it gave up is the base)
  }
}

function summary(result: AnalysisResult): string {
  return JSON.stringify({ findings: result.findings.map((finding) => [finding.ruleId, finding.range.start.line, finding.message]), skipped: result.skipped });
}

describe('adversarial inputs: the analysis core', function () {
  this.timeout(240_000);
  const inputs = pathologicalInputs();

  for (const input of inputs) {
    describe(input.name, () => {
      it('gives a result or a notice, the same with and without the pre-check, within 10x the parse', () => {
        const withPreCheck = analyzeSource(input.text, 'input.ts', UNLIMITED);
        const withoutPreCheck = analyzeSource(input.text, 'input.ts', { ...UNLIMITED, preCheck: false });
        assert.ok(Array.isArray(withPreCheck.findings));
        assert.equal(summary(withPreCheck), summary(withoutPreCheck), 'the pre-check changed the result');
        assert.ok(withoutPreCheck.skipped === undefined || withoutPreCheck.skipReason === 'too-deep', `a result or the nesting notice: ${withoutPreCheck.skipped}`);
        if (input.expect === 'too-deep') assert.equal(withoutPreCheck.skipped, NESTING_NOTICE);
        if (input.expect === 'analysed') assert.equal(withoutPreCheck.skipped, undefined, 'analysed');
        // Against the parse on this thread, whether it finishes or runs out of stack (then the analysis, parsing the same, stops there too).
        const { ratio, baseMs, measuredMs } = smallestRatio(MAX_ANALYSIS_TO_PARSE, ROUNDS, RUNS, () => parse(input.text), () => analyzeSource(input.text, 'input.ts', { ...UNLIMITED, preCheck: false }));
        assert.ok(ratio <= MAX_ANALYSIS_TO_PARSE, `analysis ${measuredMs.toFixed(1)} ms is ${ratio.toFixed(1)}x the parse (${baseMs.toFixed(1)} ms)`);
      });

      it('pre-checks within the cost of a parse', () => {
        const { ratio, baseMs, measuredMs } = smallestRatio(MAX_PRE_CHECK_TO_PARSE, ROUNDS, RUNS, () => parse(input.text), () => mayContainRetry(input.text, 'input.ts'));
        assert.ok(ratio <= MAX_PRE_CHECK_TO_PARSE, `pre-check ${measuredMs.toFixed(1)} ms is ${ratio.toFixed(2)}x the parse (${baseMs.toFixed(1)} ms)`);
      });
    });
  }

  it('answers the same in a worker thread as on the main thread', async () => {
    const api = path.join(repoRoot(), 'dist', 'api.js');
    const texts = inputs.map((input) => input.text);
    const source = `const { parentPort, workerData } = require('node:worker_threads');
      const { analyzeSource } = require(workerData.api);
      parentPort.postMessage(workerData.texts.map((text) => analyzeSource(text, 'input.ts', workerData.options)));`;
    const inWorker = await new Promise<AnalysisResult[]>((resolve, reject) => {
      const worker = new Worker(source, { eval: true, workerData: { api, texts, options: { ...UNLIMITED, timeBudgetMs: 600_000 } } });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    // A worker's stack is four times the main thread's, so TypeScript's recursive parser reads deeper
    // there; the nesting limit keeps the answers the same, past it and short of it.
    inputs.forEach((input, i) => assert.equal(summary(inWorker[i]!), summary(analyzeSource(input.text, 'input.ts', UNLIMITED)), input.name));
  });
});

describe('adversarial inputs: the time budget and bad options', () => {
  const dense = pathologicalInputs().find((input) => input.name.startsWith('5,000 retry loops'))!.text;

  it('stops a run past its budget with a notice, and finishes it with a larger one', () => {
    const stopped = analyzeSource(dense, 'dense.ts', { maxFileSizeBytes: 64 * 1024 * 1024, timeBudgetMs: 1 });
    assert.equal(stopped.skipReason, 'time-budget');
    assert.match(stopped.skipped ?? '', /^Analysis stopped after 1 ms; the file was not fully checked\.$/);
    assert.deepEqual(stopped.findings, []);
    const finished = analyzeSource(dense, 'dense.ts', { maxFileSizeBytes: 64 * 1024 * 1024, timeBudgetMs: 600_000 });
    assert.equal(finished.skipped, undefined);
    assert.equal(finished.findings.filter((finding) => finding.ruleId === 'retry-without-jitter').length, 5000);
  });

  it('keeps the size limit when maxFileSizeBytes is NaN or negative', () => {
    const big = `${'// padding\n'.repeat(120_000)}export const x = 1;\n`;
    for (const maxFileSizeBytes of [Number.NaN, -1, 0]) {
      assert.equal(analyzeSource(big, 'big.ts', { maxFileSizeBytes }).skipReason, 'too-large', String(maxFileSizeBytes));
    }
  });

  it('answers non-string sources with a notice instead of throwing', () => {
    for (const value of [undefined, null, 42, { text: 'x' }]) {
      const result = analyzeSource(value as unknown as string, 'x.ts');
      assert.deepEqual(result.findings, []);
      assert.equal(result.skipReason, 'failed');
      assert.match(result.skipped ?? '', /must be a string/);
      assert.equal(mayContainRetry(value as unknown as string, 'x.ts'), false);
    }
  });
});

describe('adversarial inputs: the imports a file uses, read before the parse', () => {
  // Names that are prefixes of each other, each imported from its own module, over a text that repeats them all.
  const names = Array.from({ length: 256 }, (_, i) => 'a'.repeat(i + 1));
  const prefixes = `${names.map((name, i) => `import { ${name} } from './m${i}';`).join('\n')}\nexport const x = [${'a, '.repeat(100_000)}];\n`;
  const unclosed = `${"import { a } from '".repeat(20_000)}\n`;
  const longClause = `import { ${'b, '.repeat(50_000)}c } from './m';\n${'c + '.repeat(50_000)}1;\n`;

  // 5,000 imports whose names the code only reads as values: each name is looked up, none decides.
  const unusedNames = Array.from({ length: 5000 }, (_, i) => `name${i}`);
  const neverCalled = `${unusedNames.map((name, i) => `import { ${name} } from './m${i}';`).join('\n')}\nexport const all = [${unusedNames.join(', ')}];\n`;

  for (const [name, text] of Object.entries({ 'names that are prefixes of each other': prefixes, 'quotes that never close': unclosed, 'a clause of 50,000 names': longClause })) {
    it(`reads ${name} within the cost of a parse`, () => {
      const { ratio, baseMs, measuredMs } = smallestRatio(MAX_PRE_CHECK_TO_PARSE, ROUNDS, RUNS, () => parse(text), () => specifiersUsed(text, 256));
      assert.ok(ratio <= MAX_PRE_CHECK_TO_PARSE, `${measuredMs.toFixed(1)} ms is ${ratio.toFixed(2)}x the parse (${baseMs.toFixed(1)} ms)`);
    });
  }

  it('reads 5,000 imports none of whose names is called in time that grows with the text, not with imports times text', () => {
    // A file of nothing but imports is the parse's cheapest text and this read's dearest: each import is read for its
    // names and each name looked up, about one parse's worth. Looking each name up through the whole text took 100x.
    const { ratio, baseMs, measuredMs } = smallestRatio(MAX_IMPORT_ONLY_TO_PARSE, ROUNDS, RUNS, () => parse(neverCalled), () => specifiersUsed(neverCalled, 256));
    assert.ok(ratio <= MAX_IMPORT_ONLY_TO_PARSE, `${measuredMs.toFixed(1)} ms is ${ratio.toFixed(2)}x the parse (${baseMs.toFixed(1)} ms)`);
    assert.deepEqual(specifiersUsed(neverCalled, 256), []);
  });
});
