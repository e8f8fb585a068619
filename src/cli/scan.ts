// Scans the files on a pool of threads. The main thread always takes part; for many files, worker
// threads join it (one per extra core). All take batches from one queue as they finish the last,
// so a slow file does not hold up a core's whole share and a worker still starting up costs
// little. Results come back in the order of the input. A worker that dies (out of memory, say)
// costs only the file it was on, which gets a fatal error; a fresh worker takes over the rest.
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

/** A batch of files for a worker: their places in the scan's list, and their paths. */
export interface WorkerRequest {
  indices: number[];
  files: string[];
}

/**
 * What a worker sends: once that it is ready (loaded, and listening), then one reply per file, in the
 * order sent. So when it dies, the file it was on is the first it had not answered.
 */
export type WorkerReply = { ready: true } | { index: number; result: FileResult };

export interface ScanOptions {
  /** Threads in all, the main one included: 'auto' (every core, for many files), 'off' (one), or a number (at most the cores). */
  concurrency: 'auto' | 'off' | number;
  onProgress?: (done: number, total: number) => void;
  /** Follow imports within this folder (see scan-file.ts); absent, each file is read alone. */
  projectRoot?: string;
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
  return new Scan(files, analyzeOptions, options).run();
}

/** The result of the file a worker died on: a fatal error for that file alone, as for a file that cannot be read. */
function crashedOn(file: string, reason: string): FileResult {
  return { file, findings: [], error: `The analysis worker crashed on this file (${reason}); file not checked.` };
}

/** A worker of the pool, and the batches it has been sent and not yet fully answered, oldest first. */
interface PoolWorker {
  worker: Worker;
  ready: boolean;
  inFlight: number[][];
}

/** One run of the pool over a list of files. */
class Scan {
  private readonly results: FileResult[];
  /** Batches of files (their indices) that no thread has taken yet. */
  private readonly queue: number[][] = [];
  private readonly workers = new Set<PoolWorker>();
  private done = 0;
  private settled = false;
  private workingHere = false;
  /** How the promise that run() returns is settled. */
  private outcome: { resolve(results: FileResult[]): void; reject(error: Error): void } | undefined;

  constructor(
    private readonly files: string[],
    private readonly analyzeOptions: AnalyzeOptions,
    private readonly options: ScanOptions,
  ) {
    this.results = new Array<FileResult>(files.length);
    const workers = workerCount(files.length, options.concurrency);
    // Small batches balance the load; not too small, or messaging costs more than the work.
    const batchSize = Math.max(1, Math.min(32, Math.ceil(files.length / ((workers + 1) * 8))));
    for (let start = 0; start < files.length; start += batchSize) {
      this.queue.push(Array.from({ length: Math.min(batchSize, files.length - start) }, (_, i) => start + i));
    }
  }

  run(): Promise<FileResult[]> {
    return new Promise<FileResult[]>((resolve, reject) => {
      this.outcome = { resolve, reject };
      for (let i = workerCount(this.files.length, this.options.concurrency); i > 0; i--) this.startWorker();
      this.workHereSoon();
    });
  }

  private settle(error?: Error): void {
    if (this.settled) return;
    this.settled = true;
    for (const { worker } of this.workers) void worker.terminate();
    if (error) this.outcome!.reject(error);
    else this.outcome!.resolve(this.results);
  }

  private record(index: number, result: FileResult): void {
    this.results[index] = result;
    this.done++;
    this.options.onProgress?.(this.done, this.files.length);
    if (this.done === this.files.length) this.settle();
  }

  private startWorker(): void {
    const worker = new Worker(workerBootstrap(), { eval: true, workerData: { integrationCoachScanWorker: true, engineFile: engineFile(), options: this.analyzeOptions, projectRoot: this.options.projectRoot } });
    const member: PoolWorker = { worker, ready: false, inFlight: [] };
    this.workers.add(member);
    worker.on('message', (reply: WorkerReply) => this.onReply(member, reply));
    // An error (a throw, running out of memory) is followed by the exit: the first one is acted on.
    worker.on('error', (error) => this.onWorkerDied(member, error.message));
    worker.on('exit', (code) => this.onWorkerDied(member, `it exited with code ${code}`));
    // Two batches in flight per worker: the next one waits in its queue while it works.
    this.feed(member);
    this.feed(member);
  }

  private feed(member: PoolWorker): void {
    const batch = this.queue.shift();
    if (!batch) return;
    member.inFlight.push([...batch]);
    const request: WorkerRequest = { indices: batch, files: batch.map((index) => this.files[index]!) };
    member.worker.postMessage(request);
  }

  private onReply(member: PoolWorker, reply: WorkerReply): void {
    if (!this.workers.has(member)) return;
    if ('ready' in reply) {
      member.ready = true;
      return;
    }
    const batch = member.inFlight[0]!;
    batch.shift();
    if (batch.length === 0) member.inFlight.shift();
    this.record(reply.index, reply.result);
    if (batch.length === 0) this.feed(member);
  }

  /**
   * A worker that dies costs the file it was on (a fatal error for that file); the files it had not
   * reached go to a fresh worker. A worker that died before it was ready was on no file, and one
   * started in its place would most likely die the same way: its files go back to the queue, which
   * the main thread and the other workers finish.
   */
  private onWorkerDied(member: PoolWorker, reason: string): void {
    if (this.settled || !this.workers.delete(member)) return;
    void member.worker.terminate();
    const unanswered = member.inFlight.flat();
    const culprit = member.ready ? unanswered.shift() : undefined;
    if (unanswered.length > 0) this.queue.unshift(unanswered);
    if (culprit !== undefined) this.record(culprit, crashedOn(this.files[culprit]!, reason));
    if (this.settled) return;
    if (member.ready) this.startWorker();
    this.workHereSoon();
  }

  /** The main thread works too, a batch at a time, letting the workers' replies in between. */
  private workHereSoon(): void {
    if (this.workingHere) return;
    this.workingHere = true;
    setImmediate(() => this.workHere());
  }

  private workHere(): void {
    const batch = this.settled ? undefined : this.queue.shift();
    if (!batch) {
      this.workingHere = false;
      return;
    }
    try {
      const { scanFile } = loadEngine();
      for (const index of batch) this.record(index, scanFile(this.files[index]!, this.analyzeOptions, this.options.projectRoot));
    } catch (error) {
      this.settle(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    setImmediate(() => this.workHere());
  }
}
