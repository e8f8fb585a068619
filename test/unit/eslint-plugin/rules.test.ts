// The ESLint rules through typescript-eslint's RuleTester and its real parser. Lines and columns
// are 1-based; every invalid case states its position, its message id and data, and its suggestions, each
// with the fixed code written out by hand (RuleTester applies the suggestion and compares), so a
// slip in the plugin's position conversion shows as a wrong output.
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import type { RuleId } from '../../../src/analysis';
import assert from 'node:assert/strict';
import { analyzeOptionsOf, rules, sharedSettings, type RuleOptions, type SharedSettings } from '../../../src/eslint-plugin/rules';

RuleTester.afterAll = after;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.describe = describe;

const ruleTester = new RuleTester();

/** A suggestion as RuleTester checks it: the plugin's one message id, the fix's title and the whole fixed code. */
interface Suggestion { messageId: 'applySuggestion'; data: { title: string }; output: string }

interface Invalid {
  code: string;
  line: number;
  column: number;
  messageId: string;
  /** The values filled into the message template. */
  data: Record<string, string>;
  /** Every suggestion of the error; absent when it has none (RuleTester then checks that it has none). */
  suggestions?: Suggestion[];
  /** The first suggestion is safe unattended (Fix.safe): `eslint --fix` applies it, and the output is its own. */
  autofix?: true;
  options?: [RuleOptions];
  settings?: SharedSettings;
  filename?: string;
}

function invalidCase(testCase: Invalid): InvalidTestCase<string, [RuleOptions]> {
  const { line, column, messageId, data, suggestions } = testCase;
  return {
    code: testCase.code,
    ...(testCase.filename ? { filename: testCase.filename } : {}),
    ...(testCase.options ? { options: testCase.options } : {}),
    ...(testCase.settings ? { settings: { 'integration-coach': testCase.settings } } : {}),
    errors: [{ messageId, data, line, column, suggestions: suggestions ?? null }],
    ...(testCase.autofix ? { output: suggestions![0]!.output } : {}),
  };
}

function run(ruleId: RuleId, valid: (string | ValidTestCase<[RuleOptions]>)[], invalid: Invalid[]): void {
  ruleTester.run(ruleId, rules[ruleId], { valid, invalid: invalid.map(invalidCase) });
}

run(
  'unbounded-retry',
  [
    `async function getProfile(id: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await api.get(\`/profiles/\${id}\`);
    } catch (err) {
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
  throw new Error('profile service unavailable');
}`,
    `async function waitForHealthy(url: string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {}
    await sleep(500 + Math.random() * 500);
  }
}`,
    // Suppressed by the core's own comment.
    `// integration-coach-disable-next-line unbounded-retry -- the supervisor restarts us
while (true) {
  try { await poll(); } catch { await sleep(Math.random() * 1000); }
}`,
    // Not a retry: a queue consumer.
    `export async function runWorker(queue: Queue) {
  while (true) {
    const job = await queue.next();
    try { await handle(job); } catch (e) { log(e); }
  }
}`,
  ],
  [
    {
      line: 3, column: 3, messageId: 'noCap',
      data: { construct: '`while (true)` retry loop', alsoJitter: '' },
      code: `declare function sleep(ms: number): Promise<void>;
export async function sync(): Promise<void> {
  while (true) {
    try {
      return await push();
    } catch (error) {
      await sleep(Math.random() * 1000);
    }
  }
}`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)' },
        output: `declare function sleep(ms: number): Promise<void>;
export async function sync(): Promise<void> {
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      return await push();
    } catch (error) {
      if (++attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.random() * 1000);
    }
  }
}`,
      }],
    },
    {
      line: 3, column: 3, messageId: 'delayOnly',
      data: { construct: '`while (true)` retry loop', alsoJitter: '', counter: 'failures' },
      code: `async function send(payload: unknown) {
  let failures = 0;
  while (true) {
    try {
      return await post(payload);
    } catch (e) {
      failures++;
      await sleep(Math.random() * 100 * failures);
    }
  }
}`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)' },
        output: `async function send(payload: unknown) {
  let failures = 0;
  const MAX_ATTEMPTS = 5;
  let attempt = 0;
  while (true) {
    try {
      return await post(payload);
    } catch (e) {
      if (++attempt >= MAX_ATTEMPTS) throw e;
      failures++;
      await sleep(Math.random() * 100 * failures);
    }
  }
}`,
      }],
    },
    {
      line: 1, column: 22, messageId: 'infiniteOption',
      data: { construct: '`pRetry` call', alsoJitter: '', detail: '`forever: true`' },
      code: `const result = await pRetry(() => fetchReport(id), { forever: true, randomize: true });`,
    },
    {
      line: 2, column: 36, messageId: 'noCap', filename: 'loop.tsx',
      data: { construct: '`for (;;)` retry loop', alsoJitter: '' },
      code: `export function Poller() {
  useEffect(() => { (async () => { for (;;) { try { await refresh(); break; } catch { await sleep(Math.random() * 500); } } })(); }, []);
  return <div />;
}`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Cap the retries at 5 attempts (MAX_ATTEMPTS)' },
        output: `export function Poller() {
  useEffect(() => { (async () => { const MAX_ATTEMPTS = 5;
  let attempt = 0;
  for (;;) { try { await refresh(); break; } catch (error) {
  if (++attempt >= MAX_ATTEMPTS) throw error; await sleep(Math.random() * 500); } } })(); }, []);
  return <div />;
}`,
      }],
    },
  ],
);

run(
  'retry-without-jitter',
  [
    `async function send(payload) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await post(payload); } catch { await sleep(Math.random() * 100 * 2 ** attempt); }
  }
}`,
    `const data = await pRetry(() => load(), { retries: 4, randomize: true });`,
    // Unbounded retries are the other rule's finding.
    `while (true) { try { await push(); break; } catch { await sleep(1000); } }`,
  ],
  [
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
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Add full jitter to the wait' },
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
      code: `export async function withBackoff(fn: () => Promise<unknown>, maxAttempts = 5) {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (attempt === maxAttempts - 1) throw e;
      await sleep(100 * 2 ** attempt);
    }
  }
}`,
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Add full jitter to the wait' },
        output: `export async function withBackoff(fn: () => Promise<unknown>, maxAttempts = 5) {
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
      line: 2, column: 3, messageId: 'xorBackoff',
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
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Add full jitter to the wait' },
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
      line: 2, column: 3, messageId: 'noWait', filename: 'load.js',
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
  ],
);

run(
  'missing-idempotency-key',
  [
    `async function placeOrder(order: Order) {
  const key = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch('/api/orders', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(order) });
    } catch { await sleep(Math.random() * 1000 * 2 ** attempt); }
  }
}`,
    // A read is safe to repeat.
    `for (let attempt = 0; attempt < 3; attempt++) {
  try { return await fetch('/api/orders/1'); } catch { await sleep(Math.random() * 1000); }
}`,
    // A custom header name, from the shared settings.
    {
      code: `for (let attempt = 0; attempt < 3; attempt++) {
  try { return await fetch('/api/orders', { method: 'POST', headers: { 'X-Dedupe-Token': token } }); } catch { await sleep(Math.random() * 1000); }
}`,
      settings: { 'integration-coach': { idempotencyHeaders: ['X-Dedupe-Token'] } },
    },
    // The same from the rule's options (deprecated, still accepted).
    {
      code: `for (let attempt = 0; attempt < 3; attempt++) {
  try { return await fetch('/api/orders', { method: 'POST', headers: { 'X-Dedupe-Token': token } }); } catch { await sleep(Math.random() * 1000); }
}`,
      options: [{ idempotencyHeaders: ['X-Dedupe-Token'] }],
    },
    // Not retried.
    `export const create = (order: Order) => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });`,
  ],
  [
    {
      line: 4, column: 25, messageId: 'missingKey',
      data: { method: 'POST', request: 'fetch(…)', retry: '`for (let attempt = 0; attempt < 3; attempt++)` retry loop' },
      code: `async function placeOrder(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (e) {}
    await sleep(Math.random() * 1000 * 2 ** attempt);
  }
}`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Send an Idempotency-Key made once before the retry' },
        output: `async function placeOrder(order) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch('/api/orders', { headers: { 'Idempotency-Key': idempotencyKey }, method: 'POST', body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (e) {}
    await sleep(Math.random() * 1000 * 2 ** attempt);
  }
}`,
      }],
    },
    {
      line: 5, column: 20, messageId: 'missingKey',
      data: { method: 'POST', request: 'axios.post(…)', retry: '`while (attempt < 5)` retry loop' },
      code: `export async function submitPayment(payment: Payment) {
  let attempt = 0;
  while (attempt < 5) {
    try {
      return await axios.post('/payments', payment, { headers: { 'Content-Type': 'application/json' } });
    } catch (err) {
      attempt++;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
}`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Send an Idempotency-Key made once before the retry' },
        output: `export async function submitPayment(payment: Payment) {
  let attempt = 0;
  const idempotencyKey = crypto.randomUUID();
  while (attempt < 5) {
    try {
      return await axios.post('/payments', payment, { headers: { 'Idempotency-Key': idempotencyKey, 'Content-Type': 'application/json' } });
    } catch (err) {
      attempt++;
      await sleep(Math.random() * 200 * 2 ** attempt);
    }
  }
}`,
      }],
    },
    {
      line: 1, column: 19, messageId: 'missingKey',
      data: { method: 'POST', request: 'got.post(…)', retry: 'retry options of the `got.post` call' },
      code: `const res = await got.post('https://api.example.com/orders', { json: order, retry: { limit: 3, methods: ['POST'] } });`,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Send an Idempotency-Key made once before the retry' },
        output: `const idempotencyKey = crypto.randomUUID();
const res = await got.post('https://api.example.com/orders', { headers: { 'Idempotency-Key': idempotencyKey }, json: order, retry: { limit: 3, methods: ['POST'] } });`,
      }],
    },
    {
      // Options: flag every unsafe request without a key, retried or not.
      line: 1, column: 41, messageId: 'missingKeyUnretried',
      data: { method: 'POST', request: 'fetch(…)', retry: '' },
      code: `export const create = (order: Order) => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });`,
      options: [{ flagUnretriedRequests: true }],
    },
    {
      // Shared settings: a custom retry helper.
      line: 2, column: 10, messageId: 'missingKey',
      data: { method: 'POST', request: 'ky.post(…)', retry: '`keepTrying` call' },
      code: `export const createTicket = (ticket: Ticket) => keepTrying(async () => {
  return ky.post('tickets', { json: ticket, prefixUrl: API }).json();
}, { attempts: 3 });`,
      settings: { retryHelpers: ['keepTrying'] },
    },
    {
      // The same from the rule's options (deprecated, still accepted).
      line: 2, column: 10, messageId: 'missingKey',
      data: { method: 'POST', request: 'ky.post(…)', retry: '`keepTrying` call' },
      code: `export const createTicket = (ticket: Ticket) => keepTrying(async () => {
  return ky.post('tickets', { json: ticket, prefixUrl: API }).json();
}, { attempts: 3 });`,
      options: [{ retryHelpers: ['keepTrying'] }],
    },
  ],
);

run(
  'unstable-idempotency-key',
  [
    `async function pay(payment: Payment) {
  const key = crypto.randomUUID();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(payment) });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
    `const key = deriveKey(order.id);
await pRetry(() => fetch(API, { method: 'POST', headers: { 'Idempotency-Key': key } }), { retries: 3, randomize: true });`,
    // Not retried: a fresh key per call is fine.
    `export const pay = (p: Payment) => fetch('/api/payments', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() } });`,
  ],
  [
    {
      line: 7, column: 30, messageId: 'freshKey',
      data: { key: 'crypto.randomUUID()', retry: '`for (let attempt = 0; attempt < 4; attempt++)` retry loop' },
      code: `async function pay(payment: Payment) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', {
        method: 'POST',
        headers: {
          'Idempotency-Key': crypto.randomUUID(),
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(payment),
      });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Create the key once, before the retry' },
        output: `async function pay(payment: Payment) {
  const idempotencyKey = crypto.randomUUID();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await fetch('/api/payments', {
        method: 'POST',
        headers: {
          'Idempotency-Key': idempotencyKey,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(payment),
      });
    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }
  }
}`,
      }],
    },
    {
      line: 4, column: 28, messageId: 'freshKey',
      data: { key: 'uuidv4()', retry: '`while (attempt++ < 3)` retry loop' },
      code: `async function createOrder(order) {
  let attempt = 0;
  while (attempt++ < 3) {
    const idempotencyKey = uuidv4();
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) { await sleep(Math.random() * 1000); }
  }
}`,
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Create the key once, before the retry' },
        output: `async function createOrder(order) {
  let attempt = 0;
  const idempotencyKey = uuidv4();
  while (attempt++ < 3) {
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) { await sleep(Math.random() * 1000); }
  }
}`,
      }],
    },
    {
      line: 2, column: 15, messageId: 'freshKey',
      data: { key: 'nanoid()', retry: '`pRetry` call' },
      code: `await pRetry(async () => {
  const key = nanoid();
  const res = await fetch(API + '/transfers', { method: 'POST', headers: { 'Idempotency-Key': key }, body });
  if (!res.ok) throw new Error(String(res.status));
}, { retries: 3, randomize: true });`,
      autofix: true,
      suggestions: [{
        messageId: 'applySuggestion', data: { title: 'Create the key once, before the retry' },
        output: `const key = nanoid();
await pRetry(async () => {
  const res = await fetch(API + '/transfers', { method: 'POST', headers: { 'Idempotency-Key': key }, body });
  if (!res.ok) throw new Error(String(res.status));
}, { retries: 3, randomize: true });`,
      }],
    },
  ],
);

describe("ESLint shared settings (settings['integration-coach'])", () => {
  it('are read into the core options, with a rule\'s deprecated options merged in (each name once)', () => {
    const shared = sharedSettings({ 'integration-coach': { retryHelpers: ['keepTrying'], idempotencyHeaders: ['X-Dedupe'], timeBudgetMs: 500 } });
    assert.deepEqual(shared, { retryHelpers: ['keepTrying'], idempotencyHeaders: ['X-Dedupe'], timeBudgetMs: 500 });
    const options = analyzeOptionsOf(shared, { retryHelpers: ['withRetry', 'keepTrying'], flagUnretriedRequests: true });
    assert.deepEqual(options.retryHelpers, ['keepTrying', 'withRetry']);
    assert.deepEqual(options.idempotencyHeaders, ['X-Dedupe']);
    assert.equal(options.timeBudgetMs, 500);
    assert.equal(options.flagUnretriedRequests, true);
    assert.deepEqual(Object.keys(options.rules ?? {}), Object.keys(rules), 'every rule runs in the one shared analysis');
    // ESLint applies its own directive comments: the core leaves them to it.
    assert.deepEqual(analyzeOptionsOf(sharedSettings({}), {}), { rules: options.rules, eslintDirectives: false });
    assert.deepEqual(analyzeOptionsOf(sharedSettings({ 'integration-coach': { crossFile: false } }), {}), { rules: options.rules, eslintDirectives: false }, 'crossFile is the host\'s, not the core\'s');
  });

  it('are checked once per settings object', () => {
    const settings = { 'integration-coach': { retryHelpers: ['keepTrying'] } };
    assert.equal(sharedSettings(settings), sharedSettings(settings));
    assert.notEqual(sharedSettings(settings), sharedSettings({ ...settings }));
  });

  it('name a wrong value in the error', () => {
    assert.throws(() => sharedSettings({ 'integration-coach': ['keepTrying'] }), /^Error: Integration Coach: settings\['integration-coach'\] must be an object, not \["keepTrying"\]\.$/);
    assert.throws(() => sharedSettings({ 'integration-coach': { retryHelpers: [''] } }), /retryHelpers must be an array of non-empty strings, not \[""\]\.$/);
    assert.throws(() => sharedSettings({ 'integration-coach': { timeBudgetMs: 0 } }), /timeBudgetMs must be a positive number of milliseconds, not 0\.$/);
    assert.throws(() => sharedSettings({ 'integration-coach': { timeBudgetMs: BigInt(5) } }), /timeBudgetMs must be a positive number of milliseconds, not bigint\.$/);
    assert.throws(() => sharedSettings({ 'integration-coach': { crossFile: 1 } }), /crossFile must be true or false, not 1\.$/);
  });
});
