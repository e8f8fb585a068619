// The extension host's side of the analysis worker. No `vscode` import, so the benchmark and the
// unit tests drive it in plain Node.
//   - The worker starts on the first request, never during activation (it loads TypeScript: ~100 ms).
//   - A worker that crashes, exits or hangs is replaced on the next request; the failure is logged once
//     per crash to the output channel, never shown as a popup.
//   - After too many crashes in a short time it stops restarting, so a file that kills the worker
//     cannot turn into an endless restart loop.
import { Worker } from 'node:worker_threads';
import type { AnalysisResult, AnalyzeOptions } from '../analysis/types';
import type { AnalysisItem, AnalyzeReply, AnalyzeRequest } from './protocol';

export interface WorkerLog {
  info(message: string): void;
  error(message: string): void;
}

export interface WorkerStats {
  starts: number;
  crashes: number;
  requests: number;
  /** Whether restarts are paused after too many crashes. */
  gaveUp: boolean;
}

interface Pending {
  resolve(results: AnalysisResult[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Crashes allowed within CRASH_WINDOW_MS before restarts stop. */
const MAX_CRASHES_IN_WINDOW = 5;
const CRASH_WINDOW_MS = 60_000;
/** A request that takes longer than this means the worker is stuck (an analysis takes milliseconds). */
const BASE_TIMEOUT_MS = 15_000;
const TIMEOUT_PER_ITEM_MS = 2_000;

export class AnalysisWorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private crashTimes: number[] = [];
  private disposed = false;
  readonly stats: WorkerStats = { starts: 0, crashes: 0, requests: 0, gaveUp: false };

  constructor(
    private readonly workerPath: string,
    private readonly log: WorkerLog,
  ) {}

  /** Analyses the items in the worker; the results come back in the items' order. */
  analyze(items: AnalysisItem[], options: AnalyzeOptions): Promise<AnalysisResult[]> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker is disposed'));
    if (this.stats.gaveUp) return Promise.reject(new Error('the analysis worker crashed too often; analysis is paused until the window reloads'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    this.stats.requests++;
    return new Promise<AnalysisResult[]>((resolve, reject) => {
      const timeoutMs = BASE_TIMEOUT_MS + TIMEOUT_PER_ITEM_MS * items.length;
      const timer = setTimeout(() => this.onStuck(worker, timeoutMs), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      const request: AnalyzeRequest = { id, items, options };
      worker.postMessage(request);
    });
  }

  /** Stops the worker as a crash would (for the integration test of the restart). */
  simulateCrash(): void {
    void this.worker?.terminate();
  }

  dispose(): void {
    this.disposed = true;
    const worker = this.worker;
    this.worker = undefined;
    this.failPending(new Error('the analysis worker is disposed'));
    void worker?.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    this.stats.starts++;
    worker.on('message', (reply: AnalyzeReply) => this.onReply(reply));
    worker.on('error', (error) => this.onCrash(worker, `threw: ${error.stack ?? error.message}`));
    worker.on('exit', (code) => this.onCrash(worker, `exited with code ${code}`));
    // The worker must not keep the extension host alive on shutdown.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(reply: AnalyzeReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    clearTimeout(pending.timer);
    if ('error' in reply) pending.reject(new Error(reply.error));
    else pending.resolve(reply.results);
  }

  private onStuck(worker: Worker, timeoutMs: number): void {
    if (worker !== this.worker) return;
    this.onCrash(worker, `did not answer within ${timeoutMs} ms`);
    void worker.terminate();
  }

  /** Called for `error` and `exit` alike (an error is followed by an exit): acts once per worker. */
  private onCrash(worker: Worker, what: string): void {
    if (worker !== this.worker || this.disposed) return;
    this.worker = undefined;
    this.stats.crashes++;
    const now = Date.now();
    this.crashTimes = [...this.crashTimes.filter((time) => now - time < CRASH_WINDOW_MS), now];
    this.stats.gaveUp = this.crashTimes.length >= MAX_CRASHES_IN_WINDOW;
    this.log.error(
      this.stats.gaveUp
        ? `The analysis worker ${what}. It crashed ${this.crashTimes.length} times within a minute, so analysis is paused; reload the window to try again.`
        : `The analysis worker ${what}. It restarts on the next analysis.`,
    );
    this.failPending(new Error(`the analysis worker ${what}`));
  }

  private failPending(error: Error): void {
    for (const pending of this.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.pending.clear();
  }
}
