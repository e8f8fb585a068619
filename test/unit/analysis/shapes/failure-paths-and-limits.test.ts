// Shapes from real code about where a failure path starts and what can stop it: the code after an
// early success return, a loop that clears its own flag, a status class, a Retry-After with a fixed
// fallback (the server's on a 429 answer alone), limits that are Infinity or that 0 turns off, counts compared only to choose the next wait, and a wait computed by
// a helper that counts down a time budget.
import assert from 'node:assert/strict';
import { mayContainRetry } from '../../../../src/analysis/pre-check';
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A session whose reconnect loop gives up only past a cap above zero, read from options that default it to 0; then `callers`. */
function reconnectLoopCappedAboveZero(callers: string): string {
  return `export class Session {
  constructor(client, options) {
    this.client = client;
    this.options = { interval: options?.interval ?? 1000, maxRetries: options?.maxRetries ?? 0 };
  }
  async reconnect() {
    let attempts = 0;
    while (!this.stopped) {
      attempts++;
      if (this.options.maxRetries > 0 && attempts > this.options.maxRetries) {
        this.stopped = true;
        continue;
      }
      await sleep(this.options.interval * 2 ** attempts);
      try {
        await this.client.connect();
        return;
      } catch (err) {
        continue;
      }
    }
  }
}
${callers}`;
}

/** A client that reconnects on error until its attempts pass `maxAttempts`, a class field set to `cap`. */
function reconnectingClass(cap: string): string {
  return `export class Realtime {
  private attempts = 0;
  private maxAttempts = ${cap};
  connect(): void {
    this.source = new EventSource(this.url);
    this.source.onerror = () => this.onError();
  }
  private onError(): void {
    if (this.attempts > this.maxAttempts) {
      this.source.close();
      return;
    }
    this.attempts++;
    setTimeout(() => this.connect(), 1000 + Math.random() * 1000);
  }
}`;
}

/** A retry helper whose cap is `opts.maxRetries || Infinity`, then `callers`. */
function retryWithDefaultedCap(callers: string): string {
  return `export async function withRetry(task, opts = {}) {
  const max = opts.maxRetries || Infinity;
  for (let attempt = 0; ; attempt++) {
    try {
      return await task();
    } catch (err) {
      if (attempt >= max) throw err;
      await sleep(100 * 2 ** attempt * Math.random());
    }
  }
}
${callers}`;
}

/** A loop that fetches until the response is ok, waiting with `wait` between attempts; `after` follows the function. */
function fetchRetryLoop(wait: string, after = ''): string {
  return `export async function get(url: string): Promise<Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(url);
    if (res.ok) return res;
    ${wait}
  }
  throw new Error('gave up');
}
${after}`;
}

/** A GET that, when `retried` holds, waits the server's Retry-After with a constant fallback and calls itself again. */
function inlineRetryAfter(retried: string): string {
  return `export async function get(url: string, retries = 2): Promise<Response> {
  const res = await fetch(url);
  if (${retried}) {
    const wait = Number(res.headers.get('Retry-After') || 1) * 1000;
    await sleep(wait);
    return get(url, retries - 1);
  }
  return res;
}`;
}

/** A loop that rethrows when `fatal` holds, else waits the server's Retry-After with a fallback that doubles. */
function growingRetryAfter(fatal: string): string {
  return `export async function ask(client, payload, maxRetries = 5) {
  let attempt = 0;
  let waitTime = 2000;
  while (true) {
    try {
      return await client.create(payload);
    } catch (err) {
      if (${fatal}) throw err;
      if (++attempt > maxRetries) throw err;
      const retryAfter = parseInt(err.headers.get('retry-after'), 10) * 1000 || waitTime;
      await new Promise((resolve) => setTimeout(resolve, retryAfter));
      waitTime *= 2;
    }
  }
}`;
}

/** A wait helper whose timer is its parameter and which also listens for an abort signal. */
const PAUSE_WITH_SIGNAL = `async function pause(ms: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => {
    signal?.addEventListener('abort', () => resolve());
    setTimeout(resolve, ms);
  });
}`;

/** An upload status check that retries itself after the wait `getRetryDelay` computes (`delay` is its body). */
function budgetedStatusCheck(delay: string): string {
  return `export class Upload {
  async checkStatus() {
    try {
      return await this.request({ method: 'PUT', url: this.uri });
    } catch (e) {
      const retryDelay = this.getRetryDelay();
      if (retryDelay <= 0) throw e;
      await new Promise((resolve) => setTimeout(resolve, retryDelay));
      return this.checkStatus();
    }
  }
  getRetryDelay() {
    ${delay}
  }
}`;
}

/** A task runner that retries a failed task by calling itself, up to `retries`; `timeout` adds a test of the task's timeout. */
function retriedTask(timeout: string): string {
  return `export class Throttler {
  async executeTask(task) {
    try {
      return await this.handler(task);
    } catch (err) {
      if (task.retryCount === this.retries) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.min(this.delay * 2 ** task.retryCount, this.maxDelay)));
      ${timeout}
      task.retryCount++;
      return this.executeTask(task);
    }
  }
}`;
}

/** A fetch helper whose count `n` turns its cap off at 0, its default; `callers` may call it. */
function capOffAtZero(callers: string): string {
  return `export const fetchRetry = async (url: string, options: object, n: number = 0) => {
  for (let i = 0; !n || i < n;) {
    try {
      return await fetch(url, options);
    } catch (e) {
      if (n && i === 1) throw e;
      await wait(2 ** Math.min(i, 4));
      i++;
    }
  }
  throw new Error('bad count');
};
${callers}`;
}

/** A connect that goes round from its catch while `retries === 0 || tries < retries`; `callers` may call it. */
function reconnectOffAtZero(callers: string): string {
  return `export function connect(url: string, retries = 0, tries = 0): void {
  open(url).catch(() => {
    if (retries === 0 || tries < retries) setTimeout(() => connect(url, retries, tries + 1), 1000);
  });
}
${callers}`;
}

/** A class whose retry loop waits what a function held in a class field's object computes (`delayFor`). */
function policyFieldLoop(delayFor: string): string {
  return `export class Realtime {
  private attempts = 0;
  private policy = {
    delayFor: ${delayFor},
  };
  async open(url: string) {
    for (;;) {
      try {
        return await connect(url);
      } catch (error) {
        if (++this.attempts > 5) throw error;
        await sleep(this.policy.delayFor(this.attempts));
      }
    }
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'a recursive retry capped by a count that also gives up at a timeout is a retry, not a poll: its waits without jitter are reported',
    code: retriedTask('if (task.isTimedOut) throw new Error(\'timed out\');'),
    findings: [[10, 'retry-without-jitter']],
  },
  {
    title: 'the same recursion stopped only by the timeout runs to a deadline: its waits are not judged',
    code: retriedTask('if (task.isTimedOut) throw new Error(\'timed out\');').replace('if (task.retryCount === this.retries) throw err;', ''),
    findings: [],
  },
  {
    title: 'a wait from a helper that counts down a time budget (it reads the clock), tested for nothing left, is a deadline: silent',
    code: budgetedStatusCheck('const wait = 2 ** this.retries * 1000 + Math.random() * 1000;\n    return Math.min(wait, this.totalTimeout - (Date.now() - this.startedAt));'),
    findings: [],
  },
  {
    title: 'the same test on a wait whose helper never reads the clock stops nothing: unbounded',
    code: budgetedStatusCheck('return 2 ** this.retries * 1000 + Math.random() * 1000;'),
    findings: [[9, 'unbounded-retry']],
  },
  {
    title: 'a self-call after `if (res.ok) return …` in a `.then` runs only after a failure: a retry',
    code: `export const getJson = (url: string, retries: number, pauseMs: number): Promise<unknown> =>
  fetch(url).then(async (res) => {
    if (res.ok) return res.json();
    if (retries > 0) {
      await sleep(pauseMs);
      return getJson(url, retries - 1, pauseMs);
    }
  });`,
    findings: [[6, 'retry-without-jitter']],
  },
  {
    title: 'a self-call after a try that returns on success and a catch that swallows: a retry',
    code: `async function send(url: string, left = 2, pause = 50): Promise<Response> {
  try {
    const res = await fetch(url);
    if (left <= 0 || res.status < 500) return res;
  } catch (err) {
    if (left <= 0) throw err;
  }
  await new Promise((resolve) => setTimeout(resolve, pause));
  return send(url, left - 1, pause * 2);
}`,
    findings: [[9, 'retry-without-jitter']],
    messages: ['backs off without jitter'],
  },
  {
    title: 'a self-call after a failure return is not on a failure path (a walk that stops on errors)',
    code: `function walk(node: Node, visit: (n: Node) => string | undefined): void {
  const error = visit(node);
  if (error) return;
  for (const child of node.children) walk(child, visit);
}`,
    findings: [],
  },
  {
    title: 'a loop that clears its own flag on success and counts failures is a capped retry',
    code: `export async function post(client, url, data) {
  let pending = true;
  let failures = 0;
  let res;
  while (pending) {
    res = await client.get(url, data);
    if (res.status === 200 || failures > 10) {
      pending = false;
    } else {
      failures++;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  return res;
}`,
    fileName: 'case.js',
    findings: [[5, 'retry-without-jitter']],
  },
  {
    title: 'a loop that sets its flag to keep going is no retry by that alone',
    code: `export async function drain(queue) {
  let more = true;
  while (more) {
    const res = await queue.read();
    if (res.status === 200) more = true;
    else more = false;
  }
}`,
    fileName: 'case.js',
    findings: [],
  },
  {
    title: 'a status class test (`Math.floor(status / 100) !== 5`) leaves on success',
    code: `export async function fetchWithRetries(url: string): Promise<Response> {
  for (let attempt = 0; ; ++attempt) {
    const response = await fetch(url);
    if (attempt === 2) return response;
    if (Math.floor(response.status / 100) != 5) return response;
    await sleep(2000);
  }
}`,
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'a Retry-After with a fixed fallback waits the fallback on every failure without the header',
    code: `export async function get(url: string): Promise<Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(url);
    if (res.ok) return res;
    const delay = parseRetryAfter(res) ?? 2000;
    await sleep(delay);
  }
  throw new Error('gave up');
}
function parseRetryAfter(res: Response): number | undefined {
  const seconds = Number(res.headers.get('retry-after'));
  return Number.isNaN(seconds) ? undefined : seconds * 1000;
}`,
    findings: [[2, 'retry-without-jitter']],
    messages: ['fixed delay'],
  },
  {
    title: 'a Retry-After read inline with a constant fallback (`Number(h || 1) * 1000`), on a 5xx too, is a fixed wait',
    code: inlineRetryAfter('(res.status === 429 || res.status >= 500) && retries >= 1'),
    findings: [[6, 'retry-without-jitter']],
  },
  {
    title: 'the same wait made only on a 429 answer, with no other wait in the retry: its fixed fallback is all the backoff there is',
    code: inlineRetryAfter('res.status === 429 && retries >= 1'),
    findings: [[6, 'retry-without-jitter']],
  },
  {
    title: 'a 429 wait with a fixed fallback beside a randomised wait for other failures is the server\'s: that answer carries the header',
    code: `export async function get(url: string, retries = 2): Promise<Response> {
  const res = await fetch(url);
  if (res.status === 429 && retries >= 1) {
    await sleep(Number(res.headers.get('Retry-After') || 1) * 1000);
    return get(url, retries - 1);
  }
  if (res.status >= 500 && retries >= 1) {
    await sleep(Math.random() * 1000 * 2 ** (2 - retries));
    return get(url, retries - 1);
  }
  return res;
}`,
    findings: [],
  },
  {
    title: 'a fallback that grows is a growing wait, still without jitter, where a 5xx gets it too',
    code: growingRetryAfter('err.status !== 429 && err.status < 500'),
    fileName: 'case.js',
    findings: [[4, 'retry-without-jitter']],
    messages: ['backs off without jitter'],
  },
  {
    title: 'after a guard that leaves on any answer but a 429, the doubling fallback is the only backoff: no jitter',
    code: growingRetryAfter('err.status !== 429'),
    fileName: 'case.js',
    findings: [[4, 'retry-without-jitter']],
  },
  {
    title: 'a cap that 0 turns off (`!n || i < n`), 0 by default and no caller in the file giving another: nothing stops the loop',
    code: capOffAtZero(''),
    findings: [[2, 'unbounded-retry']],
    messages: ['Nothing stops the retries'],
  },
  {
    title: 'the same helper called in the file with a count (`fetchRetry(url, {}, 3)`): that caller may be the one that runs, its cap holds',
    code: capOffAtZero("export const ping = () => fetchRetry('/ping', {}, 3);"),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'a reconnect whose test lets every round through while `retries` keeps its default 0 (`retries === 0 || tries < retries`): unbounded',
    code: reconnectOffAtZero(''),
    findings: [[3, 'unbounded-retry']],
  },
  {
    title: 'the same reconnect called in the file with a number of retries: capped, only its fixed wait is reported',
    code: reconnectOffAtZero("connect('wss://feed', 5);"),
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a cap compared only when above zero (`max > 0 && n > max`), 0 by default (`options?.maxRetries ?? 0`): nothing stops the loop',
    code: reconnectLoopCappedAboveZero(''),
    findings: [[8, 'unbounded-retry']],
    messages: ['is 0 unless a caller passes a number, and 0 turns it off'],
  },
  {
    title: 'the same session made in the file with a number of retries: that caller may be the one that runs, its cap holds',
    code: reconnectLoopCappedAboveZero('export const session = new Session(client, { maxRetries: 5 });'),
    findings: [[8, 'retry-without-jitter']],
  },
  {
    title: 'a way round opened only while a count is below a cap above zero (`max > 0 && n < max`), 0 by default: 0 retries nothing',
    code: `export class Client {
  constructor(options) {
    this.maxRetries = options.maxRetries ?? 0;
  }
  async request(path, attempt = 0) {
    const response = await fetch(path);
    if (!response.ok && this.maxRetries > 0 && attempt < this.maxRetries) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      return this.request(path, attempt + 1);
    }
    return response;
  }
}`,
    findings: [[9, 'retry-without-jitter']],
  },
  {
    title: 'a stop made at once when the cap is 0 (`!max || n >= max`): 0 retries nothing',
    code: `export async function send(url, body, retries = 0) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, { method: 'PUT', body });
    } catch (error) {
      if (!retries || attempt >= retries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'the same cap tested after the count (`n >= max && max !== 0`), defaulting to a named 0: a reconnect nothing stops',
    code: `const MAX_RETRY_ATTEMPTS = 0;
export class Socket {
  constructor(url, opts) {
    this.url = url;
    this.retryCount = 0;
    this.retryAttempts = opts?.retryAttempts ?? MAX_RETRY_ATTEMPTS;
  }
  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onclose = () => this.reconnect();
  }
  reconnect() {
    if (++this.retryCount >= this.retryAttempts && this.retryAttempts !== 0) return;
    setTimeout(() => this.connect(), Math.random() * 1000 * this.retryCount ** 2);
  }
}`,
    findings: [[14, 'unbounded-retry']],
    messages: ['`this.retryAttempts` is 0 unless a caller passes a number'],
  },
  {
    title: 'a count that starts at 0 (`n = n || 0; n += 1`) tested for zero beside its cap is a count, not a limit kept at 0: capped',
    code: `import axios from 'axios';
axios.defaults.retry = 5;
export function retryLater(err) {
  const config = err.config;
  if (!config || !config.retry || (config.__retryCount > 0 && config.retry <= config.__retryCount)) return Promise.reject(err);
  config.__retryCount = config.__retryCount || 0;
  config.__retryCount += 1;
  return new Promise((resolve) => setTimeout(resolve, 1000)).then(() => axios(config));
}
axios.interceptors.response.use(undefined, retryLater);`,
    findings: [[10, 'retry-without-jitter']],
  },
  {
    title: 'a wait sized only by the server (no fallback in sight) stays silent',
    code: fetchRetryLoop(`await sleep(Number(res.headers.get('retry-after')) * 1000);`),
    findings: [],
  },
  {
    title: 'a cap held in a class field that is Infinity never stops the reconnect',
    code: reconnectingClass('Infinity'),
    findings: [[14, 'unbounded-retry']],
  },
  {
    title: 'the same class with a finite cap is bounded',
    code: reconnectingClass('5'),
    findings: [],
  },
  {
    title: '`opts.maxRetries || Infinity` is unlimited when no caller in the file gives a number',
    code: retryWithDefaultedCap(''),
    fileName: 'case.js',
    findings: [[3, 'unbounded-retry']],
  },
  {
    title: '`opts.maxRetries || Infinity` is bounded when a caller in the file passes `maxRetries: 3`',
    code: retryWithDefaultedCap(`export const load = () => withRetry(() => fetch('/a'), { maxRetries: 3 });`),
    fileName: 'case.js',
    findings: [],
  },
  {
    title: 'a parameter defaulting to Infinity is bounded when a caller in the file passes a number',
    code: `export async function retry(task, retries = Infinity) {
  for (let attempt = 0; attempt < retries; attempt++) {
    try {
      return await task();
    } catch {
      await sleep(100 * 2 ** attempt * Math.random());
    }
  }
}
export const load = () => retry(() => fetch('/a'), 4);`,
    fileName: 'case.js',
    findings: [],
  },
  {
    title: 'a failure count compared only to choose the next wait, and in the open handler, caps nothing',
    code: `export class Socket {
  fails = 0;
  stop = false;
  connect(): void {
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => {
      if (this.fails > 0) console.log('reconnected');
      this.fails = 0;
    };
    this.ws.onclose = () => {
      this.fails++;
      let retryTime = 3000;
      if (this.fails > 5) {
        retryTime = 3000 * this.fails;
        if (retryTime > 300000) retryTime = 300000;
      }
      setTimeout(() => {
        if (this.stop) return;
        this.connect();
      }, retryTime);
    };
  }
}`,
    findings: [[19, 'unbounded-retry']],
    messages: ['only'],
  },
  {
    title: 'a failure count that closes the socket past a maximum caps the reconnect',
    code: `export class Socket {
  fails = 0;
  connect(): void {
    this.ws = new WebSocket(this.url);
    this.ws.onclose = () => {
      this.fails++;
      if (this.fails > 5) {
        this.shouldReconnect = false;
      }
      setTimeout(() => {
        if (!this.shouldReconnect) return;
        this.connect();
      }, 1000 + Math.random() * 1000);
    };
  }
}`,
    findings: [],
  },
  {
    title: 'a loop whose catch hands the error to a local method that sleeps a fixed time waits that time',
    code: `export class Poller {
  async fetchUpdates(): Promise<Update[] | undefined> {
    let updates: Update[] | undefined;
    do {
      try {
        updates = await this.api.getUpdates();
      } catch (error) {
        await this.handleError(error);
      }
    } while (updates === undefined && this.running);
    return updates;
  }
  private async handleError(error: unknown): Promise<void> {
    console.error(error);
    await sleep(3);
  }
}
async function sleep(seconds: number, signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    signal?.addEventListener('abort', () => reject(new Error('aborted')));
    setTimeout(resolve, 1000 * seconds);
  });
}`,
    findings: [[4, 'unbounded-retry']],
    messages: ['It also waits a fixed delay'],
  },
  {
    title: 'a sleep helper sized by its parameter takes the jitter of the argument it is given',
    code: fetchRetryLoop('await pause(Math.random() * 100 * 2 ** attempt);', PAUSE_WITH_SIGNAL),
    findings: [],
  },
  {
    title: 'the same helper given a fixed argument is a fixed wait, whatever else it does (its abort signal)',
    code: fetchRetryLoop('await pause(2000);', PAUSE_WITH_SIGNAL),
    findings: [[2, 'retry-without-jitter']],
    messages: ['waits a fixed delay'],
  },
  {
    title: 'a branch that calls again without testing the budget leaks the cap (a rate-limit path)',
    code: `export async function callWithRetry(apiCall, args, retries = 5) {
  try {
    return await apiCall(args);
  } catch (error) {
    if (error.data && error.data.retry_after) {
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
      return callWithRetry(apiCall, args, retries - 1);
    }
    if (retries > 0) {
      await new Promise((resolve) => setTimeout(resolve, 1000 + Math.random() * 1000));
      return callWithRetry(apiCall, args, retries - 1);
    }
    throw error;
  }
}`,
    fileName: 'case.js',
    findings: [[7, 'unbounded-retry']],
    messages: ['line 7'],
  },
  {
    title: 'every branch after an exit taken when the budget is spent is capped',
    code: `export async function send(url, attempt = 0) {
  try {
    return await fetch(url);
  } catch (error) {
    if (attempt >= 5) throw error;
    if (error.status === 429) {
      await sleep(1000 + Math.random() * 1000);
      return send(url, attempt + 1);
    }
    await sleep(500 * Math.random());
    return send(url, attempt + 1);
  }
}`,
    fileName: 'case.js',
    findings: [],
  },
  {
    title: 'a count limit named for the failures it covers (MAX_RETRIES_ON_TIMEOUT) is no deadline',
    code: `const MAX_RETRY_COUNT_ON_TIMEOUT = 5;
export async function request(options) {
  const retryCount = options.retryCount || 1;
  try {
    return await fetch(options.url);
  } catch (error) {
    if (error.code === 'ETIMEDOUT') {
      if (retryCount < MAX_RETRY_COUNT_ON_TIMEOUT) {
        await wait(retryCount * 1000);
        return request({ ...options, retryCount: retryCount + 1 });
      }
      throw error;
    }
    await wait(retryCount * 1000);
    return request({ ...options, retryCount: retryCount + 1 });
  }
}`,
    fileName: 'case.js',
    findings: [[15, 'unbounded-retry']],
  },
  {
    title: 'a backoff function held in an object set in the file (this.retry.backoff) is read: Math.exp grows, no jitter',
    code: `export class HttpClient {
  constructor(config) {
    this.retry = config.retry === false
      ? { attempts: 1, backoff: () => 0 }
      : { attempts: config.retry?.retries ?? 5, backoff: config.retry?.backoff ?? ((count) => Math.exp(count) * 50) };
  }
  async request(url) {
    let error;
    for (let i = 0; i <= this.retry.attempts; i++) {
      try {
        return await fetch(url);
      } catch (err) {
        error = err;
        if (i < this.retry.attempts) await new Promise((resolve) => setTimeout(resolve, this.retry.backoff(i)));
      }
    }
    throw error;
  }
}`,
    fileName: 'case.js',
    findings: [[9, 'retry-without-jitter']],
    messages: ['backs off without jitter'],
  },
  {
    title: 'a delay function held in the object a class field holds (this.policy.delayFor) is read: a table of fixed waits, no jitter',
    code: policyFieldLoop(`(attempt: number) => {
      switch (true) {
        case attempt < 3: return 1000;
        default: return 10_000;
      }
    }`),
    findings: [[12, 'retry-without-jitter']],
  },
  {
    title: 'the same field whose function adds a random part is jittered: silent',
    code: policyFieldLoop('(attempt: number) => 1000 * attempt + Math.random() * 500'),
    findings: [],
  },
  {
    title: 'a delay set from Retry-After is not a cursor: the loop is still a retry (whose jittered delay is computed but not used)',
    code: `export async function withAutomaticRetries(request, options = {}) {
  const maxRetries = options.maxRetries || 5;
  let attempts = 0;
  do {
    let delay = 500 * 2 ** attempts + Math.random() * 100;
    try {
      const response = await request();
      if (response.ok) return response;
    } catch (error) {
      const retryAfter = error.response?.headers.get('Retry-After');
      if (retryAfter) delay = retryAfter * 1000;
    }
    if (Number.isInteger(delay) && delay > 0) await sleep(500 * 2 ** attempts);
    attempts += 1;
  } while (attempts < maxRetries);
  return request();
}`,
    fileName: 'case.js',
    findings: [[4, 'retry-without-jitter']],
    messages: ['computes a delay but waits a different'],
  },
  {
    title: 'a catch that goes round under a budget and otherwise falls through to a rethrow is a capped retry',
    code: `export async function withRetry(apiCall) {
  let retries = 0;
  while (true) {
    try {
      return await apiCall();
    } catch (error) {
      if (error.code === 'ETIMEDOUT') {
        if (retries < 3) {
          retries++;
          await new Promise((resolve) => setTimeout(resolve, 1000 * retries));
          continue;
        }
        console.warn('timed out after 3 retries');
      }
      throw error;
    }
  }
}`,
    fileName: 'case.js',
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a delay held under a maximum (reconnectTimeout > maxReconnectTimeout) is no deadline',
    code: `export class Stream {
  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.onclose = () => this.reconnect();
  }
  reconnect() {
    setTimeout(() => {
      this.session.reconnectTimeout += 0.5;
      if (this.session.reconnectTimeout > this.session.maxReconnectTimeout) {
        this.session.reconnectTimeout = this.session.maxReconnectTimeout;
      }
      this.connect();
    }, this.session.reconnectTimeout * 1000);
  }
}`,
    fileName: 'case.js',
    findings: [[7, 'unbounded-retry']],
  },
  {
    title: 'a loop that fails over to the next node sends the same request again: a retry, not a consumer',
    code: `export class ApiCall {
  async perform(endpoint: string) {
    for (let numTries = 1; numTries <= this.numRetries + 1; numTries++) {
      const node = this.getNextNode();
      try {
        return await fetch(node.url + endpoint);
      } catch (error) {
        await this.timer(this.retryIntervalSeconds);
      }
    }
    throw new Error('all nodes failed');
  }
  async timer(seconds: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
  }
}`,
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'an axios loop with no catch that goes round until status 200 waits for a job (a failure throws out): no retry',
    code: `import axios from 'axios';
export const fetchJobStatus = async (jobId: string) => {
  let counter = 0;
  while (true) {
    if (counter) await wait(counter * 100);
    const response = await axios.get(\`/status/\${jobId}\`);
    if (response.status === 200) return response.data;
    counter += 1;
  }
};`,
    findings: [],
  },
  {
    title: 'the same loop with fetch (which does not throw on an error status) retries failures forever',
    code: `export const fetchJobStatus = async (jobId: string) => {
  let counter = 0;
  while (true) {
    if (counter) await wait(counter * 100);
    const response = await fetch(\`/status/\${jobId}\`);
    if (response.status === 200) return response.json();
    counter += 1;
  }
};`,
    findings: [[3, 'unbounded-retry']],
  },
];

/** A loop that counts in its header and, in its catch, goes round while `retry < limit`, then runs `after`. */
function headerCountedLoop(after: string): string {
  return `export async function renderMenu(tabId, limit) {
  for (let retry = 0; true; retry++) {
    try {
      return await getPageState(tabId);
    } catch (error) {
      ${after}
    }
  }
}`;
}

cases.push(
  {
    title: 'a catch that goes round while `retry < limit` and otherwise logs and breaks out is capped; its fixed wait is reported',
    code: headerCountedLoop(`if (retry < limit) {
        await wait(50);
        continue;
      }
      console.warn('gave up', error);
      break;`),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'the same break inside a switch leaves only the switch, and the loop goes round again: unbounded',
    code: headerCountedLoop(`switch (error.code) {
        case 'ENOTREADY': {
          if (retry < limit) {
            await wait(50);
            continue;
          }
          break;
        }
      }
      await wait(1000);`),
    findings: [[2, 'unbounded-retry']],
  },
);

/** A device-code poll that runs while `this.keepPolling(expiresAt)` says so; `test` is that method's test. */
function pollWhileHelperSays(test: string): string {
  return `export class DeviceCodeClient {
  keepPolling(expiresAt) {
    if (${test}) throw new Error('device code expired');
    return true;
  }
  async acquireToken(request, deviceCode) {
    const expiresAt = nowSeconds() + deviceCode.expiresIn;
    while (this.keepPolling(expiresAt)) {
      try {
        return await this.postToTokenEndpoint(request);
      } catch (error) {
        await sleep(1000);
      }
    }
  }
}`;
}

cases.push(
  {
    title: 'a loop that runs while a method of the file says so, which tests the clock against a deadline, polls to that deadline: silent',
    code: pollWhileHelperSays('nowSeconds() > expiresAt'),
    findings: [],
  },
  {
    title: 'the same method testing something else (a cancel flag) is no deadline: unbounded',
    code: pollWhileHelperSays('this.cancelled'),
    findings: [[8, 'unbounded-retry']],
  },
);

describe('shapes: failure paths and what stops them', () => {
  runLibraryTable([], cases);
  it('the pre-check keeps every file with a finding here', () => {
    for (const testCase of cases.filter((entry) => entry.findings.length > 0)) {
      assert.ok(mayContainRetry(testCase.code, testCase.fileName ?? 'case.ts'), testCase.title);
    }
  });
});
