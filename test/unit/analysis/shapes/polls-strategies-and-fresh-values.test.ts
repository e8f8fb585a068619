// Shapes from real code: a try whose catch rethrows and whose success test returns, with the retry after
// it; an item popped from a value made this round; a helper named for retrying that runs its callbacks
// once; delays read from configuration (a getter's, or a setting of a configuration object however it was handed over); strategies that stop only for some errors; counts written as
// strings; counters held in a React ref; a self-scheduling poll that goes round after a success too;
// limits that fall back to one attempt; a wait helper out of sight given the attempt number; a test of
// an error's text; Stripe calls that add to an object; a loop that gives up when its pick comes back empty;
// a loop that leaves only once the order it checks is confirmed; a long-poll that polls again after each answer;
// a loop that asks a check until it answers yes; a pool that goes on whether a task worked or not; a status poll in
// a promise whose chain of state tests stops on a failed state; a check that goes round while the thing is not there
// yet; a request that goes round with the one-time password a person just typed.
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A recursive fetch that goes round after a 503, below a try whose catch always rethrows. */
function retryAfterTry(wait: string): string {
  return `export async function fetchWithRetry(url: string, retry: number): Promise<Response> {
  try {
    const response = await fetch(url);
    if (response.status !== 503 || retry <= 0) return response;
    ${wait}
  } catch (error) {
    throw error;
  }
  return fetchWithRetry(url, retry - 1);
}`;
}

/** An upload loop that names the file from its path each round (`naming` declares `fileName`). */
function uploadLoop(naming: string): string {
  return `export async function upload(url: string, filePath: string, file: Blob) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      ${naming}
      const response = await fetch(url, { method: 'PUT', body: file, headers: { 'x-name': fileName } });
      if (!response.ok) throw new Error(String(response.status));
      return response;
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(1000);
    }
  }
}`;
}

/** A deploy loop whose exponential backoff grows from `base`. */
function deployLoop(base: string): string {
  return `export async function deploy(url: string) {
  const baseDelay = ${base};
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await fetch(url, { method: 'PUT' });
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(baseDelay * Math.pow(2, attempt - 1));
    }
  }
}`;
}

/** A retry loop whose wait is read from an object a call hands over (`const config = app.getDecorator(…)`). */
function decoratedDeploy(holder: string, wait: string, setUp = ''): string {
  return `export async function deploy(app: App, url: string) {
  const ${holder} = app.getDecorator(k${holder});${setUp ? `\n  ${setUp}` : ''}
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await fetch(url, { method: 'PUT' });
    } catch (error) {
      if (attempt === 3) throw error;
      await sleep(${wait});
    }
  }
}`;
}

/** A node-redis v3 client whose strategy returns a delay unless a test in it says stop. */
function redisStrategy(body: string): string {
  return `const redis = require('redis');
const client = redis.createClient({
  retry_strategy: (options) => {
    ${body}
  },
});`;
}

/** A self-scheduling state poll that backs off on failure. */
function statePoll(onSuccess: string): string {
  return `export class Platform {
  start(base: number) {
    const scheduleNext = (delayMs: number) => {
      this.timer = setTimeout(async () => {
        try {
          await this.retrieveState();
          ${onSuccess}
        } catch (err) {
          this.backoffMs = Math.min((this.backoffMs ?? base) * 2, base * 5);
          scheduleNext(this.backoffMs);
        }
      }, delayMs);
    };
    scheduleNext(base);
  }
}`;
}

/** A loop that checks an order and leaves when `leave` holds; a failed check is logged and the loop goes on. */
function orderCheckLoop(leave: string): string {
  return `export async function awaitOrder(api, id) {
  for (let attempt = 1; attempt <= 40; attempt += 1) {
    try {
      const status = await api.checkOrder({ id });
      if (${leave}) return status;
    } catch (error) {
      console.error('check failed', error.message);
    }
    await new Promise((resolve) => setTimeout(resolve, 3000));
  }
  return undefined;
}`;
}

/** A long-poll: each answer below 400 is handled and the next poll sent; `onFailure` runs otherwise. */
function longPoll(onFailure: string): string {
  return `export function openLongPoll(url) {
  function poll() {
    const xhr = new XMLHttpRequest();
    xhr.onreadystatechange = () => {
      if (xhr.readyState !== 4) return;
      if (xhr.status === 201) {
        poll();
      } else if (xhr.status > 0 && xhr.status < 400) {
        handle(xhr.responseText);
        poll();
      } else {
        ${onFailure}
      }
    };
    xhr.open('POST', url, true);
    xhr.send(null);
  }
  poll();
}`;
}

/** A retry helper whose wait comes from a delay function parameter with a default; `call` uses the helper. */
function defaultedBackoff(call: string): string {
  return `export async function retryBackoff(name, fn, maxRetries = 5, backoffFn = (i) => Math.min(2000, 250 * 2 ** i)) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i > maxRetries) throw e;
      const sleepMs = backoffFn(i);
      await new Promise((resolve) => setTimeout(resolve, sleepMs));
    }
  }
}
${call}`;
}

/** A client whose retry loop waits what its static `computeDelay` returns (`delay` is that method's body). */
function staticDelayClient(delay: string): string {
  return `export class RestClient {
  static computeDelay(attempt) {
    ${delay}
  }
  static async send(fn, retries) {
    for (let attempt = 0; attempt <= retries; attempt++) {
      try {
        return await fn();
      } catch (error) {
        if (attempt === retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, RestClient.computeDelay(attempt)));
      }
    }
  }
}`;
}

/** A pool that starts the next task when one settles; `onFailure` is what its catch does. */
function taskPool(onFailure: string): string {
  return `export function runPool(tasks, limit) {
  return new Promise((resolve) => {
    let running = 0;
    const proceed = () => {
      if (tasks.length === 0 && running === 0) return resolve();
      while (running < limit && tasks.length > 0) {
        const task = tasks.shift();
        running++;
        task().then(() => {
          running--;
          proceed();
        }).catch((error) => {
          running--;
          ${onFailure}
        });
      }
    };
    proceed();
  });
}`;
}

/** A do/while that waits, then asks `call` whether the tile is there, at most 20 times. */
function tilePoll(call: string): string {
  return `export async function awaitTile(client, id) {
  let retries = 20;
  let success = null;
  do {
    await sleep(500);
    success = await ${call};
    retries -= 1;
  } while (retries > 0 && !success);
  if (!success) throw new Error('tile missing');
}`;
}

/** An event stream that fetches again after `interval` when `again` holds (an error, or also no events yet). */
function eventStream(again: string): string {
  return `export class EventStream {
  fetchEvents(callback) {
    const self = this;
    this.client.events.get(this.params, (err, result) => {
      if (${again}) {
        setTimeout(() => self.fetchEvents(callback), self.interval);
        return;
      }
      callback(null, result.entries);
    });
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'a long poll that fetches again when there are no events yet, or after an error, keeps its cadence: a poll, silent',
    code: eventStream('err || !result || result.entries.length === 0'),
    findings: [],
  },
  {
    title: 'the same fetch going round after an error alone is a retry with no cap',
    code: eventStream('err'),
    findings: [[6, 'unbounded-retry']],
  },
  {
    title: 'a loop that asks a check (`verifyTile`) until it answers yes is a poll for a state: silent',
    code: tilePoll('client.verifyTile(id)'),
    findings: [],
  },
  {
    title: 'the same loop around an upload that reports success is a retry: its fixed wait is reported',
    code: tilePoll('client.uploadTile(id)'),
    findings: [[4, 'retry-without-jitter']],
  },
  {
    title: 'a pool that goes on to the next task when one settles, whether it worked or not, is no retry: silent',
    code: taskPool("log('task failed', error);\n          proceed();"),
    findings: [],
  },
  {
    title: 'a wait computed by a static method of a class of the file (`RestClient.computeDelay(attempt)`) is read: doubling without jitter is reported',
    code: staticDelayClient('return Math.min(500 * 2 ** attempt, 30000);'),
    findings: [[6, 'retry-without-jitter']],
  },
  {
    title: 'the same static method with jitter is silent',
    code: staticDelayClient('return Math.random() * Math.min(500 * 2 ** attempt, 30000);'),
    findings: [],
  },
  {
    title: 'a wait sized by a delay function parameter is its default (no jitter) when no caller in the file passes its own: reported',
    code: defaultedBackoff("export const deploy = () => retryBackoff('deploy', () => wallet.deploy());"),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'a caller in the file that passes its own delay function puts the wait out of sight: silent',
    code: defaultedBackoff("export const deploy = () => retryBackoff('deploy', () => wallet.deploy(), 5, (i) => jittered(i));"),
    findings: [],
  },
  {
    title: 'a long-poll that sends the next poll after each answer below 400 goes round on success: no retry, so its POST is not a retried one',
    code: longPoll('report(xhr.status);'),
    findings: [],
  },
  {
    title: 'the same long-poll that also polls again after a failed answer retries that failure at once, for ever',
    code: longPoll('poll();'),
    findings: [[12, 'unbounded-retry'], [15, 'missing-idempotency-key']],
  },
  {
    title: 'a loop that leaves only once what it watches is done (`status?.confirmed`) is a poll: a check that works still goes round, so it is silent',
    code: orderCheckLoop('status?.confirmed'),
    findings: [],
  },
  {
    title: 'the same loop leaving as soon as the check works (`status.ok`) retries a failure: its fixed wait is reported',
    code: orderCheckLoop('status.ok'),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'statements after a try whose catch rethrows run only when its success test did not return: the call there retries',
    code: retryAfterTry('await sleep(3000);'),
    findings: [[9, 'retry-without-jitter']],
  },
  {
    title: 'the same retry with a jittered wait is silent',
    code: retryAfterTry('await sleep(Math.random() * 3000);'),
    findings: [],
  },
  {
    title: 'an item popped from a value made this round (`path.split("/").pop()`) is no new work: the loop retries',
    code: uploadLoop("const fileName = filePath.split('/').pop() || 'artifact.zip';"),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'an item popped from a list declared in the round is no new work either',
    code: uploadLoop("const parts = filePath.split('/'); const fileName = parts.pop();"),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'a helper of the file named for retrying that runs each callback once (a fallback request) retries nothing',
    code: `export class Api {
  private async retryWithLowercaseAlias<T>(original: () => Promise<T>, fallback: () => Promise<T>, alias: string): Promise<T> {
    try {
      return await original();
    } catch (error) {
      if (alias === alias.toLowerCase()) throw error;
      return await fallback();
    }
  }
  async start(alias: string) {
    const original = () => fetch(this.url, { method: 'POST', body: JSON.stringify({ alias }) });
    const fallback = () => fetch(this.url, { method: 'POST', body: JSON.stringify({ alias: alias.toLowerCase() }) });
    return this.retryWithLowercaseAlias(original, fallback, alias);
  }
}`,
    findings: [],
  },
  {
    title: 'a helper of the file named for retrying that hands its callback on may retry it: its POST needs a key',
    code: `async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  return pRetry(run, { retries: 3, randomize: true });
}
export const create = (order: Order) => withRetry(() => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) }));`,
    findings: [[4, 'missing-idempotency-key']],
  },
  {
    title: 'a delay read from configuration (`core.getInput`) is the same for every client: the exponential backoff lacks jitter',
    code: deployLoop("parseInt(core.getInput('retry-delay') || '10000', 10)"),
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a delay read from an object a configuration getter returns (`getNetworkConfig(network).retryInterval`) is set once for every client',
    code: deployLoop('getNetworkConfig(network).retryInterval'),
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a delay from a getter whose name only ends like one (`getBackoffFor`) stays unknown: silent',
    code: deployLoop('getBackoffFor(network).retryInterval'),
    findings: [],
  },
  {
    title: 'a delay from a helper out of sight stays unknown: silent',
    code: deployLoop("parseInt(settingsFor('retry-delay'), 10)"),
    findings: [],
  },
  {
    title: 'a setting of a configuration object handed over by a call (`config = app.getDecorator(kConfig)`) is fixed for every client',
    code: decoratedDeploy('config', 'Math.min(config.RETRY_MAX_MS, config.RETRY_BASE_MS * 2 ** attempt)'),
    findings: [[3, 'retry-without-jitter']],
  },
  {
    title: 'a setting the file gives a random part is jittered, configuration object or not: silent',
    code: decoratedDeploy('config', 'config.RETRY_BASE_MS * 2 ** attempt', 'config.RETRY_BASE_MS = 500 + Math.random() * 500;'),
    findings: [],
  },
  {
    title: 'a property of an object handed over by a call not named for configuration stays unknown: silent',
    code: decoratedDeploy('policy', 'policy.RETRY_BASE_MS * 2 ** attempt'),
    findings: [],
  },
  {
    title: 'a node-redis strategy that stops only for some errors retries a refused connection for ever',
    code: redisStrategy(`if (options.error === null || options.error.code === 'ECONNREFUSED') {
      return 1000;
    }`),
    fileName: 'client.js',
    findings: [[3, 'unbounded-retry']],
    messages: ['stops only for some errors'],
  },
  {
    title: 'a node-redis strategy that also tests the attempt is capped',
    code: redisStrategy(`if (options.error && options.error.code === 'ECONNREFUSED') return new Error('refused');
    if (options.attempt > 10) return undefined;
    return Math.min(options.attempt * 100, 3000) + Math.random() * 100;`),
    fileName: 'client.js',
    findings: [],
  },
  {
    title: 'a count written as a string is compared as the number: `reconnectionAttempts: "Infinity"` never stops',
    code: `import { io } from 'socket.io-client';
const options = { reconnectionAttempts: 'Infinity', timeout: 10000 };
export const socket = io('/', options);`,
    findings: [[3, 'unbounded-retry']],
  },
  {
    title: 'a counter kept in a React ref sizes the delay by the attempt: nothing caps the reconnect and its backoff has no jitter',
    code: `export function useSocket(url: string) {
  const attemptRef = useRef(0);
  const connect = useCallback(() => {
    const ws = new WebSocket(url);
    ws.onclose = () => {
      const backoffMs = Math.min(1000 * 2 ** attemptRef.current, 30000);
      attemptRef.current++;
      setTimeout(() => connect(), backoffMs);
    };
  }, [url]);
  return connect;
}`,
    findings: [[8, 'unbounded-retry']],
    messages: ['has no jitter'],
  },
  {
    title: 'a self-scheduling poll that goes round after a success too is a periodic poll, not a retry',
    code: statePoll('scheduleNext(base + Math.floor(Math.random() * 5000));'),
    findings: [],
  },
  {
    title: 'the same function that goes round only after a failure is a retry',
    code: statePoll('this.backoffMs = undefined;'),
    findings: [[10, 'unbounded-retry']],
  },
  {
    title: 'a loop whose attempt limit falls back to one attempt (`props.maxAttempts || 1`) sends once unless a caller asks: silent',
    code: publishLoop('props.maxAttempts || 1'),
    findings: [],
  },
  {
    title: 'the same loop with a limit of three retries at once, without a wait',
    code: publishLoop('props.maxAttempts || 3'),
    findings: [[5, 'retry-without-jitter']],
  },
  {
    title: 'a wait helper out of sight given the attempt number computes the delay itself: silent',
    code: inheritedSleep('retryAttempts'),
    findings: [],
  },
  {
    title: 'the same helper given a duration waits that long: a fixed wait',
    code: inheritedSleep('1000'),
    findings: [[11, 'retry-without-jitter']],
  },
  {
    title: "a test of the error's text (`upsertError?.message.includes('foreign key')`) holds only after a failure: the call in it retries",
    code: `const upsertPrice = async (price: Price, retryCount = 0) => {
  const { error: upsertError } = await db.from('prices').upsert([price]);
  if (upsertError?.message.includes('foreign key constraint')) {
    if (retryCount < 3) {
      await new Promise((resolve) => setTimeout(resolve, 2000));
      await upsertPrice(price, retryCount + 1);
    } else {
      throw new Error(upsertError.message);
    }
  }
};`,
    findings: [[6, 'retry-without-jitter']],
  },
  {
    title: 'Stripe calls that add to an object (`invoices.addLines`) make something new: retried by the app without a key, they duplicate',
    code: `export async function addLines(stripe: Stripe, invoiceId: string, lines: Line[]) {
  return withStripeRetry(() => stripe.invoices.addLines(invoiceId, { lines }));
}`,
    findings: [[2, 'missing-idempotency-key']],
  },
  {
    title: 'a dial loop that gives up when the server pool it picks from comes back empty: the stop is the pool\'s, out of sight',
    code: dialLoop('if (!server || this.aborted) { throw lastError ?? new Error(\'connection refused\'); }'),
    findings: [],
  },
  {
    title: 'the same loop that only logs an empty pick has no stop',
    code: dialLoop('if (!server) { log(\'no server\'); }'),
    findings: [[4, 'unbounded-retry']],
  },
];

/** A client that dials the servers of its pool in turn until one answers. */
function dialLoop(onEmpty: string): string {
  return `export class Protocol {
  async dialLoop(): Promise<void> {
    let lastError: Error | undefined;
    while (true) {
      const server = this.selectServer();
      ${onEmpty}
      try {
        await this.dial(server);
        return;
      } catch (err) {
        lastError = err as Error;
        server.reconnects++;
        await delay(Math.random() * 2000);
      }
    }
  }
}`;
}

/** A publisher that sends again at once after a failure, up to a limit. */
function publishLoop(limit: string): string {
  return `export function publisher(props: Props) {
  const maxAttempts = ${limit};
  return async (body: Buffer) => {
    let attempts = 0;
    while (true) try {
      return await channel.publish(body);
    } catch (err) {
      if (++attempts >= maxAttempts) throw err;
    }
  };
}`;
}

/** A client whose wait comes from the class it extends, defined in another file. */
function inheritedSleep(argument: string): string {
  return `export class FetchClient extends HttpClient {
  async get(url: string) {
    let retryAttempts = 1;
    const makeRequest = async (): Promise<Response> => {
      try {
        return await fetch(url);
      } catch (error) {
        if (retryAttempts > 3) throw error;
        retryAttempts++;
        await this.sleep(${argument});
        return makeRequest();
      }
    };
    return makeRequest();
  }
}`;
}

/** A loop that reads a payment intent and goes round (after a fixed second) when `pending` holds or the read says `missing`. */
function confirmationPoll(pending: string, missing: string): string {
  return `export async function confirmPayment(stripe, id) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const intent = await stripe.paymentIntents.retrieve(id);
      if (intent.status === 'succeeded') return true;
      if (${pending} && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      return false;
    } catch (error) {
      if (${missing} && attempt < 2) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        continue;
      }
      throw error;
    }
  }
  return false;
}`;
}

cases.push(
  {
    title: 'a loop that goes round only while the state is not final or the thing is not there yet is a status poll: silent',
    code: confirmationPoll("intent.status === 'requires_payment_method'", "error.code === 'resource_missing'"),
    findings: [],
  },
  {
    title: 'the same loop going round on any failed read retries, without jitter',
    code: confirmationPoll("intent.status === 'requires_payment_method'", 'error'),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: 'going round on a failed state is a retry of the failure, without jitter',
    code: confirmationPoll("intent.status === 'failed'", "error.code === 'resource_missing'"),
    findings: [[2, 'retry-without-jitter']],
  },
);

/** A read just after the write that made the record, going round (after a fixed wait) on `notYet`; other answers end the loop. */
function readAfterWrite(notYet: string): string {
  return `export async function fetchEscrow(id) {
  let attempt = 0;
  while (attempt < 3) {
    try {
      const response = await fetch('/api/escrow/' + id);
      if (response.ok) {
        return await response.json();
      } else if (${notYet}) {
        attempt++;
        await new Promise((resolve) => setTimeout(resolve, 700));
        continue;
      } else {
        break;
      }
    } catch (error) {
      break;
    }
  }
  return undefined;
}`;
}

cases.push(
  {
    title: 'a read that goes round only on 404 waits for a record just written to show (the server answers): a poll, silent',
    code: readAfterWrite('response.status === 404'),
    findings: [],
  },
  {
    title: 'the same read going round on any 5xx retries the failing server, without jitter',
    code: readAfterWrite('response.status >= 500'),
    findings: [[3, 'retry-without-jitter']],
  },
);

/** A loop that creates a bucket, trying another name when `taken` holds; any other failure is thrown. */
function uniqueNameSearch(taken: string): string {
  return `export async function createBucket(api, baseName) {
  for (let round = 0; round < 5; round++) {
    const name = round === 0 ? baseName : baseName + '-' + randomString(6);
    try {
      await api.createBucket({ name });
      return name;
    } catch (error) {
      if (${taken}) continue;
      throw error;
    }
  }
  throw new Error('no free bucket name');
}`;
}

cases.push(
  {
    title: 'a create that tries another name when the server answers 409 (taken) searches for a free name: silent',
    code: uniqueNameSearch('getErrStatus(error) === 409'),
    findings: [],
  },
  {
    title: 'the same loop going round on a 503 retries the failing server at once',
    code: uniqueNameSearch('getErrStatus(error) === 503'),
    findings: [[2, 'retry-without-jitter']],
  },
);

/** A job-status poll in a promise: `failedBranch` runs when the state is 'failed'; a request error rejects. */
function statusPoll(failedBranch: string): string {
  return `export function waitForJob(check: () => Promise<{ state: string }>, waiting: string[], done: string, everyMs = 2000) {
  return new Promise((resolve, reject) => {
    const ask = () => {
      check()
        .then((job) => {
          const state = job.state;
          if (waiting.includes(state)) setTimeout(ask, everyMs);
          else if (state === done) resolve(job);
          else if (state === 'failed') ${failedBranch}
          else setTimeout(ask, everyMs);
        })
        .catch((error) => reject(error));
    };
    ask();
  });
}`;
}

cases.push(
  {
    title: 'a status poll in a promise that goes round on states not final and stops on a failed one, rejecting on errors, is a poll: silent',
    code: statusPoll('reject(new Error(`job ${state}`));'),
    findings: [],
  },
  {
    title: 'the same chain going round on the failed state too retries what failed, without a cap (reported at that branch: the list of states to wait on is no list of failures)',
    code: statusPoll('setTimeout(ask, everyMs);'),
    findings: [[9, 'unbounded-retry']],
  },
);

/** A check that goes round after `waitFor` errors; `test` says which. */
function checkUntilIndexed(test: string): string {
  return `export function watchTransfer(check: () => Promise<void>, onDone: (ok: boolean) => void) {
  let timer: ReturnType<typeof setTimeout>;
  const run = async () => {
    try {
      await check();
      onDone(true);
    } catch (error) {
      if (error instanceof LookupError && (${test})) {
        timer = setTimeout(run, 250);
        return;
      }
      onDone(false);
    }
  };
  timer = setTimeout(run, 0);
  return () => clearTimeout(timer);
}`;
}

/** A request that, refused for want of a one-time password, asks for one and goes round; `again` is the call back. */
function askForOneTimePassword(again: string): string {
  return `export async function publish(url: string, opts: { otpPrompt?: () => Promise<string>; otp?: string }): Promise<Response> {
  try {
    return await send(url, opts);
  } catch (error) {
    if (!(error instanceof OneTimePasswordRequired) || !opts.otpPrompt) throw error;
    let otp;
    try {
      otp = await opts.otpPrompt();
    } catch {
      // no answer: fail with the server's refusal
    }
    if (!otp) throw error;
    return ${again};
  }
}`;
}

cases.push(
  {
    title: 'a check that goes round only while the node says the thing is not there yet (`not found`, `missing receipt`) waits for it to show: a poll, silent',
    code: checkUntilIndexed("error.message === 'not found' || error.message === 'missing receipt'"),
    findings: [],
  },
  {
    title: 'the same check going round on a timeout retries a failure, without a cap',
    code: checkUntilIndexed("error.message === 'timeout'"),
    findings: [[9, 'unbounded-retry']],
  },
  {
    title: 'a request that goes round with the one-time password a person just typed asks the user, not a failing service: silent',
    code: askForOneTimePassword('publish(url, { ...opts, otp })'),
    findings: [],
  },
  {
    title: 'the same request going round with what failed, after the prompt, is a retry without a cap',
    code: askForOneTimePassword('publish(url, opts)'),
    findings: [[13, 'unbounded-retry']],
  },
);

describe('shapes: polls, strategies, fresh values and helpers that run once', () => {
  runLibraryTable([], cases);
});

describe('shapes: a loop that goes round while what it made was seen before', () => {
  runLibraryTable([], [
    {
      title: 'a loop that fetches a fresh value until the signature it signs is one not seen before is no retry of a failure, though it may throw',
      code: `export class Sender {
  private readonly seenSignatures: string[] = [];
  async prepare(tx: Tx): Promise<void> {
    let fresh = false;
    for (;;) {
      const latest = await this.latestBlockhash(fresh);
      tx.recentBlockhash = latest.blockhash;
      tx.sign();
      if (!tx.signature) throw new Error('unsigned');
      const signature = tx.signature.toString('base64');
      if (!this.seenSignatures.includes(signature)) {
        this.seenSignatures.push(signature);
        break;
      }
      fresh = true;
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a loop that goes round while the status is in a list of retryable ones, without a cap, retries forever',
      code: `const RETRYABLE_STATUSES = [429, 503];
export async function load(url: string): Promise<Response> {
  for (;;) {
    const res = await fetch(url);
    if (!RETRYABLE_STATUSES.includes(res.status)) return res;
    await sleep(1000);
  }
}`,
      findings: [[3, 'unbounded-retry']],
    },
  ]);
});

/** A queue run that starts itself again once its period is over, and from its catch as `onFailure` says. */
function periodicRun(onFailure: string): string {
  return `async function runQueue() {
  let periodOver = false;
  setTimeout(() => { periodOver = true; }, 60000);
  try {
    await sendPending();
    if (periodOver) await runQueue();
  } catch {
    ${onFailure}
  }
}`;
}

describe('shapes: a periodic run whose catch starts it again', () => {
  runLibraryTable([], [
    {
      title: 'a periodic run whose catch starts it again at once retries a lasting failure in a tight loop, without a cap',
      code: periodicRun('await runQueue();'),
      fileName: 'queue.js',
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'the same catch that hands the run to a timer (setTimeout(runQueue, ms)) puts it off: a periodic run, silent',
      code: periodicRun('setTimeout(runQueue, 120000);'),
      fileName: 'queue.js',
      findings: [],
    },
    {
      title: 'the same catch that waits before it starts the run again slows the period down on failure: a periodic run, silent',
      code: periodicRun('await sleep(120000);\n    await runQueue();'),
      fileName: 'queue.js',
      findings: [],
    },
  ]);
});
