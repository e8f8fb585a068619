// Benchmarks of the editor integration, in plain Node (not a test):
//   1. From a document change to published diagnostics, minus the debounce: the round trip through the
//      analysis worker (dist/analysis-worker.js) for a 2,000-line file, over 50 edited versions (p50/p95).
//   2. The extension's activation: loading dist/extension.js and calling activate() against a stub of
//      the `vscode` module that accepts every call (VS Code's own API calls are cheap and not measured).
// Run after a build: `node scripts/build.mjs && node scripts/bench-editor.mjs`.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const WORKER = path.join(root, 'dist', 'analysis-worker.js');
const EXTENSION = path.join(root, 'dist', 'extension.js');
const LINES = 2000;
const EDITS = 50;
const GOAL_MS = 50;

if (!existsSync(WORKER) || !existsSync(EXTENSION)) {
  console.error('Build first: node scripts/build.mjs');
  process.exit(1);
}

/** A realistic 2,000-line file: the rule fixtures and look-alikes, repeated with renamed functions. */
function bigSource() {
  const dir = path.join(root, 'test', 'fixtures', 'workspace', 'rules');
  const parts = ['unbounded-retry.ts', 'retry-without-jitter.ts', 'missing-idempotency-key.ts', 'unstable-idempotency-key.ts',
    'lookalikes/queue-consumer.ts', 'lookalikes/pagination.ts', 'lookalikes/per-item-loop.ts', 'lookalikes/polling-with-deadline.ts']
    .map((file) => readFileSync(path.join(dir, file), 'utf8').replace(/^function sleep[\s\S]*?^}\n/m, ''));
  const lines = [];
  for (let copy = 0; lines.length < LINES; copy++) {
    for (const part of parts) lines.push(...part.replace(/(function|declare function) (\w+)/g, `$1 $2_${copy}`).split('\n'));
  }
  lines.length = LINES - 3;
  lines.push('function sleep(ms: number): Promise<void> {', '  return new Promise((resolve) => setTimeout(resolve, ms));', '}');
  return lines.join('\n');
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function benchWorker(incremental) {
  const worker = new Worker(WORKER);
  let nextId = 1;
  const waiting = new Map();
  worker.on('message', (reply) => {
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  // `key` is what the editor sends for an open document: the worker then parses each version incrementally.
  const analyse = (text) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      worker.postMessage({ id, items: [{ fileName: 'big.ts', text, key: incremental ? 'file:///big.ts' : undefined }], options: { maxFileSizeBytes: 1024 * 1024 } });
    });

  const base = bigSource();
  let started = performance.now();
  const first = await analyse(base);
  const firstMs = performance.now() - started;
  const times = [];
  let text = base;
  for (let edit = 0; edit < EDITS; edit++) {
    // Each version is an edit as typing makes it: a line changed somewhere in the file.
    const lines = text.split('\n');
    const at = (edit * 37) % lines.length;
    lines[at] = `${lines[at]} // edit ${edit}`;
    text = lines.join('\n');
    started = performance.now();
    const reply = await analyse(text);
    times.push(performance.now() - started);
    if (reply.error) throw new Error(reply.error);
  }
  await worker.terminate();
  times.sort((a, b) => a - b);
  return { firstMs, findings: first.results[0].findings.length, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) };
}

/** A `vscode` module where every property is a function returning another such value, and `new` works too. */
function anything() {
  const target = function () {
    return undefined;
  };
  return new Proxy(target, {
    get(_target, key) {
      if (key === Symbol.toPrimitive) return () => '';
      if (key === 'then') return undefined; // not a promise
      if (key === 'fsPath' || key === 'path') return root;
      if (key === 'packageJSON') return JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
      return anything();
    },
    set: () => true,
    apply: () => anything(),
    construct: () => anything(),
  });
}

function benchActivation() {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const load = Module._load;
  // esbuild copies the module's own keys, so the stub names every property the bundle reads anywhere
  // (the production bundle renames `vscode`, so its uses cannot be told apart; extra names are harmless).
  const names = new Set([...readFileSync(EXTENSION, 'utf8').matchAll(/\.([A-Za-z_]\w*)/g)].map((match) => match[1]));
  const vscode = Object.fromEntries([...names].map((name) => [name, anything()]));
  Module._load = function (request, ...rest) {
    return request === 'vscode' ? vscode : load.call(this, request, ...rest);
  };
  try {
    let started = performance.now();
    const extension = require(EXTENSION);
    const loadMs = performance.now() - started;
    const memento = () => ({ get: (_key, fallback) => fallback, update: async () => undefined, keys: () => [], setKeysForSync: () => undefined });
    const context = { subscriptions: [], extensionUri: anything(), extension: anything(), globalState: memento(), workspaceState: memento() };
    started = performance.now();
    extension.activate(context);
    const activateMs = performance.now() - started;
    for (const disposable of context.subscriptions) disposable?.dispose?.();
    return { loadMs, activateMs };
  } finally {
    Module._load = load;
  }
}

const full = await benchWorker(false);
const worker = await benchWorker(true);
console.log(`worker: ${LINES}-line file, ${worker.findings} findings; first analysis (worker start + TypeScript load) ${worker.firstMs.toFixed(1)} ms`);
const row = (r) => `p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms`;
console.log(`worker: change -> diagnostics (after the debounce) over ${EDITS} edits, full parse each time:  ${row(full)}`);
console.log(`worker: change -> diagnostics (after the debounce) over ${EDITS} edits, incremental (editor): ${row(worker)} (goal p95 <= ${GOAL_MS} ms)`);
const activation = benchActivation();
console.log(`activation: loading dist/extension.js ${activation.loadMs.toFixed(1)} ms; activate() ${activation.activateMs.toFixed(1)} ms (goal <= ${GOAL_MS} ms)`);
process.exit(worker.p95 <= GOAL_MS && activation.activateMs <= GOAL_MS ? 0 : 1);
