// The retry-dense corpus: generated files of a few hundred lines with a retry construct about every
// 15 lines, in the shapes that real code retries with: loops with try/catch and a sleep, recursive
// retries, reconnect handlers, retry libraries (p-retry, async-retry, axios-retry, exponential-backoff,
// rxjs `retry`, TanStack Query's `retry` option), POSTs with and without an Idempotency-Key, and calls
// of a local `withRetry` helper. Each shape comes in variants that the rules judge differently
// (capped or not, with or without backoff and jitter). The files are the same on every run: the
// choices come from a seeded generator, not from Math.random.
import { transformSync } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshCorpusRepository, lineCount } from './corpus-repository.mjs';

/**
 * The project's seeded generator (src/shared/seeded-random.ts: the same seed, the same corpus),
 * compiled here because Node runs no TypeScript.
 */
async function loadSeededRandom() {
  const file = fileURLToPath(new URL('../../src/shared/seeded-random.ts', import.meta.url));
  const { code } = transformSync(readFileSync(file, 'utf8'), { loader: 'ts', format: 'esm' });
  const module = await import(`data:text/javascript,${encodeURIComponent(code)}`);
  return module.seededRandom;
}
const seededRandom = await loadSeededRandom();

const NOUNS = ['order', 'invoice', 'profile', 'shipment', 'payment', 'report', 'ticket', 'session', 'upload', 'price', 'account', 'message'];
const HOSTS = ['https://api.shop.example', 'https://billing.example.com', '/api', 'https://hooks.internal.example'];

/** What one block of code may use: a name unique in its file, a noun, a URL and some numbers. */
function vocabulary(random, id) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const noun = pick(NOUNS);
  const Noun = noun[0].toUpperCase() + noun.slice(1);
  return {
    id,
    noun,
    Noun,
    url: `${pick(HOSTS)}/${noun}s`,
    tries: 2 + Math.floor(random() * 6),
    ms: pick([100, 250, 500, 1000, 2000]),
    cap: pick([10_000, 30_000, 60_000]),
    coin: () => random() < 0.5,
  };
}

/**
 * The retry shapes. Each takes a vocabulary and returns its lines of code and the imports it needs.
 * A shape is a function, a constant or a handler of some 5 to 14 lines.
 */
const SHAPES = [
  // A loop that tries for ever, with a fixed pause (or none).
  (v) => ({
    code: [
      `export async function save${v.Noun}${v.id}(body: unknown): Promise<Response> {`,
      `  while (true) {`,
      `    try {`,
      `      const response = await fetch('${v.url}', { method: 'PUT', body: JSON.stringify(body) });`,
      `      if (response.ok) return response;`,
      `    } catch (error) {`,
      `      console.warn('saving the ${v.noun} failed; trying again', error);`,
      `    }`,
      v.coin() ? `    await sleep(${v.ms});` : `    // no pause: the next attempt starts at once`,
      `  }`,
      `}`,
    ],
  }),
  // A counted loop, with exponential backoff, jittered or not.
  (v) => ({
    code: [
      `export async function get${v.Noun}${v.id}(id: string) {`,
      `  for (let attempt = 1; attempt <= ${v.tries}; attempt++) {`,
      `    try {`,
      `      return await api.get('${v.url}/' + id);`,
      `    } catch (error) {`,
      `      if (attempt === ${v.tries}) throw error;`,
      `      const wait = Math.min(${v.cap}, ${v.ms} * 2 ** attempt);`,
      v.coin() ? `      await sleep(wait / 2 + (Math.random() * wait) / 2);` : `      await sleep(wait);`,
      `    }`,
      `  }`,
      `}`,
    ],
  }),
  // A function that calls itself from its catch, with a count of tries left.
  (v) => ({
    code: [
      `async function read${v.Noun}${v.id}(path: string, triesLeft = ${v.tries}): Promise<string> {`,
      `  try {`,
      `    const res = await fetch(path);`,
      `    if (!res.ok) throw new Error('status ' + res.status);`,
      `    return await res.text();`,
      `  } catch (err) {`,
      `    if (triesLeft <= 0) throw err;`,
      `    await sleep(${v.ms});`,
      `    return read${v.Noun}${v.id}(path, triesLeft - 1);`,
      `  }`,
      `}`,
    ],
  }),
  // A socket that reconnects when it closes: at once after a fixed wait, or with a growing one.
  (v) =>
    v.coin()
      ? {
          code: [
            `function listen${v.Noun}${v.id}(): void {`,
            `  const ws = new WebSocket('wss://live.example/${v.noun}s');`,
            `  ws.onmessage = (event) => inbox.push(event.data);`,
            `  ws.onclose = () => setTimeout(listen${v.Noun}${v.id}, ${v.ms});`,
            `}`,
          ],
        }
      : {
          code: [
            `let ${v.noun}Delay${v.id} = ${v.ms};`,
            `function stream${v.Noun}${v.id}(): void {`,
            `  const socket = new WebSocket('wss://live.example/${v.noun}s');`,
            `  socket.onopen = () => (${v.noun}Delay${v.id} = ${v.ms});`,
            `  socket.onclose = () => {`,
            `    setTimeout(stream${v.Noun}${v.id}, ${v.noun}Delay${v.id} + Math.random() * 100);`,
            `    ${v.noun}Delay${v.id} = Math.min(${v.noun}Delay${v.id} * 2, ${v.cap});`,
            `  };`,
            `}`,
          ],
        },
  // p-retry around a fetch.
  (v) => ({
    imports: ["import pRetry from 'p-retry';"],
    code: [
      `export const load${v.Noun}${v.id} = (id: string) =>`,
      `  pRetry(`,
      `    async () => {`,
      `      const res = await fetch('${v.url}/' + id);`,
      `      if (res.status === 404) throw new AbortError('no such ${v.noun}');`,
      `      return res.json();`,
      `    },`,
      `    { retries: ${v.tries}${v.coin() ? ', randomize: true' : ''} },`,
      `  );`,
    ],
  }),
  // async-retry with bail, posting a batch.
  (v) => ({
    imports: ["import asyncRetry from 'async-retry';"],
    code: [
      `export async function sync${v.Noun}s${v.id}(items: unknown[]) {`,
      `  return asyncRetry(`,
      `    async (bail) => {`,
      `      const res = await fetch('${v.url}/batch', { method: 'POST', body: JSON.stringify(items) });`,
      `      if (res.status === 400) bail(new Error('the ${v.noun}s were rejected'));`,
      `      return res.json();`,
      `    },`,
      `    { retries: ${v.tries}, minTimeout: ${v.ms} },`,
      `  );`,
      `}`,
    ],
  }),
  // An axios instance with axios-retry: with an exponential delay, or with none.
  (v) => ({
    imports: ["import axios from 'axios';", "import axiosRetry from 'axios-retry';"],
    code: [
      `export const ${v.noun}Client${v.id} = axios.create({ baseURL: '${v.url}', timeout: ${v.cap} });`,
      v.coin()
        ? `axiosRetry(${v.noun}Client${v.id}, { retries: ${v.tries}, retryDelay: axiosRetry.exponentialDelay });`
        : `axiosRetry(${v.noun}Client${v.id}, { retries: ${v.tries} });`,
    ],
  }),
  // An rxjs pipeline with retry: counted with a delay, counted, or for ever.
  (v) => ({
    imports: ["import { map, retry } from 'rxjs';", "import { ajax } from 'rxjs/ajax';"],
    code: [
      `export const ${v.noun}Feed${v.id}$ = ajax.getJSON<Array<{ id: string; total: number }>>('${v.url}').pipe(`,
      `  ${[`retry({ count: ${v.tries}, delay: ${v.ms} })`, `retry(${v.tries})`, 'retry()'][v.id % 3]},`,
      `  map((list) => list.filter((entry) => entry.total > 0)),`,
      `);`,
    ],
  }),
  // TanStack Query: a query with a count of retries or `retry: true`, and a mutation that retries a POST.
  (v) =>
    v.coin()
      ? {
          imports: ["import { useQuery } from '@tanstack/react-query';"],
          code: [
            `export function use${v.Noun}${v.id}(id: string) {`,
            `  return useQuery({`,
            `    queryKey: ['${v.noun}', id],`,
            `    queryFn: () => fetch('${v.url}/' + id).then((res) => res.json()),`,
            `    retry: ${v.id % 4 === 0 ? 'true' : v.tries},`,
            `    staleTime: 60_000,`,
            `  });`,
            `}`,
          ],
        }
      : {
          imports: ["import { useMutation } from '@tanstack/react-query';"],
          code: [
            `export function useCreate${v.Noun}${v.id}() {`,
            `  return useMutation({`,
            `    mutationFn: (draft: unknown) => fetch('${v.url}', { method: 'POST', body: JSON.stringify(draft) }),`,
            `    retry: ${v.tries},`,
            `  });`,
            `}`,
          ],
        },
  // A POST in a retry loop, with an Idempotency-Key made once (or without one).
  (v) => {
    const keyed = v.coin();
    return {
      code: [
        `export async function charge${v.Noun}${v.id}(amount: number) {`,
        ...(keyed ? [`  const key = crypto.randomUUID();`] : []),
        `  for (let attempt = 0; attempt < ${v.tries}; attempt++) {`,
        `    try {`,
        `      return await fetch('${v.url}/charges', {`,
        `        method: 'POST',`,
        `        headers: { 'Content-Type': 'application/json'${keyed ? ", 'Idempotency-Key': key" : ''} },`,
        `        body: JSON.stringify({ amount }),`,
        `      });`,
        `    } catch {`,
        `      await sleep(Math.random() * ${v.ms} * 2 ** attempt);`,
        `    }`,
        `  }`,
        `  throw new Error('the charge did not go through');`,
        `}`,
      ],
    };
  },
  // A call of the project's own retry helper.
  (v) => ({
    code: [
      `export function archive${v.Noun}${v.id}(id: string) {`,
      `  return withRetry(() => api.post('${v.url}/' + id + '/archive'), { attempts: ${v.tries} });`,
      `}`,
    ],
  }),
  // Polling that retries through the promise's .catch.
  (v) => ({
    code: [
      `function poll${v.Noun}${v.id}(url: string): Promise<unknown> {`,
      `  return fetch(url)`,
      `    .then((res) => res.json())`,
      `    .catch(() => sleep(${v.ms}).then(() => poll${v.Noun}${v.id}(url)));`,
      `}`,
    ],
  }),
  // A callback-style upload that tries again from its error handler.
  (v) => ({
    code: [
      `function upload${v.Noun}${v.id}(file: Blob, done: (error?: Error) => void, attempt = 0): void {`,
      `  const xhr = new XMLHttpRequest();`,
      `  xhr.open('PUT', '${v.url}/files');`,
      `  xhr.onload = () => done();`,
      `  xhr.onerror = () => {`,
      `    if (attempt >= ${v.tries}) return done(new Error('the upload failed'));`,
      `    setTimeout(() => upload${v.Noun}${v.id}(file, done, attempt + 1), ${v.ms} * 2 ** attempt);`,
      `  };`,
      `  xhr.send(file);`,
      `}`,
    ],
  }),
  // A do/while that retries while the server is unavailable.
  (v) => ({
    code: [
      `export async function publish${v.Noun}${v.id}(event: unknown) {`,
      `  let attempts = 0;`,
      `  let res: Response;`,
      `  do {`,
      `    res = await fetch('${v.url}/events', { method: 'POST', body: JSON.stringify(event) });`,
      `    attempts++;`,
      `    if (res.status === 503) await sleep(${v.ms} * attempts);`,
      `  } while (res.status === 503 && attempts < ${v.tries});`,
      `  return res;`,
      `}`,
    ],
  }),
  // exponential-backoff's backOff, with full jitter or without.
  (v) => ({
    imports: ["import { backOff } from 'exponential-backoff';"],
    code: [
      `export const fetch${v.Noun}${v.id} = (id: string) =>`,
      `  backOff(() => api.get('${v.url}/' + id), { numOfAttempts: ${v.tries}, startingDelay: ${v.ms}${v.coin() ? ", jitter: 'full'" : ''} });`,
    ],
  }),
];

/** Plain code between the retries, as real files have: with it, a retry comes about every 15 lines. */
const FILLERS = [
  (v) => [`export interface ${v.Noun}Summary${v.id} {`, `  id: string;`, `  total: number;`, `  updatedAt: Date;`, `}`],
  (v) => [`export function format${v.Noun}${v.id}(total: number): string {`, `  return total.toFixed(2) + ' ${v.noun}s';`, `}`],
  (v) => [`const ${v.noun}Labels${v.id} = new Map<string, string>([`, `  ['open', 'Open'],`, `  ['closed', 'Closed'],`, `]);`],
  (v) => [
    `export function ${v.noun}State${v.id}(status: number): 'ok' | 'retry' | 'fail' {`,
    `  switch (Math.floor(status / 100)) {`,
    `    case 2: return 'ok';`,
    `    case 5: return 'retry';`,
    `    default: return 'fail';`,
    `  }`,
    `}`,
  ],
  (v) => [
    `export class ${v.Noun}Cache${v.id} {`,
    `  private readonly entries = new Map<string, { value: unknown; at: number }>();`,
    `  get(key: string): unknown { return this.entries.get(key)?.value; }`,
    `  set(key: string, value: unknown): void { this.entries.set(key, { value, at: Date.now() }); }`,
    `}`,
  ],
];

/** What every file declares, so that it reads as a module of a real project. */
const PRELUDE = [
  'declare function sleep(ms: number): Promise<void>;',
  'declare function withRetry<T>(work: () => Promise<T>, options?: { attempts?: number }): Promise<T>;',
  'declare const api: { get(url: string): Promise<unknown>; post(url: string, body?: unknown): Promise<unknown> };',
  'declare const inbox: unknown[];',
  'declare class AbortError extends Error {}',
];

/** One file of about `targetLines` lines; `constructs` counts its retry constructs. */
function denseFile(random, targetLines) {
  const imports = new Set();
  const blocks = [];
  let lines = 0;
  let constructs = 0;
  for (let id = 0; lines < targetLines; id++) {
    const v = vocabulary(random, id);
    const shape = SHAPES[Math.floor(random() * SHAPES.length)](v);
    for (const line of shape.imports ?? []) imports.add(line);
    const block = [...shape.code];
    block.push('', ...FILLERS[Math.floor(random() * FILLERS.length)](v));
    blocks.push(block.join('\n'));
    lines += block.length + 1;
    constructs++;
  }
  const head = ['// Generated by scripts/bench/corpus-retry-dense.mjs for the benchmark.', ...[...imports].sort(), '', ...PRELUDE];
  return { text: `${head.join('\n')}\n\n${blocks.join('\n\n')}\n`, constructs };
}

/**
 * Builds the corpus in `dir` (see corpus-repository.mjs): files of 200 to 400 lines, at least
 * `minLines` lines in all, the same on every run.
 */
export function buildRetryDenseCorpus({ dir, minLines, eslintPluginFile }) {
  const sourceDir = freshCorpusRepository(dir, eslintPluginFile);
  const random = seededRandom(0x5eed);
  let lines = 0;
  let files = 0;
  let constructs = 0;
  while (lines < minLines) {
    const file = denseFile(random, 200 + Math.floor(random() * 200));
    const target = path.join(sourceDir, `area${files % 8}`, `service${files}.ts`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, file.text);
    lines += lineCount(file.text);
    constructs += file.constructs;
    files++;
  }
  const origin = `generated: ${constructs.toLocaleString('en')} retry constructs, one every ${(lines / constructs).toFixed(1)} lines, in ${SHAPES.length} shapes`;
  return { lines, files, origin };
}
