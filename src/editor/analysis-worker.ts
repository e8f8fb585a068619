// The analysis worker: a worker_threads entry (dist/analysis-worker.js) that loads TypeScript once
// and analyses the batches the extension host sends, so the host's main thread never parses.
import { parentPort } from 'node:worker_threads';
import { DEFAULT_MAX_FILE_SIZE_BYTES } from '../analysis/index';
import type { AnalysisResult } from '../analysis/types';
import type { AnalysisItem, AnalyzeRequest, ModulesRead, WorkerAnalyzeOptions, WorkerReply } from './protocol';
import { SourceFileCache } from './source-cache';
import { WorkerProjects } from './worker-projects';

const port = parentPort;
if (!port) throw new Error('analysis-worker.js must run as a worker thread');

const cache = new SourceFileCache();
let projects: WorkerProjects | undefined;
const send = (reply: WorkerReply): void => port.postMessage(reply);

port.on('message', (request: AnalyzeRequest) => {
  // Requests that follow imports bring the unsaved texts (the workspace scan's do not: it reads each file alone).
  if (request.options.crossFile && request.unsaved) {
    projects ??= new WorkerProjects(request.options.maxFileSizeBytes ?? DEFAULT_MAX_FILE_SIZE_BYTES);
    projects.useUnsaved(request.unsaved);
  }
  for (const item of request.items) send({ id: request.id, result: analyseItem(item, request.options) });
});
send({ ready: true });

function analyseItem(item: AnalysisItem, options: WorkerAnalyzeOptions): AnalysisResult & ModulesRead {
  try {
    const { crossFile, ...coreOptions } = options;
    const project = crossFile && item.projectRoot !== undefined ? projects?.at(item.projectRoot, coreOptions) : undefined;
    if (!project) return cache.analyse(item.key, item.text, item.fileName, coreOptions);
    const result = cache.analyse(item.key, item.text, item.fileName, { ...coreOptions, project });
    return { ...result, modulesRead: project.modulesReadFor(item.fileName) };
  } catch (error) {
    // analyzeSource never throws by contract; this guards the worker against a broken item.
    return { findings: [], skipped: `Analysis failed: ${error instanceof Error ? error.message : String(error)}`, skipReason: 'failed' };
  }
}
