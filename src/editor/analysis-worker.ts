// The analysis worker: a worker_threads entry (dist/analysis-worker.js) that loads TypeScript once
// and analyses the batches the extension host sends, so the host's main thread never parses.
import { parentPort } from 'node:worker_threads';
import type { AnalysisResult } from '../analysis/types';
import type { AnalysisItem, AnalyzeRequest, WorkerAnalyzeOptions, WorkerReply } from './protocol';
import { SourceFileCache } from './source-cache';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js must run as a worker thread');

const cache = new SourceFileCache();
const send = (reply: WorkerReply): void => port.postMessage(reply);

port.on('message', (request: AnalyzeRequest) => {
  for (const item of request.items) send({ id: request.id, result: analyseItem(item, request.options) });
});
send({ ready: true });

function analyseItem(item: AnalysisItem, options: WorkerAnalyzeOptions): AnalysisResult {
  try {
    return cache.analyse(item.key, item.text, item.fileName, options);
  } catch (error) {
    // analyzeSource never throws by contract; this guards the worker against a broken item.
    return { findings: [], skipped: `Analysis failed: ${error instanceof Error ? error.message : String(error)}`, skipReason: 'failed' };
  }
}
