// Retry shapes from real code that the recognisers must find: a method of an object literal that calls
// itself through the name holding the object, a loop whose counter only feeds a flag to the request, and
// an rxjs operator built in a helper and piped elsewhere, and a loop around a function that reports its
// attempt's outcome as true or false, and a recursive retry whose name ends like a wait helper's, and a
// recursion that hands out a waiting function (`return { wait: () => … }`): that wait is not between attempts;
// a wait called on another object is not the file's own helper of that name.
import { runLibraryTable } from '../libraries/library-table';

/** A loop around a function of the file that catches a failure and returns false; `test` checks its result. */
function flagLoop(test: string, caught: string): string {
  return `export class Transactions {
  async start(runner) {
    let attempts = 0;
    const tryStart = async () => {
      try {
        await runner.startTransaction();
        return true;
      } catch (err) {
        ${caught}
      }
    };
    // Retry while another transaction is still open (the loop's text must speak of a failure).
    while (attempts < 25) {
      const result = await tryStart();
      ${test}
      attempts++;
      await new Promise((resolve) => setTimeout(resolve, attempts * 20));
    }
  }
}`;
}

/** A recursive retry whose own name ends like a wait helper's (`retryAndWait`); `wait` is its wait. */
function retryAndWait(wait: string): string {
  return `export function retry(action, max) {
  let tries = 0;
  const retryAndWait = async () => {
    let result;
    try {
      result = await action();
    } catch (e) {
      if (tries < max) {
        tries++;
        await pause(${wait});
        return retryAndWait();
      }
      throw e;
    }
    return result;
  };
  return retryAndWait();
}
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));`;
}

describe('shapes: retries the recognisers find', () => {
  runLibraryTable([], [
    {
      title: 'a wait called on another object (`timing.sleep(ms)`) is sized by its argument, not by the file\'s own `sleep` of the same name',
      code: `import * as timing from './timing';
export async function fetchWithRetry(url: string, retries: number): Promise<Response> {
  const response = await fetch(url);
  if (response.status !== 503 || retries <= 0) return response;
  await timing.sleep(1000 * 2 ** (3 - retries));
  return fetchWithRetry(url, retries - 1);
}
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms * Math.random()));
}`,
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a function that calls itself from an `onFailure` callback it hands on, doubling a wait kept in state: unbounded, without jitter',
      code: `export function scheduleSend(state, transport) {
  if (!state.down) return;
  setTimeout(() => {
    transport.send(state.queue.first(), {
      onSuccess: () => state.queue.dequeue(),
      onFailure: () => {
        state.backoff = Math.min(MAX_BACKOFF, state.backoff * 2);
        scheduleSend(state, transport);
      },
    });
  }, state.backoff);
}`,
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a function that calls itself again when the result holds errors (`result.errors.length`), capped by a count: reported, it retries at once',
      code: `export function retryingExecutor(execute, retries) {
  let attempt = 0;
  function retryAttempt() {
    attempt++;
    if (attempt > retries) throw new Error('out of attempts');
    return execute().then((result) => {
      if (result.errors?.length) return retryAttempt();
      return result;
    });
  }
  return retryAttempt();
}`,
      findings: [[7, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
    {
      title: 'another timer of the function (a rate-limit unblock) does not space the attempts: the jittered wait on the way to the call decides, silent',
      code: `export class RequestHandler {
  request(method, url) {
    return new Promise((resolve, reject) => {
      send(method, url, (err, res) => {
        if (res.headers['retry-after']) setTimeout(() => this.unblock(), 1000);
        if (res.statusCode === 502 && ++this.attempts < 4) {
          setTimeout(() => this.request(method, url).then(resolve, reject), Math.random() * 1900 + 100);
          return;
        }
        resolve(res);
      });
    });
  }
}`,
      findings: [],
    },
    {
      title: 'a flag cleared just before the retry (`this.retrying = false; this.connect()…`) only keeps retries from overlapping: it stops nothing, unbounded',
      code: `export class Realtime {
  clientNetworkError(error) {
    this.state = 'offline';
    if (this.autoReconnect && !this.retrying) {
      this.retrying = true;
      setTimeout(() => {
        this.retrying = false;
        this.connect().catch((err) => this.clientNetworkError(err));
      }, this.reconnectionDelay);
    }
  }
}`,
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a flag set once and never cleared lets the retry run once: capped',
      code: `export class Realtime {
  clientNetworkError(error) {
    if (!this.retried) {
      this.retried = true;
      setTimeout(() => {
        this.connect().catch((err) => this.clientNetworkError(err));
      }, 1000 + Math.random() * 1000);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a recursive retry named like a wait (`retryAndWait`) is not its own wait: its jittered pause is read, and it is silent',
      code: retryAndWait('Math.min(500 * 2 ** tries + Math.random() * 250, 10000)'),
      findings: [],
    },
    {
      title: 'the same recursive retry with a fixed pause: reported for jitter',
      code: retryAndWait('1000'),
      findings: [[11, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'a loop around a local function that returns false from its catch, leaving when it returns true: capped, linear wait without jitter',
      code: flagLoop('if (result) return;', 'return false;'),
      findings: [[13, 'retry-without-jitter']],
      messages: ['`while (attempts < 25)` retry loop backs off without jitter'],
    },
    {
      title: 'the same loop testing the flag as a failure (`if (!result) { …; continue; }` reads the same)',
      code: flagLoop('if (!result) { attempts++; await new Promise((resolve) => setTimeout(resolve, attempts * 20)); continue; } return;', 'return false;'),
      findings: [[13, 'retry-without-jitter']],
    },
    {
      title: 'a local function that rethrows its failure and returns some value: its result is not an outcome, so the loop is not read as a retry',
      code: flagLoop('if (result) return;', 'throw err;'),
      findings: [],
    },
    {
      title: 'an object-literal method that calls itself through its holder from the catch, capped, fixed wait',
      code: `let attempts = 0;
const tasks = {
  async connect() {
    try {
      await db.raw('SELECT 1');
    } catch (err) {
      if (attempts < 10) {
        attempts++;
        await new Promise((resolve) => setTimeout(resolve, 3000));
        await tasks.connect();
      } else {
        throw err;
      }
    }
  },
};`,
      findings: [[10, 'retry-without-jitter']],
    },
    {
      title: 'a class field holding an object whose arrow calls itself through this.field on close, forever',
      code: `export class Client {
  realtime = {
    socket: undefined,
    open: () => {
      this.realtime.socket = new WebSocket(this.url);
      this.realtime.socket.addEventListener('close', () => {
        setTimeout(() => this.realtime.open(), 1000);
      });
    },
  };
}`,
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'a loop whose counter only decides a flag of the request is still a retry',
      code: `export async function ping(device, recover) {
  for (let i = 1; i <= 2; i++) {
    try {
      await device.ping(recover || i !== 2);
      break;
    } catch (error) {
      if (i !== 2) await sleep(3000);
    }
  }
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a loop whose counter picks the input (a port) is a search, not a retry',
      code: `export async function listenFree(server) {
  for (let port = 3000; port < 3010; port++) {
    try {
      await server.listen(port + 1);
      return port;
    } catch (error) {
      await sleep(100);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'an rxjs retryWhen built in a helper with a fixed delay lacks jitter',
      code: `import { retryWhen, delay, take } from 'rxjs';
export function withRetries(delayMs = 700) {
  return retryWhen((errors) => errors.pipe(delay(delayMs), take(5)));
}`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a loop that waits through a local wrapper of setTimeout sized by its argument waits a fixed delay',
      code: `function pause(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
export async function load(url) {
  let left = 5;
  while (left > 0) {
    try {
      return await fetch(url);
    } catch (error) {
      left = left - 1;
      if (left === 0) throw error;
      await pause(3000);
    }
  }
}`,
      findings: [[6, 'retry-without-jitter']],
    },
    ...([['tests.filter((test) => !refused.has(test.id))', []], ['tests', [[8, 'unbounded-retry']]]] as [string, [number, 'unbounded-retry'][]][]).map(([next, findings]) => ({
      title: next === 'tests'
        ? 'the same call made again with what it was given is a retry, unbounded'
        : 'a call made again with what it was given less what the failure refused (`tests.filter(…)`) is a different request, not a retry',
      code: `export async function runTests(api, tests) {
  try {
    return await api.triggerTests({ tests });
  } catch (error) {
    const refused = unauthorizedIds(error);
    if (!refused.size) throw error;
    const remaining = ${next};
    return runTests(api, remaining);
  }
}`,
      findings,
    })),
    ...([['[job]', []], ['batch.slice(0, batch.length / 2)', []], ['batch', [[8, 'unbounded-retry']]]] as [string, [number, 'unbounded-retry'][]][]).map(([piece, findings]) => ({
      title: piece === 'batch'
        ? 'a failed batch sent again whole, once per item, is the same request again: unbounded'
        : `a failed batch sent again in pieces (\`${piece}\`) works down to single items, not a retry: silent`,
      code: `export async function submitBatch(batch, send) {
  try {
    await send(batch);
  } catch (error) {
    if (batch.length > 1) {
      for (const job of batch) {
        if (job.done) continue;
        await submitBatch(${piece}, send);
      }
      return;
    }
    throw error;
  }
}`,
      findings,
    })),
    ...([['retryMs', [[3, 'retry-without-jitter']]], ['Math.random() * retryMs', []]] as [string, [number, 'retry-without-jitter'][]][]).map(([wait, findings]) => ({
      title: wait === 'retryMs'
        ? 'a loop that asks a callback whether to try again (`const shouldRetry = retryCallback(result)`) is a retry: a fixed wait is reported'
        : 'the same loop with a jittered wait is silent',
      code: `export async function executeRequestRetry(options, retryCallback, retryMs = 500, retries = 10) {
  let lastResult;
  for (let retry = 1; retry <= retries; retry++) {
    const result = (lastResult = await executeRequest(options));
    const shouldRetry = retryCallback(result);
    if (shouldRetry !== true) return result;
    await sleep(${wait});
  }
  return lastResult;
}`,
      findings,
    })),
    {
      title: 'a method that calls itself through a name it gave `this` (`const me = this; … me.initUserWebsocket()`) from a close handler reconnects forever',
      code: `export class Exchange {
  async initUserWebsocket() {
    const me = this;
    const ws = new WebSocket(await me.listenUrl());
    ws.onclose = function () {
      setTimeout(async () => {
        await me.initUserWebsocket();
      }, 30_000);
    };
    return true;
  }
}`,
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'a retry loop that tells a hook of each attempt (`options.onRetry?.({ attempt, delayMs })`) still retries the same call: its growing wait has no jitter',
      code: `export async function retry(fn, options) {
  let delayMs = options.initialDelayMs;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      if (!options.shouldRetry(error) || attempt >= options.maxAttempts) throw error;
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs);
      delayMs *= options.factor;
    }
  }
}`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a base delay read from the client\'s options (`this.client.getOptions().retryDelay`) doubled each time backs off without jitter',
      code: `export class Requester {
  async send(url, data) {
    const options = this.client.getOptions();
    const retryDelay = options.retryDelay ?? 1000;
    for (let attempt = 0; attempt <= 3; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, retryDelay * 2 ** (attempt - 1)));
      try {
        return await this.makeRequest(url, data);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    ...[['Math.random() * 2000', []], ['2000', [[14, 'retry-without-jitter']]]].map(([next, findings]) => ({
      title: next === '2000'
        ? 'the same poll handed a fixed delay waits without jitter'
        : 'a recursion handed to a scheduling helper (`schedule(delay, pollOnce)`) with a jittered delay: the helper waits as told, jittered',
      code: `export function usePaymentPoll(paymentId) {
  const timer = useRef(null);
  const attempts = useRef(0);
  const nextDelay = useCallback(() => ${next}, []);
  const schedule = useCallback((ms, fn) => {
    timer.current = setTimeout(fn, Math.max(0, ms));
  }, []);
  const pollOnce = useCallback(async () => {
    try {
      return await fetch('/api/payments/' + paymentId);
    } catch (error) {
      if (++attempts.current >= 10) return;
      const delay = nextDelay();
      schedule(delay, pollOnce);
    }
  }, [paymentId]);
  return pollOnce;
}`,
      findings: findings as [number, 'retry-without-jitter'][],
    })),
    ...(['(n?: number) => provider.waitForTransaction(result.txid, n)', 'async () => { await sleep(1000); return provider.getReceipt(result.txid); }'] as const).map((handedOut) => ({
      title: `a recursion with no wait between attempts, returning an object whose \`wait\` property waits (${handedOut.includes('sleep') ? 'sleep' : 'waitForTransaction'}) later: retries at once`,
      code: `export async function submitWithRetry(tx: Tx, retries = 3): Promise<Submitted> {
  let result;
  try {
    result = await broadcast(tx);
  } catch (error) {
    if (--retries < 0) throw error;
    return submitWithRetry(tx, retries);
  }
  return { hash: result.txid, wait: ${handedOut} };
}`,
      findings: [[7, 'retry-without-jitter']] as [number, 'retry-without-jitter'][],
      messages: ['retries immediately'],
    })),
    {
      title: 'a waiting function in an object handed to the call (`broadcast(tx, { beforeSend: () => sleep(1000) })`) may run between attempts: a fixed wait',
      code: `export async function submitWithRetry(tx: Tx, retries = 3): Promise<Submitted> {
  try {
    return await broadcast(tx, { beforeSend: () => sleep(1000) });
  } catch (error) {
    if (--retries < 0) throw error;
    return submitWithRetry(tx, retries);
  }
}`,
      findings: [[6, 'retry-without-jitter']],
      messages: ['fixed delay'],
    },
  ]);
});

/** A helper that returns the status it got, retried by calling itself when `failed` holds of what came back. */
function statusReturningRetry(name: string, failed: string): string {
  return `export async function deliver(send, endpoint, payload, max, delay) {
  const ${name} = await send(endpoint, payload);
  if (${failed}) {
    if (max > 0) setTimeout(() => deliver(send, endpoint, payload, max - 1, delay * 2), delay);
  }
}`;
}

/** A loop that sends until it works or its doubling `lapse` passes a time limit; `grow` doubles it. */
function doublingLapse(grow: string): string {
  return `const maxTimeInHours = 8;
export async function triggerBuild(hook) {
  let lapse = 2;
  while (lapse < maxTimeInHours * 3600) {
    try {
      return await axios.post(hook, {});
    } catch (error) {
      await sleep(lapse * 1000);
      ${grow}
    }
  }
}`;
}

describe('shapes: a status returned whole, and a wait that doubles in the loop condition', () => {
  runLibraryTable([], [
    {
      title: 'a call\'s whole result named for what came back (`result`), tested as a 5xx status: a retry that doubles its wait, without jitter',
      code: statusReturningRetry('result', 'result >= 500 && result < 600'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a count compared with 500 (`rows >= 500`, a full page) says nothing of a failure: silent',
      code: statusReturningRetry('rows', 'rows >= 500 && rows < 600'),
      findings: [],
    },
    {
      title: 'a loop whose condition bounds a wait that doubles (`lapse *= 2` beside `sleep(lapse * 1000)`) retries the same POST: the key is missing, and the doubling wait has no jitter',
      code: doublingLapse('lapse *= 2;'),
      findings: [[4, 'retry-without-jitter'], [6, 'missing-idempotency-key']],
    },
  ]);
});

describe('shapes: a guard made anew on each call', () => {
  runLibraryTable([], [
    {
      title: 'a local `retry` that replaces itself with a no-op is made again by each call of the connect: it stops nothing, the connect retries forever',
      code: `const amqp = require('amqplib/callback_api');
module.exports = (url, onConnect) => {
  let wait = 200;
  function makeConn() {
    let retry = () => {
      retry = () => {};
      setTimeout(makeConn, wait);
      wait = Math.min(wait + 400, 5000) + Math.random() * 100;
    };
    try {
      amqp.connect(url, (err, conn) => {
        if (err) return retry();
        conn.on('close', () => retry());
        onConnect(conn);
      });
    } catch (err) {
      retry();
    }
  }
  makeConn();
};`,
      fileName: 'connect.js',
      findings: [[7, 'unbounded-retry']],
    },
  ]);
});

describe('shapes: a branch whose own log says the attempt failed, and names a function does not own', () => {
  runLibraryTable([], [
    {
      title: 'a self-call in a branch whose test the reading cannot place, but whose log says the attempt failed, is a retry',
      code: `export class Exchange {
  async login(username: string, password: string) {
    const res = await http.get(\`/session?user=\${username}\`);
    if (!res.data.session) {
      this.logger.warn('login failure, trying again');
      await delay(5000);
      return this.login(username, password);
    }
    return res.data.session;
  }
}`,
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'the same branch logging only that it waits (a poll for something not there yet) is not read as failed: silent',
      code: `export class Exchange {
  async session(username: string) {
    const res = await http.get(\`/session?user=\${username}\`);
    if (!res.data.session) {
      this.logger.info('session not issued yet, retrying');
      await delay(5000);
      return this.session(username);
    }
    return res.data.session;
  }
}`,
      findings: [],
    },
    {
      title: 'a parameter named like its function is the parameter, not the function: silent',
      code: `export const serverLogger = {
  error: (message: string, error?: { status: number }) => {
    if (process.env.DEBUG) {
      console.log(\`[API Error] \${message}\`, error ? { status: error.status } : {});
    }
  },
};`,
      findings: [],
    },
    {
      title: 'a bare name inside a function an object literal holds does not call that function (no scope holds the property): silent',
      code: `export const corsOptions = {
  origin: (requestOrigin: string, done: (error: Error | null, allow?: boolean) => void) => {
    if (!allowed.includes(requestOrigin)) {
      console.error('CORS check failed for', requestOrigin);
      return done(new Error('Not allowed'));
    }
    done(null, true);
  },
  load: async (payload?: string) => {
    if (!payload) {
      console.error('load failed: nothing to read');
      await delay(100);
      return load(payload);
    }
    return payload;
  },
};`,
      findings: [],
    },
    {
      title: 'a named function expression an object literal holds does name itself: its self-call from the catch is a retry',
      code: `export const handlers = {
  retry: async function retry(url: string): Promise<Response> {
    try {
      return await fetch(url);
    } catch {
      return retry(url);
    }
  },
};`,
      findings: [[6, 'unbounded-retry']],
    },
  ]);
});
