// retry-without-jitter: a capped retry must randomise its waits. Lines in `invalid` are 1-based.
import { runRuleTable, type InvalidCase, type ValidCase } from '../rule-table';
import { checkFirstSentences } from './first-sentence';

/** A login that goes round with no password after a failure; `fill` is what runs when it has none. */
function loginAgain(fill: string): string {
  return `export class Cli {
  async loginByPassword(username, password, retryCount = 2) {
    if (password == null) {
      ${fill}
    }
    try {
      return await this.conn.login(username, password);
    } catch (err) {
      if (retryCount > 0) return this.loginByPassword(username, undefined, retryCount - 1);
      throw new Error('canceled');
    }
  }
}`;
}

const valid: (string | ValidCase)[] = [
  // A helper named for its wait (`…WithDelay`) whose timer is sized by a local function that adds randomness: jittered,
  // whatever the helper returns.
  `function backoffFor(attempt: number): number { return 250 * 2 ** attempt + Math.random() * 100; }
async function checkWithDelay(response: Response, attempt: number): Promise<Response> {
  if (response.ok) return response;
  await new Promise((resolve) => setTimeout(resolve, backoffFor(attempt)));
  throw new Error('HTTP ' + response.status);
}
export async function download(url: string): Promise<Response> {
  let last: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const response = await fetch(url);
      return await checkWithDelay(response, attempt);
    } catch (error) {
      last = error;
    }
  }
  throw last;
}`,
  // TanStack Query: a jittered retryDelay, or no retry option at all (the defaults are not reported).
  `const a = useQuery({ queryKey: ['a'], queryFn: loadA, retry: 3, retryDelay: (attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30000) });
const b = useMutation({ mutationFn: saveB });
const c = useMutation({ mutationFn: saveC, retry: false });`,
  // A recursive retry scheduled through a setTimeout-like helper, with a jittered delay and a cap on a stepped local.
  `const retry = async (fn, maxAttempts) => {
  const execute = async (attempt) => {
    try { return await fn(); } catch (err) {
      if (attempt <= maxAttempts) {
        const nextAttempt = attempt + 1;
        const ms = Math.min(2 ** nextAttempt * 1000, 60_000) * Math.random();
        return delay(() => execute(nextAttempt), ms);
      }
      throw err;
    }
  };
  return execute(1);
};
const delay = (fn, ms) => new Promise((resolve) => setTimeout(() => resolve(fn()), ms));`,
  // A local wait helper whose delay comes from an imported policy: out of sight, so no finding.
  `import { computeBackoffDelayMs } from '../retry/policy';
async function delayForRetry(attempt, policy) {
  const backoff = computeBackoffDelayMs(attempt, policy);
  await new Promise((resolve) => setTimeout(resolve, backoff));
}
export async function request(init, policy) {
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    try { return await fetch(init.url, init); }
    catch (error) { if (attempt === policy.maxAttempts) throw error; await delayForRetry(attempt, policy); }
  }
}`,
  // A login that asks the user again after a wrong password: a person answers, not a failing service.
  loginAgain(`const pass = await this.promptPassword('Password: ');
      return this.loginByPassword(username, pass, retryCount);`),
  // A delay that grows, then takes a random step when jitter is on (`delay = delay + Math.random() * spread`).
  `export async function withBackoff(fn, opts) {
  for (let attempt = 0; attempt <= opts.maxRetries; attempt++) {
    try { return await fn(); } catch (error) {
      if (attempt >= opts.maxRetries) throw error;
      let delay = Math.min(opts.initialDelay * 2 ** attempt, opts.maxDelay);
      if (opts.jitter) delay = delay + Math.random() * delay * 0.25;
      await sleep(delay);
    }
  }
}`,
  // A timer handed in for tests (`sleepFn = setTimeout`) waits the jittered delay it is given after the callback.
  `export const withRetries = async (fn, { maxAttempts, attempt = 0, sleepFn = setTimeout }) => {
  const backoffMs = attempt > 0 ? Math.random() * 2 ** attempt * 1000 : 0;
  attempt += 1;
  try { return await fn(); } catch (error) {
    if (attempt >= maxAttempts) throw error;
    await new Promise((resolve) => sleepFn(resolve, backoffMs));
    return withRetries(fn, { maxAttempts, attempt, sleepFn });
  }
};`,
  // Full jitter with Math.random.
  `async function getQuote(symbol) {
  for (let attempt = 1; attempt <= 4; attempt++) {
    try {
      return await quotes.get(symbol);
    } catch (err) {
      const cap = Math.min(10_000, 200 * 2 ** attempt);
      await sleep(Math.random() * cap);
    }
  }
}`,
  // crypto.randomInt.
  `import { randomInt } from 'node:crypto';
async function put(key, value) {
  let attempt = 0;
  while (attempt < 5) {
    try { return await kv.put(key, value); }
    catch (e) { attempt++; await setTimeout(randomInt(0, 100 * 2 ** attempt)); }
  }
}`,
  // A helper named for jitter.
  `async function post(body) {
  for (let i = 0; i < MAX; i++) {
    const res = await fetch(URL_, { method: 'PUT', body });
    if (res.ok) return res;
    await sleep(withJitter(BASE_MS * 2 ** i));
  }
}`,
  // A local backoff helper that adds randomness.
  `function backoffMs(attempt: number) {
  const base = 100 * 2 ** attempt;
  return base / 2 + Math.random() * base / 2;
}
async function run(task) {
  for (let attempt = 0; attempt < 6; attempt++) {
    try { return await task(); } catch { await sleep(backoffMs(attempt)); }
  }
}`,
  // async-retry randomizes by default.
  `import retry from 'async-retry';
export const load = () => retry(async () => (await fetch(url)).json(), { retries: 3, minTimeout: 200 });`,
  // got adds random noise to its delays.
  `const client = got.extend({ prefixUrl: API, retry: { limit: 3 } });`,
  // cockatiel's ExponentialBackoff uses decorrelated jitter by default.
  `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { maxAttempts: 3, backoff: new ExponentialBackoff() });`,
  // axios-retry's exponentialDelay is jittered.
  `axiosRetry(client, { retries: 3, retryDelay: axiosRetry.exponentialDelay });`,
  // p-retry with randomize.
  `await pRetry(run, { retries: 4, randomize: true, minTimeout: 250 });`,
  // exponential-backoff with full jitter.
  `const res = await backOff(() => send(msg), { numOfAttempts: 6, jitter: 'full' });`,
  // rxjs retry with a jittered delay.
  `orders$.pipe(retry({ count: 4, delay: (_err, n) => timer(Math.random() * 500 * 2 ** n) }));`,
  // Unbounded: reported by unbounded-retry only.
  `async function forever() {
  while (true) {
    try { return await ping(); } catch { await sleep(1000); }
  }
}`,
  // An imported backoff helper we cannot see: say nothing.
  `import { backoff } from './resilience';
async function save(doc) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await db.save(doc); } catch (e) { await backoff(attempt); }
  }
}`,
  // The server says how long to wait (with a fallback, the fallback would decide: see the shapes tests).
  `async function rateLimited(url) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const res = await fetch(url);
    if (res.status !== 429) return res;
    await sleep(Number(res.headers.get('retry-after')) * 1000);
  }
}`,
  // The token-refresh interceptor replays once; no backoff needed.
  `instance.interceptors.response.use((res) => res, async (error) => {
  const config = error.config;
  if (error.response?.status === 401 && !config._retry) {
    config._retry = true;
    config.headers.Authorization = \`Bearer \${await refresh()}\`;
    return instance(config);
  }
  throw error;
});`,
  // A queue consumer sleeping between empty polls is not a retry.
  `while (running) {
  const msgs = await sqs.receiveMessage(params).promise();
  if (!msgs.Messages) { await sleep(1000); continue; }
  try { await handle(msgs.Messages); } catch (err) { console.error(err); }
}`,
  // Polling until a deadline.
  `export async function waitUntilReady(probe, timeout = 10_000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    try { if ((await probe()).ok) return true; } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}`,
  // ky with jitter turned on.
  `const api = ky.create({ prefixUrl: BASE, retry: { limit: 3, jitter: true } });`,
  // Regenerating a short code after a unique-key clash is a search: waiting would not help.
  `export async function createInvite(db: Db, teamId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateInviteCode();
    try {
      await db.insert('invites', { code, teamId });
      return code;
    } catch (err: any) {
      if (err.code !== 'ER_DUP_ENTRY') throw err;
    }
  }
  throw new Error('could not allocate an invite code');
}`,
  // A bounded scan for a free port.
  `async function bindMetrics(server: net.Server, base = 9100) {
  for (let port = base; port < base + 20; port++) {
    try {
      await listen(server, port);
      return port;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
    }
  }
  throw new Error('no free metrics port');
}`,
  // fetch-retry: every call sets its own jittered retryDelay (or turns retries off), so the builder's default never applies.
  `import fetchBuilder from 'fetch-retry';
const http = fetchBuilder(globalThis.fetch);
export function getFeed(userId: string) {
  return http(\`/api/feed/\${userId}\`, {
    retries: 4,
    retryDelay: (attempt: number) => Math.random() * Math.min(8000, 250 * 2 ** attempt),
  });
}
export const postComment = (body: string) => http('/api/comments', { method: 'POST', body, retries: 0 });`,
];

const invalid: InvalidCase[] = [
  // A QueryClient whose mutations retry with the library's default delay: exponential, without jitter.
  {
    line: 1, column: 65, messageId: 'libraryNoJitter', message: 'TanStack Query\'s default `retryDelay` doubles from 1 s to 30 s without jitter',
    data: { construct: '`new QueryClient(…)` default retry', detail: 'TanStack Query\'s default `retryDelay` doubles from 1 s to 30 s without jitter', subject: 'This `new QueryClient(…)` default retry has' },
    code: `const client = new QueryClient({ defaultOptions: { mutations: { retry: 2 } } });`,
    fixes: [{
      title: 'Add jitter to `retryDelay`',
      output: `const client = new QueryClient({ defaultOptions: { mutations: { retryDelay: (attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30_000), retry: 2 } } });`,
    }],
  },
  // tRPC's WebSocket client reconnecting with its default delay: doubling, without jitter.
  {
    line: 2, column: 25, messageId: 'libraryNoJitter', message: 'tRPC\'s default `retryDelayMs` doubles from 2 s to 30 s without jitter',
    data: { construct: 'tRPC `createWSClient(…)` reconnection', detail: 'tRPC\'s default `retryDelayMs` doubles from 2 s to 30 s without jitter', subject: 'This tRPC `createWSClient(…)` reconnection has' },
    code: `import { createWSClient } from '@trpc/client';
export const wsClient = createWSClient({ url: 'wss://api.example.com/trpc' });`,
    fixes: [{
      title: 'Add jitter to `retryDelayMs`',
      output: `import { createWSClient } from '@trpc/client';
export const wsClient = createWSClient({ retryDelayMs: (attemptIndex) => Math.random() * Math.min(1000 * 2 ** attemptIndex, 30_000), url: 'wss://api.example.com/trpc' });`,
    }],
  },
  // The same call made again with nothing for a value it then fills in itself, not by asking anyone: a retry at once.
  {
    line: 9, column: 34, messageId: 'noWait',
    data: { construct: 'recursive retry of `this.loginByPassword()`' },
    code: loginAgain('password = await this.vault.read(username);'),
  },
  // A timer handed in (`sleepFn = setTimeout`) waits the delay after its callback: a fixed second.
  {
    line: 6, column: 12, messageId: 'fixedWait',
    data: { construct: 'recursive retry of `withRetries()`' },
    code: `export const withRetries = async (fn, { maxAttempts, attempt = 0, sleepFn = setTimeout }) => {
  attempt += 1;
  try { return await fn(); } catch (error) {
    if (attempt >= maxAttempts) throw error;
    await new Promise((resolve) => sleepFn(resolve, 1000));
    return withRetries(fn, { maxAttempts, attempt, sleepFn });
  }
};`,
  },
  // A sleep helper built on Promise.resolve still waits what it is given: a fixed second.
  {
    data: { construct: 'recursive retry of `postOrder()`' },
    code: `function sleep(ms) {
  return Promise.resolve((resolve) => setTimeout(resolve, ms));
}
export async function postOrder(order, retries = 1) {
  try { return await send(order); }
  catch (e) { if (retries > 0) { await sleep(1000); return postOrder(order, retries - 1); } throw e; }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `function sleep(ms) {
  return Promise.resolve((resolve) => setTimeout(resolve, ms));
}
export async function postOrder(order, retries = 1) {
  try { return await send(order); }
  catch (e) { if (retries > 0) { await sleep(Math.random() * 1000); return postOrder(order, retries - 1); } throw e; }
}`,
    }],
    line: 6, column: 60,
    messageId: 'fixedWait',
  },
  {
    line: 2, column: 3, messageId: 'noWait', message: '`for (let i = 0; i < 3; i++)` retry loop',
    data: { construct: '`for (let i = 0; i < 3; i++)` retry loop' },
    code: `async function loadUser(id) {
  for (let i = 0; i < 3; i++) {
    try {
      return await users.findById(id);
    } catch (err) {
      console.warn('retrying', err);
    }
  }
}`,
  },
  {
    line: 3, column: 3, messageId: 'fixedWait',
    data: { construct: '`while (true)` retry loop' },
    code: `async function sendEmail(msg) {
  let tries = 0;
  while (true) {
    try {
      return await mailer.send(msg);
    } catch (err) {
      if (++tries >= 5) throw err;
      await sleep(1000);
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function sendEmail(msg) {
  let tries = 0;
  while (true) {
    try {
      return await mailer.send(msg);
    } catch (err) {
      if (++tries >= 5) throw err;
      await sleep(Math.random() * 1000);
    }
  }
}`,
    }],
  },
  {
    line: 2, column: 3, messageId: 'noJitter',
    data: { construct: '`for (let attempt = 0; attempt < …` retry loop' },
    code: `export async function withBackoff(fn, maxAttempts = 5) {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === maxAttempts - 1) throw e;
      await sleep(100 * 2 ** attempt);
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `export async function withBackoff(fn, maxAttempts = 5) {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === maxAttempts - 1) throw e;
      await sleep(Math.random() * (100 * 2 ** attempt));
    }
  }
}`,
    }],
  },
  {
    line: 2, column: 3, messageId: 'xorBackoff', message: 'XOR',
    data: { construct: '`for (let attempt = 0; attempt < 4; …` retry loop' },
    code: `async function fetchReport(id) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await reports.fetch(id);
    } catch {
      await sleep((2 ^ attempt) * 100);
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function fetchReport(id) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await reports.fetch(id);
    } catch {
      await sleep(Math.random() * ((2 ** attempt) * 100));
    }
  }
}`,
    }],
  },
  {
    line: 2, column: 3, messageId: 'ignoredDelay', message: '`backoff`',
    data: { construct: '`for (let attempt = 0; attempt < 5; …` retry loop', computed: 'backoff' },
    code: `async function upload(file) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await storage.put(file);
    } catch (err) {
      const backoff = 250 * 2 ** attempt;
      logger.info(\`retrying in \${backoff}ms\`);
      await sleep(1000);
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function upload(file) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await storage.put(file);
    } catch (err) {
      const backoff = 250 * 2 ** attempt;
      logger.info(\`retrying in \${backoff}ms\`);
      await sleep(Math.random() * backoff);
    }
  }
}`,
    }],
  },
  {
    line: 1, column: 62, messageId: 'noWait', message: 'rxjs `retry(3)`',
    data: { construct: 'rxjs `retry(3)`' },
    code: `this.route.params.pipe(switchMap((p) => this.api.get(p.id)), retry(3)).subscribe(render);`,
  },
  {
    line: 2, column: 3, messageId: 'delayAfterRetry',
    data: { construct: 'rxjs `retry(3)`' },
    code: `const data$ = this.http.get('/api/data').pipe(
  retry(3),
  delay(1000),
);`,
  },
  {
    line: 2, column: 19, messageId: 'libraryNoJitter', message: 'randomize: true',
    data: { construct: '`pRetry` call', detail: 'p-retry does not randomize its delays unless `randomize: true` is set', subject: 'This `pRetry` call has' },
    code: `import pRetry from 'p-retry';
const run = () => pRetry(() => fetchInventory(), { retries: 5, minTimeout: 500 });`,
    fixes: [{
      title: 'Set `randomize: true`',
      output: `import pRetry from 'p-retry';
const run = () => pRetry(() => fetchInventory(), { randomize: true, retries: 5, minTimeout: 500 });`,
    }],
  },
  {
    line: 2, column: 12, messageId: 'libraryNoJitter',
    data: { construct: '`retry.operation()`', detail: 'retry does not randomize its delays unless `randomize: true` is set', subject: 'This `retry.operation()` has' },
    code: `const retry = require('retry');
const op = retry.operation({ retries: 5, factor: 2, minTimeout: 1000 });
op.attempt(() => client.query(sql, (err, rows) => { if (op.retry(err)) return; done(err, rows); }));`,
    fixes: [{
      title: 'Set `randomize: true`',
      output: `const retry = require('retry');
const op = retry.operation({ randomize: true, retries: 5, factor: 2, minTimeout: 1000 });
op.attempt(() => client.query(sql, (err, rows) => { if (op.retry(err)) return; done(err, rows); }));`,
    }],
  },
  {
    line: 2, column: 32, messageId: 'libraryNoJitter', message: "jitter: 'full'",
    data: { construct: '`backOff` call', detail: 'exponential-backoff adds no jitter unless `jitter: \'full\'` is set', subject: 'This `backOff` call has' },
    code: `import { backOff } from 'exponential-backoff';
export const fetchFeed = () => backOff(() => http.get(FEED), { numOfAttempts: 5, startingDelay: 200 });`,
    fixes: [{
      title: 'Set `jitter: \'full\'`',
      output: `import { backOff } from 'exponential-backoff';
export const fetchFeed = () => backOff(() => http.get(FEED), { jitter: 'full', numOfAttempts: 5, startingDelay: 200 });`,
    }],
  },
  {
    line: 3, column: 1, messageId: 'libraryNoJitter', message: 'waits no time',
    data: { construct: '`axiosRetry` on `axios`', detail: 'axios-retry waits no time between attempts unless `retryDelay` is set', subject: 'This `axiosRetry` on `axios` has' },
    code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: 3 });`,
    fixes: [{
      title: 'Set `retryDelay: axiosRetry.exponentialDelay`',
      output: `import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retryDelay: axiosRetry.exponentialDelay, retries: 3 });`,
    }],
  },
  {
    line: 1, column: 1, messageId: 'libraryNoJitter', message: 'grows',
    data: { construct: '`axiosRetry` on `api`', detail: 'its delay grows but has no jitter', subject: 'This `axiosRetry` on `api` has' },
    code: `axiosRetry(api, { retries: 4, retryDelay: (retryCount) => 2 ** retryCount * 1000 });`,
  },
  {
    line: 1, column: 19, messageId: 'libraryNoJitter', message: 'ky',
    data: { construct: '`ky.post` call', detail: 'ky adds no jitter unless `retry.jitter` is set', subject: 'The retry options of this `ky.post` call have' },
    code: `const res = await ky.post('orders', { json: order, retry: { limit: 3, methods: ['post'] }, headers: { 'Idempotency-Key': key } }).json();`,
    fixes: [{
      title: 'Turn on ky jitter',
      output: `const res = await ky.post('orders', { json: order, retry: { jitter: true, limit: 3, methods: ['post'] }, headers: { 'Idempotency-Key': key } }).json();`,
    }],
  },
  {
    line: 2, column: 16, messageId: 'libraryNoJitter', message: 'ConstantBackoff',
    data: { construct: 'cockatiel `retry` policy', detail: 'cockatiel `ConstantBackoff` waits the same time for every client', subject: 'This cockatiel `retry` policy has' },
    code: `import { retry, handleType, ConstantBackoff } from 'cockatiel';
const policy = retry(handleType(NetworkError), { maxAttempts: 5, backoff: new ConstantBackoff(500) });`,
  },
  {
    line: 5, column: 19, messageId: 'fixedWait', message: 'recursive retry',
    data: { construct: 'recursive retry of `sendBeacon()`' },
    code: `function sendBeacon(data, retries = 3) {
  return fetch(BEACON_URL, { method: 'PUT', body: data }).catch((err) => {
    if (retries === 0) throw err;
    return new Promise((resolve) => setTimeout(resolve, 2000))
      .then(() => sendBeacon(data, retries - 1));
  });
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `function sendBeacon(data, retries = 3) {
  return fetch(BEACON_URL, { method: 'PUT', body: data }).catch((err) => {
    if (retries === 0) throw err;
    return new Promise((resolve) => setTimeout(resolve, Math.random() * 2000))
      .then(() => sendBeacon(data, retries - 1));
  });
}`,
    }],
  },
  {
    line: 2, column: 3, messageId: 'noJitter',
    data: { construct: '`for (let attempt = 1; attempt <= 3; …` retry loop' },
    code: `async function refreshCache() {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await fetch(CACHE_URL);
    if (res.ok) return res.json();
    await sleep(attempt * 500);
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function refreshCache() {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const res = await fetch(CACHE_URL);
    if (res.ok) return res.json();
    await sleep(Math.random() * (attempt * 500));
  }
}`,
    }],
  },
  {
    line: 4, column: 3, messageId: 'fixedWait', message: '`do … while',
    data: { construct: '`do … while (!res.ok && ++n < 4)` retry loop' },
    code: `async function ensureBucket() {
  let res;
  let n = 0;
  do {
    res = await fetch(BUCKET_URL, { method: 'PUT' });
    if (!res.ok) await new Promise((r) => setTimeout(r, 1500));
  } while (!res.ok && ++n < 4);
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function ensureBucket() {
  let res;
  let n = 0;
  do {
    res = await fetch(BUCKET_URL, { method: 'PUT' });
    if (!res.ok) await new Promise((r) => setTimeout(r, Math.random() * 1500));
  } while (!res.ok && ++n < 4);
}`,
    }],
  },
  {
    line: 2, column: 24, messageId: 'libraryNoJitter', message: 'fixed 1000 ms',
    data: { construct: 'fetch-retry wrapper `fetchWithRetry`', detail: 'fetch-retry waits a fixed 1000 ms between attempts by default', subject: 'This fetch-retry wrapper `fetchWithRetry` has' },
    code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch, { retries: 3 });`,
    fixes: [{
      title: 'Set a jittered `retryDelay`',
      output: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch, { retryDelay: (attempt) => Math.random() * Math.min(30_000, 1000 * 2 ** attempt), retries: 3 });`,
    }],
  },
  {
    line: 2, column: 7, messageId: 'libraryNoJitter', message: 'randomize: false',
    data: { construct: 'async-retry `retry` call', detail: 'async-retry has `randomize: false`, which turns its jitter off', subject: 'This async-retry `retry` call has' },
    code: `import retry from 'async-retry';
await retry(() => publish(evt), { retries: 3, randomize: false });`,
    fixes: [{
      title: 'Set `randomize: true`',
      output: `import retry from 'async-retry';
await retry(() => publish(evt), { retries: 3, randomize: true });`,
    }],
  },
  {
    line: 2, column: 3, messageId: 'ignoredDelay', message: '`delay`',
    data: { construct: '`for (let attempt = 0; attempt < 3; …` retry loop', computed: 'delay' },
    code: `async function call(op) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await op(); } catch {
      const delay = Math.random() * 100 * 2 ** attempt;
      await sleep(500);
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function call(op) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await op(); } catch {
      const delay = Math.random() * 100 * 2 ** attempt;
      await sleep(Math.random() * delay);
    }
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'noJitter',
    data: { construct: '`for (let attempt = 0; attempt < 8; …` retry loop' },
    code: `async function connectBroker() {
  let delayMs = 100;
  for (let attempt = 0; attempt < 8; attempt++) {
    try { return await amqp.connect(BROKER_URL); } catch (err) {
      await sleep(delayMs);
      delayMs *= 2;
    }
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `async function connectBroker() {
  let delayMs = 100;
  for (let attempt = 0; attempt < 8; attempt++) {
    try { return await amqp.connect(BROKER_URL); } catch (err) {
      await sleep(Math.random() * delayMs);
      delayMs *= 2;
    }
  }
}`,
    }],
  },
  {
    line: 1, column: 1, messageId: 'fixedWait', message: '`for (const ms of [200, 200, 200])`',
    data: { construct: '`for (const ms of [200, 200, 200])` retry loop' },
    code: `for (const ms of [200, 200, 200]) {
  try {
    await flush();
    break;
  } catch {
    await sleep(ms);
  }
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `for (const ms of [200, 200, 200]) {
  try {
    await flush();
    break;
  } catch {
    await sleep(Math.random() * ms);
  }
}`,
    }],
  },
  // A delay set on the call is reported on the call, without "by default".
  {
    line: 4, column: 10, messageId: 'libraryNoJitter', message: '`retryDelay: 2000` is the same for every client',
    data: { construct: 'fetch-retry call `fetchWithRetry(…)`', detail: 'its `retryDelay: 2000` is the same for every client', subject: 'This fetch-retry call `fetchWithRetry(…)` has' },
    code: `import fetchBuilder from 'fetch-retry';
const fetchWithRetry = fetchBuilder(fetch);
export async function health() {
  return fetchWithRetry('/healthz', { retries: 5, retryDelay: 2000 });
}`,
    fixes: [{
      title: 'Make `retryDelay` jittered',
      output: `import fetchBuilder from 'fetch-retry';
const fetchWithRetry = fetchBuilder(fetch);
export async function health() {
  return fetchWithRetry('/healthz', { retries: 5, retryDelay: (attempt) => Math.random() * Math.min(30_000, 1000 * 2 ** attempt) });
}`,
    }],
  },
  // A real retry that passes the attempt number to the call is still a retry.
  {
    line: 2, column: 3, messageId: 'noWait',
    data: { construct: '`for (let attempt = 1; attempt <= 3; …` retry loop' },
    code: `export async function publish(event: DomainEvent) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await bus.send(event, attempt);
    } catch (err) {
      logger.warn({ err, attempt }, 'publish failed');
    }
  }
}`,
  },
  // ky options on a chained call: the message is grammatical and names the call, on the line of `.post(…)`.
  {
    line: 4, column: 5, messageId: 'libraryNoJitter', message: 'The retry options of this `ky.post` call have no jitter',
    data: { construct: '`ky.post` call', detail: 'ky adds no jitter unless `retry.jitter` is set', subject: 'The retry options of this `ky.post` call have' },
    code: `import ky from 'ky';
export const startExport = (id: string, key: string) =>
  ky
    .post(\`/api/exports/\${id}\`, { retry: { limit: 2, methods: ['post'] }, headers: { 'Idempotency-Key': key } })
    .json();`,
    fixes: [{
      title: 'Turn on ky jitter',
      output: `import ky from 'ky';
export const startExport = (id: string, key: string) =>
  ky
    .post(\`/api/exports/\${id}\`, { retry: { jitter: true, limit: 2, methods: ['post'] }, headers: { 'Idempotency-Key': key } })
    .json();`,
    }],
  },
  // A long for header is cut (at a space) to keep the first sentence short, still showing how it starts.
  {
    line: 2, column: 3, messageId: 'noJitter', message: 'This `for (let attempt = 0; attempt <= …` retry loop backs off without jitter.',
    data: { construct: '`for (let attempt = 0; attempt <= …` retry loop' },
    code: `export async function withBackoff<T>(fn: () => Promise<T>, maxRetries = 4): Promise<T> {
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt === maxRetries) throw err;
      await sleep(250 * 2 ** attempt);
    }
  }
  throw new Error('unreachable');
}`,
    fixes: [{
      title: 'Add full jitter to the wait',
      output: `export async function withBackoff<T>(fn: () => Promise<T>, maxRetries = 4): Promise<T> {
  for (let attempt = 0; attempt <= maxRetries; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt === maxRetries) throw err;
      await sleep(Math.random() * (250 * 2 ** attempt));
    }
  }
  throw new Error('unreachable');
}`,
    }],
  },
];

describe('retry-without-jitter', () => {
  runRuleTable('retry-without-jitter', valid, invalid);
  describe('messages', () => checkFirstSentences('retry-without-jitter', invalid));
});
