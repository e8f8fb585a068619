// Shapes from real code: caps kept in a growing list of errors or a shrinking list of delays, decided by a
// helper given the count, or by a flag the call hands itself; keys under the names APIs give them; loops
// that follow a redirect, feed a growing history to a model, or poll for a time budget counted in waits;
// a poll that goes round on "not yet"; a paused consumer is no wait; a count advanced in a function the loop calls;
// a walk through pages whose catch asks for the failed page again; a count a backoff object keeps, read through its
// method (`while (backoff.getNumRetries() <= this.maxRetries)`) and advanced by its wait, out of sight.
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A recursive retry that counts its attempts by the errors it collected. */
function errorListRetry(compare: string): string {
  return `export async function retryWithBackoff(run: () => Promise<unknown>, maxRetries: number, delayMs: number, errors: unknown[] = []): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    const newErrors = [...errors, error];
    const tryNumber = newErrors.length;
    if (${compare}) throw error;
    await sleep(delayMs);
    return retryWithBackoff(run, maxRetries, delayMs * 2, newErrors);
  }
}`;
}

/** A client method that sends once more after a wait, telling the second call not to retry. */
function flaggedResend(wait: string): string {
  return `export class EventSender {
  async deliver(events: unknown[], canRetry: boolean): Promise<boolean> {
    try {
      const response = await fetch(this.url, { method: 'PUT', body: JSON.stringify(events) });
      if (response.ok) return true;
    } catch (error) {
      if (!canRetry) return false;
    }
    ${wait}
    return this.deliver(events, false);
  }
}`;
}

/** A POST retried in a loop, with headers built first and given the key afterwards. */
function headersThenKey(header: string): string {
  return `export async function capture(order: Order, requestId: string): Promise<Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const headers: Record<string, string> = { ...defaultHeaders, 'content-type': 'application/json' };
    headers['${header}'] = requestId;
    try {
      return await fetch(captureUrl(order), { method: 'POST', headers, body: JSON.stringify(order) });
    } catch (error) {
      await sleep(500 + Math.random() * 500);
    }
  }
  throw new Error('capture failed');
}`;
}

/** A loop that streams from `open`, giving up once `retries` reaches 5; `helpers` are declared before it. */
function subscribeLoop(open: string, helpers: string): string {
  return `let retries = 0;
${helpers}
export async function subscribe(sink) {
  for (;;) {
    try {
      const stream = await ${open};
      for await (const event of stream) sink.next(event);
      return;
    } catch (err) {
      if (retries >= 5) throw err;
    }
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'a recursion that goes round only when a helper given the attempt answers yes (`retryResult.retry`, a member of its answer): the cap is the helper\'s, silent',
    code: `import { shouldRetry } from './retry';
export async function doFetch(url, init, options, attempt = 1) {
  const response = await fetch(url, init);
  if (!response.ok) {
    const retryResult = await shouldRetry(response, attempt, options.retry);
    if (retryResult.retry) {
      await new Promise((resolve) => setTimeout(resolve, retryResult.delay));
      return doFetch(url, init, options, attempt + 1);
    }
    throw new Error(String(response.status));
  }
  return response.json();
}`,
    findings: [],
  },
  {
    title: 'a loop that asks a helper which counts the attempts and throws once they are spent, outside any try: capped by the helper',
    code: `export class RetryPolicy {
  nextRetry(error) {
    this.attempt += 1;
    if (this.attempt >= this.maxAttempts) throw new RetryError('attempts exceeded', error);
    return { retryAfter: Math.random() * 2 ** this.attempt * 100 };
  }
  async invoke(operation) {
    for (;;) {
      let failure;
      try {
        return await operation();
      } catch (error) {
        failure = error;
      }
      const status = this.nextRetry(failure);
      await delay(status.retryAfter);
    }
  }
}`,
    findings: [],
  },
  {
    title: 'a loop that gives up when a count reaches its limit, where the count (and the wait) move in a function the loop calls: silent',
    code: subscribeLoop('connect()', `async function connect() {
  if (retries > 0) await backoff(retries);
  retries++;
  return openStream();
}`),
    findings: [],
  },
  {
    title: 'the same loop whose count moves nowhere never stops: unbounded',
    code: subscribeLoop('openStream()', ''),
    findings: [[4, 'unbounded-retry']],
  },
  {
    title: 'a list of errors that grows each round and whose length is compared caps the recursion (the wait still lacks jitter)',
    code: errorListRetry('tryNumber > maxRetries'),
    findings: [[9, 'retry-without-jitter']],
  },
  {
    title: 'a growing list of errors compared by its length directly is the same cap',
    code: errorListRetry('newErrors.length > maxRetries'),
    findings: [[9, 'retry-without-jitter']],
  },
  {
    title: 'a growing list of errors that nothing compares caps nothing',
    code: errorListRetry('isFatal(error)'),
    findings: [[9, 'unbounded-retry']],
  },
  {
    title: 'a count handed to a helper whose answer decides whether to go round: the cap is the helper\'s',
    code: `export class HttpClient {
  send(config: RequestConfig, retryAttempts = 0): Promise<Response> {
    return invoke(config).catch((err) => {
      const [delayMillis, canRetry] = this.retryDelayFor(retryAttempts, err);
      if (canRetry && delayMillis <= this.maxDelay) {
        return wait(delayMillis).then(() => this.send(config, retryAttempts + 1));
      }
      throw err;
    });
  }
}`,
    findings: [],
  },
  {
    title: "a delay helper of the file that returns the server's Retry-After or a backoff: the backoff, without jitter, decides",
    code: clientWithDelayHelper(`const retryAfter = err.response?.headers['retry-after'];
    if (retryAfter) return [Number(retryAfter) * 1000, true];
    return [2 ** retryAttempts * 1000, true];`),
    findings: [[5, 'retry-without-jitter']],
  },
  {
    title: 'the same helper with a jittered backoff is silent',
    code: clientWithDelayHelper('return [Math.random() * 2 ** retryAttempts * 1000, true];'),
    findings: [],
  },
  {
    title: "constants destructured from another module's exports are values, not a helper out of sight: a fixed wait",
    code: `const { RETRY_DELAY_MS, MAX_RETRIES } = require('./constants');
async function hit(retryCount = 0) {
  try {
    return await axios.get(endpoint);
  } catch (error) {
    if (retryCount >= MAX_RETRIES) throw error;
    await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS));
    return hit(retryCount + 1);
  }
}`,
    fileName: 'hit.js',
    findings: [[8, 'retry-without-jitter']],
  },
  {
    title: 'a count advanced but never handed to anything that decides is still no cap',
    code: `export class HttpClient {
  send(config: RequestConfig, retryAttempts = 0): Promise<Response> {
    return invoke(config).catch((err) => {
      const delayMillis = 1000;
      log(retryAttempts);
      return wait(delayMillis).then(() => this.send(config, retryAttempts + 1));
    });
  }
}`,
    findings: [[6, 'unbounded-retry']],
  },
  {
    title: 'a call that hands itself false for the flag it tests sends once more; after a fixed wait that lacks jitter',
    code: flaggedResend('await sleep(1000);'),
    findings: [[10, 'retry-without-jitter']],
  },
  {
    title: 'the same resend made at once is left alone',
    code: flaggedResend(''),
    findings: [],
  },
  {
    title: "a PayPal-Request-Id set on the headers after they are built is the request's key",
    code: headersThenKey('PayPal-Request-Id'),
    findings: [],
  },
  {
    title: 'a payload id header, set the same way, is a key the server deduplicates on',
    code: headersThenKey('X-Acme-Payload-ID'),
    findings: [],
  },
  {
    title: 'a tracing header is no key',
    code: headersThenKey('X-Trace-Id'),
    findings: [[6, 'missing-idempotency-key']],
  },
  {
    title: 'a loop that follows redirects asks a new URL each round: no retry',
    code: `export async function resolveRedirects(url: string): Promise<string> {
  let currentUrl = url;
  while (true) {
    const response = await fetch(currentUrl, { redirect: 'manual' });
    if (response.status < 300 || response.status >= 400) return currentUrl;
    const locationHeader = response.headers.get('location');
    if (!locationHeader) return currentUrl;
    currentUrl = new URL(locationHeader, currentUrl).toString();
  }
}`,
    findings: [],
  },
  {
    title: 'an agent loop that feeds its growing history back to the model is no retry',
    code: `export async function runAgent(agent: Agent, input: string): Promise<string> {
  const steps: Step[] = [];
  let iterations = 0;
  while (iterations < maxIterations) {
    let output;
    try {
      output = await agent.plan(steps, input);
    } catch (error) {
      output = { tool: 'exception', toolInput: String(error) };
    }
    if ('returnValues' in output) return output.returnValues;
    steps.push(await runTool(output));
    iterations += 1;
  }
  return 'stopped';
}`,
    findings: [],
  },
  {
    title: 'a list built afresh each round (the arguments of one request) is no growing history: still a retry',
    code: `export async function send(request: Request, agent: unknown, maxRetries: number): Promise<Response> {
  for (let i = 0; i < maxRetries; i += 1) {
    const fetchArgs: unknown[] = [request.clone()];
    if (agent) fetchArgs.push({ dispatcher: agent });
    const response = await fetch(...(fetchArgs as [Request]));
    if (response.ok) return response;
    await delay(2 ** i * 250);
  }
  throw new Error('failed');
}`,
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'a poll whose count is a time budget divided by its wait polls until a deadline: silent',
    code: `export async function waitForUrl(url: string, maxTimeout: number, checkInterval: number): Promise<void> {
  const iterations = Math.floor(maxTimeout / checkInterval);
  for (let i = 0; i < iterations; i++) {
    try {
      await axios.get(url);
      return;
    } catch (error) {
      await wait(checkInterval);
    }
  }
  throw new Error('Timeout reached');
}`,
    findings: [],
  },
  {
    title: 'a count that is not made from a time budget is a retry cap: the fixed wait lacks jitter',
    code: `export async function fetchReport(url: string, retries: number, checkInterval: number): Promise<void> {
  const iterations = retries + 1;
  for (let i = 0; i < iterations; i++) {
    try {
      await axios.get(url);
      return;
    } catch (error) {
      await wait(checkInterval);
    }
  }
  throw new Error('failed');
}`,
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a call that goes round only when the server answers "not yet" polls (a device-code grant): silent',
    code: `async function waitForAccessToken(request, clientId, verification) {
  try {
    return await exchangeDeviceCode({ request, clientId, code: verification.device_code });
  } catch (error) {
    const errorType = error.response?.data.error;
    if (errorType === 'authorization_pending') {
      await wait(verification.interval);
      return waitForAccessToken(request, clientId, verification);
    }
    throw error;
  }
}`,
    fileName: 'device.js',
    findings: [],
  },
  {
    title: 'the same call going round on any failure is a retry',
    code: `async function waitForAccessToken(request, clientId, verification) {
  try {
    return await exchangeDeviceCode({ request, clientId, code: verification.device_code });
  } catch (error) {
    await wait(verification.interval);
    return waitForAccessToken(request, clientId, verification);
  }
}`,
    fileName: 'device.js',
    findings: [[6, 'unbounded-retry']],
  },
  {
    title: 'a list of delays handed on shorter each round, with the helper asked before, caps the recursion',
    code: `async function terminate(url, options) {
  try {
    await sendDelete(url);
  } catch (err) {
    if (!shouldRetry(err, options)) throw err;
    const delay = options.retryDelays[0];
    const newOptions = { ...options, retryDelays: options.retryDelays.slice(1) };
    await wait(delay + Math.random() * 100);
    await terminate(url, newOptions);
  }
}`,
    fileName: 'terminate.js',
    findings: [],
  },
  {
    title: 'a consumer paused, with a timer to resume it on the way out, is no wait between attempts',
    code: `async function handle(consumer, op) {
  let attempt = 0;
  while (attempt <= MAX_RETRIES) {
    try {
      await op();
      return;
    } catch (err) {
      attempt++;
      if (err.isSystemic) {
        consumer.pause([{ topic: 'orders' }]);
        setTimeout(() => consumer.resume([{ topic: 'orders' }]), 30000);
        return;
      }
      if (attempt <= MAX_RETRIES) {
        await exponentialBackoff(attempt);
        continue;
      }
      throw err;
    }
  }
}`,
    fileName: 'consumer.js',
    findings: [],
  },
  {
    title: 'a POST re-sent only after 429 or 503, outside any try, is re-sent only when the server did not act: no key needed',
    code: refusalLoop((send) => `const r = ${send};`),
    fileName: 'ai.js',
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'the same POST re-sent after a caught failure (the response may be lost after the server acted) needs its key',
    code: refusalLoop((send) => `let r;\n    try { r = ${send}; } catch (error) { await sleep(wait); continue; }`),
    fileName: 'ai.js',
    findings: [[3, 'retry-without-jitter'], [5, 'missing-idempotency-key']],
  },
  {
    title: "a connection's error handler, registered beside the function that connects its owner, reconnects forever",
    code: `const mongoose = require('mongoose');
function connectDb() {
  mongoose.connect(url, { useNewUrlParser: true });
}
connectDb();
mongoose.connection.on('error', (err) => {
  console.log(err);
  setTimeout(() => connectDb(), 1000);
});`,
    fileName: 'db.js',
    findings: [[8, 'unbounded-retry']],
  },
  {
    title: 'the same handler that only logs reconnects nothing',
    code: `const mongoose = require('mongoose');
function connectDb() {
  mongoose.connect(url, { useNewUrlParser: true });
}
connectDb();
mongoose.connection.on('error', (err) => console.log(err));`,
    fileName: 'db.js',
    findings: [],
  },
  {
    title: 'a walk through pages whose catch asks for the failed page again retries it, at once; the helper handed the count may cap it',
    code: pageWalk('if (retriesAvailable(retries) && isRetryable(err)) {\n        retries++;\n        continue;\n      }\n      throw err;'),
    findings: [[5, 'retry-without-jitter']],
    messages: ['retries immediately'],
  },
  {
    title: 'the same walk whose catch goes round with no count at all retries the failed page forever',
    code: pageWalk('console.warn(err);\n      continue;'),
    findings: [[5, 'unbounded-retry']],
  },
  {
    title: 'the same walk whose catch moves on to the next page (or gives the walk up) before going round skips a page: no retry',
    code: pageWalk('link = err.nextLink;\n      continue;'),
    findings: [],
  },
  {
    title: 'a long poll that runs until it is told to stop goes round after every answer: its catch going round is no retry of a page',
    code: `export async function* updates(api: Api, signal: AbortSignal) {
  let offset = 0;
  do {
    try {
      const batch = await api.getUpdates({ offset });
      if (batch.length > 0) offset = batch[batch.length - 1].id + 1;
      yield batch;
    } catch (err) {
      await wait(5000);
      continue;
    }
  } while (!signal.aborted);
}`,
    findings: [],
  },
];

/** A walk through linked pages (`do … while (link)`) whose catch ends in `onError`. */
function pageWalk(onError: string): string {
  return `import { retriesAvailable, isRetryable } from './retries';
export async function forEachUser(client: GraphClient, callback: (user: User) => Promise<void>) {
  let link: string | undefined = '/users';
  let retries = 0;
  do {
    let page: Page<User> | undefined;
    try {
      page = await client.get(link);
    } catch (err) {
      ${onError}
    }
    for (const user of page.value) await callback(user);
    link = page.nextLink;
  } while (link);
}`;
}

/** A client whose recursive send asks its own `retryDelayFor` for the wait and whether to go on; `body` ends that helper. */
function clientWithDelayHelper(body: string): string {
  return `export class HttpClient {
  send(config: RequestConfig, retryAttempts = 0): Promise<Response> {
    return invoke(config).catch((err) => {
      const [delayMillis, canRetry] = this.retryDelayFor(retryAttempts, err);
      if (canRetry) return wait(delayMillis).then(() => this.send(config, retryAttempts + 1));
      throw err;
    });
  }

  retryDelayFor(retryAttempts: number, err: HttpError): [number, boolean] {
    if (retryAttempts >= this.maxRetries) return [0, false];
    ${body}
  }
}`;
}

/** A POST re-sent after refusals (429, 503), sent by the statements `sending` makes of the request. */
function refusalLoop(sending: (send: string) => string): string {
  return `export async function createCompletion(path, payload, tries = 3) {
  let wait = 300;
  for (let i = 0; i < tries; i++) {
    ${sending("await fetch('https://example.com/' + path, { method: 'POST', body: JSON.stringify(payload) })")}
    if (r.ok) return r;
    if (r.status === 429 || r.status === 503) {
      await new Promise((resolve) => setTimeout(resolve, wait));
      wait *= 2;
      continue;
    }
    throw new Error('failed');
  }
  throw new Error('too many retries');
}`;
}

describe('shapes: caps out of sight, keys by name, new inputs each round', () => {
  runLibraryTable([], cases);
});

/** A reconnect whose way back is asked of `decide(count)`, a call handed the count of attempts. */
function countHandedToDecider(decide: string): string {
  return `export class Reconnector {
  private retryCount = 0;
  constructor(private readonly socket: Socket, private readonly retryIf: (count: number) => Promise<boolean>) {}
  start(): void {
    this.socket.on('close', () => this.onClose());
  }
  private onClose = async () => {
    this.retryCount += 1;
    const shouldRetry = await ${decide};
    if (shouldRetry) setTimeout(() => this.start(), 1000);
  };
}`;
}

describe('shapes: a count handed to a call whose answer decides the way back', () => {
  runLibraryTable([], [
    {
      title: 'a count handed to an injected predicate (retryIf(count)) whose answer is tested may be capped there: only the fixed wait is reported',
      code: countHandedToDecider('this.retryIf(this.retryCount)'),
      findings: [[10, 'retry-without-jitter']],
    },
    {
      title: 'a count only handed to a log is never compared: the reconnect has no cap',
      code: countHandedToDecider('console.log(this.retryCount)'),
      findings: [[10, 'unbounded-retry']],
      messages: ['never compares its counter'],
    },
    {
      title: 'a recursive retry whose count is asked of a policy object (policy.allows(attempts)) may be capped there',
      code: `let attempts = 0;
export async function publish(event: Event): Promise<void> {
  try {
    await bus.publish(event);
  } catch (error) {
    attempts++;
    if (await policy.allows(attempts)) {
      await sleep(2000);
      return publish(event);
    }
    throw error;
  }
}`,
      findings: [[9, 'retry-without-jitter']],
    },
      {
      title: 'a loop that orders a count a backoff object keeps, read through its method, against a limit: the object advances it (silent)',
      code: `class BackoffTimer {
  private numRetries = 0;
  getNumRetries(): number { return this.numRetries; }
  async sleepUntilDeadline() {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** this.numRetries));
    this.numRetries++;
  }
}
export class HttpClient {
  constructor(private readonly maxRetries: number) {}
  async send(url: string) {
    const backoff = new BackoffTimer();
    let response, error;
    while (backoff.getNumRetries() <= this.maxRetries) {
      try {
        response = await HttpClient.sendRequest(url);
        error = undefined;
      } catch (e) {
        error = e as SendError;
      }
      if (!HttpClient.shouldRetry(response?.status, error) || backoff.getNumRetries() + 1 >= this.maxRetries) break;
      await backoff.sleepUntilDeadline();
    }
    if (response !== undefined) return response;
    throw error;
  }
  private static async sendRequest(url: string) {
    try {
      return await fetch(url);
    } catch (raw) {
      const error = new SendError(String(raw));
      error.shouldRetry = true;
      throw error;
    }
  }
  private static shouldRetry(status?: number, error?: SendError): boolean {
    if (status === undefined) return (error as SendError).shouldRetry;
    return status === 429 || status >= 500;
  }
}`,
      findings: [],
    },
  ]);
});
