// A genuine hang in the real worker (dist/analysis-worker.js), not a stub: a 64 MiB source whose parse
// alone takes many seconds (TypeScript's parse cannot be interrupted by the core's time budget), sent
// with the size limit raised, to a client whose per-file timeout is short. What is asserted is the
// outcome: the hung file is stopped, every other request gets its real result, a content that hung
// twice is skipped until it changes, and the breaker stops restarts after MAX_FAILURES hangs.
import * as assert from 'node:assert/strict';
import { AnalysisPausedError, AnalysisWorkerClient } from '../../../src/editor/worker-client';
import { MAX_FAILURES } from '../../../src/editor/worker-failures';
import type { AnalysisItem, EditorAnalysisResult, WorkerAnalyzeOptions } from '../../../src/editor/protocol';
import { assertWorkerBuilt, DEFAULT_OPTIONS, recordingLog, RETRY, WORKER } from '../editor/worker-helpers';

/** Short, so the tests do not wait long; far above a small file's analysis (milliseconds), and far below the hang's parse. */
const HANG_TIMEOUT_MS = 2_000;
const HUGE_LINE = 'export const total = price * quantity + (shipping - discount) / rate;\n';
/** 64 MiB: about 15 s to parse on an idle machine, a minute on a loaded one; the worker is stopped long before. */
const HUGE = HUGE_LINE.repeat(Math.ceil((64 * 1024 * 1024) / HUGE_LINE.length));
const HUGE_OPTIONS: WorkerAnalyzeOptions = { ...DEFAULT_OPTIONS, maxFileSizeBytes: 100 * 1024 * 1024 };
const HUGE_KEY = 'file:///huge.ts';

function hugeItem(text = HUGE): AnalysisItem {
  return { fileName: 'huge.ts', text, key: HUGE_KEY };
}

function ruleIds(results: EditorAnalysisResult[]): string[][] {
  return results.map((result) => result.findings.map((finding) => finding.ruleId));
}

describe('adversarial: a file that hangs the analysis worker', function () {
  this.timeout(300_000);
  let client: AnalysisWorkerClient | undefined;
  before(assertWorkerBuilt);
  afterEach(() => client?.dispose());

  it('is stopped alone: the requests queued behind it get their real results from a fresh worker', async () => {
    const { log, errors } = recordingLog();
    client = new AnalysisWorkerClient(WORKER, log, { timeoutMs: HANG_TIMEOUT_MS });
    await client.analyze([{ fileName: 'warm.ts', text: RETRY }], HUGE_OPTIONS);
    const started = performance.now();
    const hung = client.analyze([hugeItem(), { fileName: 'same-batch.ts', text: RETRY }], HUGE_OPTIONS);
    const innocents = ['a', 'b'].map((name) => client!.analyze([{ fileName: `${name}.ts`, text: RETRY, key: `file:///${name}.ts` }], HUGE_OPTIONS));
    const innocentResults = await Promise.all(innocents);
    const innocentsMs = performance.now() - started;
    const [culprit, sameBatch] = await hung;
    console.log(`      [worker] innocents answered ${Math.round(innocentsMs)} ms after the hang began (timeout ${HANG_TIMEOUT_MS} ms)`);
    assert.equal(culprit!.skipReason, 'timed-out');
    assert.match(culprit!.skipped!, new RegExp(`did not finish within ${HANG_TIMEOUT_MS} ms`));
    assert.deepEqual(ruleIds([sameBatch!]), [['unbounded-retry']], 'the item after the culprit in its own batch');
    assert.deepEqual(innocentResults.map(ruleIds), [[['unbounded-retry']], [['unbounded-retry']]], 'the requests queued behind');
    assert.deepEqual({ hangs: client.stats.hangs, crashes: client.stats.crashes, starts: client.stats.starts }, { hangs: 1, crashes: 0, starts: 2 });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /did not finish file:\/\/\/huge\.ts within \d+ ms\. A fresh worker took over the 3 waiting files\./);
  });

  it('is skipped, once it timed out twice, until its content changes', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log, { timeoutMs: HANG_TIMEOUT_MS });
    const [first] = await client.analyze([hugeItem()], HUGE_OPTIONS);
    assert.equal(first!.skipReason, 'timed-out');
    const [second] = await client.analyze([hugeItem()], HUGE_OPTIONS);
    assert.equal(second!.skipReason, 'timed-out');
    assert.match(second!.skipped!, /skipped until the file changes/);
    const starts = client.stats.starts;
    const [third] = await client.analyze([hugeItem()], HUGE_OPTIONS);
    assert.equal(third!.skipReason, 'stopped-twice');
    assert.deepEqual({ hangs: client.stats.hangs, starts: client.stats.starts }, { hangs: 2, starts }, 'not sent to the worker again');
    const [changed] = await client.analyze([{ ...hugeItem(), text: RETRY }], HUGE_OPTIONS);
    assert.deepEqual(ruleIds([changed!]), [['unbounded-retry']], 'the changed content is analysed');
  });

  it(`trips the breaker after ${MAX_FAILURES} hangs: restarts stop and it says so once`, async () => {
    const { log, errors } = recordingLog();
    const paused: string[] = [];
    client = new AnalysisWorkerClient(WORKER, log, { timeoutMs: HANG_TIMEOUT_MS, onPaused: (message) => paused.push(message) });
    for (let i = 1; i < MAX_FAILURES; i++) {
      // A different content each time, so none is skipped for having hung twice.
      const [result] = await client.analyze([hugeItem(`${HUGE}// edit ${i}\n`)], HUGE_OPTIONS);
      assert.equal(result!.skipReason, 'timed-out', `hang ${i}`);
      assert.equal(client.stats.gaveUp, false, `still restarting after ${i} hang(s)`);
    }
    const last = client.analyze([hugeItem(`${HUGE}// the last straw\n`)], HUGE_OPTIONS);
    const waiting = client.analyze([{ fileName: 'a.ts', text: RETRY }], HUGE_OPTIONS);
    const [lastResult] = await last;
    assert.equal(lastResult!.skipReason, 'timed-out', 'the hung request still gets its answer');
    await assert.rejects(waiting, AnalysisPausedError, 'a request waiting when the breaker trips is refused');
    await assert.rejects(client.analyze([{ fileName: 'a.ts', text: RETRY }], HUGE_OPTIONS), AnalysisPausedError, 'and so is every later one');
    assert.deepEqual({ hangs: client.stats.hangs, gaveUp: client.stats.gaveUp, starts: client.stats.starts }, { hangs: MAX_FAILURES, gaveUp: true, starts: MAX_FAILURES });
    assert.equal(paused.length, 1);
    assert.match(paused[0]!, /analysis is paused; reload the window/);
    assert.equal(errors.at(-1), paused[0], 'one output line says so');
  });
});
