// The lesson's worked code examples must do what their captions say. Each one is transpiled and run
// in a sandbox with a fake `fetch` and a fake `setTimeout` that records delays instead of waiting.
// (Whether the lint rules flag them is tested with the rules, over the same content.)
import assert from 'node:assert/strict';
import vm from 'node:vm';
import ts from 'typescript';
import { getSection, validateLesson, type CodeExample, type Lesson } from '../../../src/lesson/content';
import { rawLesson } from './helpers';

interface FakeResponse {
  ok: boolean;
  status: number;
  json(): Promise<unknown>;
}
interface Call {
  url: string;
  init?: { method?: string; headers?: Record<string, string>; signal?: unknown };
}
/** What the fake fetch does on each call: a status code, or 'network' to reject. */
type Outcome = number | 'network';

function run(example: CodeExample, fnName: string, outcomes: (call: number) => Outcome, args: unknown[]) {
  const calls: Call[] = [];
  const delays: number[] = [];
  const fetch = (url: string, init?: Call['init']): Promise<FakeResponse> => {
    calls.push({ url, init });
    const outcome = outcomes(calls.length);
    if (outcome === 'network') return Promise.reject(new TypeError('fetch failed'));
    return Promise.resolve({ ok: outcome >= 200 && outcome < 300, status: outcome, json: async () => ({ status: outcome }) });
  };
  const setTimeout = (callback: () => void, ms?: number) => {
    delays.push(ms ?? 0);
    setImmediate(callback);
    return 0;
  };
  const ignore = (): void => undefined;
  const silent = { log: ignore, warn: ignore, error: ignore };
  const context = vm.createContext({ fetch, setTimeout, AbortSignal, crypto: globalThis.crypto, console: silent });
  const js = ts.transpileModule(example.code, { compilerOptions: { target: ts.ScriptTarget.ES2022 }, reportDiagnostics: true });
  assert.deepEqual(js.diagnostics ?? [], [], `${example.id} has syntax errors`);
  vm.runInContext(js.outputText, context, { filename: `${example.id}.js` });
  const fn = vm.runInContext(fnName, context) as (...a: unknown[]) => Promise<unknown>;
  const settled = fn(...args).then(
    (value) => ({ value, error: undefined as unknown }),
    (error: unknown) => ({ value: undefined as unknown, error }),
  );
  return settled.then((result) => ({ ...result, calls, delays }));
}

function example(lesson: Lesson, id: string): CodeExample {
  const found = getSection(lesson, 'common-mistakes').items.flatMap((m) => m.examples).find((e) => e.id === id);
  assert.ok(found, `no example ${id}`);
  return found;
}

function errorMessage(error: unknown): string {
  return error instanceof Error || (error && typeof error === 'object' && 'message' in error) ? String((error as Error).message) : String(error);
}

describe('lesson code examples', () => {
  const result = validateLesson(rawLesson());
  if (!result.ok) throw new Error(result.errors.join('\n'));
  const lesson = result.lesson;

  it('are all syntactically valid TypeScript', () => {
    for (const item of getSection(lesson, 'common-mistakes').items) {
      for (const ex of item.examples) {
        const out = ts.transpileModule(ex.code, { reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
        assert.deepEqual(out.diagnostics ?? [], [], ex.id);
        assert.ok(!/[❌✅]/u.test(ex.code), `${ex.id}: the verdict mark belongs to the renderer, not the code`);
      }
    }
  });

  describe('retries', () => {
    it('❌ unbounded: keeps calling with no pause for as long as the service fails', async () => {
      const r = await run(example(lesson, 'example-retry-unbounded'), 'getOrder', (n) => (n <= 200 ? (n % 2 ? 'network' : 503) : 200), ['o-1']);
      assert.equal(r.calls.length, 201);
      assert.deepEqual(r.delays, [], 'no backoff at all');
      assert.deepEqual(r.value, { status: 200 });
    });

    it('❌ capped without jitter: every caller waits exactly the same delays', async () => {
      const ex = example(lesson, 'example-retry-no-jitter');
      const first = await run(ex, 'getOrder', () => 503, ['o-1']);
      const second = await run(ex, 'getOrder', () => 'network', ['o-1']);
      assert.equal(first.calls.length, 5);
      assert.match(errorMessage(first.error), /unavailable after 5 attempts/);
      assert.deepEqual(first.delays, second.delays);
      assert.deepEqual(first.delays, [200, 400, 800, 1600, 3200]);
    });

    it('✅ capped with full jitter: at most 5 attempts, random delays under an exponential ceiling', async () => {
      const ex = example(lesson, 'example-retry-capped-jittered');
      const firstDelays = new Set<number>();
      for (let i = 0; i < 20; i++) {
        const r = await run(ex, 'getOrder', (n) => (n % 2 ? 'network' : 503), ['o-1']);
        assert.equal(r.calls.length, 5);
        assert.match(errorMessage(r.error), /unavailable after 5 attempts/);
        assert.equal(r.delays.length, 4, 'no wait after the last attempt');
        r.delays.forEach((d, k) => {
          assert.ok(d >= 0 && d < Math.min(5000, 100 * 2 ** (k + 1)), `delay ${k}: ${d}`);
        });
        firstDelays.add(r.delays[0]);
        assert.ok(r.calls.every((c) => c.init?.signal !== undefined), 'every attempt has a timeout');
      }
      assert.ok(firstDelays.size > 10, 'delays are randomised');
    });

    it('✅ fails fast on a non-retryable error and returns on success', async () => {
      const ex = example(lesson, 'example-retry-capped-jittered');
      const rejected = await run(ex, 'getOrder', () => 404, ['o-1']);
      assert.equal(rejected.calls.length, 1);
      assert.match(errorMessage(rejected.error), /404/);
      const recovered = await run(ex, 'getOrder', (n) => (n < 3 ? 429 : 200), ['o-1']);
      assert.equal(recovered.calls.length, 3);
      assert.deepEqual(recovered.value, { status: 200 });
    });
  });

  describe('idempotency', () => {
    const twoTimeoutsThenOk = (n: number): Outcome => (n < 3 ? 'network' : 201);
    const keys = (calls: Call[]) => calls.map((c) => c.init?.headers?.['Idempotency-Key']);

    it('❌ no key: the retried POST carries nothing the server could deduplicate', async () => {
      const r = await run(example(lesson, 'example-idempotency-missing-key'), 'chargeCustomer', twoTimeoutsThenOk, ['c-1', 500]);
      assert.equal(r.calls.length, 3);
      assert.ok(r.calls.every((c) => c.init?.method === 'POST'));
      assert.deepEqual(keys(r.calls), [undefined, undefined, undefined]);
    });

    it('❌ key per attempt: every retry looks like a new charge', async () => {
      const r = await run(example(lesson, 'example-idempotency-key-per-attempt'), 'chargeCustomer', twoTimeoutsThenOk, ['c-1', 500]);
      assert.equal(r.calls.length, 3);
      assert.equal(new Set(keys(r.calls)).size, 3);
    });

    it('✅ stable key: one key per charge, sent on every attempt; a new charge gets a new key', async () => {
      const ex = example(lesson, 'example-idempotency-stable-key');
      const first = await run(ex, 'chargeCustomer', twoTimeoutsThenOk, ['c-1', 500]);
      assert.equal(first.calls.length, 3);
      assert.deepEqual(first.value, { status: 201 });
      const [key] = keys(first.calls);
      assert.match(key ?? '', /^[0-9a-f-]{36}$/);
      assert.deepEqual(keys(first.calls), [key, key, key]);
      const second = await run(ex, 'chargeCustomer', () => 201, ['c-1', 500]);
      assert.notEqual(keys(second.calls)[0], key);
      const gaveUp = await run(ex, 'chargeCustomer', () => 'network', ['c-1', 500]);
      assert.equal(gaveUp.calls.length, 3, 'retries are capped');
      assert.match(errorMessage(gaveUp.error), /after 3 attempts/);
    });
  });
});
