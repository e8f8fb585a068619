// The analysis worker as the extension host uses it, in plain Node: dist/analysis-worker.js (built by
// `node scripts/build.mjs`), started lazily, restarted after a crash.
import * as assert from 'node:assert/strict';
import { AnalysisWorkerClient } from '../../../src/editor/worker-client';
import { assertWorkerBuilt, DEFAULT_OPTIONS, recordingLog, RETRY, waitUntil, WORKER } from './worker-helpers';

describe('editor: analysis worker client', function () {
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
