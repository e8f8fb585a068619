// Runs the real-VS-Code suite several times while busy loops occupy the cores, as on a loaded CI machine,
// and prints pass or fail and the duration of each run. Exit code 0 only when every run passed.
//   node scripts/test-under-load.mjs [--runs 3] [--busy 2] [--no-build]
// Each run's output is kept in test-results/under-load/run-<n>.log; the lines of a failure are printed.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    busy: { type: 'string', default: '2' },
    'no-build': { type: 'boolean', default: false },
  },
});
const runs = positiveInteger(options.runs, '--runs');
const busy = Math.min(positiveInteger(options.busy, '--busy', true), 16);
const logDir = path.join(root, 'test-results', 'under-load');

function positiveInteger(text, name, zeroAllowed = false) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (zeroAllowed ? 0 : 1) || value > 100) {
    console.error(`${name} wants a whole number from ${zeroAllowed ? 0 : 1} to 100, not "${text}"`);
    process.exit(2);
  }
  return value;
}

/** The command under way, to pass a Ctrl-C on to (the harness then stops its code-server). */
let current;

/** Runs a command, copying its output to a log file (and, when asked, to our own output); resolves with its exit code. */
function run(command, args, { log, echo = false }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    const file = log ? createWriteStream(log) : undefined;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        file?.write(chunk);
        if (echo) process.stdout.write(chunk);
      });
    }
    child.on('close', (code, signal) => {
      file?.end();
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

/** The busy loops: plain Node processes spinning on one core each, ended by their own pids. */
function startBusyLoops(count) {
  const loops = Array.from({ length: count }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
  const stop = () => {
    for (const loop of loops) if (loop.exitCode === null) loop.kill('SIGKILL');
  };
  process.once('exit', stop);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      stop();
      if (current?.exitCode === null) current.once('close', () => process.exit(130)).kill('SIGTERM');
      else process.exit(130);
    });
  }
  return stop;
}

/** The lines of a run's output that say what failed: mocha's failure reports and the harness's errors. */
function failureLines(log) {
  const lines = readFileSync(log, 'utf8').split('\n');
  const start = lines.findIndex((line) => /\d+ failing/.test(line));
  const report = start >= 0 ? lines.slice(start, start + 40) : [];
  const harness = lines.filter((line) => /\[harness\].*(never|did not|failed)|timed out/.test(line));
  return [...new Set([...report, ...harness])].slice(0, 60);
}

mkdirSync(logDir, { recursive: true });
if (!options['no-build']) {
  console.log('building the extension and the tests…');
  const built = await run('node', ['scripts/build.mjs', '--tests'], { log: path.join(logDir, 'build.log') });
  if (built !== 0) {
    console.error(`the build failed (exit ${built}); see ${path.relative(root, path.join(logDir, 'build.log'))}`);
    process.exit(built);
  }
}
console.log(`running the real-VS-Code suite ${runs} time(s) with ${busy} busy loop(s) on ${availableParallelism()} core(s)`);
const stopBusyLoops = startBusyLoops(busy);
const results = [];
try {
  for (let index = 1; index <= runs; index++) {
    const log = path.join(logDir, `run-${index}.log`);
    const started = Date.now();
    const code = await run('node', ['out/test/harness/run-code-server.js'], { log });
    const seconds = (Date.now() - started) / 1000;
    results.push({ index, passed: code === 0, seconds });
    console.log(`run ${index}/${runs}: ${code === 0 ? 'PASS' : `FAIL (exit ${code})`} in ${seconds.toFixed(0)} s (${path.relative(root, log)})`);
    if (code !== 0) for (const line of failureLines(log)) console.log(`    ${line}`);
  }
} finally {
  stopBusyLoops();
}
const passed = results.filter((result) => result.passed).length;
console.log(`${passed} of ${runs} run(s) passed under load`);
process.exit(passed === runs ? 0 : 1);
