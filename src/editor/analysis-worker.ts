// The analysis worker: a worker_threads entry (dist/analysis-worker.js) that loads TypeScript once
// and analyses the batches the extension host sends, so the host's main thread never parses.
import { parentPort } from 'node:worker_threads';
import type { AnalyzeReply, AnalyzeRequest } from './protocol';
import { SourceFileCache } from './source-cache';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js must run as a worker thread');

const cache = new SourceFileCache();

port.on('message', (request: AnalyzeRequest) => {
  let reply: AnalyzeReply;
  try {
    reply = { id: request.id, results: request.items.map((item) => cache.analyse(item.key, item.text, item.fileName, request.options)) };
  } catch (error) {
    // analyzeSource never throws by contract; this guards the worker against a broken request.
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(reply);
});
