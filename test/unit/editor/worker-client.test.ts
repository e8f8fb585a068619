// The analysis worker as the extension host uses it, in plain Node: dist/analysis-worker.js (built by
// `node scripts/build.mjs`), started lazily, restarted after a crash.
import * as assert from 'node:assert/strict';
import type { AnalysisItem } from '../../../src/editor/protocol';
import { AnalysisWorkerClient } from '../../../src/editor/worker-client';
import { assertWorkerBuilt, DEFAULT_OPTIONS, recordingLog, RETRY, waitUntil, WORKER } from './worker-helpers';

const SLOW_KEY = 'file:///slow.ts';
/** About 0.9 MiB of small retry loops (under the default size limit): long enough to analyse (a second or more) to be caught in the middle. */
const SLOW = Array.from({ length: 9_000 }, (_, i) => RETRY.replace('function f', `function f${i}`)).join('');

/**
 * For the crash tests: a time budget no analysis of SLOW comes near, however busy the machine, so that a
 * result without findings can only mean the crash handling lost the file.
 */
const UNHURRIED = { ...DEFAULT_OPTIONS, timeBudgetMs: 10 * 60_000 };

function slowItem(prefix = ''): AnalysisItem {
  return { fileName: 'slow.ts', text: prefix + SLOW, key: SLOW_KEY };
}

/** Stops the worker as a crash would once it is on the file (its previous analyses done). */
async function crashWhileOn(client: AnalysisWorkerClient, key: string): Promise<void> {
  await waitUntil(() => client.busyWith() === key, `the worker to be on ${key}`);
  client.simulateCrash();
}

describe('editor: analysis worker client', function () {
  this.timeout(120_000);
  let client: AnalysisWorkerClient | undefined;
  before(assertWorkerBuilt);
  afterEach(() => client?.dispose());

  it('starts the worker only on the first request and answers in order', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log);
    assert.equal(client.stats.starts, 0, 'nothing starts before the first analysis');
    const results = await client.analyze([{ fileName: 'a.ts', text: RETRY }, { fileName: 'b.ts', text: 'export const x = 1;' }], DEFAULT_OPTIONS);
    assert.deepEqual(results.map((result) => result.findings.map((finding) => finding.ruleId)), [['unbounded-retry'], []]);
    assert.equal(client.stats.starts, 1);
  });

  it('passes the options through (the size limit)', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log);
    const [result] = await client.analyze([{ fileName: 'a.ts', text: RETRY }], { ...DEFAULT_OPTIONS, maxFileSizeBytes: 10 });
    assert.match(result!.skipped ?? '', /larger than/);
  });

  it('restarts a crashed worker on the next request and logs the crash once', async () => {
    const { log, errors } = recordingLog();
    client = new AnalysisWorkerClient(WORKER, log);
    await client.analyze([{ fileName: 'a.ts', text: RETRY }], DEFAULT_OPTIONS);
    client.simulateCrash();
    await waitUntil(() => client!.stats.crashes === 1, 'the crash to be noticed');
    const [result] = await client.analyze([{ fileName: 'a.ts', text: RETRY }], DEFAULT_OPTIONS);
    assert.equal(result!.findings.length, 1);
    assert.equal(client.stats.starts, 2);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /restarts on the next analysis/);
  });

  it('sends the file it was on once more to the fresh worker after a crash, which gives the real findings', async () => {
    const { log, errors } = recordingLog();
    client = new AnalysisWorkerClient(WORKER, log);
    const answer = client.analyze([slowItem()], UNHURRIED);
    await crashWhileOn(client, SLOW_KEY);
    const [result] = await answer;
    assert.equal(result!.skipped, undefined, 'analysed in full');
    assert.ok(result!.findings.length > 0, 'the findings of a full analysis');
    assert.deepEqual({ crashes: client.stats.crashes, starts: client.stats.starts }, { crashes: 1, starts: 2 });
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /while analysing file:\/\/\/slow\.ts\. A fresh worker took over the 1 waiting file \(file:\/\/\/slow\.ts among them, sent once more\)\./);
  });

  it('says a content crashed the worker once it has done so twice, and skips it until it changes', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log);
    const answer = client.analyze([slowItem()], UNHURRIED);
    await crashWhileOn(client, SLOW_KEY);
    await waitUntil(() => client!.stats.crashes === 1, 'the first crash to be noticed');
    await crashWhileOn(client, SLOW_KEY);
    const [crashed] = await answer;
    assert.equal(crashed!.skipReason, 'worker-crashed');
    assert.match(crashed!.skipped!, /stopped the worker 2 times, so it is skipped until the file changes/);
    const [again] = await client.analyze([slowItem()], UNHURRIED);
    assert.equal(again!.skipReason, 'stopped-twice');
    const [changed] = await client.analyze([slowItem('// changed\n')], UNHURRIED);
    assert.equal(changed!.skipped, undefined, 'a changed content is analysed again, in full');
    assert.ok(changed!.findings.length > 0, 'a changed content is analysed again');
  });

  it('answers a request for a document that a newer one replaced before it was sent as superseded, without analysing it', async () => {
    client = new AnalysisWorkerClient(WORKER, recordingLog().log);
    // The first request occupies the worker, so the next two wait; the third replaces the second.
    const first = client.analyze([{ fileName: 'a.ts', text: RETRY, key: 'file:///a.ts' }], DEFAULT_OPTIONS);
    const older = client.analyze([{ fileName: 'b.ts', text: 'export const b = 1;', key: 'file:///b.ts' }], DEFAULT_OPTIONS);
    const newer = client.analyze([{ fileName: 'b.ts', text: RETRY, key: 'file:///b.ts' }], DEFAULT_OPTIONS);
    const [[a], [b1], [b2]] = await Promise.all([first, older, newer]);
    assert.equal(a!.findings.length, 1);
    assert.equal(b1!.skipReason, 'superseded');
    assert.deepEqual(b2!.findings.map((finding) => finding.ruleId), ['unbounded-retry']);
  });
});
