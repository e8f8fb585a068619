// The analysis worker as the extension host uses it, in plain Node: dist/analysis-worker.js (built by
// `node scripts/build.mjs`), started lazily, restarted after a crash.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { AnalysisWorkerClient } from '../../../src/editor/worker-client';

const WORKER = path.resolve(__dirname, '..', '..', '..', '..', 'dist', 'analysis-worker.js');
const RETRY = 'async function f() {\n  while (true) {\n    try { return await op(); } catch { await sleep(1000); }\n  }\n}\n';

function quietLog() {
  const errors: string[] = [];
  return { errors, log: { info: () => undefined, error: (message: string) => errors.push(message) } };
}

describe('editor: analysis worker client', function () {
  let client: AnalysisWorkerClient | undefined;
  before(function () {
    if (!existsSync(WORKER)) this.skip();
  });
  afterEach(() => client?.dispose());

  it('starts the worker only on the first request and answers in order', async () => {
    const { log } = quietLog();
    client = new AnalysisWorkerClient(WORKER, log);
    assert.equal(client.stats.starts, 0, 'nothing starts before the first analysis');
    const results = await client.analyze([{ fileName: 'a.ts', text: RETRY }, { fileName: 'b.ts', text: 'export const x = 1;' }], {});
    assert.deepEqual(results.map((result) => result.findings.map((finding) => finding.ruleId)), [['unbounded-retry'], []]);
    assert.equal(client.stats.starts, 1);
  });

  it('passes the options through (the size limit)', async () => {
    client = new AnalysisWorkerClient(WORKER, quietLog().log);
    const [result] = await client.analyze([{ fileName: 'a.ts', text: RETRY }], { maxFileSizeBytes: 10 });
    assert.match(result!.skipped ?? '', /larger than/);
  });

  it('restarts a crashed worker on the next request and logs the crash once', async () => {
    const { log, errors } = quietLog();
    client = new AnalysisWorkerClient(WORKER, log);
    await client.analyze([{ fileName: 'a.ts', text: RETRY }], {});
    client.simulateCrash();
    await waitUntil(() => client!.stats.crashes === 1);
    const [result] = await client.analyze([{ fileName: 'a.ts', text: RETRY }], {});
    assert.equal(result!.findings.length, 1);
    assert.equal(client.stats.starts, 2);
    assert.equal(errors.length, 1, errors.join('\n'));
    assert.match(errors[0]!, /restarts on the next analysis/);
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(condition(), 'condition never became true');
}
