// The benchmark (`npm run bench`; not a test). On a corpus of real TypeScript of at least
// 100,000 lines it prints, from one run:
//   - the parse floor: `ts.createSourceFile` alone over the corpus;
//   - `analyze` with every file parsed (parse + every rule) over the same texts, its ratio to the
//     floor, lines per second; and `analyze` as it runs by default, with the pre-check that passes
//     by files holding nothing a retry is made of (and a check that it hid no finding);
//   - the CLI's wall time on the corpus (default, one thread, every file parsed), against ESLint
//     with typescript-eslint's parser and our plugin on the same files (one thread, and --concurrency auto);
//   - peak memory (max RSS) of each.
// Goals: analyze ≤ 1.3× the parse floor; the CLI ≥ 8× faster than the ESLint run.
// Each measurement is warmed up once, then repeated (--runs N, default 5); the median is shown.
//
//   node scripts/bench.mjs [--runs 5] [--min-lines 100000] [--skip-eslint]
//
// It uses the bundles in dist/ (build them first; `npm run bench` builds for production). The
// corpus is the TypeScript sources (not .d.ts) that packages in node_modules ship, copied to
// out/bench-corpus/src (git-ignored), topped up with generated retry code if they are too few.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const require = createRequire(import.meta.url);
const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'min-lines': { type: 'string', default: '100000' },
    'skip-eslint': { type: 'boolean', default: false },
  },
});
const RUNS = Math.max(1, Number(flags.runs));
const MIN_LINES = Number(flags['min-lines']);

// The bundles are copied first, so that a rebuild of dist/ during the run does not disturb it.
const toolsDir = path.join(root, 'out', 'bench-tools');
const BUNDLES = ['cli.js', 'cli-worker.js', 'api.js', 'eslint-plugin.js'];
for (const file of BUNDLES) {
  if (!existsSync(path.join(root, 'dist', file))) {
    console.error(`bench: dist/${file} is missing; run \`node scripts/build.mjs --production\` first.`);
    process.exit(2);
  }
}
const production = !existsSync(path.join(root, 'dist', 'cli.js.map'));
rmSync(path.join(toolsDir, 'dist'), { recursive: true, force: true });
mkdirSync(path.join(toolsDir, 'dist'), { recursive: true });
for (const file of BUNDLES) cpSync(path.join(root, 'dist', file), path.join(toolsDir, 'dist', file));
const dist = (file) => path.join(toolsDir, 'dist', file);

// ---------------------------------------------------------------------------------------------
// The corpus

const corpusDir = path.join(root, 'out', 'bench-corpus');
const sourceDir = path.join(corpusDir, 'src');

function* tsSourcesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* tsSourcesUnder(full);
    else if (entry.isFile() && /\.[cm]?tsx?$/.test(entry.name) && !/\.d\.[cm]?ts$/.test(entry.name)) yield full;
  }
}

/** Retry code as the rules see it, varied, to top the corpus up and to give it findings. */
function generatedFile(i) {
  const n = `${i}`;
  const shapes = [
    `export async function submitOrder${n}(order: Order): Promise<Response> {\n  while (true) {\n    try {\n      return await fetch('/orders', { method: 'POST', body: JSON.stringify(order) });\n    } catch {\n      await sleep(1000);\n    }\n  }\n}\n`,
    `export async function getProfile${n}(id: string) {\n  for (let attempt = 0; attempt < 3; attempt++) {\n    try {\n      return await api.get(\`/profiles/\${id}\`);\n    } catch (err) {\n      await sleep(Math.random() * 200 * 2 ** attempt);\n    }\n  }\n  throw new Error('unavailable');\n}\n`,
    `export async function pay${n}(payment: Payment) {\n  for (let attempt = 0; attempt < 4; attempt++) {\n    try {\n      return await fetch('/api/payments', { method: 'POST', headers: { 'Idempotency-Key': crypto.randomUUID() }, body: JSON.stringify(payment) });\n    } catch { await sleep(Math.random() * 500 * 2 ** attempt); }\n  }\n}\n`,
    `export class Repository${n}<T extends { id: string }> {\n  private readonly items = new Map<string, T>();\n  add(item: T): void { this.items.set(item.id, item); }\n  find(id: string): T | undefined { return this.items.get(id); }\n  list(filter?: (item: T) => boolean): T[] { return [...this.items.values()].filter(filter ?? (() => true)); }\n}\n`,
  ];
  return `// Generated for the benchmark.\ndeclare function sleep(ms: number): Promise<void>;\n${Array.from({ length: 12 }, (_, k) => shapes[(i + k) % shapes.length].replace(/(\w+)(\d+)(\(|<)/, `$1$2_${k}$3`)).join('\n')}`;
}

function buildCorpus() {
  rmSync(corpusDir, { recursive: true, force: true });
  mkdirSync(sourceDir, { recursive: true });
  // A repository of its own: the CLI reads .gitignore files from the nearest repository root down, and
  // this project's .gitignore ignores out/, where the corpus lives.
  mkdirSync(path.join(corpusDir, '.git'));
  let lines = 0;
  let files = 0;
  const packages = new Map();
  for (const file of tsSourcesUnder(path.join(root, 'node_modules'))) {
    if (statSync(file).size > 512 * 1024) continue;
    const relative = path.relative(path.join(root, 'node_modules'), file);
    // Folder names that this repository's .gitignore ignores (dist/, out/, …) are renamed: the CLI
    // honours .gitignore and ESLint does not, and both must lint the same files.
    const plain = (part) => (['node_modules', 'dist', 'out', 'test-results', '.vscode-test'].includes(part) ? `${part}_` : part);
    const target = path.join(sourceDir, 'vendor', relative.split(path.sep).map(plain).join(path.sep));
    mkdirSync(path.dirname(target), { recursive: true });
    cpSync(file, target);
    const count = readFileSync(file, 'utf8').split('\n').length;
    lines += count;
    files++;
    const name = relative.split(path.sep).slice(0, relative.startsWith('@') ? 2 : 1).join('/');
    packages.set(name, (packages.get(name) ?? 0) + count);
  }
  // Our own CLI fixtures (findings), and generated retry code up to the minimum.
  const fixtures = path.join(root, 'test', 'fixtures', 'cli');
  for (const name of ['retry.ts', 'clean.ts']) {
    cpSync(path.join(fixtures, name), path.join(sourceDir, 'fixtures', name));
    lines += readFileSync(path.join(fixtures, name), 'utf8').split('\n').length;
    files++;
  }
  let generated = 0;
  for (let i = 0; lines < MIN_LINES || i < 40; i++) {
    const text = generatedFile(i);
    const target = path.join(sourceDir, 'generated', `g${i % 10}`, `retry${i}.ts`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
    lines += text.split('\n').length;
    files++;
    generated++;
  }
  // ESLint's config for the corpus: typescript-eslint's parser and our plugin's recommended config.
  writeFileSync(
    path.join(corpusDir, 'eslint.config.mjs'),
    `import tsParser from '@typescript-eslint/parser';\nimport plugin from ${JSON.stringify(dist('eslint-plugin.js'))};\n` +
      `export default [\n  { files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'], languageOptions: { parser: tsParser } },\n  plugin.configs.recommended,\n];\n`,
  );
  return { lines, files, generated, packages };
}

// ---------------------------------------------------------------------------------------------
// Measuring

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Times each piece of work in process, alternating them run by run; one warm-up run each; medians. */
function timeInProcess(...works) {
  const times = works.map(() => []);
  for (let round = 0; round <= RUNS; round++) {
    works.forEach((work, i) => {
      const start = performance.now();
      work();
      if (round > 0) times[i].push(performance.now() - start);
    });
  }
  return times.map(median);
}

/** Writes the process's peak RSS (KiB) and CPU time (µs, all threads) to $BENCH_USAGE_FILE at exit; loaded with --require. */
function usagePreload() {
  mkdirSync(toolsDir, { recursive: true });
  const file = path.join(toolsDir, 'usage.cjs');
  writeFileSync(
    file,
    `const { isMainThread } = require('node:worker_threads');\nif (isMainThread && process.env.BENCH_USAGE_FILE) process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); });\n`,
  );
  return file;
}

/** Runs a command in the corpus folder; its wall time, CPU time, peak RSS and output. */
function runCommand(label, args) {
  const preload = usagePreload();
  const usageFile = path.join(toolsDir, 'usage.json');
  rmSync(usageFile, { force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: corpusDir,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(preload)}`.trim(), BENCH_USAGE_FILE: usageFile, NO_COLOR: '1' },
  });
  const ms = performance.now() - start;
  if (result.status !== 0 && result.status !== 1) throw new Error(`${label} failed (${result.status}): ${result.stderr}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
  return { ms, stdout: result.stdout, rssKiB: usage.maxRSS, cpuMs: usage.cpu / 1000 };
}

/**
 * Times the commands in rounds (each round runs every command once), so that a change in the
 * machine's load during the benchmark falls on all of them alike. The first round is the warm-up.
 */
function timeCommands(commands) {
  const runs = commands.map(() => []);
  for (let round = 0; round <= RUNS; round++) {
    commands.forEach(({ label, args }, i) => runs[i].push(runCommand(label, args)));
  }
  return commands.map(({ label }, i) => {
    const [warm, ...timed] = runs[i];
    return {
      label,
      ms: median(timed.map((r) => r.ms)),
      cpuMs: median(timed.map((r) => r.cpuMs)),
      firstMs: warm.ms,
      rssKiB: Math.max(...timed.map((r) => r.rssKiB)),
      output: warm.stdout,
    };
  });
}

/** The findings of a JSON report as `file:line:column rule` keys (ESLint's plugin prefix dropped). */
function summarize(jsonText) {
  const results = JSON.parse(jsonText);
  const keys = new Set();
  let parseErrors = 0;
  let skipped = 0;
  for (const result of results) {
    for (const message of result.messages) {
      if (message.fatal) parseErrors++;
      else if (message.ruleId === null) skipped++;
      else if (!message.ruleId.includes('/') || message.ruleId.startsWith('integration-coach/')) {
        keys.add(`${result.filePath}:${message.line}:${message.column} ${message.ruleId.replace('integration-coach/', '')}`);
      }
    }
  }
  return { files: results.length, problems: keys.size, keys, parseErrors, skipped };
}

// ---------------------------------------------------------------------------------------------
// The run

const corpus = buildCorpus();
const files = [...tsSourcesUnder(sourceDir)].map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const ts = require('typescript');
const api = require(dist('api.js'));
const scriptKind = (file) => (file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);

console.log(`Integration Coach benchmark: node ${process.version}, ${os.availableParallelism()} cores, TypeScript ${ts.version}, ${production ? 'production' : 'development'} build, median of ${RUNS} runs after a warm-up`);
console.log(`corpus: ${files.length} files, ${corpus.lines.toLocaleString('en')} lines in out/bench-corpus/src`);
const topPackages = [...corpus.packages.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6);
console.log(`  from node_modules: ${topPackages.map(([name, lines]) => `${name} ${lines.toLocaleString('en')}`).join(', ')}, …; ${corpus.generated} generated files`);

let findings = 0;
let findingsPreChecked = 0;
// The floor is the plain call (JSDoc parsed, parent pointers set). analyze parses leaner (no JSDoc, parents set
// during its own walk), so the lean parse alone is printed too: it shows what the walk itself costs.
const leanParse = { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone };
const [floorMs, leanMs, analyzeMs, preCheckedMs, preCheckMs] = timeInProcess(
  () => {
    for (const { file, text } of files) ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKind(file));
  },
  () => {
    for (const { file, text } of files) ts.createSourceFile(file, text, leanParse, false, scriptKind(file));
  },
  () => {
    findings = 0;
    for (const { file, text } of files) findings += api.analyze(text, file, { preCheck: false }).length;
  },
  () => {
    findingsPreChecked = 0;
    for (const { file, text } of files) findingsPreChecked += api.analyze(text, file).length;
  },
  () => {
    for (const { file, text } of files) api.mayContainRetry(text, file);
  },
);
// The pre-check's share, and its one duty: a file it passes by has no findings when parsed.
const passedBy = files.filter(({ file, text }) => !api.mayContainRetry(text, file));
const passedByLines = passedBy.reduce((sum, { text }) => sum + text.split('\n').length, 0);
const hidden = passedBy.filter(({ file, text }) => api.analyze(text, file, { preCheck: false }).length > 0);
const inProcessRss = process.resourceUsage().maxRSS;
const perSecond = (ms) => Math.round((corpus.lines / ms) * 1000).toLocaleString('en');
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;

console.log('\nin process (one thread)');
console.log(`  ts.createSourceFile (floor)  ${fmt(floorMs).padStart(9)}  ${perSecond(floorMs).padStart(11)} lines/s`);
console.log(`  ts.createSourceFile, lean     ${fmt(leanMs).padStart(9)}  ${perSecond(leanMs).padStart(11)} lines/s  (as analyze parses: no JSDoc, no parent pass)`);
console.log(`  analyze, every file parsed   ${fmt(analyzeMs).padStart(9)}  ${perSecond(analyzeMs).padStart(11)} lines/s  ${findings} findings`);
console.log(`  analyze / floor              ${(analyzeMs / floorMs).toFixed(2)}×   (goal ≤ 1.30×)  ${analyzeMs / floorMs <= 1.3 ? 'met' : 'NOT MET'}`);
console.log(`  analyze / lean parse         ${(analyzeMs / leanMs).toFixed(2)}×   (the cost of the walk and the rules)`);
console.log(`  analyze (default: pre-check) ${fmt(preCheckedMs).padStart(9)}  ${perSecond(preCheckedMs).padStart(11)} lines/s  ${findingsPreChecked} findings; ${(preCheckedMs / floorMs).toFixed(2)}× the floor`);
console.log(`  pre-check alone              ${fmt(preCheckMs).padStart(9)}  ${perSecond(preCheckMs).padStart(11)} lines/s  passes by ${passedBy.length} of ${files.length} files (${Math.round((100 * passedByLines) / corpus.lines)}% of the lines)`);
console.log(`  findings hidden by it        ${hidden.length}${hidden.length ? `  NOT SOUND: ${hidden.slice(0, 5).map(({ file }) => path.relative(corpusDir, file)).join(', ')}` : '  (files it passed by, parsed and analysed: no findings)'}`);
console.log(`  peak RSS of this process     ${mib(inProcessRss)}`);

// The CLI's code cache (see src/cli/engine-loader.ts) is made by the warm-up run; "first run" is that cold run.
rmSync(path.join(os.tmpdir(), `integration-coach-${process.getuid?.() ?? 'user'}`), { recursive: true, force: true });
const eslintBin = path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js');
// --no-inline-config: the vendored sources' eslint-disable comments name rules this config does not load.
const eslintArgs = [eslintBin, '--format', 'json', '--no-inline-config', 'src'];
const commands = timeCommands([
  { label: 'integration-coach', args: [dist('cli.js'), '--format', 'json', 'src'] },
  { label: 'integration-coach --concurrency off', args: [dist('cli.js'), '--format', 'json', '--concurrency', 'off', 'src'] },
  { label: 'integration-coach --no-pre-check', args: [dist('cli.js'), '--format', 'json', '--no-pre-check', 'src'] },
  ...(flags['skip-eslint']
    ? []
    : [
        { label: 'eslint (typescript-eslint parser + plugin)', args: eslintArgs },
        { label: 'eslint … --concurrency auto', args: [...eslintArgs, '--concurrency', 'auto'] },
      ]),
]);
const [cli, cliSingle, cliEveryFile, eslint, eslintConcurrent] = commands;
const cliSummary = summarize(cli.output);
const eslintSummary = eslint && summarize(eslint.output);

console.log(`\ncommand line on the corpus (${cliSummary.files} files, ${cliSummary.problems} findings)`);
console.log(`  ${'command'.padEnd(44)} ${'wall'.padStart(9)} ${'CPU'.padStart(9)} ${'first run'.padStart(10)} ${'peak RSS'.padStart(9)}`);
for (const result of commands) {
  const { label } = result;
  console.log(`  ${label.padEnd(44)} ${fmt(result.ms).padStart(9)} ${fmt(result.cpuMs).padStart(9)} ${fmt(result.firstMs).padStart(10)} ${mib(result.rssKiB).padStart(9)}`);
}
if (eslint) {
  console.log('\nratios (wall time; CPU time in brackets)');
  const ratio = (a, b) => `${(a.ms / b.ms).toFixed(1)}× (${(a.cpuMs / b.cpuMs).toFixed(1)}×)`;
  console.log(`  ESLint (one thread) / CLI                ${ratio(eslint, cli)}   goal ≥ 8×: ${eslint.ms / cli.ms >= 8 ? 'met' : 'NOT MET'}`);
  console.log(`  ESLint --concurrency auto / CLI          ${ratio(eslintConcurrent, cli)}`);
  console.log(`  ESLint (one thread) / CLI (one thread)   ${ratio(eslint, cliSingle)}`);
  console.log(`  ESLint (one thread) / CLI --no-pre-check ${ratio(eslint, cliEveryFile)}   (every file parsed)`);
  console.log(`  ESLint first run / CLI first run         ${(eslint.firstMs / cli.firstMs).toFixed(1)}×`);
  if (eslintSummary.files !== cliSummary.files) console.log(`  note: ESLint linted ${eslintSummary.files} files, the CLI ${cliSummary.files}`);
  const everyFileSummary = summarize(cliEveryFile.output);
  const sameKeys = (a, b) => a.keys.size === b.keys.size && [...a.keys].every((key) => b.keys.has(key));
  const same = sameKeys(cliSummary, eslintSummary) && sameKeys(cliSummary, everyFileSummary);
  console.log(`  same findings (file, line, column, rule) from the CLI, the CLI --no-pre-check and the ESLint plugin: ${same ? 'yes' : 'NO'}${eslintSummary.parseErrors ? `; ESLint parse errors: ${eslintSummary.parseErrors}` : ''}`);
}
console.log(`\nload average at the end: ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} (on ${os.availableParallelism()} cores; a busy machine slows the wall times)`);
