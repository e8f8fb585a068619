// The analysis bundle (dist/cli-worker.js): the only part of the CLI that holds TypeScript.
// Started as a worker thread it scans the batches of files it is sent; required on the main
// thread (for a few files, and for the SARIF rule list) it exports what the main thread needs.
// So dist/cli.js stays small and starts fast, and TypeScript is loaded only where it is used.
import { parentPort, workerData } from 'node:worker_threads';
import type { AnalyzeOptions } from '../analysis/types';
import { scanFile, scanText } from './scan-file';
import type { WorkerReply, WorkerRequest } from './scan';

export { rules } from '../analysis/index';
export { scanFile, scanText };

/** Set in `workerData` by the pool, so that the bundle knows it is one of its workers. */
export const WORKER_MARK = 'integrationCoachScanWorker';

const data = workerData as { [WORKER_MARK]?: true; options: AnalyzeOptions; projectRoot?: string } | undefined;
if (parentPort && data?.[WORKER_MARK]) {
  const port = parentPort;
  // One reply per file, so that the pool knows which file the worker was on if it dies.
  port.on('message', (request: WorkerRequest) => {
    request.files.forEach((file, i) => {
      const reply: WorkerReply = { index: request.indices[i]!, result: scanFile(file, data.options, data.projectRoot) };
      port.postMessage(reply);
    });
  });
  const ready: WorkerReply = { ready: true };
  port.postMessage(ready);
}
