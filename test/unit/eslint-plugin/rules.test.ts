// The ESLint rules through typescript-eslint's RuleTester and its real parser. Lines are 1-based;
// every invalid case states its line and message id. The expected suggestions are the core's
// fixes applied to the code by offset, a check of the plugin's position conversion.
import { RuleTester, type InvalidTestCase, type ValidTestCase } from '@typescript-eslint/rule-tester';
import { analyze } from '../../../src/analysis';
import type { RuleId } from '../../../src/analysis';
import assert from 'node:assert/strict';
import { analyzeOptionsOf, rules, sharedSettings, type RuleOptions, type SharedSettings } from '../../../src/eslint-plugin/rules';

RuleTester.afterAll = after;
RuleTester.it = it;
RuleTester.itOnly = it.only;
RuleTester.describe = describe;

const ruleTester = new RuleTester();

interface Invalid { code: string; line: number; messageId: string; column?: number; options?: [RuleOptions]; settings?: SharedSettings; filename?: string }

/** The code with one fix of the core applied (edits at 0-based line/character positions). */
function applyFix(code: string, edits: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string }[]): string {
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code[i] === '\n') lineStarts.push(i + 1);
  const offset = (position: { line: number; character: number }) => lineStarts[position.line]! + position.character;
  let result = code;
  for (const edit of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

function invalidCase(ruleId: RuleId, testCase: Invalid): InvalidTestCase<string, [RuleOptions]> {
  const fileName = testCase.filename ?? 'file.ts';
  const [finding] = analyze(testCase.code, fileName, { ...testCase.settings, ...testCase.options?.[0] }).filter((each) => each.ruleId === ruleId);
  const suggestions = (finding?.fixes ?? []).map((fix) => ({ messageId: 'applySuggestion', data: { title: fix.title }, output: applyFix(testCase.code, fix.edits) }));
  return {
    code: testCase.code,
    ...(testCase.filename ? { filename: testCase.filename } : {}),
    ...(testCase.options ? { options: testCase.options } : {}),
    ...(testCase.settings ? { settings: { 'integration-coach': testCase.settings } } : {}),
    errors: [{ messageId: testCase.messageId, line: testCase.line, ...(testCase.column ? { column: testCase.column } : {}), suggestions: suggestions.length > 0 ? suggestions : null }],
  };
}

function run(ruleId: RuleId, valid: (string | ValidTestCase<[RuleOptions]>)[], invalid: Invalid[]): void {
  ruleTester.run(ruleId, rules[ruleId], { valid, invalid: invalid.map((testCase) => invalidCase(ruleId, testCase)) });
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
    },
    {
      line: 3, messageId: 'delayOnly',
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
    },
    {
      line: 1, messageId: 'infiniteOption',
      code: `const result = await pRetry(() => fetchReport(id), { forever: true, randomize: true });`,
    },
    {
      line: 2, messageId: 'noCap', filename: 'loop.tsx',
      code: `export function Poller() {
  useEffect(() => { (async () => { for (;;) { try { await refresh(); break; } catch { await sleep(Math.random() * 500); } } })(); }, []);
  return <div />;
}`,
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
      line: 3, messageId: 'fixedWait',
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
    },
    {
      line: 2, messageId: 'noJitter',
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
    },
    {
      line: 2, messageId: 'xorBackoff',
      code: `async function fetchReport(id) {
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await reports.fetch(id);
    } catch {
      await sleep((2 ^ attempt) * 100);
    }
  }
}`,
    },
    {
      line: 2, messageId: 'noWait', filename: 'load.js',
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
      line: 4, messageId: 'missingKey',
      code: `async function placeOrder(order) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
      if (res.ok) return res.json();
    } catch (e) {}
    await sleep(Math.random() * 1000 * 2 ** attempt);
  }
}`,
    },
    {
      line: 5, messageId: 'missingKey',
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
    },
    {
      line: 1, messageId: 'missingKey',
      code: `const res = await got.post('https://api.example.com/orders', { json: order, retry: { limit: 3, methods: ['POST'] } });`,
    },
    {
      // Options: flag every unsafe request without a key, retried or not.
      line: 1, messageId: 'missingKeyUnretried',
      code: `export const create = (order: Order) => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });`,
      options: [{ flagUnretriedRequests: true }],
    },
    {
      // Shared settings: a custom retry helper.
      line: 2, messageId: 'missingKey',
      code: `export const createTicket = (ticket: Ticket) => keepTrying(async () => {
  return ky.post('tickets', { json: ticket, prefixUrl: API }).json();
}, { attempts: 3 });`,
      settings: { retryHelpers: ['keepTrying'] },
    },
    {
      // The same from the rule's options (deprecated, still accepted).
      line: 2, messageId: 'missingKey',
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
      line: 7, messageId: 'freshKey',
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
    },
    {
      line: 4, messageId: 'freshKey',
      code: `async function createOrder(order) {
  let attempt = 0;
  while (attempt++ < 3) {
    const idempotencyKey = uuidv4();
    try {
      return await axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } });
    } catch (err) { await sleep(Math.random() * 1000); }
  }
}`,
    },
    {
      line: 2, messageId: 'freshKey',
      code: `await pRetry(async () => {
  const key = nanoid();
  const res = await fetch(API + '/transfers', { method: 'POST', headers: { 'Idempotency-Key': key }, body });
  if (!res.ok) throw new Error(String(res.status));
}, { retries: 3, randomize: true });`,
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
    assert.deepEqual(analyzeOptionsOf(sharedSettings({}), {}), { rules: options.rules });
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
  });
});
