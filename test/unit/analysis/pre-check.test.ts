// The pre-check may only pass by files in which the analysis would find nothing. It must say
// "maybe" for every shape of retry, also where tokens are hard to read (templates, regular
// expressions, broken code), and it should say "no" for the ordinary code that makes up most
// of a code base, or it saves nothing.
import assert from 'node:assert/strict';
import { analyzeSource } from '../../../src/analysis';
import { mayContainRetry } from '../../../src/analysis/pre-check';
import type { AnalyzeOptions } from '../../../src/analysis';
import { seededRandom } from '../../../src/shared/seeded-random';
import { mutate, tokenSpans } from './mutations';

/** Hard tokens for the pre-check's reading: braces and quotes in a regular expression and a template. */
const hardTokens = `const pattern = /[{}"'\`]/g;
const label = \`\${name}}{\`;
`;

/**
 * Retries without a single retry word, one per file: only their loops, self-calls and failure
 * paths give them away, so a mutation that hides one from the pre-check shows.
 */
const retriesWithoutRetryWords = [
  `export class Feed {
  private socket?: WebSocket;
  connect(url: string): void {
    this.socket = new WebSocket(url);
    this.socket.onclose = () => setTimeout(() => this.connect(url), 1000);
  }
}`,
  `export function subscribe(topic: string) {
  const stream = open(topic);
  stream.on('error', () => subscribe(topic));
}`,
  `export const load = (id: string): Promise<Item> => get(id).catch(() => load(id));`,
  `export async function send(body: string) {
  for (;;) {
    const res = await fetch('/orders', { method: 'POST', body });
    if (res.ok) return res;
    await sleep(1000);
  }
}`,
  `export function poll(cb: (err: Error | null, data?: Data) => void) {
  request(url, (err, res) => {
    if (err) return setTimeout(() => poll(cb), 500);
    cb(null, res);
  });
}`,
].map((source) => hardTokens + source);

function fullAnalysis(text: string, fileName: string, options: AnalyzeOptions = {}) {
  return analyzeSource(text, fileName, { ...options, preCheck: false }).findings;
}

/** Asserts the analysis finds something in `code` (so the case means something) and the pre-check lets it through. */
function assertMaybe(code: string, options: AnalyzeOptions = {}, fileName = 'case.ts'): void {
  assert.ok(fullAnalysis(code, fileName, options).length > 0, `the full analysis should find a retry in:\n${code}`);
  assert.equal(mayContainRetry(code, fileName, options), true, code);
}

function assertNo(code: string, fileName = 'case.ts'): void {
  assert.deepEqual(fullAnalysis(code, fileName), [], code);
  assert.equal(mayContainRetry(code, fileName), false, code);
}

describe('pre-check', () => {
  describe('lets every shape of retry through', () => {
    it('loops whose text says they handle a failure, leading comments included', () => {
      assertMaybe(`async function a() {\n  while (true) {\n    try { return await fetch('/a'); } catch { await sleep(100); }\n  }\n}`);
      assertMaybe(`async function b() {\n  do {\n    var res = await fetch('/b');\n  } while (res.status >= 500);\n}`);
      assertMaybe(`async function c() {\n  let done = false;\n  while (!done) {\n    try {\n      await send();\n      done = true;\n    } catch (err) {\n      log(err);\n    }\n  }\n}`);
      assertMaybe(`// Give the service time to come back.\nasync function e() {\n  while (true) {\n    const r = await fetch('/e');\n    if (r.ok) return r;\n  }\n}`);
      assertMaybe(`async function f() {\n  for (const wait of [100, 200, 400]) {\n    try { return await fetch('/f'); } catch { await sleep(wait); }\n  }\n}`);
      assertMaybe(`async function g() {\n  for (const wait of retryDelays) {\n    const r = await fetch('/g');\n    if (r.ok) return r;\n    await sleep(wait);\n  }\n}`);
      assertMaybe(`async function d() {\n  for (;;) { const r = await fetch('/d'); if (r.ok) break; }\n}`);
    });

    it('self-calls: methods through this, functions, arrows, handlers, with type parameters and return types', () => {
      assertMaybe(`class Feed {\n  connect(): void {\n    this.ws = new WebSocket(u);\n    this.ws.onclose = () => setTimeout(() => this.connect(), 1000);\n  }\n}`);
      assertMaybe(`class Feed {\n  connect: (url: string) => void = (url) => {\n    this.ws.onclose = () => this.connect(url);\n  };\n}`);
      assertMaybe(`class Feed {\n  private connect = () => {\n    this.ws.on('close', () => this.connect());\n  };\n}`);
      assertMaybe(`export function listen<T extends { id: string }>(s: Source<T>): { stop(): void } {\n  s.on('error', () => listen(s));\n  return s;\n}`);
      assertMaybe(`export const load = (id: string): Promise<{ ok: boolean }> => get(id).catch(() => load(id));`);
      assertMaybe(`exports.poll = function poll(cb) {\n  request(u, (err, res) => {\n    if (err) return poll(cb);\n    cb(res);\n  });\n};`);
      assertMaybe(`class Files {\n  delete(id: string): Promise<void> {\n    return api.remove(id).catch(() => this.delete(id));\n  }\n}`);
      assertMaybe(`const connect: Connector<{ url: string }> = async () => {\n  ws.onclose = () => connect();\n};`);
      assertMaybe(`export function watch(source: Source, restart = () => source.once('close', () => watch(source))) {\n  restart();\n}`);
      assertMaybe(`const open = async function () {\n  try { return await db.open(); } catch (e) { return open(); }\n};`);
    });

    it('libraries, client options, interceptors and helpers named in the options', () => {
      assertMaybe(`import pRetry from 'p-retry';\nexport const f = () => pRetry(() => fetch('/x'), { forever: true });`);
      assertMaybe(`export const f = () => got.post('/x', { json: {}, retry: { limit: 2, methods: ['POST'] } });`);
      assertMaybe(`axios.interceptors.response.use(undefined, (error) => axios(error.config));`);
      assertMaybe(`export const resend = (error: AxiosError) => axios(error.config!);`);
      assertMaybe(`export const f = () => p\\u0052etry(() => fetch('/x'), { forever: true });`, {}, 'escaped-name.ts');
      assertMaybe(`export const charge = (c: Charge) => setRequestWithRetry('/charges', { method: 'POST', body: JSON.stringify(c) });`);
      assertMaybe(`export const f = () => tryHarder(() => fetch('/orders', { method: 'POST' }));`, { retryHelpers: ['tryHarder'] });
    });

    it('loss handlers under every event and handler name the analysis reads: disconnect as well as disconnected', () => {
      assertMaybe(`const socket = io(url);\nsocket.on('disconnect', () => socket.connect());`, {}, 'socket.js');
      assertMaybe(`const client = new Client();\nclient.on('disconnect', () => client.login(token));`, {}, 'bot.js');
      assertMaybe(`const client = new Client();\nclient.on('shardDisconnect', () => setTimeout(() => client.login(token), 5000));`, {}, 'bot.js');
      assertMaybe(`export class Feed {\n  connect(url: string): void {\n    this.client.open(url);\n    this.client.onDisconnect(() => this.connect(url));\n  }\n}`);
    });

    it('a library required through a file inside its package', () => {
      assertMaybe(`const io = require('socket.io-client/dist/socket.io');\nexport const socket = io(process.env.SOCKET_URL);`, {}, 'socket.js');
    });

    it('a second attempt made in the failed branch of the first answer, after a wait that is awaited or followed by then', () => {
      assertMaybe(`export async function send(url, data) {\n  let resp = await fetch(url, { method: 'POST', body: data });\n  if (resp.status == 500) {\n    wait(1000).then(() => { resp = fetch(url, { method: 'POST', body: data }); });\n  }\n  return resp;\n}`, {}, 'send.js');
      assertMaybe(`export async function send(url, data) {\n  let resp = await fetch(url, { method: 'POST', body: data });\n  if (!resp.ok) {\n    await wait(1000);\n    resp = await fetch(url, { method: 'POST', body: data });\n  }\n  return resp;\n}`, {}, 'send.js');
    });

    it('jobs handed back to their queue, failure callbacks handed on, and schedulers that call the retry they were handed', () => {
      assertMaybe(`export async function handle(job) {\n  try { await deliver(job); } catch (err) {\n    setTimeout(() => enqueue({ ...job, attempt: job.attempt + 1 }), 2 ** job.attempt * 1000);\n  }\n}`);
      assertMaybe(`export function send(item) {\n  transport.push(item, { onFailure: () => send(item) });\n}`);
      assertMaybe(`export class Hooks {\n  async deliver(id) {\n    const result = await this.send(id);\n    if (!result.success) this.sendLater(id);\n  }\n  sendLater(id) { setTimeout(() => this.deliver(id), 60000); }\n}`);
      assertMaybe(`export const swrConfig = {\n  onErrorRetry: (error, key, config, revalidate, { retryCount }) => {\n    if (retryCount >= 10) return;\n    setTimeout(() => revalidate({ retryCount }), 3000);\n  },\n};`);
      assertMaybe(`export async function markFailed(job) {\n  await db.jobs.update({ attempts: job.attempts + 1, next_attempt_at: new Date(Date.now() + 60000) });\n}`);
      assertMaybe(`export function attempt(command, limit = 2) {\n  let failures = 0;\n  const onError = (err) => { if (++failures > limit) throw err; return run(); };\n  const run = () => command().catch(onError);\n  return run();\n}`);
      assertMaybe(`export function attempt(command) {\n  function onError(err) { return run(); }\n  function run() { return command().then((value) => value, onError); }\n  return run();\n}`);
    });

    it('says maybe whenever it cannot read the tokens, or cannot check the file without a parse', () => {
      assert.equal(mayContainRetry(`const s = 'unterminated\nfunction f() {}`, 'a.ts'), true, 'an unterminated string');
      assert.equal(mayContainRetry(`function f() { if (x) { }`, 'a.ts'), true, 'unbalanced braces');
      assert.equal(mayContainRetry(`export const A = () => <div>{"it's"}</div>;`, 'a.tsx'), true, 'JSX: only the parser reads it');
      assert.equal(mayContainRetry(`export const x = 1;`, 'a.ts', { flagUnretriedRequests: true }), true, 'every POST is checked then');
    });
  });

  describe('passes by ordinary code', () => {
    it('classes that delegate to another object\'s method of the same name', () => {
      assertNo(`export class Store {\n  clear(): void { this.cache.clear(); }\n  get(key: string) { return this.cache.get(key); }\n  base64Encode(s: string) { return base64Encode(s); }\n}`);
    });

    it('loops that handle no failure, helpers used later, types, and comments that mention retries', () => {
      assertNo(`// We never retry here: the caller does.\nexport function total(items: Item[]): number {\n  let sum = 0;\n  for (const item of items) sum += item.price;\n  for (let i = 0; i < 3; i++) sum += i;\n  return sum;\n}`);
      assertNo(`export async function sendEach(items: Item[]) {\n  for (let i = 0; i < items.length; i++) {\n    try { await send(items[i]); } catch (error) { log(error); }\n  }\n}`);
      assertNo(`export async function sendAll(items: Item[]) {\n  for (const item of items) {\n    try { await send(item); } catch (error) { log(error); }\n  }\n  for (const key in cache) if (cache[key].failed) delete cache[key];\n}`);
      assertNo(`const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));\nexport async function later() { await delay(5); await delay(10); }`);
      assertNo(`export function debounce(fn: () => void, ms: number) {\n  let timer;\n  return () => { if (timer !== undefined) clearTimeout(timer); timer = setTimeout(fn, ms); };\n}`);
      assertNo(`export interface Client {\n  connect: (url: string) => void\n  onError?: (error: Error) => void\n}\nexport type Hooks = { attempts: number; connect: (c: Client) => Client }\nexport class Feed {\n  connect?: (url: string) => Feed\n  restart(): void { if (this.failed) this.connect?.(this.url); }\n}`);
      assertNo(`export interface Order { id: string; lines: { sku: string }[] }\nexport type Handler = (order: Order) => Promise<void>;`);
      assertNo(`export function describe(error: unknown): string {\n  return error instanceof TypeError ? 'TypeError' : 'clientAuthError';\n}`);
      assertNo(`export function load(url) {\n  const onError = (err) => report(err);\n  const run = () => fetch(url).catch(onError);\n  return run();\n}`);
      assertNo(`export function walk(node: Node, visit: (n: Node) => void) {\n  visit(node);\n  node.children.forEach((child) => visit(child));\n}`);
    });
  });

  describe('never hides a finding', () => {
    it('on 2,000 mutated inputs the findings are the same with and without it', function () {
      this.timeout(120_000);
      const random = seededRandom(0x5eed);
      const spans = retriesWithoutRetryWords.map((source) => tokenSpans(source));
      let passedBy = 0;
      let withFindings = 0;
      for (let i = 0; i < 2000; i++) {
        const shape = i % retriesWithoutRetryWords.length;
        const input = mutate(retriesWithoutRetryWords[shape]!, spans[shape]!, random);
        const full = fullAnalysis(input, 'feed.ts');
        const maybe = mayContainRetry(input, 'feed.ts');
        if (full.length > 0) {
          withFindings++;
          assert.ok(maybe, `input #${i} has findings, but the pre-check passed it by:\n${input}`);
        }
        if (!maybe) passedBy++;
        assert.deepEqual(analyzeSource(input, 'feed.ts').findings, full, `input #${i}`);
      }
      // Both sides must occur, or the test checks nothing.
      assert.ok(withFindings > 1000, `${withFindings} inputs with findings`);
      assert.ok(passedBy > 0, 'some mutations remove every retry, and those are passed by');
    });
  });
});
