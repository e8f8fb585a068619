// Shapes from real code about which ways round a retry has and what each one checks: handlers
// registered inside a function that reconnects from each of them, a count started on the first
// call by a conditional, a 429 branch that skips the cap the other branch tests, and batches of
// messages stamped with an id when they were queued (analytics SDKs), and a loop that sends again
// through a promise settled by a timer and names its outcome in words (`status === 'ok'`); a reconnect made
// by an interval that counts its ticks, beside a handler that leaks the cap.
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A connect function that reconnects from its catch and from its connection's error and close handlers. */
function reconnectFromHandlers(before: string, step: string): string {
  return `const amqp = require('amqplib');
${before}
async function connectQueue() {
  try {
    const connection = await amqp.connect(process.env.AMQP_URL);
    connection.on('error', (err) => {
      console.error(err);
      ${step}setTimeout(connectQueue, 5000);
    });
    connection.on('close', () => {
      ${step}setTimeout(connectQueue, 5000);
    });
    return connection;
  } catch (err) {
    ${step}setTimeout(connectQueue, 5000);
  }
}`;
}

/** A sender that waits out a 429 in one branch and tests its budget (`canRetry`) in the other. */
function rateLimitBranch(rateLimited: string): string {
  return `export async function send(request: () => Promise<Response>, attempt = 0): Promise<Response> {
  try {
    return await request();
  } catch (err: any) {
    if (err.status === 429) {
      ${rateLimited}
      await sleep(Number(err.headers['retry-after']) * 1000);
    } else {
      const canRetry = err.status >= 500 && attempt < 3;
      if (!canRetry) throw err;
      await sleep(200 * 2 ** attempt + Math.random() * 100);
    }
    return send(request, attempt + 1);
  }
}`;
}

/** An analytics client that posts its queued messages as a batch; `stamp` runs on each message as it is queued. */
function batchSender(stamp: string): string {
  return `const { v4: uuid } = require('uuid');
const axios = require('axios');

class Analytics {
  enqueue(message) {
    ${stamp}
    this.queue.push(message);
  }

  async flush(attempt = 0) {
    const messages = this.queue.splice(0, 20);
    const data = { batch: messages, sentAt: new Date() };
    try {
      await axios.post(\`\${this.host}/v1/batch\`, data);
    } catch (err) {
      if (attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt * Math.random()));
        return this.flush(attempt + 1);
      }
      throw err;
    }
  }
}`;
}

/** A loop that reads `result.status` against `word` and sends again through a promise a timer settles. */
function resendThroughPromise(word: string): string {
  return `export async function requestWithRetries(send: () => Promise<Outcome>): Promise<Response> {
  let retries = 0;
  let result = await send();
  while (true) {
    if (result.status === '${word}') return result.response;
    if (retries >= 5) throw result.error;
    retries += 1;
    result = await new Promise<Outcome>((resolve) => {
      setTimeout(() => resolve(send()), 1000);
    });
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'each handler registered inside the function that reconnects from it is a way round of its own: one finding each',
    code: reconnectFromHandlers('', ''),
    fileName: 'queue.js',
    findings: [[8, 'unbounded-retry'], [11, 'unbounded-retry']],
    messages: ['reconnect handler that calls `connectQueue()` again has no cap', 'reconnect handler that calls `connectQueue()` again has no cap'],
  },
  {
    title: 'handlers that share a cap each keep its wait: a fixed wait is reported once per handler',
    code: reconnectFromHandlers('let attempts = 0;', 'if (++attempts > 5) return; '),
    fileName: 'queue.js',
    findings: [[8, 'retry-without-jitter'], [11, 'retry-without-jitter']],
  },
  {
    title: 'a count started on the first call by a conditional (`n = n === undefined ? 0 : n + 1`) caps the retry',
    code: `export class Catalog {
  private maxRetries = 3;
  async load(url: string, retries?: number): Promise<unknown> {
    try {
      return await this.http.get(url);
    } catch (error) {
      retries = retries === undefined ? 0 : retries + 1;
      if (retries < this.maxRetries) {
        await sleep(1000);
        return this.load(url, retries);
      }
      throw error;
    }
  }
}`,
    findings: [[10, 'retry-without-jitter']],
  },
  {
    title: 'a 429 branch that goes round without the test the other branch makes leaks the cap',
    code: rateLimitBranch(''),
    findings: [[13, 'unbounded-retry']],
    messages: ['has a cap that leaks on line 13'],
  },
  {
    title: 'a 429 branch that tests the budget itself does not leak it',
    code: rateLimitBranch('if (attempt >= 3) throw err;'),
    findings: [],
  },
  {
    title: 'a batch of messages stamped with a generated id when queued carries its keys: the retried POST is keyed',
    code: batchSender('if (!message.messageId) message.messageId = `node-${uuid()}`;'),
    fileName: 'analytics.js',
    findings: [],
  },
  {
    title: 'a batch of messages with no id stamped on them is a retried POST without a key',
    code: batchSender("message.sentBy = 'node';"),
    fileName: 'analytics.js',
    findings: [[14, 'missing-idempotency-key']],
  },
  {
    title: "a loop that leaves on `status === 'ok'` and sends again through a promise a timer settles is a retry",
    code: resendThroughPromise('ok'),
    findings: [[4, 'retry-without-jitter']],
  },
  {
    title: "a loop that leaves when a job's status is 'succeeded' waits for the job: no retry",
    code: resendThroughPromise('succeeded'),
    findings: [],
  },
  {
    title: 'a method given to setTimeout (`setTimeout(this.subscribe, wait)`) is its callback; the wait a method computes is read',
    code: `export default class Stream<T> {
  nextInterval: number
  readonly initialInterval = 1000
  readonly maxInterval = 30000

  constructor(private connect: () => Source<T>) {
    this.subscribe = this.subscribe.bind(this);
    this.nextInterval = this.initialInterval
    this.subscribe()
  }

  private subscribe() {
    const stream = this.connect()
    stream.on('data', () => {
      this.nextInterval = this.initialInterval
    });
    stream.on('error', () => {
      stream.cancel()
      const wait = this.getNextInterval()
      setTimeout(this.subscribe, wait)
    });
  }

  private getNextInterval(): number {
    this.nextInterval = this.nextInterval * 2
    if (this.nextInterval > this.maxInterval) {
      this.nextInterval = this.maxInterval
    }
    return this.nextInterval
  }
}`,
    findings: [[20, 'unbounded-retry']],
    messages: ['Its backoff also has no jitter'],
  },
];

describe('shapes: ways round a retry and ids stamped on queued messages', () => {
  runLibraryTable([], cases);
});

/** A stream client whose error handler reconnects while `canRetry()` allows it; `limit` is that helper's cap test. */
function streamWithRetryHelper(limit: string): string {
  return `export class EventStream {
  private retryCount = 0;
  constructor(private url: string, private maxRetries = 5) {}
  start(): void {
    this.source = new EventSource(this.url);
    this.source.onerror = (error) => this.onError(error);
  }
  private canRetry(error: unknown): boolean {
    ${limit}
    return error instanceof NetworkError;
  }
  private onError(error: unknown): void {
    this.source.close();
    if (this.canRetry(error)) {
      this.retryCount++;
      setTimeout(() => this.start(), 1000 * 2 ** this.retryCount);
    }
  }
}`;
}

/** A loop over failed answers whose wait is the server's Retry-After when given, else `fallback` (assigned in the other branch). */
function retryAfterOrFallback(fallback: string): string {
  return `export async function fetchWithRetry(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(url);
    if (response.ok || attempt >= 3) return response;
    const retryAfter = response.headers.get('Retry-After');
    let delayMs;
    if (retryAfter) {
      delayMs = Number(retryAfter) * 1000;
    } else {
      delayMs = ${fallback};
    }
    await new Promise((resolve) => setTimeout(resolve, delayMs));
  }
}`;
}

describe('shapes: caps kept in a test helper, and waits given in branches', () => {
  runLibraryTable([], [
    {
      title: 'a cap compared in a local helper the retry asks (`if (this.canRetry(error))`) caps it; the growing wait has no jitter',
      code: streamWithRetryHelper('if (this.retryCount >= this.maxRetries) return false;'),
      findings: [[16, 'retry-without-jitter']],
    },
    {
      title: 'a helper that compares no count leaves the reconnect uncapped',
      code: streamWithRetryHelper(''),
      findings: [[16, 'unbounded-retry']],
    },
    {
      title: 'a wait that is the server\'s Retry-After, else a growing fallback assigned in the other branch, on any failed answer: the fallback decides (no jitter)',
      code: retryAfterOrFallback('1000 * 2 ** attempt'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the same with a jittered fallback is silent',
      code: retryAfterOrFallback('Math.random() * 1000 * 2 ** attempt'),
      findings: [],
    },
  ]);
});

describe('shapes: handlers registered by name or given as options, exits and exported functions', () => {
  runLibraryTable([], [
    {
      title: 'a handler registered by its name (`socket.addEventListener(\'close\', onClose)`) that connects again is a retry; tries stepped past a "forever" marker cap it',
      code: `export function open(url: string, tries: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const onClose = () => {
      if (tries === 0) return reject(new Error('cannot connect'));
      const left = tries === -1 ? -1 : tries - 1;
      setTimeout(() => open(url, left).then(resolve, reject), 1000);
    };
    socket.addEventListener('close', onClose);
    socket.addEventListener('open', () => resolve(socket));
  });
}`,
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'the same handler with no count of tries reconnects forever',
      code: `export function open(url: string): void {
  const socket = new WebSocket(url);
  const onClose = () => setTimeout(() => open(url), 1000);
  socket.addEventListener('close', onClose);
}`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a loss handler registered through a method named for it (`client.onDisconnect(cb)`) that connects again reconnects forever',
      code: `export class Feed {
  private readonly client = new FeedClient();
  connect(url: string): void {
    this.client.open(url);
    this.client.onDisconnect(() => this.connect(url));
  }
}`,
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'the same method-registered handler given by name, with a capped and jittered wait, stays silent',
      code: `export class Feed {
  private readonly client = new FeedClient();
  private tries = 0;
  connect(url: string): void {
    this.client.open(url);
    const onClose = () => {
      if (++this.tries > 5) return;
      setTimeout(() => this.connect(url), Math.random() * 1000 * 2 ** this.tries);
    };
    this.client.onClose(onClose);
  }
}`,
      findings: [],
    },
    {
      title: 'a method-registered loss handler that only records the loss is no retry',
      code: `export class Feed {
  private readonly client = new FeedClient();
  connected = false;
  connect(url: string): void {
    this.client.open(url);
    this.client.onDisconnect(() => { this.connected = false; });
  }
}`,
      findings: [],
    },
    {
      title: "an onError handler given in a client's options that starts the upload again is a retry",
      code: `const { Upload } = require('tus-js-client');
function uploadFile(file) {
  const upload = new Upload(file, {
    endpoint: '/files',
    onError: (err) => {
      console.error(err);
      setTimeout(() => uploadFile(file), 10000);
    },
  });
  upload.start();
}`,
      fileName: 'upload.js',
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'process.exit(0) on success leaves the loop: a capped wait-for-database loop with a fixed wait',
      code: `async function main() {
  let attempt = 0;
  while (attempt < 10) {
    try {
      await db.connect();
      process.exit(0);
    } catch (err) {
      attempt++;
      await new Promise((resolve) => setTimeout(resolve, 3000));
    }
  }
  process.exit(1);
}`,
      fileName: 'wait-for-db.js',
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a close handler that reaches an exported function (module.exports.reconnect) which connects again is a reconnect chain',
      code: `exports.connect = () => {
  const ws = new WebSocket('wss://stream.example.com');
  ws.on('close', () => module.exports.reconnect());
};
exports.reconnect = () => {
  setTimeout(() => module.exports.connect(), 1000);
};`,
      fileName: 'feed.js',
      findings: [[6, 'unbounded-retry']],
    },
  ]);
});

/**
 * A socket whose close handler starts an interval that reconnects while a count kept in the handler's
 * scope is under a cap (`counted` says where the count is declared), and whose error handler runs `onError`.
 */
function intervalReconnect(counted: { inHandler: string; inTick: string }, onError: string): string {
  return `export function useSocket(url: string, delay: number) {
  let ws: WebSocket | undefined;
  let timer: ReturnType<typeof setInterval> | undefined;
  const reconnect = () => {
    ws = new WebSocket(url);
    ws.onclose = () => {
      ${counted.inHandler}
      timer = setInterval(() => {
        ${counted.inTick}recount++;
        if (recount < 10) reconnect();
      }, delay);
    };
    ws.onerror = () => {
      ${onError}
    };
  };
  reconnect();
}`;
}

const COUNT_KEPT = { inHandler: 'let recount = 0;', inTick: '' };

describe('shapes: a reconnect made by an interval, and another way that leaks its cap', () => {
  runLibraryTable([], [
    {
      title: 'a count kept in the scope an interval runs in caps the reconnect it makes: only its fixed interval is reported',
      code: intervalReconnect(COUNT_KEPT, 'console.error("socket error");'),
      findings: [[10, 'retry-without-jitter']],
      messages: ['waits a fixed delay between attempts'],
    },
    {
      title: 'a count declared inside the interval\'s callback starts again on every tick: nothing stops it',
      code: intervalReconnect({ inHandler: '', inTick: 'let recount = 0; ' }, 'console.error("socket error");'),
      findings: [[10, 'unbounded-retry']],
    },
    {
      title: 'an error handler that reconnects at once leaks the cap: its finding says it waits nothing, the interval\'s says its fixed wait',
      code: intervalReconnect(COUNT_KEPT, 'reconnect();'),
      findings: [[10, 'retry-without-jitter'], [14, 'unbounded-retry']],
      messages: ['waits a fixed delay between attempts', 'has a cap that leaks on line 14. On that path it goes round again without advancing `recount` or past its check, so it can retry forever. Advance and check the counter on every path that retries. It also retries at once, with no wait'],
    },
  ]);
});
