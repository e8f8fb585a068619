// How the benchmark measures: medians of repeated runs after a warm-up, in process or as commands
// (wall time, CPU time of all threads, peak RSS), and the findings of a JSON report.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/** Times each piece of work in process, alternating them run by run; one warm-up run each; medians of `runs`. */
export function timeInProcess(runs, ...works) {
  const times = works.map(() => []);
  for (let round = 0; round <= runs; round++) {
    works.forEach((work, i) => {
      const start = performance.now();
      work();
      if (round > 0) times[i].push(performance.now() - start);
    });
  }
  return times.map(median);
}

/**
 * Runs commands (node scripts) in a folder and measures them; `toolsDir` holds its scratch files.
 * The commands get a temp folder of their own (`tmpDir`): the CLI keeps its code cache there, out of
 * reach of other processes on the machine.
 */
export class CommandTimer {
  constructor(toolsDir, runs) {
    this.toolsDir = toolsDir;
    this.tmpDir = path.join(toolsDir, 'tmp');
    this.runs = runs;
    this.preload = this.#usagePreload();
  }

  /** Empties the commands' temp folder (the CLI's next run is then one without a code cache). */
  clearTmp() {
    rmSync(this.tmpDir, { recursive: true, force: true });
    mkdirSync(this.tmpDir, { recursive: true });
  }

  /**
   * Times the commands in `cwd` in rounds (each round runs every command once), so that a change in
   * the machine's load during the benchmark falls on all of them alike. The first round is the warm-up.
   */
  time(cwd, commands) {
    const runs = commands.map(() => []);
    for (let round = 0; round <= this.runs; round++) {
      commands.forEach(({ label, args }, i) => runs[i].push(this.#run(cwd, label, args)));
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

  /** Writes the process's peak RSS (KiB) and CPU time (µs, all threads) to $BENCH_USAGE_FILE at exit; loaded with --require. */
  #usagePreload() {
    mkdirSync(this.toolsDir, { recursive: true });
    const file = path.join(this.toolsDir, 'usage.cjs');
    writeFileSync(
      file,
      `const { isMainThread } = require('node:worker_threads');\nif (isMainThread && process.env.BENCH_USAGE_FILE) process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: u.userCPUTime + u.systemCPUTime })); });\n`,
    );
    return file;
  }

  /** Runs one command; its wall time, CPU time, peak RSS and output. */
  #run(cwd, label, args) {
    const usageFile = path.join(this.toolsDir, 'usage.json');
    rmSync(usageFile, { force: true });
    const start = performance.now();
    const result = spawnSync(process.execPath, args, {
      cwd,
      encoding: 'utf8',
      maxBuffer: 1024 * 1024 * 1024,
      env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${JSON.stringify(this.preload)}`.trim(), BENCH_USAGE_FILE: usageFile, NO_COLOR: '1', TMPDIR: this.tmpDir },
    });
    const ms = performance.now() - start;
    if (result.status !== 0 && result.status !== 1) throw new Error(`${label} failed (${result.status}): ${result.stderr}`);
    const usage = JSON.parse(readFileSync(usageFile, 'utf8'));
    return { ms, stdout: result.stdout, rssKiB: usage.maxRSS, cpuMs: usage.cpu / 1000 };
  }
}

/** The findings of a JSON report as `file:line:column rule` keys (ESLint's plugin prefix dropped). */
export function summarize(jsonText) {
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

export function sameFindings(a, b) {
  return a.keys.size === b.keys.size && [...a.keys].every((key) => b.keys.has(key));
}
