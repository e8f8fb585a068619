// Shapes from real code whose stop is decided where the analysis cannot see it: a loop that hands each
// failure to a function its caller passed in and goes on with that function's answer (the caller may
// throw to stop, and may wait). Precision first: silent, for the cap and the wait alike. And what only
// looks like a stop: a test for which failure it was, named for a timeout, is no deadline.
import { runLibraryTable } from '../libraries/library-table';

/** A session sender that tries again after `backoff.duration()` until `backoff.attempts` is 10, `backoff` made as `made`. */
function backoffObjectRetry(made: string): string {
  return `export function sendSessions(client, counts) {
  const backoff = ${made};
  req(handleRes);
  function handleRes(err) {
    if (!err) return;
    if (backoff.attempts === 10) {
      return;
    }
    setTimeout(() => req(handleRes), backoff.duration());
  }
  function req(cb) {
    client.deliver(counts, cb);
  }
}`;
}

/** A loop that retries `attempt` and, on each failure, runs `onFailure` in its catch. */
function handedLoop(onFailure: string): string {
  return `export async function foldAttempts(attempt, decide, initial) {
  let arg = initial;
  while (true) {
    try {
      return await attempt(arg);
    } catch (error) {
      ${onFailure}
    }
  }
}`;
}

describe('shapes: stops decided out of sight', () => {
  runLibraryTable([], [
    {
      title: 'an attempt count kept by a backoff object the file makes (`backoff.attempts === 10`, advanced by its `duration()`): the cap may be that, silent',
      code: backoffObjectRetry('new Backoff({ min: 1000, max: 10000 })'),
      findings: [],
    },
    {
      title: 'the same test of a count on a plain object literal that nothing advances stops nothing: unbounded',
      code: backoffObjectRetry('{ attempts: 0, duration: () => 1000 + Math.random() * 1000 }'),
      findings: [[9, 'unbounded-retry']],
    },
    {
      title: 'each failure handed to a function the caller passed in, whose answer is the next attempt\'s input: silent',
      code: handedLoop('arg = await decide(arg, error);'),
      findings: [],
    },
    {
      title: 'the answer asked of it in a test that goes round: silent',
      code: handedLoop('if (!(await decide(error))) throw error;'),
      findings: [],
    },
    {
      title: 'a function passed in that is only told of the failure (its answer unused) stops nothing: reported',
      code: handedLoop('decide(error);\n      await sleep(1000);'),
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a function of the file (not the caller\'s) given the failure, that neither counts nor throws, stops nothing: reported',
      code: `${handedLoop('arg = await nextInput(arg, error);\n      await sleep(1000);')}
async function nextInput(arg, error) {
  return { ...arg, lastError: error };
}`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a recursion that tells the call deciding whether to go round that this call is already the retry (`retried` passed on as true): silent',
      code: `export function send(session, config) {
  const request = async (config, retried = false) => {
    try {
      return await session.request(config);
    } catch (error) {
      if (await session.refreshAndRetry(error, retried)) return request(config, true);
      throw error;
    }
  };
  return request(config);
}`,
      findings: [],
    },
    {
      title: 'the same recursion whose deciding call is not told the flag: unbounded',
      code: `export function send(session, config) {
  const request = async (config, retried = false) => {
    try {
      return await session.request(config);
    } catch (error) {
      if (await session.refresh(error)) return request(config, true);
      throw error;
    }
  };
  return request(config);
}`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a recursion that goes round when the error equals a value named Timeout tests which failure it was, not the time: unbounded',
      code: `export async function reserve(order) {
  try {
    return await axios.put('/api/reservations/' + order.id, order);
  } catch (e) {
    if (e?.response?.data?.error === RecaptchaResult.Timeout) {
      order.token = null;
      return await reserve(order);
    }
    throw e;
  }
}`,
      findings: [[7, 'unbounded-retry']],
    },
    ...[['(_error, n) => 60_000 * 2 ** n', [[14, 'retry-without-jitter']]], ['(_error, n) => Math.random() * 60_000 * 2 ** n', []]].map(([interval, findings]) => ({
      title: `an option function given its default in the file (\`this.options.retryInterval ??= ${interval}\`) sizes the wait by that default`,
      code: `export class RetryExtension {
  constructor(options = {}) {
    this.options = options;
    this.options.retryInterval ??= ${interval};
  }
  install(client) {
    const send = client.request.bind(client);
    const retrying = async (method, path, attempt = 0) => {
      try {
        return await send(method, path);
      } catch (error) {
        if (attempt < 3 && [429, 503].includes(error.status)) {
          await waitFor({ interval: this.options.retryInterval!(error, attempt) });
          return await retrying(method, path, attempt + 1);
        }
        throw error;
      }
    };
    client.request = retrying;
  }
}`,
      findings: findings as [number, 'retry-without-jitter'][],
    })),
    {
      title: 'a wait an object sizes itself (`await backoff.backoff()`, an imported class) is a wait out of sight, not "no wait": silent',
      code: `import { ExponentialBackoff } from './backoff';
export async function requestWithBackoff(send, maxRetries) {
  const backoff = new ExponentialBackoff(maxRetries);
  for (let attempt = 0; attempt < maxRetries + 1; attempt++) {
    try {
      await backoff.backoff();
      return await send();
    } catch (err) {
      if (!isRetryable(err)) throw err;
    }
  }
}`,
      findings: [],
    },
    {
      title: 'an awaited wait just before the attempt it returns (`await sleep(1000); return await send();`) is the wait between attempts: fixed, without jitter',
      code: `export async function requestWithPause(send, maxRetries) {
  for (let attempt = 0; attempt < maxRetries + 1; attempt++) {
    try {
      await sleep(1000);
      return await send();
    } catch (err) {
      if (!isRetryable(err)) throw err;
    }
  }
}`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'a way out that asks a getter of the file (`this.allowed`) which compares a count is capped by it',
      code: `export class RetryContext {
  #attempts = 0;
  constructor(private readonly max: number) {}
  get allowed(): boolean {
    return this.#attempts < this.max;
  }
  async run(fn) {
    for (;;) {
      try {
        return await fn();
      } catch (error) {
        if (!this.allowed) throw error;
        this.#attempts++;
        await sleep(Math.random() * 1000 * 2 ** this.#attempts);
      }
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a way out that asks an object made elsewhere (`reconnect.allowed`, never set here) is decided out of sight: silent',
      code: `export function open(state, connect) {
  const { reconnect } = state;
  (async () => {
    while (!state.terminated) {
      try {
        await connect();
      } catch (error) {
        log.warn('connection lost', error);
      }
      if (!reconnect.allowed) break;
      await sleep(1000);
    }
  })();
}`,
      findings: [],
    },
    {
      title: 'a flag of that name the file sets itself (`this.allowed = false` in close()) is a switch, not a cap: unbounded',
      code: `export class Feed {
  allowed = true;
  close() { this.allowed = false; }
  async run(connect) {
    while (true) {
      try {
        return await connect();
      } catch (error) {
        if (!this.allowed) throw error;
        await sleep(Math.random() * 1000);
      }
    }
  }
}`,
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a recursion whose way round needs a whole number from the function its caller passed (`!Number.isInteger(retryAfter(err, attempts))` throws): silent',
      code: `export function makeClient(request, clock) {
  function retry(fn, retryAfter, attempts = 1) {
    return fn().catch((err) => {
      const shouldRetryAfter = retryAfter(err, attempts);
      if (!Number.isInteger(shouldRetryAfter)) throw err;
      return new Promise((resolve) => clock.setTimeout(() => resolve(retry(fn, retryAfter, attempts + 1)), shouldRetryAfter));
    });
  }
  return { get: (url, retryAfter) => retry(() => request(url), retryAfter) };
}`,
      findings: [],
    },
  ]);
});
