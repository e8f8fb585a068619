// Every quick fix, applied: the edited code must parse cleanly and the finding must be gone.
import assert from 'node:assert/strict';
import ts from 'typescript';
import { analyze } from '../../../src/analysis';
import type { RuleId, TextEdit } from '../../../src/analysis';

/** Applies 0-based line/character edits to a text, last edit first. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p: { line: number; character: number }): number => lineStarts[p.line]! + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}

function parseDiagnostics(text: string): number {
  const sourceFile = ts.createSourceFile('fixed.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  return (sourceFile as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics.length;
}

interface FixCase {
  name: string;
  ruleId: RuleId;
  code: string;
  /** Text the fixed code must contain. */
  expect?: string | RegExp;
}

function checkFix({ ruleId, code, expect }: FixCase): void {
  assert.equal(parseDiagnostics(code), 0, 'the case itself parses');
  const before = analyze(code, 'case.ts').filter((finding) => finding.ruleId === ruleId);
  assert.equal(before.length, 1, `one ${ruleId} finding before the fix: ${JSON.stringify(before.map((f) => f.message))}`);
  const fix = before[0]!.fixes?.[0];
  assert.ok(fix, 'the finding offers a fix');
  const fixed = applyEdits(code, fix.edits);
  assert.equal(parseDiagnostics(fixed), 0, `the fixed code parses:\n${fixed}`);
  const after = analyze(fixed, 'case.ts').filter((finding) => finding.ruleId === ruleId);
  assert.deepEqual(after.map((finding) => finding.message), [], `no ${ruleId} finding after the fix:\n${fixed}`);
  if (typeof expect === 'string') assert.ok(fixed.includes(expect), `fixed code includes ${expect}:\n${fixed}`);
  else if (expect) assert.match(fixed, expect);
}

const cases: FixCase[] = [
  // unbounded-retry
  {
    name: 'caps a while (true) loop in its catch', ruleId: 'unbounded-retry', expect: 'if (++attempt >= MAX_ATTEMPTS) throw err;',
    code: `async function send(msg) {
  while (true) {
    try {
      return await queue.send(msg);
    } catch (err) {
      await sleep(Math.random() * 1000);
    }
  }
}`,
  },
  {
    name: 'caps a for (;;) loop whose catch has no binding', ruleId: 'unbounded-retry', expect: 'catch (error)',
    code: `async function ping() {
  for (;;) {
    try { return await healthCheck(); } catch { await sleep(500); }
  }
}`,
  },
  {
    name: 'caps a status-check loop at the top of its body', ruleId: 'unbounded-retry', expect: 'Gave up after',
    code: `async function load(url) {
  while (true) {
    const res = await fetch(url);
    if (res.ok) return res.json();
    await sleep(1000);
  }
}`,
  },
  {
    name: 'caps a loop whose cap leaks', ruleId: 'unbounded-retry',
    code: `async function call(url) {
  let attempt = 0;
  while (attempt < 3) {
    const res = await fetch(url);
    if (res.status === 429) { await sleep(1000); continue; }
    if (res.ok) return res;
    attempt++;
  }
}`,
  },
  {
    name: 'caps a counter that was never compared, avoiding its name', ruleId: 'unbounded-retry', expect: 'attempt2',
    code: `async function poll() {
  let attempt = 0;
  while (true) {
    try { return await check(); } catch (e) { attempt++; console.log(attempt); }
  }
}`,
  },
  // retry-without-jitter
  {
    name: 'jitters a fixed sleep', ruleId: 'retry-without-jitter', expect: 'sleep(Math.random() * 1000)',
    code: `async function f() {
  for (let i = 0; i < 3; i++) {
    try { return await op(); } catch { await sleep(1000); }
  }
}`,
  },
  {
    name: 'jitters an exponential delay', ruleId: 'retry-without-jitter', expect: 'Math.random() * (100 * 2 ** attempt)',
    code: `async function f() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await op(); } catch { await sleep(100 * 2 ** attempt); }
  }
}`,
  },
  {
    name: 'turns XOR into a power and jitters it', ruleId: 'retry-without-jitter', expect: '2 ** attempt',
    code: `async function f() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await op(); } catch { await sleep((2 ^ attempt) * 100); }
  }
}`,
  },
  {
    name: 'waits for the computed delay, jittered', ruleId: 'retry-without-jitter', expect: 'sleep(Math.random() * backoff)',
    code: `async function f() {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await op(); } catch {
      const backoff = 100 * 2 ** attempt;
      await sleep(1000);
    }
  }
}`,
  },
  {
    name: 'jitters a setTimeout promise', ruleId: 'retry-without-jitter', expect: 'setTimeout(r, Math.random() * 1000)',
    code: `async function f() {
  for (let i = 0; i < 3; i++) {
    try { return await op(); } catch { await new Promise((r) => setTimeout(r, 1000)); }
  }
}`,
  },
  {
    name: 'adds p-retry options with randomize', ruleId: 'retry-without-jitter', expect: 'pRetry(run, { randomize: true })',
    code: `import pRetry from 'p-retry';
await pRetry(run);`,
  },
  {
    name: 'adds randomize to p-retry options', ruleId: 'retry-without-jitter', expect: 'randomize: true, retries: 3',
    code: `import pRetry from 'p-retry';
await pRetry(run, { retries: 3 });`,
  },
  {
    name: "sets exponential-backoff's jitter", ruleId: 'retry-without-jitter', expect: "jitter: 'full'",
    code: `import { backOff } from 'exponential-backoff';
await backOff(run, { numOfAttempts: 4, jitter: 'none' });`,
  },
  {
    name: "uses axios-retry's jittered exponentialDelay", ruleId: 'retry-without-jitter', expect: 'retryDelay: axiosRetry.exponentialDelay',
    code: `import axiosRetry from 'axios-retry';
axiosRetry(client, { retries: 3 });`,
  },
  {
    name: 'turns async-retry randomize back on', ruleId: 'retry-without-jitter', expect: 'randomize: true',
    code: `import retry from 'async-retry';
await retry(run, { retries: 3, randomize: false });`,
  },
  {
    name: 'turns on ky jitter for a numeric retry', ruleId: 'retry-without-jitter', expect: 'retry: { limit: 3, jitter: true }',
    code: `const data = await ky.get('items', { retry: 3 }).json();`,
  },
  {
    name: 'gives fetch-retry a jittered delay', ruleId: 'retry-without-jitter', expect: 'Math.random()',
    code: `import fetchRetry from 'fetch-retry';
const fetchWithRetry = fetchRetry(fetch);`,
  },
  {
    name: 'randomizes node-retry', ruleId: 'retry-without-jitter', expect: 'retry.operation({ randomize: true })',
    code: `const retry = require('retry');
const op = retry.operation();`,
  },
  // missing-idempotency-key
  {
    name: 'adds headers with a key made before the loop', ruleId: 'missing-idempotency-key', expect: /const idempotencyKey = crypto\.randomUUID\(\);\n {2}for/,
    code: `async function pay(p) {
  for (let i = 0; i < 3; i++) {
    try { return await fetch('/pay', { method: 'POST', body: JSON.stringify(p) }); }
    catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'adds the key to existing multi-line headers', ruleId: 'missing-idempotency-key', expect: "'Idempotency-Key': idempotencyKey,\n",
    code: `async function pay(p) {
  for (let i = 0; i < 3; i++) {
    try {
      return await fetch('/pay', {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(p),
      });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'appends an axios config', ruleId: 'missing-idempotency-key', expect: "axios.post('/orders', order, { headers: { 'Idempotency-Key': idempotencyKey } })",
    code: `async function order(order) {
  for (let i = 0; i < 3; i++) {
    try { return await axios.post('/orders', order); } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'fills a missing axios data argument', ruleId: 'missing-idempotency-key', expect: "client.post('/jobs/run', undefined, { headers",
    code: `async function run() {
  for (let i = 0; i < 3; i++) {
    try { return await client.post('/jobs/run'); } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'passes a Stripe idempotencyKey', ruleId: 'missing-idempotency-key', expect: 'stripe.charges.create(params, { idempotencyKey })',
    code: `async function charge(params) {
  for (let i = 0; i < 3; i++) {
    try { return await stripe.charges.create(params); } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'adds idempotencyKey to Stripe options', ruleId: 'missing-idempotency-key', expect: '{ idempotencyKey, stripeAccount }',
    code: `async function charge(params, stripeAccount) {
  for (let i = 0; i < 3; i++) {
    try { return await stripe.charges.create(params, { stripeAccount }); } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'makes the key before a p-retry call', ruleId: 'missing-idempotency-key', expect: /const idempotencyKey = crypto\.randomUUID\(\);\nconst result = await pRetry/,
    code: `import pRetry from 'p-retry';
const result = await pRetry(() => api.post('/transfers', transfer), { retries: 3, randomize: true });`,
  },
  {
    name: 'uses an imported randomUUID', ruleId: 'missing-idempotency-key', expect: 'const idempotencyKey = randomUUID();',
    code: `import { randomUUID } from 'node:crypto';
async function pay(p) {
  for (let i = 0; i < 3; i++) {
    try { return await got.post(URL_, { json: p }); } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  // unstable-idempotency-key
  {
    name: 'hoists an inline key', ruleId: 'unstable-idempotency-key', expect: /const idempotencyKey = crypto\.randomUUID\(\);\n {2}for/,
    code: `async function pay(p) {
  for (let i = 0; i < 3; i++) {
    try {
      return await fetch('/pay', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(p) });
    } catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'hoists a key declared in the loop', ruleId: 'unstable-idempotency-key', expect: /const key = uuidv4\(\);\n {2}while/,
    code: `async function order(o) {
  let attempt = 0;
  while (attempt++ < 3) {
    const key = uuidv4();
    try { return await axios.post('/orders', o, { headers: { 'Idempotency-Key': key } }); }
    catch { await sleep(Math.random() * 100); }
  }
}`,
  },
  {
    name: 'hoists a Stripe key out of a p-retry callback', ruleId: 'unstable-idempotency-key', expect: 'idempotencyKey: idempotencyKey',
    code: `import pRetry from 'p-retry';
await pRetry(() => stripe.refunds.create({ charge }, { idempotencyKey: uuid() }), { retries: 2, randomize: true });`,
  },
];

describe('quick fixes', () => {
  for (const testCase of cases) {
    it(`${testCase.ruleId}: ${testCase.name}`, () => checkFix(testCase));
  }

  it('offers no hoist when the key uses a name declared inside the retry', () => {
    const code = `async function f(items) {
  for (let i = 0; i < 3; i++) {
    const order = items[0];
    try { return await fetch('/o', { method: 'POST', headers: { 'Idempotency-Key': \`\${order.id}-\${Date.now()}\` } }); }
    catch { await sleep(Math.random() * 100); }
  }
}`;
    const [finding] = analyze(code, 'f.ts').filter((f) => f.ruleId === 'unstable-idempotency-key');
    assert.ok(finding);
    assert.equal(finding.fixes, undefined);
  });
});

describe('one finding per construct: an unbounded retry without jitter', () => {
  const code = `async function send(msg) {
  while (true) {
    try {
      return await queue.send(msg);
    } catch (err) {
      await sleep(1000);
    }
  }
}`;

  it('is one unbounded-retry finding whose message also names the fixed wait', () => {
    const findings = analyze(code, 'case.ts');
    assert.deepEqual(findings.map((finding) => finding.ruleId), ['unbounded-retry']);
    assert.match(findings[0]!.message, /no cap on attempts or elapsed time\..* It also waits a fixed delay: randomise each wait \(jitter\)\.$/);
  });

  it('offers one fix that caps the retries and adds jitter, after which nothing is left', () => {
    const [finding] = analyze(code, 'case.ts');
    const fix = finding!.fixes?.[0];
    assert.equal(fix?.title, 'Cap the retries at 5 attempts (MAX_ATTEMPTS), and add full jitter to the wait');
    const fixed = applyEdits(code, fix!.edits);
    assert.equal(parseDiagnostics(fixed), 0, fixed);
    assert.ok(fixed.includes('if (++attempt >= MAX_ATTEMPTS) throw err;') && fixed.includes('Math.random()'), fixed);
    assert.deepEqual(analyze(fixed, 'case.ts').map((f) => f.message), [], fixed);
  });
});
