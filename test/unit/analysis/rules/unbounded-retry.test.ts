// unbounded-retry: every retry needs a cap on attempts or time. Lines in `invalid` are 1-based.
import { runRuleTable, type InvalidCase, type ValidCase } from '../rule-table';
import { checkFirstSentences } from './first-sentence';

/** A connect that retries with jittered waits up to MAX_ATTEMPTS; `atCap` is what its catch does at the cap. The count is cleared on success. */
function coolDownAfterCap(atCap: string): string {
  return `let attempts = 0;
const MAX_ATTEMPTS = 5;
export async function connect() {
  try {
    await openConnection();
    attempts = 0;
  } catch (error) {
    if (attempts >= MAX_ATTEMPTS) {
      ${atCap}
    }
    attempts += 1;
    setTimeout(() => void connect(), Math.random() * 1000 * 2 ** attempts);
  }
}`;
}

const valid: (string | ValidCase)[] = [
  // The same count kept by the function around the one that calls itself again: it grows across attempts and caps them.
  `function request(url) {
  let attempts = 0;
  const attempt = () => new Promise((resolve, reject) => {
    send(url).then(resolve, (error) => {
      if (error.status !== 502 || ++attempts >= 4) return reject(error);
      setTimeout(() => attempt().then(resolve, reject), Math.random() * 1900 + 100);
    });
  });
  return attempt();
}`,
  // The same connect that gives up at the cap: the count cleared on success is no way round.
  coolDownAfterCap('throw error;'),
  // TanStack Query with a finite retry, or the defaults (3 for queries), is bounded.
  `const orders = useQuery({ queryKey: ['orders'], queryFn: loadOrders, retry: 5, retryDelay: (n) => Math.random() * 1000 * 2 ** n });
const profile = useQuery({ queryKey: ['me'], queryFn: loadMe });`,
  // A retry after a token refresh that passes itself the flag its guard tests: it runs once.
  `class ApiClient {
  async request(endpoint, init = {}, opts) {
    try { return await send(endpoint, init); } catch (error) {
      if (error.status === 401 && !opts?.skipTokenRefresh) {
        await this.refresh();
        return this.request(endpoint, init, { ...opts, skipTokenRefresh: true });
      }
      throw error;
    }
  }
}`,
  // A recursive retry whose counter is stepped into a local before the call: `const next = attempt + 1`.
  `async function execute(fn, attempt, maxAttempts) {
  try { return await fn(); } catch (err) {
    if (attempt > maxAttempts) throw err;
    const nextAttempt = attempt + 1;
    await sleep(Math.random() * 1000);
    return execute(fn, nextAttempt, maxAttempts);
  }
}`,
  // A one-shot retry guarded by a flag that the retry sets to a truthy value (a chosen strategy).
  `async function attemptCreate() {
  try { return await api.post('/uploads', body); } catch (err) {
    if (err.response?.status === 409 && !conflictStrategy) {
      const strategy = await askUser(err);
      if (strategy) { conflictStrategy = strategy; return attemptCreate(); }
    }
    throw err;
  }
}`,
  // A search, not a retry: each pass listens on the next port, inside a Promise executor.
  `export async function listenOnFreePort(server: Server, first = 3000): Promise<number> {
  let port = first;
  for (;;) {
    try {
      await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, resolve));
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      port++;
    }
  }
}`,
  // Counted loop.
  `export async function getProfile(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await api.get(\`/profiles/\${id}\`);
    } catch (err) {
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
  throw new Error('profile service unavailable');
}`,
  // Cap in the catch: if (++n > MAX) throw.
  `async function send(payload) {
  let failures = 0;
  while (true) {
    try {
      const res = await fetch(ENDPOINT, { method: 'PUT', body: JSON.stringify(payload) });
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res;
    } catch (e) {
      if (++failures > MAX_RETRIES) throw e;
      await delay(backoff(failures));
    }
  }
}`,
  // Cap in a helper called in the catch that throws after N.
  `function assertRetryBudget(attempt: number, error: unknown) {
  if (attempt >= 4) throw error;
}
async function pull() {
  let attempt = 0;
  for (;;) {
    try {
      return await s3.send(new GetObjectCommand(params));
    } catch (error) {
      assertRetryBudget(++attempt, error);
      await sleep(jitter(250 * attempt));
    }
  }
}`,
  // Deadline in the loop condition.
  `async function waitForHealthy(url: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await sleep(500 + Math.random() * 500);
  }
  throw new Error('service did not become healthy');
}`,
  // Elapsed-time cap in the catch.
  `async function callWithBudget(op) {
  const start = Date.now();
  while (true) {
    try {
      return await op();
    } catch (err) {
      if (Date.now() - start > maxElapsedMs) throw err;
      await sleep(Math.random() * 1000);
    }
  }
}`,
  // Recursion with a decreasing budget.
  `async function retry<T>(fn: () => Promise<T>, retries = 3, delayMs = 200): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (retries <= 0) throw err;
    await new Promise((r) => setTimeout(r, Math.random() * delayMs));
    return retry(fn, retries - 1, delayMs * 2);
  }
}`,
  // Queue consumer: every iteration takes a new job.
  `export async function runWorker(queue: Queue) {
  while (true) {
    const job = await queue.pop();
    try {
      await handle(job);
    } catch (err) {
      logger.error({ err, jobId: job.id }, 'job failed');
    }
  }
}`,
  // Worker loop receiving messages, done flag for shutdown.
  `async function consume(sub) {
  while (!stopping) {
    const [msg] = await sub.receiveMessages({ max: 1 });
    if (!msg) continue;
    try {
      await processMessage(msg);
      await msg.ack();
    } catch (e) {
      console.warn('nack', e);
      await msg.nack();
    }
  }
}`,
  // Cursor pagination.
  `async function listAllCustomers() {
  const all = [];
  let cursor: string | undefined = undefined;
  do {
    const page = await client.customers.list({ limit: 100, starting_after: cursor });
    all.push(...page.data);
    cursor = page.has_more ? page.data[page.data.length - 1].id : undefined;
  } while (cursor);
  return all;
}`,
  // A page walk whose catch logs and stops the walk through the flag its condition reads.
  `export async function listAll(api) {
  let cursor = '';
  let hasMore = true;
  const items = [];
  while (hasMore) {
    try {
      const page = await api.list({ cursor });
      items.push(...page.items);
      cursor = page.nextCursor;
      hasMore = Boolean(page.nextCursor);
    } catch (error) {
      console.error(error);
      hasMore = false;
    }
  }
  return items;
}`,
  // Keyset pagination with a status check.
  `async function exportRows(db) {
  let lastId = 0;
  while (true) {
    const res = await fetch(\`\${BASE}/rows?after=\${lastId}\`);
    if (!res.ok) throw new Error('export failed');
    const rows = await res.json();
    if (rows.length === 0) break;
    await write(rows);
    lastId = rows[rows.length - 1].id;
  }
}`,
  // Per-item loop with a catch that only logs.
  `for (const item of items) {
  try {
    await upload(item);
  } catch (e) {
    console.error('upload failed for', item.id, e);
  }
}`,
  // Batch loop that skips a failed batch.
  `for (let i = 0; i < records.length; i += BATCH) {
  const batch = records.slice(i, i + BATCH);
  try {
    await es.bulk({ body: batch });
  } catch (err) {
    failed.push(...batch);
    continue;
  }
}`,
  // Widening search: a new input each time round.
  `async function findNearby(point) {
  for (let radius = 500; radius <= 64_000; radius *= 2) {
    try {
      const hits = await places.search({ point, radius });
      if (hits.length > 0) return hits;
    } catch (e) {
      log.warn(e);
    }
  }
  return [];
}`,
  // OAuth device-code polling bounded by the expiry.
  `async function pollForToken(device) {
  const expiresAt = Date.now() + device.expires_in * 1000;
  while (Date.now() < expiresAt) {
    await sleep(device.interval * 1000);
    const res = await fetch(TOKEN_URL, { method: 'POST', body: form(device.device_code) });
    const body = await res.json();
    if (res.ok) return body.access_token;
    if (body.error !== 'authorization_pending') throw new Error(body.error);
  }
  throw new Error('device code expired');
}`,
  // Test helper that polls until a deadline.
  `export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}`,
  // Reconnecting clients with a cap, and redis clients on their default strategy (see src/analysis/libraries/).
  `import { io } from 'socket.io-client';
import Redis from 'ioredis';
import { createClient } from 'redis';
const socket = io(URL, { reconnection: true, reconnectionAttempts: 10 });
const redis = new Redis({ retryStrategy: (times) => (times > 20 ? null : Math.random() * Math.min(times * 50, 2000)) });
const client = createClient({ url: REDIS_URL, socket: { reconnectStrategy: (retries) => (retries > 10 ? false : Math.random() * 500) } });`,
  // Libraries with their default caps.
  `import pRetry from 'p-retry';
import retry from 'async-retry';
await pRetry(() => getJson(url), { retries: 5, randomize: true });
await retry(async (bail) => { const r = await fetch(url); if (r.status === 403) bail(new Error('no')); return r; }, { retries: 4 });`,
  // rxjs retry with a count.
  `this.http.get<User[]>('/api/users').pipe(retry({ count: 3, delay: (_e, n) => timer(Math.random() * 1000 * 2 ** n) }));`,
  // The token-refresh interceptor retries once (a flag on the config).
  `api.interceptors.response.use((r) => r, async (error) => {
  const original = error.config;
  if (error.response?.status === 401 && !original._retry) {
    original._retry = true;
    await refreshToken();
    return api(original);
  }
  return Promise.reject(error);
});`,
  // Failover across hosts is not a retry of the same call.
  `async function resolve(name) {
  for (const host of resolvers) {
    try {
      return await lookup(host, name);
    } catch {}
  }
}`,
  // Plain recursion over a tree.
  `function walk(node, visit) {
  try { visit(node); } catch (e) { errors.push(e); }
  node.children.forEach((child) => walk(child, visit));
}`,
  // Polling a job until it finishes is not a retry after failure.
  `async function waitForExport(id) {
  while (true) {
    const job = await api.getExport(id);
    if (job.state === 'done') return job.url;
    await sleep(2000);
  }
}`,
  // A finite list of delays caps the attempts.
  `async function publish(event) {
  for (const ms of [100, 400, 1600]) {
    try {
      return await bus.publish(event);
    } catch {
      await sleep(ms * Math.random());
    }
  }
}`,
  // Reconnect with a counter compared against a maximum.
  `class Feed {
  private attempts = 0;
  connect() {
    this.ws = new WebSocket(this.url);
    this.ws.onopen = () => { this.attempts = 0; };
    this.ws.onclose = () => {
      if (this.attempts >= MAX_RECONNECTS) return;
      this.attempts++;
      setTimeout(() => this.connect(), Math.random() * 1000 * 2 ** this.attempts);
    };
  }
}`,
  // Searches, not retries: each pass tries a new input. A CLI asks for the passphrase again (readline).
  `import readline from 'node:readline/promises';
export async function openKeystore(store: Keystore) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  while (true) {
    const passphrase = await rl.question('Keystore passphrase: ');
    try {
      return await store.open(passphrase);
    } catch (err) {
      console.error('Wrong passphrase, try again.');
    }
  }
}`,
  // A dev server looks for a free port, one up each time the port is taken.
  `export function startDevServer(app: Express, preferred = 5173): Promise<number> {
  return (async () => {
    let port = preferred;
    for (;;) {
      try {
        await listenOn(app, port);
        return port;
      } catch (err: any) {
        if (err.code !== 'EADDRINUSE') throw err;
        port += 1;
      }
    }
  })();
}`,
  // The candidate port is built into the URL: still the operation's input.
  `async function findLocalAgent() {
  let offset = 0;
  while (true) {
    try {
      const res = await fetch(\`http://127.0.0.1:\${9222 + offset}/json/version\`);
      if (res.ok) return res.json();
    } catch {
      offset++;
    }
  }
}`,
];

const invalid: InvalidCase[] = [
  // A page walk whose catch only logs, at the end of the loop's body: a failed page is asked for again at once, forever
  // (a throw in the try that the catch takes is no way out).
  {
    line: 4, column: 3, messageId: 'noCap', message: '`while (true)` retry loop',
    data: { construct: '`while (true)` retry loop', alsoJitter: ' It also retries at once, with no wait: wait with jittered backoff.' },
    code: `export async function importIssues(github) {
  let cursor;
  const issues = [];
  while (true) {
    try {
      const data = await github.query({ first: 25, after: cursor });
      if (!data || !data.repository) throw new Error('repository not found');
      cursor = data.repository.issues.pageInfo.endCursor;
      issues.push(...data.repository.issues.nodes);
      if (!data.repository.issues.pageInfo.hasNextPage) break;
    } catch (err) {
      console.error(err);
    }
  }
  return issues;
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)',
      output: `export async function importIssues(github) {
  let cursor;
  const issues = [];
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      const data = await github.query({ first: 25, after: cursor });
      if (!data || !data.repository) throw new Error('repository not found');
      cursor = data.repository.issues.pageInfo.endCursor;
      issues.push(...data.repository.issues.nodes);
      if (!data.repository.issues.pageInfo.hasNextPage) break;
    } catch (err) {
      if (++attempt >= MAX_ATTEMPTS) throw err;
      console.error(err);
    }
  }
  return issues;
}`,
    }],
  },
  // TanStack Query: `retry: true` retries forever (documented); its delay is its QueryClient's, made elsewhere.
  {
    line: 3, column: 64, messageId: 'infiniteOption', message: '`retry: true` retries a failing query forever',
    data: { construct: '`useQuery` retry', alsoJitter: '', detail: '`retry: true` retries a failing query forever' },
    code: `import { useQuery } from '@tanstack/react-query';
export function useOrders() {
  return useQuery({ queryKey: ['orders'], queryFn: loadOrders, retry: true });
}`,
  },
  {
    line: 2, column: 50, messageId: 'infiniteOption', message: '`retry: true` retries a failing query forever',
    data: { construct: '`new QueryClient(…)` default retry', alsoJitter: '', detail: '`retry: true` retries a failing query forever' },
    code: `export const queryClient =
  new QueryClient({ defaultOptions: { queries: { retry: true, retryDelay: (n) => Math.random() * 1000 * 2 ** n } } });`,
  },
  {
    line: 2, column: 3, messageId: 'noCap', message: '`while (true)` retry loop',
    data: { construct: '`while (true)` retry loop', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `async function createOrder(order) {
  while (true) {
    try {
      return await client.post('/orders', order, { headers: { 'Idempotency-Key': order.key } });
    } catch (err) {
      await sleep(1000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `async function createOrder(order) {
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      return await client.post('/orders', order, { headers: { 'Idempotency-Key': order.key } });
    } catch (err) {
      if (++attempt >= MAX_ATTEMPTS) throw err;
      await sleep(Math.random() * 1000);
    }
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'noCap', message: '`for (;;)`',
    data: { construct: '`for (;;)` retry loop', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `async function fetchConfig() {
  const url = process.env.CONFIG_URL!;
  for (;;) {
    const res = await fetch(url);
    if (res.ok) return res.json();
    await new Promise((r) => setTimeout(r, 2000));
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `async function fetchConfig() {
  const url = process.env.CONFIG_URL!;
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  for (;;) {
    if (++attempt > MAX_ATTEMPTS) throw new Error(\`Gave up after \${MAX_ATTEMPTS} attempts\`);
    const res = await fetch(url);
    if (res.ok) return res.json();
    await new Promise((r) => setTimeout(r, Math.random() * 2000));
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'noCap',
    data: { construct: '`while (!connected)` retry loop', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `async function connectDb() {
  let connected = false;
  while (!connected) {
    try {
      await pool.connect();
      connected = true;
    } catch (e) {
      console.log('db not ready, retrying', e.message);
      await sleep(3000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `async function connectDb() {
  let connected = false;
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (!connected) {
    try {
      await pool.connect();
      connected = true;
    } catch (e) {
      if (++attempt >= MAX_ATTEMPTS) throw e;
      console.log('db not ready, retrying', e.message);
      await sleep(Math.random() * 3000);
    }
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'noCap', message: '`do … while',
    data: { construct: '`do … while (!res.ok)` retry loop', alsoJitter: ' It also retries at once, with no wait: wait with jittered backoff.' },
    code: `async function submit(form) {
  let res;
  do {
    res = await fetch('/api/submit', { method: 'PUT', body: form });
  } while (!res.ok);
  return res;
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)',
      output: `async function submit(form) {
  let res;
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  do {
    if (++attempt > MAX_ATTEMPTS) throw new Error(\`Gave up after \${MAX_ATTEMPTS} attempts\`);
    res = await fetch('/api/submit', { method: 'PUT', body: form });
  } while (!res.ok);
  return res;
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'neverCompared', message: '`attempts`',
    data: { construct: '`while (true)` retry loop', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).', counter: 'attempts' },
    code: `async function load() {
  let attempts = 0;
  while (true) {
    try {
      return await loadSettings();
    } catch (err) {
      attempts++;
      logger.warn(\`settings load failed (attempt \${attempts})\`, err);
      await sleep(500);
    }
  }
}`,
    // `attempt` appears only in a message string, so the new counter may take that name.
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `async function load() {
  let attempts = 0;
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      return await loadSettings();
    } catch (err) {
      if (++attempt >= MAX_ATTEMPTS) throw err;
      attempts++;
      logger.warn(\`settings load failed (attempt \${attempts})\`, err);
      await sleep(Math.random() * 500);
    }
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'moduloOnly',
    data: { construct: '`for (;;)` retry loop', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).', counter: 'attempt' },
    code: `async function sync() {
  let attempt = 0;
  for (;;) {
    try {
      await syncInventory();
      break;
    } catch (e) {
      attempt += 1;
      if (attempt % 10 === 0) alertOps(\`sync failing: \${attempt} attempts\`);
      await sleep(1000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `async function sync() {
  let attempt = 0;
  const MAX_ATTEMPTS = 5;
  let attempt2 = 0;
  for (;;) {
    try {
      await syncInventory();
      break;
    } catch (e) {
      if (++attempt2 >= MAX_ATTEMPTS) throw e;
      attempt += 1;
      if (attempt % 10 === 0) alertOps(\`sync failing: \${attempt} attempts\`);
      await sleep(Math.random() * 1000);
    }
  }
}`,
    }],
  },
  // A count compared only with a limit that is off says which limit, and why it never stops.
  {
    line: 7, column: 14, messageId: 'limitOff', message: 'its cap `retries` is 0 unless a caller passes a number, and 0 turns it off',
    data: { construct: 'recursive retry of `send()`', alsoJitter: '', counter: 'attempt', detail: 'its cap `retries` is 0 unless a caller passes a number, and 0 turns it off' },
    code: `export async function send(url, body, retries = 0, attempt = 0) {
  try {
    return await post(url, body);
  } catch (error) {
    if (!retries || attempt < retries) {
      await sleep(Math.random() * 1000 * 2 ** attempt);
      return send(url, body, retries, attempt + 1);
    }
    throw error;
  }
}`,
  },
  {
    line: 8, column: 12, messageId: 'limitOff', message: 'its cap `maxAttempts` is Infinity unless a caller passes a number',
    data: { construct: 'recursive retry of `send()`', alsoJitter: '', counter: 'attempt', detail: 'its cap `maxAttempts` is Infinity unless a caller passes a number' },
    code: `export async function send(url, body, options = {}, attempt = 0) {
  const maxAttempts = options.maxAttempts ?? Infinity;
  try {
    return await post(url, body);
  } catch (error) {
    if (attempt >= maxAttempts) throw error;
    await sleep(Math.random() * 1000 * 2 ** attempt);
    return send(url, body, options, attempt + 1);
  }
}`,
  },
  {
    line: 3, column: 3, messageId: 'delayOnly',
    data: { construct: '`while (true)` retry loop', alsoJitter: ' Its backoff also has no jitter: randomise each wait.', counter: 'attempt' },
    code: `export async function getWithBackoff(url) {
  let attempt = 0;
  while (true) {
    try {
      return await axios.get(url);
    } catch (error) {
      attempt++;
      await sleep(Math.min(30000, 100 * 2 ** attempt));
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait',
      output: `export async function getWithBackoff(url) {
  let attempt = 0;
  const MAX_ATTEMPTS = 5;
  let attempt2 = 0;
  while (true) {
    try {
      return await axios.get(url);
    } catch (error) {
      if (++attempt2 >= MAX_ATTEMPTS) throw error;
      attempt++;
      await sleep(Math.random() * Math.min(30000, 100 * 2 ** attempt));
    }
  }
}`,
    }],
  },
  {
    line: 3, column: 3, messageId: 'leak', message: 'line 7',
    data: { construct: '`while (attempt < 5)` retry loop', alsoJitter: '', counter: 'attempt', line: '7' },
    code: `async function charge(payload) {
  let attempt = 0;
  while (attempt < 5) {
    const res = await fetch(CHARGE_URL, { method: 'PUT', body: JSON.stringify(payload) });
    if (res.status === 429) {
      await sleep(Number(res.headers.get('retry-after')) * 1000);
      continue;
    }
    if (res.ok) return res.json();
    attempt++;
    await sleep(Math.random() * 200 * 2 ** attempt);
  }
  throw new Error('charge failed');
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)',
      output: `async function charge(payload) {
  let attempt = 0;
  const MAX_ATTEMPTS = 5;
  let attempt2 = 0;
  while (attempt < 5) {
    if (++attempt2 > MAX_ATTEMPTS) throw new Error(\`Gave up after \${MAX_ATTEMPTS} attempts\`);
    const res = await fetch(CHARGE_URL, { method: 'PUT', body: JSON.stringify(payload) });
    if (res.status === 429) {
      await sleep(Number(res.headers.get('retry-after')) * 1000);
      continue;
    }
    if (res.ok) return res.json();
    attempt++;
    await sleep(Math.random() * 200 * 2 ** attempt);
  }
  throw new Error('charge failed');
}`,
    }],
  },
  {
    line: 6, column: 12, messageId: 'noCap', message: 'recursive retry of `fetchWithRetry()`',
    data: { construct: 'recursive retry of `fetchWithRetry()`', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `async function fetchWithRetry(url: string): Promise<Response> {
  try {
    return await fetch(url);
  } catch (err) {
    await sleep(1000);
    return fetchWithRetry(url);
  }
}`,
  },
  {
    // A cool-down after the cap that sets the count back to 0 and goes round: the cap only pauses the retries.
    line: 11, column: 14, messageId: 'reset', message: 'sets `attempts` back to 0, so its cap only pauses it',
    data: { construct: 'recursive retry of `connect()`', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).', counter: 'attempts', line: '11' },
    code: coolDownAfterCap(`setTimeout(() => {
        attempts = 0;
        void connect();
      }, 5 * 60 * 1000);
      return;`),
  },
  {
    // A count declared inside the function that calls itself again: every call starts it at 0 and the cap is never reached.
    line: 8, column: 9, messageId: 'countPerCall', message: '`attempts` is declared inside the function',
    data: { construct: 'recursive retry of `request()`', alsoJitter: '', counter: 'attempts' },
    code: `function request(url) {
  let attempts = 0;
  return new Promise((resolve, reject) => {
    send(url).then(resolve, (error) => {
      if (error.status !== 502 || ++attempts >= 4) return reject(error);
      const delay = Math.random() * 1900 + 100;
      setTimeout(() => {
        request(url).then(resolve, reject);
      }, delay);
    });
  });
}`,
  },
  {
    line: 4, column: 12, messageId: 'leak', message: 'without advancing `attempt` or past its check',
    // The 429 way also goes round at once, beside the jittered wait of the other: that is said too.
    data: { construct: 'recursive retry of `request()`', alsoJitter: ' It also retries at once, with no wait: wait with jittered backoff.', counter: 'attempt', line: '4' },
    code: `async function request(url, attempt = 0) {
  const res = await fetch(url);
  if (res.status === 429) {
    return request(url, attempt);
  }
  if (!res.ok) {
    if (attempt >= 3) throw new Error('gave up');
    await sleep(Math.random() * 1000 * 2 ** attempt);
    return request(url, attempt + 1);
  }
  return res;
}`,
  },
  {
    line: 3, column: 69, messageId: 'noCap',
    data: { construct: 'recursive retry of `poll()`', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `function poll() {
  return getStatus()
    .catch(() => new Promise((r) => setTimeout(r, 5000)).then(() => poll()));
}`,
  },
  {
    line: 4, column: 22, messageId: 'noCap', message: 'reconnect handler',
    data: { construct: 'reconnect handler that calls `connect()` again', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `function connect() {
  const ws = new WebSocket(FEED_URL);
  ws.onmessage = (e) => dispatch(JSON.parse(e.data));
  ws.onclose = () => setTimeout(connect, 1000);
}`,
  },
  {
    line: 5, column: 24, messageId: 'noCap', message: 'this.connect()',
    data: { construct: 'reconnect handler that calls `this.connect()` again', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `class PriceStream {
  connect() {
    this.socket = new WebSocket(this.url);
    this.socket.addEventListener('close', () => {
      setTimeout(() => this.connect(), this.reconnectDelay);
    });
  }
}`,
  },
  {
    line: 1, column: 1, messageId: 'noCap', message: 'axios response interceptor',
    data: { construct: 'axios response interceptor that re-sends `error.config`', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `http.interceptors.response.use(undefined, async (err) => {
  if (err.response && err.response.status >= 500) {
    await sleep(1000);
    return http.request(err.config);
  }
  throw err;
});`,
  },
  {
    line: 2, column: 22, messageId: 'infiniteOption', message: '`forever: true`',
    data: { construct: '`pRetry` call', alsoJitter: '', detail: '`forever: true`' },
    code: `import pRetry from 'p-retry';
const result = await pRetry(() => fetchPrices(), { forever: true, randomize: true });`,
  },
  {
    line: 2, column: 7, messageId: 'infiniteOption', message: 'retries: Infinity',
    data: { construct: 'async-retry `retry` call', alsoJitter: '', detail: '`retries: Infinity`' },
    code: `import retry from 'async-retry';
await retry(async (bail, attempt) => {
  const res = await fetch(url);
  if (res.status === 400) return bail(new Error('bad request'));
  return res.json();
}, { retries: Infinity });`,
  },
  {
    line: 2, column: 19, messageId: 'infiniteOption',
    data: { construct: '`retry.operation()`', alsoJitter: '', detail: '`forever: true`' },
    code: `const retry = require('retry');
const operation = retry.operation({ forever: true, randomize: true, minTimeout: 500 });
operation.attempt(() => {
  dns.resolve(host, (err, addresses) => {
    if (operation.retry(err)) return;
    cb(err ? operation.mainError() : null, addresses);
  });
});`,
  },
  {
    line: 3, column: 1, messageId: 'infiniteOption',
    data: { construct: '`axiosRetry` on `axios`', alsoJitter: '', detail: '`retries: Infinity`' },
    code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
axiosRetry(axios, { retries: Infinity, retryDelay: axiosRetry.exponentialDelay });`,
  },
  {
    line: 1, column: 20, messageId: 'infiniteOption',
    data: { construct: '`got` call', alsoJitter: '', detail: '`limit: Infinity`' },
    code: `const data = await got('https://api.example.com/items', { retry: { limit: Infinity } }).json();`,
  },
  {
    line: 2, column: 3, messageId: 'infiniteOption', message: 'rxjs `retry()`',
    data: { construct: 'rxjs `retry()`', alsoJitter: ' It also retries at once, with no wait: wait with jittered backoff.', detail: 'no count' },
    code: `return this.http.get<Quote>(\`/api/quotes/\${symbol}\`).pipe(
  retry(),
  catchError(this.handleError),
);`,
  },
  {
    line: 1, column: 14, messageId: 'infiniteOption', message: 'no `count`',
    data: { construct: 'rxjs `retry({ delay: 1000 })`', alsoJitter: ' It also has no jitter: its delay is the same for every client.', detail: 'no `count`' },
    code: `prices$.pipe(retry({ delay: 1000 }), shareReplay(1));`,
  },
  {
    line: 2, column: 3, messageId: 'infiniteOption',
    data: { construct: 'rxjs `retryWhen(…)`', alsoJitter: ' It also has no jitter: its delay is the same for every client.', detail: 'a notifier that never gives up' },
    code: `const events$ = source$.pipe(
  retryWhen((errors) => errors.pipe(tap((e) => console.warn(e)), delay(2000))),
);`,
  },
  {
    line: 2, column: 16, messageId: 'infiniteOption', message: 'cockatiel',
    data: { construct: 'cockatiel `retry` policy', alsoJitter: '', detail: 'no `maxAttempts`' },
    code: `import { retry, handleAll, ExponentialBackoff } from 'cockatiel';
const policy = retry(handleAll, { backoff: new ExponentialBackoff() });
export const getUser = (id) => policy.execute(() => users.get(id));`,
  },
  {
    line: 3, column: 3, messageId: 'neverAdvanced',
    data: { construct: '`while (attempts < MAX_ATTEMPTS)` retry loop', alsoJitter: '', counter: 'attempts' },
    code: `async function publishEvent(evt) {
  let attempts = 0;
  while (attempts < MAX_ATTEMPTS) {
    try {
      return await producer.send({ topic, messages: [evt] });
    } catch (err) {
      await sleep(Math.random() * 1000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS2)',
      output: `async function publishEvent(evt) {
  let attempts = 0;
  const MAX_ATTEMPTS2 = 5;
  let attempt = 0;
  while (attempts < MAX_ATTEMPTS) {
    try {
      return await producer.send({ topic, messages: [evt] });
    } catch (err) {
      if (++attempt >= MAX_ATTEMPTS2) throw err;
      await sleep(Math.random() * 1000);
    }
  }
}`,
    }],
  },
  {
    line: 5, column: 31, messageId: 'noCap',
    data: { construct: 'recursive retry of `send()`', alsoJitter: ' It also waits a fixed delay: randomise each wait (jitter).' },
    code: `function send(payload, cb) {
  request.post({ url: HOOK_URL, json: payload }, (err, res) => {
    if (err || res.statusCode >= 500) {
      console.error('webhook failed, retrying');
      return setTimeout(() => send(payload, cb), 2000);
    }
    cb(null, res);
  });
}`,
  },
  {
    line: 2, column: 20, messageId: 'infiniteOption',
    data: { construct: '`backOff` call', alsoJitter: '', detail: '`numOfAttempts: Infinity`' },
    code: `import { backOff } from 'exponential-backoff';
const body = await backOff(() => fetchJson(url), { numOfAttempts: Infinity, jitter: 'full' });`,
  },
  // A real retry that passes its counter along for logging is still a retry: the name says it counts attempts.
  {
    line: 3, column: 3, messageId: 'neverCompared', message: '`attempt`',
    data: { construct: '`while (true)` retry loop', alsoJitter: '', counter: 'attempt' },
    code: `export async function syncInventory(url: string) {
  let attempt = 0;
  while (true) {
    try {
      return await fetchWithLog(url, attempt);
    } catch (err) {
      attempt++;
      await sleep(Math.random() * 2000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)',
      output: `export async function syncInventory(url: string) {
  let attempt = 0;
  const MAX_ATTEMPTS = 5;
  let attempt2 = 0;
  while (true) {
    try {
      return await fetchWithLog(url, attempt);
    } catch (err) {
      if (++attempt2 >= MAX_ATTEMPTS) throw err;
      attempt++;
      await sleep(Math.random() * 2000);
    }
  }
}`,
    }],
  },
  // A reassigned token is not a new input: refreshing credentials and going round is still a retry.
  {
    line: 3, column: 3, messageId: 'noCap',
    data: { construct: '`while (true)` retry loop', alsoJitter: '' },
    code: `async function loadReport(id: string) {
  let token = await getToken();
  while (true) {
    try {
      return await api.get(\`/reports/\${id}\`, { headers: { authorization: token } });
    } catch (err) {
      token = await refreshToken();
      await sleep(Math.random() * 1000);
    }
  }
}`,
    fixes: [{
      title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)',
      output: `async function loadReport(id: string) {
  let token = await getToken();
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      return await api.get(\`/reports/\${id}\`, { headers: { authorization: token } });
    } catch (err) {
      if (++attempt >= MAX_ATTEMPTS) throw err;
      token = await refreshToken();
      await sleep(Math.random() * 1000);
    }
  }
}`,
    }],
  },
];

describe('unbounded-retry', () => {
  runRuleTable('unbounded-retry', valid, invalid);
  describe('messages', () => checkFirstSentences('unbounded-retry', invalid));
});
