// Analysis across files: a project's files held in memory (the host the API takes), each shape with two
// or three files, and the look-alikes whose other file must silence the call site.
import assert from 'node:assert/strict';
import { analyzeProject, analyzeSource, filesInMemory, type Finding, ProjectIndex } from '../../../../src/analysis';
import { MAX_HOPS, MAX_IMPORTS_FOLLOWED } from '../../../../src/analysis/project/project-index';

const ROOT = '/work/shop';

/** A project from paths (relative to ROOT) and texts. */
function project(files: Record<string, string>): { texts: Map<string, string>; host: ReturnType<typeof filesInMemory> & { root: string } } {
  const texts = new Map(Object.entries(files).map(([file, text]) => [`${ROOT}/${file}`, text]));
  return { texts, host: { ...filesInMemory(texts), root: ROOT } };
}

/** `line rule` for each finding of one file of the project, imports followed; and the same with the pre-check off (they must agree). */
function findingsIn(files: Record<string, string>, file: string): string[] {
  const { host } = project(files);
  const [withPreCheck] = analyzeProject([`${ROOT}/${file}`], host);
  const [everyFileParsed] = analyzeProject([`${ROOT}/${file}`], host, { preCheck: false });
  const lines = (findings: Finding[]) => findings.map((finding) => `${finding.range.start.line + 1} ${finding.ruleId}`);
  assert.deepEqual(lines(withPreCheck!.findings), lines(everyFileParsed!.findings), 'the pre-check hid a finding');
  return lines(withPreCheck!.findings);
}

function messagesIn(files: Record<string, string>, file: string): string[] {
  const { host } = project(files);
  return analyzeProject([`${ROOT}/${file}`], host)[0]!.findings.map((finding) => finding.message);
}

const UNBOUNDED_HELPER = `export async function withRetry(fn) {
  while (true) {
    try {
      return await fn();
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * Math.random()));
    }
  }
}
`;

const BOUNDED_HELPER = `export async function withRetry(fn, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt * 100));
    }
  }
}
`;

const ORDERS = `import { withRetry } from './lib/retry';

export async function placeOrder(order) {
  return withRetry(() => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) }));
}
`;

const REQUEST_HELPER = `export async function fetchWithRetry(url, init = {}) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
    }
  }
  throw new Error('gave up');
}
`;

describe('analysis across files', () => {
  describe('a client configured to retry in another file', () => {
    const files = {
      'src/api.ts': `import axios from 'axios';
import axiosRetry from 'axios-retry';

const api = axios.create({ baseURL: '/api' });
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: () => true });

export default api;
`,
      'src/cart.ts': `import api from './api';

export function checkout(cart) {
  return api.post('/orders', cart);
}
`,
    };

    it('reports a POST through it at the request, naming the file that configures the retry', () => {
      assert.deepEqual(findingsIn(files, 'src/cart.ts'), ['4 missing-idempotency-key']);
      assert.match(messagesIn(files, 'src/cart.ts')[0]!, /retried by the `api` client from src\/api\.ts \(`axiosRetry` on `api`\)/);
    });

    it('says nothing when the file is read alone: the retry is out of sight', () => {
      assert.deepEqual(analyzeSource(files['src/cart.ts'], `${ROOT}/src/cart.ts`).findings, []);
    });

    it('stays silent when that client keeps its retries to safe methods', () => {
      const safe = { ...files, 'src/api.ts': files['src/api.ts'].replace('retryCondition: () => true', 'retryCondition: axiosRetry.isSafeRequestError') };
      assert.deepEqual(findingsIn(safe, 'src/cart.ts'), []);
    });

    it('reports each request the client retries without jitter, with what its file configures; a POST it leaves alone is not one', () => {
      const plain = {
        'src/api.ts': files['src/api.ts'].replace('retryDelay: axiosRetry.exponentialDelay, retryCondition: () => true', 'retryCondition: axiosRetry.isSafeRequestError'),
        'src/cart.ts': `import api from './api';

export const load = (id) => api.get(\`/carts/\${id}\`);
export const checkout = (cart) => api.post('/orders', cart);
export const empty = (id) => api.delete(\`/carts/\${id}\`);
export const call = (config) => api.request(config);
`,
      };
      assert.deepEqual(findingsIn(plain, 'src/cart.ts'), ['3 retry-without-jitter', '5 retry-without-jitter']);
      const [message] = messagesIn(plain, 'src/cart.ts');
      assert.match(message!, /^This request `api\.get\(…\)` is retried without jitter by a client set up in another file\. It is the `api` client from src\/api\.ts \(`axiosRetry` on `api`\): axios-retry waits no time/);
      // On its default condition the client re-sends the POST too: without a key, and without jitter.
      const defaults = { ...plain, 'src/api.ts': plain['src/api.ts'].replace(', retryCondition: axiosRetry.isSafeRequestError', '') };
      assert.deepEqual(findingsIn(defaults, 'src/cart.ts'), ['3 retry-without-jitter', '4 retry-without-jitter', '4 missing-idempotency-key', '5 retry-without-jitter']);
      // A client that waits with jitter there (the configuration at the top of this block) gives none.
      assert.deepEqual(findingsIn({ ...plain, 'src/api.ts': files['src/api.ts'] }, 'src/cart.ts'), ['4 missing-idempotency-key']);
    });

    it('follows CommonJS exports and require', () => {
      const commonJs = {
        'lib/http.js': `const axios = require('axios');
const axiosRetry = require('axios-retry');
const http = axios.create();
axiosRetry(http, { retries: 2, retryDelay: axiosRetry.exponentialDelay });
module.exports = { http };
`,
        'lib/orders.js': `const { http } = require('./http');
exports.create = (order) => http.post('/orders', order);
`,
      };
      assert.deepEqual(findingsIn(commonJs, 'lib/orders.js'), ['2 missing-idempotency-key']);
    });

    it('does not follow an instance whose response interceptor re-sends: its retry is reported where it re-sends', () => {
      const intercepted = {
        'src/api.ts': `import axios from 'axios';
export const api = axios.create({ baseURL: '/api' });
api.interceptors.response.use((response) => response, async (error) => {
  const config = error.config;
  if ((config._retries ?? 0) < 3) {
    config._retries = (config._retries ?? 0) + 1;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return api.request(config);
  }
  return Promise.reject(error);
});
`,
        'src/tags.ts': `import { api } from './api';
export const loadTags = () => api.get('/tags');
export const addTag = (tag: string) => api.post('/tags', { tag });
`,
      };
      assert.deepEqual(findingsIn(intercepted, 'src/api.ts'), ['3 retry-without-jitter']);
      assert.deepEqual(findingsIn(intercepted, 'src/tags.ts'), []);
    });
  });

  describe('a retry helper in another file', () => {
    it('reports an unbounded helper at the call, naming the helper and its file; the POST it re-sends needs a key', () => {
      const files = { 'src/lib/retry.ts': UNBOUNDED_HELPER, 'src/orders.ts': ORDERS };
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
      assert.match(messagesIn(files, 'src/orders.ts')[0]!, /^This `withRetry` call \(its retry is in `src\/lib\/retry\.ts`\) has no cap on attempts/);
      // However deep the helper's file, the message's first sentence stays within what a terminal or the Problems panel shows.
      const deep = 'packages/payments-service/src/infrastructure/http/resilience/strategies/retry.ts';
      const far = { [deep]: UNBOUNDED_HELPER, 'src/orders.ts': ORDERS.replace("'./lib/retry'", `'../${deep.replace(/\.ts$/, '')}'`) };
      const [first] = messagesIn(far, 'src/orders.ts');
      assert.match(first!, /^This `withRetry` call \(its retry is in `…\/retry\.ts`\) has no cap/);
      assert.ok(first!.split('. ')[0]!.length <= 120, first);
    });

    it('does not report a bounded helper at the call (its own file answers for its waits)', () => {
      assert.deepEqual(findingsIn({ 'src/lib/retry.ts': BOUNDED_HELPER, 'src/orders.ts': ORDERS }, 'src/orders.ts'), ['4 missing-idempotency-key']);
    });

    it('reports at the call the waits of a bounded helper that lack jitter, as its own file reads them', () => {
      const fixed = BOUNDED_HELPER.replace('Math.random() * 2 ** attempt * 100', '1000');
      assert.deepEqual(findingsIn({ 'src/lib/retry.ts': fixed, 'src/orders.ts': ORDERS }, 'src/orders.ts'), ['4 retry-without-jitter', '4 missing-idempotency-key']);
      assert.match(messagesIn({ 'src/lib/retry.ts': fixed, 'src/orders.ts': ORDERS }, 'src/orders.ts')[0]!, /^This `withRetry` call \(its retry is in `src\/lib\/retry\.ts`\) waits a fixed delay/);
      const growing = BOUNDED_HELPER.replace('Math.random() * 2 ** attempt * 100', '2 ** attempt * 100');
      assert.match(messagesIn({ 'src/lib/retry.ts': growing, 'src/orders.ts': ORDERS }, 'src/orders.ts')[0]!, /backs off without jitter/);
      const atOnce = BOUNDED_HELPER.replace(/\n\s*await new Promise.*\n/, '\n');
      assert.match(messagesIn({ 'src/lib/retry.ts': atOnce, 'src/orders.ts': ORDERS }, 'src/orders.ts')[0]!, /retries immediately/);
      // Waits the helper's file cannot see (a delay its caller hands it as a function) stay unreported.
      const handed = BOUNDED_HELPER.replace('(fn, attempts = 3)', '(fn, attempts = 3, delayOf)').replace('Math.random() * 2 ** attempt * 100', 'delayOf(attempt)');
      assert.deepEqual(findingsIn({ 'src/lib/retry.ts': handed, 'src/orders.ts': ORDERS }, 'src/orders.ts'), ['4 missing-idempotency-key']);
    });

    it('adds what the waits of an unbounded helper lack to its cap finding at the call', () => {
      const fixed = UNBOUNDED_HELPER.replace('1000 * Math.random()', '1000');
      const [message] = messagesIn({ 'src/lib/retry.ts': fixed, 'src/orders.ts': ORDERS }, 'src/orders.ts');
      assert.match(message!, /has no cap on attempts.*It also waits a fixed delay/s);
    });

    it('leaves the waits of a helper that polls to a deadline alone at the call, as in its own file', () => {
      const poll = `export async function untilReady(check, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
  return false;
}
`;
      const caller = `import { untilReady } from './lib/poll';
export const waitForJob = (id) => untilReady(() => fetch(\`/api/jobs/\${id}\`).then((r) => r.ok));
`;
      assert.deepEqual(findingsIn({ 'src/lib/poll.ts': poll, 'src/jobs.ts': caller }, 'src/jobs.ts'), []);
    });

    it('takes a helper named for retrying at its word only until its file shows it runs the callback once', () => {
      const once = `export async function withRetry(fn) {
  return fn();
}
`;
      assert.deepEqual(findingsIn({ 'src/lib/retry.ts': once, 'src/orders.ts': ORDERS }, 'src/orders.ts'), []);
      // Alone, the name says it retries: the POST is reported as retried.
      assert.deepEqual(analyzeSource(ORDERS, `${ROOT}/src/orders.ts`).findings.map((finding) => finding.ruleId), ['missing-idempotency-key']);
    });

    it('keeps to the name when the helper hands the callback on to code out of sight', () => {
      const delegating = `import { retrier } from 'some-retry-lib';
export function withRetry(fn) {
  return retrier(({ retry }) => fn().catch(() => retry(1000)));
}
`;
      assert.deepEqual(findingsIn({ 'src/lib/retry.ts': delegating, 'src/orders.ts': ORDERS }, 'src/orders.ts'), ['4 missing-idempotency-key']);
    });

    it('reports the call where the function it runs again is itself imported (its body out of sight)', () => {
      const files = {
        'src/lib/retry.ts': UNBOUNDED_HELPER,
        'src/market.ts': `export const getBalance = (symbol) => fetch(\`/api/balance/\${symbol}\`).then((r) => r.json());\n`,
        'src/orders.ts': `import { withRetry } from './lib/retry';
import { getBalance } from './market';

export const balanceOf = (symbol) => withRetry(getBalance, symbol);
export const nothing = () => withRetry(undefined);
`,
      };
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 unbounded-retry']);
    });

    it('finds a helper whose name says nothing of retrying', () => {
      const files = { 'src/lib/retry.ts': UNBOUNDED_HELPER.replace('withRetry', 'resilient'), 'src/orders.ts': ORDERS.replace(/withRetry/g, 'resilient') };
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
    });

    it('follows a barrel that re-exports the helper, and one that re-exports everything', () => {
      const named = { 'src/lib/retry.ts': UNBOUNDED_HELPER, 'src/lib/index.ts': `export { withRetry } from './retry';\n`, 'src/orders.ts': ORDERS.replace("'./lib/retry'", "'./lib'") };
      assert.deepEqual(findingsIn(named, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
      const star = { ...named, 'src/lib/index.ts': `export * from './retry';\n` };
      assert.deepEqual(findingsIn(star, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
    });

    it('resolves a tsconfig path alias (the config may hold comments) and a .js specifier that names a .ts file', () => {
      const aliased = {
        'tsconfig.json': `{
  // paths for the app
  "compilerOptions": { "baseUrl": ".", "paths": { "@/*": ["src/*"] } },
}
`,
        'src/lib/retry.ts': UNBOUNDED_HELPER,
        'src/features/orders.ts': ORDERS.replace("'./lib/retry'", "'@/lib/retry'"),
      };
      assert.deepEqual(findingsIn(aliased, 'src/features/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
      // A bare specifier is a package only where no baseUrl maps it into the project.
      const fromBaseUrl = { 'tsconfig.json': '{ "compilerOptions": { "baseUrl": "src" } }', 'src/lib/retry.ts': UNBOUNDED_HELPER, 'src/features/orders.ts': ORDERS.replace("'./lib/retry'", "'lib/retry'") };
      assert.deepEqual(findingsIn(fromBaseUrl, 'src/features/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
      const esm = { 'src/lib/retry.ts': UNBOUNDED_HELPER, 'src/orders.ts': ORDERS.replace("'./lib/retry'", "'./lib/retry.js'") };
      assert.deepEqual(findingsIn(esm, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
    });

    it('follows a wrapper that calls the helper (three files, two hops)', () => {
      const files = {
        'src/lib/retry.ts': UNBOUNDED_HELPER,
        'src/lib/api.ts': `import { withRetry } from './retry';
export const call = (fn) => withRetry(fn);
`,
        'src/orders.ts': `import { call } from './lib/api';
export const placeOrder = (order) => call(() => fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) }));
`,
      };
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['2 unbounded-retry', '2 missing-idempotency-key']);
    });

    it(`stops after ${MAX_HOPS} hops`, () => {
      const files = {
        'src/lib/retry.ts': UNBOUNDED_HELPER,
        'src/lib/a.ts': `export { withRetry } from './retry';\n`,
        'src/lib/b.ts': `export { withRetry } from './a';\n`,
        'src/orders.ts': ORDERS.replace("'./lib/retry'", "'./lib/b'"),
      };
      // Three hops away, the helper is out of sight: its name alone says it retries.
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 missing-idempotency-key']);
    });
  });

  describe('a delay helper in another file', () => {
    const loop = (delay: string): string => `import { calculateBackoff } from './lib/backoff';

export async function sync(items) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await fetch('/api/sync', { method: 'PUT', body: JSON.stringify(items) });
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, ${delay}));
    }
  }
}
`;

    it('counts a jittered imported delay as jitter, and reports one without randomness', () => {
      const jittered = `export function calculateBackoff(attempt: number): number {
  return Math.random() * Math.min(30000, 500 * 2 ** attempt);
}
`;
      assert.deepEqual(findingsIn({ 'src/lib/backoff.ts': jittered, 'src/sync.ts': loop('calculateBackoff(attempt)') }, 'src/sync.ts'), []);
      const plain = jittered.replace('Math.random() * ', '');
      assert.deepEqual(findingsIn({ 'src/lib/backoff.ts': plain, 'src/sync.ts': loop('calculateBackoff(attempt)') }, 'src/sync.ts'), ['4 retry-without-jitter']);
      assert.match(messagesIn({ 'src/lib/backoff.ts': plain, 'src/sync.ts': loop('calculateBackoff(attempt)') }, 'src/sync.ts')[0]!, /backs off without jitter/);
      // Alone, the delay is computed out of sight: it may well be randomised.
      assert.deepEqual(analyzeSource(loop('calculateBackoff(attempt)'), `${ROOT}/src/sync.ts`).findings, []);
    });

    it('reads the arguments of the call with the helper (a jittered value handed to a plain helper)', () => {
      const scale = `export const calculateBackoff = (base: number) => base * 2;\n`;
      assert.deepEqual(findingsIn({ 'src/lib/backoff.ts': scale, 'src/sync.ts': loop('calculateBackoff(Math.random() * 1000)') }, 'src/sync.ts'), []);
      assert.deepEqual(findingsIn({ 'src/lib/backoff.ts': scale, 'src/sync.ts': loop('calculateBackoff(1000)') }, 'src/sync.ts'), ['4 retry-without-jitter']);
    });

    it('stays silent when the helper computes its delay with something out of its own sight', () => {
      const opaque = `import { policy } from 'some-policy';
export function calculateBackoff(attempt: number): number {
  return policy.delayFor(attempt);
}
`;
      assert.deepEqual(findingsIn({ 'src/lib/backoff.ts': opaque, 'src/sync.ts': loop('calculateBackoff(attempt)') }, 'src/sync.ts'), []);
    });
  });

  describe('a request helper in another file', () => {
    const files = {
      'src/http.ts': REQUEST_HELPER,
      'src/payments.ts': `import { fetchWithRetry } from './http';

export function pay(payment) {
  return fetchWithRetry('/api/payments', { method: 'POST', body: JSON.stringify(payment) });
}

export function status(id) {
  return fetchWithRetry(\`/api/payments/\${id}\`);
}
`,
    };

    it('reports a POST sent through it without a key, and not a GET', () => {
      assert.deepEqual(findingsIn(files, 'src/payments.ts'), ['4 missing-idempotency-key']);
    });

    it('stays silent when the helper sends an idempotency key itself', () => {
      const keyed = { ...files, 'src/http.ts': REQUEST_HELPER.replace('return await fetch(url, init);', "return await fetch(url, { ...init, headers: { ...init.headers, 'Idempotency-Key': init.key } });") };
      assert.deepEqual(findingsIn(keyed, 'src/payments.ts'), []);
    });

    it('stays silent for a call that turns the retries off', () => {
      const once = { ...files, 'src/payments.ts': files['src/payments.ts'].replace("JSON.stringify(payment) })", 'JSON.stringify(payment), retries: 0 })') };
      assert.deepEqual(findingsIn(once, 'src/payments.ts'), []);
    });

    it('gives a wrapper that always POSTs through the helper its method', () => {
      const wrapped = {
        'src/http.ts': REQUEST_HELPER,
        'src/server.ts': `import { fetchWithRetry } from './http';
export default (path, body) => fetchWithRetry(\`/api\${path}\`, { method: 'POST', body: JSON.stringify(body) });
`,
        'src/build.ts': `import callServer from './server';
export const startBuild = (build) => callServer('/builds/start', build);
`,
      };
      assert.deepEqual(findingsIn(wrapped, 'src/build.ts'), ['2 missing-idempotency-key']);
      assert.match(messagesIn(wrapped, 'src/build.ts')[0]!, /its retry is in `src\/http\.ts`/);
    });

    it('leaves a wrapper that picks the address itself (a webhook sender handed a URL from data, an event sender) to its own file', () => {
      const senders = {
        'src/http.ts': REQUEST_HELPER,
        'src/senders.ts': `import { fetchWithRetry } from './http';
export const deliver = (url, event) => fetchWithRetry(url, { method: 'POST', body: JSON.stringify(event) });
export const track = (name, data) => fetchWithRetry(\`https://telemetry.example.com/events/\${name}\`, { method: 'POST', body: JSON.stringify(data) });
`,
        'src/notify.ts': `import { deliver, track } from './senders';
export const notify = (merchant, event) => deliver(merchant.webhookUrl, event);
export const report = (error) => track('fatal', { message: String(error) });
`,
      };
      assert.deepEqual(findingsIn(senders, 'src/notify.ts'), []);
      // In the wrappers' file the POSTs are in sight: there they are reported.
      assert.deepEqual(findingsIn(senders, 'src/senders.ts'), ['2 missing-idempotency-key', '3 missing-idempotency-key']);
    });
  });

  describe('a class in another file whose method retries the callback it is handed', () => {
    const HTTP_CLIENT = `export class HttpClient {
  constructor(private readonly maxRetries: number) {}

  async call<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await fn(AbortSignal.timeout(10_000));
      } catch (error) {
        if (attempt >= this.maxRetries) throw error;
        await new Promise((resolve) => setTimeout(resolve, 2 ** attempt * 500));
      }
    }
  }
}
`;
    /** A resource class handed the client (`held` says how), sending a refund through its `call`, with `headers`. */
    const refunds = (held: string, headers: string): string => `import type { HttpClient } from '../http';

export class Refunds {
  ${held}

  async create(chargeId: string, amount: number, key: string) {
    return this.http.call((signal) => fetch(\`/api/charges/\${chargeId}/refunds\`, { method: 'POST', body: JSON.stringify({ amount }), ${headers}signal }));
  }
}
`;

    it('reads the POST in the callback as retried by the client the class is handed, whichever way it keeps it', () => {
      const kept = {
        parameterProperty: 'constructor(private readonly http: HttpClient) {}',
        field: 'private http: HttpClient;\n  constructor(client: HttpClient) { this.http = client; }',
      };
      for (const [shape, held] of Object.entries(kept)) {
        const files = { 'src/http.ts': HTTP_CLIENT, 'src/resources/refunds.ts': refunds(held, '') };
        const line = held.includes('\n') ? 8 : 7;
        assert.deepEqual(findingsIn(files, 'src/resources/refunds.ts'), [`${line} missing-idempotency-key`], shape);
        assert.match(messagesIn(files, 'src/resources/refunds.ts')[0]!, /retried by the `call` call \(its retry is in `src\/http\.ts`\)/, shape);
      }
    });

    it('leaves the client\'s cap and waits to its own file (no jitter finding at each call), and a POST with its key alone', () => {
      const withKey = { 'src/http.ts': HTTP_CLIENT, 'src/resources/refunds.ts': refunds('constructor(private readonly http: HttpClient) {}', "headers: { 'Idempotency-Key': key }, ") };
      assert.deepEqual(findingsIn(withKey, 'src/resources/refunds.ts'), []);
      assert.deepEqual(findingsIn(withKey, 'src/http.ts'), ['5 retry-without-jitter']);
    });

    it('reads nothing into a class whose method runs the callback once, or a client the class does not hold', () => {
      const once = { 'src/http.ts': 'export class HttpClient {\n  call(fn) { return fn(); }\n}\n', 'src/resources/refunds.ts': refunds('constructor(private readonly http: HttpClient) {}', '') };
      assert.deepEqual(findingsIn(once, 'src/resources/refunds.ts'), []);
      const notHeld = { 'src/http.ts': HTTP_CLIENT, 'src/resources/refunds.ts': refunds('constructor(private readonly http: { call: (fn: any) => any }) {}', '') };
      assert.deepEqual(findingsIn(notHeld, 'src/resources/refunds.ts'), []);
    });
  });

  describe('boundaries', () => {
    it('does not follow a package import, a file outside the root, or a file that cannot be read', () => {
      const files = {
        'src/orders.ts': `import { resilient } from 'resilience-kit';
import { sturdy } from '../../elsewhere/retry';
import { guarded } from './missing';
export const a = (order) => resilient(() => fetch('/a', { method: 'POST', body: order }));
export const b = (order) => sturdy(() => fetch('/b', { method: 'POST', body: order }));
export const c = (order) => guarded(() => fetch('/c', { method: 'POST', body: order }));
`,
        'node_modules/resilience-kit/index.ts': UNBOUNDED_HELPER.replace('withRetry', 'resilient'),
      };
      const { texts } = project(files);
      texts.set('/work/elsewhere/retry.ts', UNBOUNDED_HELPER.replace('withRetry', 'sturdy'));
      // Packages are past the boundary: the resolver does not even look in node_modules.
      const asked: string[] = [];
      const inMemory = filesInMemory(texts);
      const host = {
        root: ROOT,
        readFile: (file: string) => (asked.push(file), inMemory.readFile(file)),
        fileExists: (file: string) => (asked.push(file), inMemory.fileExists!(file)),
        directoryExists: (folder: string) => (asked.push(folder), inMemory.directoryExists!(folder)),
      };
      assert.deepEqual(analyzeProject([`${ROOT}/src/orders.ts`], host)[0]!.findings, []);
      assert.ok(asked.length > 0);
      assert.deepEqual(asked.filter((file) => file.includes('node_modules')), []);
    });

    it('reads relative imports still when the tsconfig is broken or extends itself round a cycle', () => {
      const configs: Record<string, string>[] = [
        { 'tsconfig.json': '{ "compilerOptions": { "paths": ' },
        { 'tsconfig.json': '{ "extends": "./base.json", "compilerOptions": { "baseUrl": "." } }', 'base.json': '{ "extends": "./tsconfig.json" }' },
        { 'tsconfig.json': '[1, 2, 3]' },
        // 50,000 aliases: more than any real config; not matched one by one for every import.
        { 'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`@alias${i}/*`, [`src/a${i}/*`]])) } }) },
      ];
      for (const config of configs) {
        const files = { ...config, 'src/lib/retry.ts': UNBOUNDED_HELPER, 'src/orders.ts': ORDERS };
        assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key'], Object.values(config)[0]!.slice(0, 60));
      }
    });

    it('ends at a cycle of imports and re-exports', () => {
      const files = {
        'src/a.ts': `export * from './b';\nimport { withRetry } from './b';\nexport const go = (fn) => withRetry(fn);\n`,
        'src/b.ts': `export * from './a';\n${UNBOUNDED_HELPER}`,
        'src/orders.ts': ORDERS.replace("'./lib/retry'", "'./a'"),
      };
      assert.deepEqual(findingsIn(files, 'src/orders.ts'), ['4 unbounded-retry', '4 missing-idempotency-key']);
    });

    it(`follows at most ${MAX_IMPORTS_FOLLOWED} modules from a file that imports thousands, or from a barrel that re-exports thousands`, () => {
      const texts = new Map<string, string>();
      const many = 5000;
      for (let i = 0; i < many; i++) texts.set(`${ROOT}/src/gen/m${i}.ts`, UNBOUNDED_HELPER.replace('withRetry', `withRetry${i}`));
      const imports = Array.from({ length: many }, (_, i) => `import { withRetry${i} } from './gen/m${i}';`).join('\n');
      texts.set(`${ROOT}/src/page.ts`, `${imports}\nexport const go = () => withRetry${many - 1}(() => fetch('/x', { method: 'POST' }));\n`);
      texts.set(`${ROOT}/src/barrel.ts`, Array.from({ length: many }, (_, i) => `export * from './gen/m${i}';`).join('\n'));
      texts.set(`${ROOT}/src/via-barrel.ts`, `import { withRetry${many - 1} } from './barrel';\nexport const go = () => withRetry${many - 1}(() => fetch('/x', { method: 'POST' }));\n`);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      for (const file of ['page.ts', 'via-barrel.ts']) {
        const result = analyzeSource(texts.get(`${ROOT}/src/${file}`)!, `${ROOT}/src/${file}`, { project: index });
        assert.equal(result.skipped, undefined, file);
      }
      assert.ok(index.modulesParsed <= 2 * MAX_IMPORTS_FOLLOWED + 1, String(index.modulesParsed));
    });

    it('says which file it could not read, and goes on with the others', () => {
      const { host } = project({ 'src/orders.ts': ORDERS, 'src/lib/retry.ts': UNBOUNDED_HELPER });
      const results = analyzeProject([`${ROOT}/src/gone.ts`, `${ROOT}/src/orders.ts`], host);
      assert.equal(results[0]!.skipReason, 'failed');
      assert.match(results[0]!.skipped ?? '', /Cannot read/);
      assert.equal(results[1]!.findings.length, 2);
    });
  });

  describe('the index', () => {
    it('reads the new text of an imported file once told it changed (an editor saving the helper)', () => {
      const texts = new Map([[`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER], [`${ROOT}/src/orders.ts`, ORDERS]]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      const run = () => analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: index }).findings.map((finding) => finding.ruleId);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
      texts.set(`${ROOT}/src/lib/retry.ts`, BOUNDED_HELPER);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key'], 'read once: the index keeps what it read');
      index.forget(`${ROOT}/src/lib/retry.ts`);
      assert.deepEqual(run(), ['missing-idempotency-key']);
      texts.set(`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER);
      index.forget();
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
    });

    it('finds a module created after an import of it led nowhere, once told a file changed (an editor creating the helper)', () => {
      const orders = ORDERS.replace("'./lib/retry'", "'./retry'");
      const texts = new Map([[`${ROOT}/src/orders.ts`, orders]]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      const run = () => analyzeSource(orders, `${ROOT}/src/orders.ts`, { project: index }).findings.map((finding) => finding.ruleId);
      // Out of sight, the helper is taken at its word: it retries, with a cap and waits unknown.
      assert.deepEqual(run(), ['missing-idempotency-key']);
      texts.set(`${ROOT}/src/retry.ts`, UNBOUNDED_HELPER);
      assert.deepEqual(run(), ['missing-idempotency-key'], 'where the import leads is kept');
      index.forget(`${ROOT}/src/retry.ts`);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
    });

    it('works out where imports lead again when a module is gone or a config changes, not when a file is edited', () => {
      const texts = new Map([[`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER], [`${ROOT}/src/orders.ts`, ORDERS]]);
      const versions = new Map([[`${ROOT}/src/lib/retry.ts`, '1']]);
      let lookups = 0;
      const inMemory = filesInMemory(texts);
      const files = {
        readFile: (file: string) => texts.get(file),
        fileExists: (file: string) => (lookups++, texts.has(file)),
        directoryExists: (folder: string) => (lookups++, inMemory.directoryExists!(folder) || [...texts.keys()].some((file) => file.startsWith(`${folder}/`))),
        versionOf: (file: string) => versions.get(file),
      };
      const index = new ProjectIndex({ files, root: ROOT });
      const run = () => analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: index }).findings.map((finding) => finding.ruleId);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
      // An edit of the helper: read again, but the import still leads to the same file, without asking the disk.
      texts.set(`${ROOT}/src/lib/retry.ts`, BOUNDED_HELPER);
      versions.set(`${ROOT}/src/lib/retry.ts`, '2');
      lookups = 0;
      assert.deepEqual(run(), ['missing-idempotency-key']);
      assert.deepEqual(run(), ['missing-idempotency-key']);
      assert.equal(lookups, 0, 'resolved again after an edit');
      // The editor says the open file changed (a keystroke): nothing resolution looked for, so nothing to resolve again.
      index.forget(`${ROOT}/src/orders.ts`);
      assert.deepEqual(run(), ['missing-idempotency-key']);
      assert.equal(lookups, 0, 'resolved again after an edit of the importing file');
      // The helper moves into a folder of its own: the import now leads to its index file.
      texts.delete(`${ROOT}/src/lib/retry.ts`);
      versions.delete(`${ROOT}/src/lib/retry.ts`);
      texts.set(`${ROOT}/src/lib/retry/index.ts`, UNBOUNDED_HELPER);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
      // A config that maps the import elsewhere, once the host says it changed.
      texts.set(`${ROOT}/tsconfig.json`, '{ "compilerOptions": { "baseUrl": ".", "paths": { "./lib/retry": ["src/safe.ts"] } } }');
      lookups = 0;
      index.forget(`${ROOT}/tsconfig.json`);
      run();
      assert.ok(lookups > 0, 'resolved again after a config change');
    });

    it('reads a file again when its version changes, for hosts that live on while files change (a server, an editor)', () => {
      const texts = new Map([[`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER], [`${ROOT}/src/lib/index.ts`, `export * from './retry';\n`]]);
      const versions = new Map([[`${ROOT}/src/lib/retry.ts`, '1'], [`${ROOT}/src/lib/index.ts`, '1']]);
      const index = new ProjectIndex({ files: { ...filesInMemory(texts), versionOf: (file) => versions.get(file) }, root: ROOT });
      const orders = ORDERS.replace("'./lib/retry'", "'./lib'");
      const run = () => analyzeSource(orders, `${ROOT}/src/orders.ts`, { project: index }).findings.map((finding) => finding.ruleId);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key']);
      texts.set(`${ROOT}/src/lib/retry.ts`, BOUNDED_HELPER);
      assert.deepEqual(run(), ['unbounded-retry', 'missing-idempotency-key'], 'the same version: what was read is kept');
      versions.set(`${ROOT}/src/lib/retry.ts`, '2');
      assert.deepEqual(run(), ['missing-idempotency-key'], 'a new version behind the barrel: read again');
    });

    it('parses each imported module once, however many files import it', () => {
      const texts = new Map([[`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER]]);
      for (let i = 0; i < 20; i++) texts.set(`${ROOT}/src/orders${i}.ts`, ORDERS);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      for (let i = 0; i < 20; i++) assert.equal(analyzeSource(ORDERS, `${ROOT}/src/orders${i}.ts`, { project: index }).findings.length, 2);
      assert.equal(index.modulesParsed, 1);
    });

    it('parses no module that the host analysed before a file imported it, and asks its pre-check once', () => {
      const texts = new Map([[`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER], [`${ROOT}/src/orders.ts`, ORDERS]]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      assert.equal(analyzeSource(UNBOUNDED_HELPER, `${ROOT}/src/lib/retry.ts`, { project: index }).findings.length, 1);
      assert.equal(analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: index }).findings.length, 2);
      assert.equal(index.modulesParsed, 0);
      const askedAgain = (): boolean => assert.fail('the pre-check of a file already read was worked out again');
      assert.equal(index.ownRetryCandidate(`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER, {}, askedAgain), true);
      // Another text under the same path (an edit not saved yet) is its own question, and so are other helper names.
      assert.equal(index.ownRetryCandidate(`${ROOT}/src/lib/retry.ts`, 'export const x = 1;\n', {}, () => false), false);
      assert.equal(index.ownRetryCandidate(`${ROOT}/src/orders.ts`, ORDERS, { retryHelpers: ['resilient'] }, () => true), true);
      // The host's analysis under other options that decide a summary is not kept as one.
      const other = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      analyzeSource(UNBOUNDED_HELPER, `${ROOT}/src/lib/retry.ts`, { project: other, idempotencyHeaders: ['X-Request-Key'] });
      analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: other });
      assert.equal(other.modulesParsed, 1);
    });

    it('hands the host the parse of a module it read for an importer, once, for the same text and options only', () => {
      const retryPath = `${ROOT}/src/lib/retry.ts`;
      const texts = new Map([[retryPath, UNBOUNDED_HELPER], [`${ROOT}/src/orders.ts`, ORDERS]]);
      const keeping = () => {
        const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT, keepParsesForHost: true });
        analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: index });
        assert.equal(index.parsesKeptForHost, 1);
        return index;
      };
      const index = keeping();
      assert.equal(index.takeParse(retryPath, UNBOUNDED_HELPER, {})?.index.sourceFile.fileName, retryPath);
      assert.equal(index.takeParse(retryPath, UNBOUNDED_HELPER, {}), undefined, 'given once');
      assert.equal(keeping().takeParse(retryPath, BOUNDED_HELPER, {}), undefined, 'another text');
      assert.equal(keeping().takeParse(retryPath, UNBOUNDED_HELPER, { retryHelpers: ['resilient'] }), undefined, 'other options');
      // The host's analysis on the kept parse finds what a parse of its own finds.
      const host = keeping();
      const fresh = analyzeSource(UNBOUNDED_HELPER, retryPath).findings;
      assert.deepEqual(analyzeSource(UNBOUNDED_HELPER, retryPath, { project: host }).findings, fresh);
      assert.equal(host.parsesKeptForHost, 0);
      // A host that analyses what its user opens (an editor) keeps none.
      const editor = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      analyzeSource(ORDERS, `${ROOT}/src/orders.ts`, { project: editor });
      assert.equal(editor.parsesKeptForHost, 0);
    });

    it('parses a module again for the host when its imports read otherwise there (more hops left)', () => {
      const retry = `import { backoff } from './delay';
export async function withRetry(fn) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoff(attempt)));
    }
  }
}
`;
      const retryPath = `${ROOT}/src/lib/retry.ts`;
      const texts = new Map([
        [`${ROOT}/src/lib/delay.ts`, 'export function backoff(attempt) {\n  return Math.min(1000 * 2 ** attempt, 30000);\n}\n'],
        [retryPath, retry],
        [`${ROOT}/src/lib/index.ts`, `export * from './retry';\n`],
        [`${ROOT}/src/orders.ts`, ORDERS.replace("'./lib/retry'", "'./lib'")],
      ]);
      const readThroughBarrel = () => {
        const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT, keepParsesForHost: true });
        analyzeSource(texts.get(`${ROOT}/src/orders.ts`)!, `${ROOT}/src/orders.ts`, { project: index });
        return index;
      };
      // Through the barrel the helper's module had no hop left, so its delay helper was not read; the host reads it.
      assert.equal(readThroughBarrel().takeParse(retryPath, retry, {}), undefined);
      const expected = analyzeSource(retry, retryPath, { project: new ProjectIndex({ files: filesInMemory(texts), root: ROOT }) }).findings;
      assert.deepEqual(expected.map((finding) => finding.ruleId), ['retry-without-jitter']);
      assert.deepEqual(analyzeSource(retry, retryPath, { project: readThroughBarrel() }).findings, expected);
    });

    it('keeps parses for the host up to a bound on their text, the oldest going first', () => {
      const texts = new Map<string, string>();
      // Comment lines of ordinary length (one long line would read as minified, and not be parsed at all).
      const padding = `// ${'x'.repeat(76)}\n`.repeat(5000);
      for (const i of [1, 2, 3]) texts.set(`${ROOT}/src/lib/retry${i}.ts`, UNBOUNDED_HELPER.replace('withRetry', `withRetry${i}`) + padding);
      const page = [1, 2, 3].map((i) => `import { withRetry${i} } from './lib/retry${i}';\nexport const go${i} = () => withRetry${i}(() => fetch('/x'));\n`).join('');
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT, keepParsesForHost: true });
      analyzeSource(page, `${ROOT}/src/page.ts`, { project: index });
      assert.equal(index.modulesParsed, 3);
      assert.equal(index.parsesKeptForHost, 2);
      assert.equal(index.takeParse(`${ROOT}/src/lib/retry1.ts`, texts.get(`${ROOT}/src/lib/retry1.ts`)!, {}), undefined);
      assert.ok(index.takeParse(`${ROOT}/src/lib/retry3.ts`, texts.get(`${ROOT}/src/lib/retry3.ts`)!, {}));
    });

    it('parses a module once when it is reached with different hops left and its imports read the same', () => {
      const texts = new Map([
        [`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER],
        [`${ROOT}/src/lib/index.ts`, `export { withRetry } from './retry';\n`],
        [`${ROOT}/src/direct.ts`, ORDERS],
        [`${ROOT}/src/barrel.ts`, ORDERS.replace("'./lib/retry'", "'./lib'")],
      ]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      // Directly, the helper's module has one hop left; through the barrel, none: it imports nothing, so both read the same.
      for (const file of ['direct', 'barrel']) {
        const path = `${ROOT}/src/${file}.ts`;
        assert.equal(analyzeSource(texts.get(path)!, path, { project: index }).findings.length, 2, file);
      }
      // The helper's module and the barrel, each once.
      assert.equal(index.modulesParsed, 2);
    });

    it('says which modules a file\'s imports led to, through a barrel too, and the same when the summaries come from its cache', () => {
      const texts = new Map([
        [`${ROOT}/src/lib/retry.ts`, UNBOUNDED_HELPER],
        [`${ROOT}/src/lib/index.ts`, `export * from './retry';\n`],
        [`${ROOT}/src/orders.ts`, ORDERS.replace("'./lib/retry'", "'./lib'")],
        [`${ROOT}/src/refunds.ts`, ORDERS.replace("'./lib/retry'", "'./lib'").replace('placeOrder', 'refund')],
      ]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      for (const file of ['orders.ts', 'refunds.ts']) analyzeSource(texts.get(`${ROOT}/src/${file}`)!, `${ROOT}/src/${file}`, { project: index });
      for (const file of ['orders.ts', 'refunds.ts']) {
        assert.deepEqual(index.modulesReadFor(`${ROOT}/src/${file}`).sort(), [`${ROOT}/src/lib/index.ts`, `${ROOT}/src/lib/retry.ts`], file);
      }
    });

    it('parses nothing for a file that imports nothing that retries', () => {
      const texts = new Map([[`${ROOT}/src/format.ts`, 'export const money = (cents) => (cents / 100).toFixed(2);\n']]);
      const index = new ProjectIndex({ files: filesInMemory(texts), root: ROOT });
      const page = `import { money } from './format';
export const label = (order) => fetch('/api/orders', { method: 'POST', body: money(order.total) });
`;
      assert.deepEqual(analyzeSource(page, `${ROOT}/src/page.ts`, { project: index }).findings, []);
      assert.equal(index.modulesParsed, 0);
    });
  });
});
