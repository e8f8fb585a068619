// The extension host's side of the analysis worker. No `vscode` import, so the benchmark and the
// unit tests drive it in plain Node.
//   - The worker starts on the first request, never during activation (it loads TypeScript: ~100 ms).
//   - Requests wait here and go to the worker one at a time; it answers item by item. So when it stops
//     answering, the item it is on is known: only that one is stopped. The worker is terminated, a fresh
//     one started, and every other request sent to it; they get their real results.
//   - A crash may not be the file's doing (the worker was killed, ran out of memory elsewhere): the file it
//     was on is sent once more to the fresh worker. A hang is the file's: its result says it was stopped.
//   - A content that stopped the worker twice (a hang or a crash) is not sent again until it changes.
//   - Each failure is logged once to the output channel, never shown as a popup. After too many in a
//     short time restarts stop (see FailureBreaker), so a file that kills the worker cannot loop.
import { Worker } from 'node:worker_threads';
import type { AnalysisItem, AnalyzeRequest, EditorAnalysisResult, WorkerAnalyzeOptions, WorkerReply } from './protocol';
import { FailureBreaker, itemTimeoutMs, MAX_FAILURES, MAX_STOPS_PER_CONTENT, RESTART_ALLOWANCE_MS, StoppedContents } from './worker-failures';

export interface WorkerLog {
  info(message: string): void;
  error(message: string): void;
}

export interface WorkerStats {
  starts: number;
  crashes: number;
  /** Workers stopped because they ran past an item's timeout. */
  hangs: number;
  requests: number;
  /** Whether restarts are paused after too many failures. */
  gaveUp: boolean;
}

export interface WorkerClientOptions {
  /** A fixed timeout per file instead of the one derived from the time budget (tests make hangs short). */
  timeoutMs?: number;
  /** Told once, when restarts stop. */
  onPaused?: (message: string) => void;
}

/** The rejection of every request once restarts have stopped. */
export class AnalysisPausedError extends Error {}

interface Job {
  id: number;
  items: AnalysisItem[];
  options: WorkerAnalyzeOptions;
  /** The unsaved texts of open documents, sent with the request (see AnalyzeRequest). */
  unsaved?: Record<string, string>;
  results: EditorAnalysisResult[];
  /** The indices of the items to send, in order; `next` is the first the worker has not answered. */
  todo: number[];
  next: number;
  resolve(results: EditorAnalysisResult[]): void;
  reject(error: Error): void;
}

export class AnalysisWorkerClient {
  private worker: Worker | undefined;
  private workerReady = false;
  /** Requests in order; the first is in the worker's hands when `inWorker` is set. */
  private readonly queue: Job[] = [];
  private inWorker = false;
  private timer: NodeJS.Timeout | undefined;
  private nextId = 1;
  private readonly breaker = new FailureBreaker();
  private readonly stopped = new StoppedContents();
  private disposed = false;
  readonly stats: WorkerStats = { starts: 0, crashes: 0, hangs: 0, requests: 0, gaveUp: false };

  constructor(
    private readonly workerPath: string,
    private readonly log: WorkerLog,
    private readonly clientOptions: WorkerClientOptions = {},
  ) {}

  /** Analyses the items in the worker; the results come back in the items' order. `unsaved`: see AnalyzeRequest. */
  analyze(items: AnalysisItem[], options: WorkerAnalyzeOptions, unsaved?: Record<string, string>): Promise<EditorAnalysisResult[]> {
    if (this.disposed) return Promise.reject(new Error('the analysis worker is disposed'));
    if (this.stats.gaveUp) return Promise.reject(new AnalysisPausedError(pausedMessage()));
    this.stats.requests++;
    return new Promise<EditorAnalysisResult[]>((resolve, reject) => {
      const job: Job = { id: this.nextId++, items, options, unsaved, results: [], todo: [], next: 0, resolve, reject };
      items.forEach((item, index) => {
        if (this.stopped.shouldSkip(identityOf(item), item.text)) job.results[index] = skippedAsStoppedTwice();
        else job.todo.push(index);
      });
      if (job.todo.length === 0) return resolve(job.results);
      this.dropSuperseded(items);
      this.queue.push(job);
      this.sendNext();
    });
  }

  /** What the worker is analysing now (an open document's URI, else a file name), once it has started. */
  busyWith(): string | undefined {
    const item = this.workerReady ? this.currentItem() : undefined;
    return item && identityOf(item);
  }

  /** Stops the worker as a crash would (for the tests of the restart). */
  simulateCrash(): void {
    void this.worker?.terminate();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the analysis worker is disposed'));
  }

  /** Hands the first waiting request to the worker (starting one if needed), unless it has one already. */
  private sendNext(): void {
    this.settleFinished();
    const job = this.queue[0];
    if (this.inWorker || !job || this.disposed) return;
    const request: AnalyzeRequest = { id: job.id, items: job.todo.slice(job.next).map((index) => job.items[index]!), options: job.options, unsaved: job.unsaved };
    this.ensureWorker().postMessage(request);
    this.inWorker = true;
    this.armTimer();
  }

  /** Resolves the requests at the front that have every result (answered, or stopped in a failure). */
  private settleFinished(): void {
    while (!this.inWorker && this.queue[0] && this.queue[0].next === this.queue[0].todo.length) {
      const job = this.queue.shift()!;
      job.resolve(job.results);
    }
  }

  /**
   * A request for one open document that waits behind others is replaced by a newer request for the same
   * document: it is answered at once as superseded (the caller drops it anyway) and never costs an analysis.
   */
  private dropSuperseded(newItems: AnalysisItem[]): void {
    const keys = new Set(newItems.map((item) => item.key).filter((key) => key !== undefined));
    for (let i = this.queue.length - 1; i >= (this.inWorker ? 1 : 0); i--) {
      const job = this.queue[i]!;
      const key = job.items.length === 1 ? job.items[0]!.key : undefined;
      if (key === undefined || !keys.has(key)) continue;
      this.queue.splice(i, 1);
      job.resolve([{ findings: [], skipped: 'A newer version of the document was sent for analysis.', skipReason: 'superseded' }]);
    }
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.workerPath);
    this.stats.starts++;
    this.workerReady = false;
    worker.on('message', (reply: WorkerReply) => this.onReply(worker, reply));
    worker.on('error', (error) => this.onFailure(worker, { what: `threw: ${error.stack ?? error.message}`, timeoutMs: 0 }));
    worker.on('exit', (code) => this.onFailure(worker, { what: `exited with code ${code}`, timeoutMs: 0 }));
    // The worker must not keep the extension host alive on shutdown.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private onReply(worker: Worker, reply: WorkerReply): void {
    if (worker !== this.worker) return;
    if ('ready' in reply) {
      this.workerReady = true;
      if (this.inWorker) this.armTimer();
      return;
    }
    const job = this.queue[0];
    if (!this.inWorker || job?.id !== reply.id) return;
    job.results[job.todo[job.next++]!] = reply.result;
    if (job.next < job.todo.length) return this.armTimer();
    clearTimeout(this.timer);
    this.inWorker = false;
    this.sendNext();
  }

  /**
   * Times the item the worker is on: from the worker's ready message for the first, from the previous
   * answer for the next ones. Before the worker is ready, it has a restart's allowance to get there.
   */
  private armTimer(): void {
    clearTimeout(this.timer);
    const worker = this.worker!;
    if (!this.workerReady) {
      this.timer = setTimeout(() => this.onFailure(worker, { what: `did not start within ${RESTART_ALLOWANCE_MS} ms`, timeoutMs: RESTART_ALLOWANCE_MS, hang: true }), RESTART_ALLOWANCE_MS);
      return;
    }
    const item = this.currentItem()!;
    const timeoutMs = this.clientOptions.timeoutMs ?? itemTimeoutMs(item.text.length, this.queue[0]!.options.timeBudgetMs);
    this.timer = setTimeout(() => this.onFailure(worker, { what: `did not finish ${identityOf(item)} within ${timeoutMs} ms`, timeoutMs, hang: true }), timeoutMs);
  }

  private currentItem(): AnalysisItem | undefined {
    const job = this.queue[0];
    return this.inWorker && job ? job.items[job.todo[job.next]!] : undefined;
  }

  /**
   * A crash (`error` is followed by `exit`) or a hang: acts once per worker. The item the worker was on
   * gets a result saying so; everything else waits for the fresh worker.
   */
  private onFailure(worker: Worker, failure: { what: string; timeoutMs: number; hang?: boolean }): void {
    if (worker !== this.worker || this.disposed) return;
    clearTimeout(this.timer);
    const culprit = this.workerReady ? this.currentItem() : undefined;
    this.worker = undefined;
    void worker.terminate();
    if (failure.hang) this.stats.hangs++;
    else this.stats.crashes++;
    const resent = culprit !== undefined && this.stopItem(culprit, failure) === 'resent';
    this.inWorker = false;
    this.stats.gaveUp = this.breaker.record(failure.timeoutMs);
    if (this.stats.gaveUp) {
      this.settleFinished();
      return this.pause(failure.what);
    }
    const waiting = this.queue.reduce((count, job) => count + job.todo.length - job.next, 0);
    const again = resent ? ` (${identityOf(culprit)} among them, sent once more)` : '';
    const restart = waiting > 0 ? `A fresh worker took over the ${waiting} waiting file${waiting === 1 ? '' : 's'}${again}.` : 'It restarts on the next analysis.';
    this.log.error(`The analysis worker ${failure.what}${culprit && !failure.hang ? ` while analysing ${identityOf(culprit)}` : ''}. ${restart}`);
    this.sendNext();
  }

  /**
   * The culprit's content is remembered, and skipped once it has stopped the worker twice. After a hang,
   * or its second crash, its result says what happened; after a first crash it is left to be sent again.
   */
  private stopItem(item: AnalysisItem, failure: { timeoutMs: number; hang?: boolean }): 'resent' | 'answered' {
    const job = this.queue[0]!;
    const stops = this.stopped.record(identityOf(item), item.text);
    if (!failure.hang && stops < MAX_STOPS_PER_CONTENT) return 'resent';
    const again = stops >= MAX_STOPS_PER_CONTENT ? ` This content stopped the worker ${stops} times, so it is skipped until the file changes.` : '';
    job.results[job.todo[job.next++]!] = failure.hang
      ? { findings: [], skipped: `Analysis did not finish within ${failure.timeoutMs} ms and was stopped; file not checked.${again}`, skipReason: 'timed-out' }
      : { findings: [], skipped: `The analysis worker crashed on this file; file not checked.${again}`, skipReason: 'worker-crashed' };
    return 'answered';
  }

  private pause(what: string): void {
    const message = `The analysis worker ${what}. It failed ${this.breaker.count} times in a short time, so analysis is paused; reload the window to try again.`;
    this.log.error(message);
    this.failAll(new AnalysisPausedError(pausedMessage()));
    this.clientOptions.onPaused?.(message);
  }

  private failAll(error: Error): void {
    this.inWorker = false;
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

/** What identifies a file between requests: an open document's URI, else its name. */
function identityOf(item: AnalysisItem): string {
  return item.key ?? item.fileName;
}

function skippedAsStoppedTwice(): EditorAnalysisResult {
  return { findings: [], skipped: `This content stopped the analysis worker ${MAX_STOPS_PER_CONTENT} times (it hung or crashed); it is skipped until the file changes.`, skipReason: 'stopped-twice' };
}

function pausedMessage(): string {
  return `the analysis worker failed ${MAX_FAILURES} times in a short time; analysis is paused until the window reloads`;
}
