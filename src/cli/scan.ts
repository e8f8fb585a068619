// Scans the files on a pool of threads. The main thread always takes part; for many files, worker
// threads join it (one per extra core). All take batches from one queue as they finish the last,
// so a slow file does not hold up a core's whole share and a worker still starting up costs
// little. Results come back in the order of the input.
//
// The analysis (and TypeScript) lives in the bundle dist/cli-worker.js, next to dist/cli.js: the
// workers run it, and the main thread requires it only when it is needed.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { ENGINE_LOADER_SOURCE, workerBootstrap } from './engine-loader';
import type { AnalyzeOptions } from '../analysis/types';
import type { FileResult } from './scan-file';

/** Up to this many files one thread is faster than starting workers (each loads TypeScript). */
export const WORKER_THRESHOLD = 50;

/** What the analysis bundle exports (see scan-worker.ts), and the loader's cache writer. */
export type Engine = typeof import('./scan-worker') & { saveCodeCache(): void };

export interface WorkerRequest {
  batch: number;
  files: string[];
}

export interface WorkerReply {
  batch: number;
  results: FileResult[];
}

export interface ScanOptions {
  /** Threads in all, the main one included: 'auto' (every core, for many files), 'off' (one), or a number (at most the cores). */
  concurrency: 'auto' | 'off' | number;
  onProgress?: (done: number, total: number) => void;
}

/** The analysis bundle beside this one. */
export function engineFile(): string {
  return path.join(__dirname, 'cli-worker.js');
}

let engine: Engine | undefined;

/** Loads the analysis bundle on this thread (once), through the code cache. */
export function loadEngine(): Engine {
  if (!engine) {
    const load = vm.runInThisContext(ENGINE_LOADER_SOURCE, { filename: 'integration-coach-engine-loader.js' }) as (file: string, require: NodeJS.Require) => Engine;
    engine = load(engineFile(), createRequire(__filename));
  }
  return engine;
}

/**
 * The number of worker threads to start beside the main thread. 'auto' leaves one core free:
 * every thread warms up its own copy of TypeScript, and V8 compiles the hot code and collects
 * garbage on background threads, which need a core. On two cores one thread is the fastest
 * (measured on the benchmark corpus: 2 threads took 1.15–1.25× the time of 1).
 */
export function workerCount(files: number, concurrency: ScanOptions['concurrency'], cores = os.availableParallelism()): number {
  if (concurrency === 'off') return 0;
  // More threads than cores only make them take turns (and each loads TypeScript).
  if (typeof concurrency === 'number') return Math.max(0, Math.min(concurrency, files, cores) - 1);
  if (files <= WORKER_THRESHOLD) return 0;
  return Math.max(0, Math.min(cores - 1, Math.ceil(files / WORKER_THRESHOLD)) - 1);
}

export function scanFiles(files: string[], analyzeOptions: AnalyzeOptions, options: ScanOptions): Promise<FileResult[]> {
  if (files.length === 0) return Promise.resolve([]);
  const workers = workerCount(files.length, options.concurrency);
  // Small batches balance the load; not too small, or messaging costs more than the work.
  const batchSize = Math.max(1, Math.min(32, Math.ceil(files.length / ((workers + 1) * 8))));
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += batchSize) batches.push(files.slice(i, i + batchSize));
  const resultsByBatch: FileResult[][] = new Array(batches.length);
  const pool: Worker[] = [];
  let next = 0;
  let done = 0;
  let finished = 0;

  return new Promise<FileResult[]>((resolve, reject) => {
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of pool) void worker.terminate();
      if (error) reject(error);
      else resolve(resultsByBatch.flat());
    };
    const record = (batch: number, results: FileResult[]) => {
      resultsByBatch[batch] = results;
      done += results.length;
      finished++;
      options.onProgress?.(done, files.length);
      if (finished === batches.length) settle();
    };

    for (let i = 0; i < workers; i++) {
      const worker = new Worker(workerBootstrap(), { eval: true, workerData: { integrationCoachScanWorker: true, engineFile: engineFile(), options: analyzeOptions } });
      pool.push(worker);
      const feed = () => {
        if (next >= batches.length) return;
        const request: WorkerRequest = { batch: next, files: batches[next]! };
        next++;
        worker.postMessage(request);
      };
      worker.on('message', (reply: WorkerReply) => {
        record(reply.batch, reply.results);
        feed();
      });
      worker.on('error', (error) => settle(new Error(`A scan worker failed: ${error.message}`)));
      worker.on('exit', (code) => {
        if (!settled) settle(new Error(`A scan worker stopped (exit code ${code}).`));
      });
      // Two batches in flight per worker: the next one waits in its queue while it works.
      feed();
      feed();
    }

    // The main thread works too, a batch at a time, letting the workers' replies in between.
    const workHere = () => {
      if (settled || next >= batches.length) return;
      try {
        const { scanFile } = loadEngine();
        const batch = next++;
        record(batch, batches[batch]!.map((file) => scanFile(file, analyzeOptions)));
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      setImmediate(workHere);
    };
    setImmediate(workHere);
  });
}
