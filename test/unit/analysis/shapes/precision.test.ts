// Look-alikes from real code that must stay silent, each a general shape: a recursion down a structure
// (an error's `errors` or `cause`), a redirect followed and a handler that takes itself away are no retries, a request timeout is not a wait, and a retry count that falls back to 0 or a loop whose attempts default to 1 does not retry
// unless a caller (out of sight) asks.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: look-alikes that stay silent', () => {
  runLibraryTable([], [
    {
      title: 'a name destructured inside a function that shadows the function\'s own name (`const { batch } = …`) is not a call of it',
      code: `export default function batch(send) {
  let buffer = [];
  function flush() {
    const { batch, remaining } = split(buffer);
    buffer = remaining;
    return send(batch).catch((error) => {
      buffer = [...batch, ...buffer];
      batch.forEach((event) => log(event));
    });
  }
  return flush;
}`,
      findings: [],
    },
    {
      title: 'an error handler that takes itself away (`this.off(\'error\', onError)`) names itself without running again: no retry',
      code: `export class Upload {
  start() {
    const onStreamError = async (event) => {
      if (this.stream.error) {
        event.stopImmediatePropagation();
        this.useFallbackReader();
        this.off('error', onStreamError);
      }
    };
    this.on('error', onStreamError);
  }
}`,
      findings: [],
    },
    {
      title: 'a request that calls itself again on a redirect status (a set named for redirects, or a list of 3xx codes) follows the redirect: no retry',
      code: `const REDIRECT_STATUSES = new Set([301, 302, 307, 308]);
export class Client {
  async execute({ uri, body, method }) {
    const response = await fetch(uri, { method, body, redirect: 'manual' });
    if (REDIRECT_STATUSES.has(response.status)) return this.execute({ uri: response.headers.get('location'), body, method });
    if ([303].includes(response.status)) return this.execute({ uri: response.headers.get('location'), method: 'GET' });
    return response.json();
  }
}`,
      findings: [],
    },
    {
      title: 'a function that calls itself on a part of what it was given (`formatErrors(errors.errors)`) works down a structure: no retry',
      code: `export class Client {
  formatErrors(errors) {
    if (Array.isArray(errors)) return errors;
    if (errors && errors.errors) return this.formatErrors(errors.errors);
    return [{ message: errors?.message ?? 'Unknown error' }];
  }
  describe(error) {
    if (error.cause) return \`\${error.message}: \${this.describe(error.cause)}\`;
    return error.message;
  }
}`,
      findings: [],
    },
    {
      title: 'a request timeout (setTimeout that aborts) inside a jittered recursive retry is not a fixed wait',
      code: `export async function getJson(url, retries = 3) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  try {
    return await fetch(url, { signal: controller.signal });
  } catch (error) {
    if (retries <= 0) throw error;
    await sleep(Math.random() * 1000);
    return getJson(url, retries - 1);
  } finally {
    clearTimeout(timer);
  }
}`,
      findings: [],
    },
    {
      title: 'axios-retry whose count falls back to 0 retries nothing unless the caller configures it',
      code: `import axiosRetry from 'axios-retry';
const DEFAULT_RETRIES = 0;
export function configure(client, config) {
  const retries = config?.retries || DEFAULT_RETRIES;
  axiosRetry(client, { retries, retryDelay: () => 1000 });
}`,
      findings: [],
    },
    {
      title: 'a loop whose attempts come from a parameter defaulting to 1 makes one attempt',
      code: `export async function notify({ client, url, payload, retries = 1 }) {
  for (let tries = 0; tries < retries; tries++) {
    try {
      await client.post(url, payload);
      break;
    } catch (err) {
      if (tries < retries - 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a loop whose limit is a const of 1 declared in its function makes one attempt; the same loop with <= of it retries once',
      code: `export async function sendToSlack(url: string, payload: unknown) {
  const NUM_RETRIES = 1;
  for (let i = 0; i < NUM_RETRIES; ++i) {
    try {
      return await axios.post(url, payload);
    } catch (error) {
      await sleep(250);
    }
  }
}
export async function sendToPager(url: string, payload: unknown) {
  const NUM_RETRIES = 1;
  for (let i = 0; i <= NUM_RETRIES; ++i) {
    try {
      return await axios.get(url, { params: payload });
    } catch (error) {
      await sleep(250);
    }
  }
}`,
      findings: [[13, 'retry-without-jitter']],
    },
    {
      title: 'a for (;;) whose catch asks a local helper that counts attempts and throws is capped by the helper',
      code: `let retries = 0;
function shouldRetryOrThrow(error) {
  if (retries >= MAX_RETRIES) throw error;
  retries++;
  return true;
}
export async function subscribe(connect) {
  for (;;) {
    try {
      const socket = await connect();
      socket.onclose = () => { pending--; };
      return socket;
    } catch (error) {
      if (!shouldRetryOrThrow(error)) return;
      await sleep(Math.random() * 1000);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a loop with no wait of its own that calls a local connect which waits inside is not "retries immediately"',
      code: `async function connect(url) {
  await new Promise((resolve) => setTimeout(resolve, backoffFor(url)));
  return open(url);
}
export async function keepOpen(url) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await connect(url);
    } catch (error) {
      log(error);
    }
  }
}`,
      findings: [],
    },
  ]);
});

describe('shapes: the same constructs with the retry in sight', () => {
  runLibraryTable([], [
    {
      title: 'the loop with a default of 3 attempts and a fixed wait lacks jitter',
      code: `export async function notify({ client, url, payload, retries = 3 }) {
  for (let tries = 0; tries < retries; tries++) {
    try {
      await client.put(url, payload);
      break;
    } catch (err) {
      if (tries < retries - 1) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'axios-retry whose count falls back to 3 with a fixed delay lacks jitter',
      code: `import axiosRetry from 'axios-retry';
export function configure(client, config) {
  const retries = config?.retries ?? 3;
  axiosRetry(client, { retries, retryDelay: () => 1000 });
}`,
      findings: [[4, 'retry-without-jitter']],
    },
    ...([['// TODO add jitter.\n  return new Promise((resolve) => setTimeout(resolve, ms));', [[6, 'retry-without-jitter']]], ['return new Promise((resolve) => setTimeout(resolve, ms * (0.5 + Math.random())));', []]] as [string, [number, 'retry-without-jitter'][]][]).map(([body, findings]) => ({
      title: findings.length > 0
        ? 'a sleep helper whose only mention of jitter is a comment waits a fixed time: reported'
        : 'a sleep helper that multiplies its wait by Math.random() is jittered: silent',
      code: `function sleep(ms) {
  ${body}
}
export async function register(api, limit) {
  for (let attempt = 0; attempt < limit; attempt++) {
    try {
      return await api.register();
    } catch (error) {
      await sleep(1000);
    }
  }
}`,
      findings,
    })),
    {
      title: 'an ioredis retryStrategy whose only "return null" is in a comment always returns a delay: it never stops',
      code: `import Redis from 'ioredis';
export const redis = new Redis({
  retryStrategy(times) {
    // return null here to stop reconnecting
    return Math.min(times * 50, 2000) * (0.5 + Math.random());
  },
});`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a helper the loop hands its count to, whose only "throw" is in a comment, caps nothing',
      code: `function noteAttempt(attempt) {
  // callers throw when this returns false
  console.log('attempt', attempt);
}
export async function connect(db) {
  let attempt = 0;
  while (true) {
    try {
      return await db.connect();
    } catch (error) {
      noteAttempt(++attempt);
      await sleep(1000 * (0.5 + Math.random()));
    }
  }
}`,
      findings: [[7, 'unbounded-retry']],
    },
  ]);
});
