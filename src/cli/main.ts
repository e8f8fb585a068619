// integration-coach: the command line scanner. Parses the arguments, finds the files, scans
// them (with worker threads when there are many), prints a report and sets the exit code:
// 0 clean, 1 errors or too many warnings, 2 a usage or I/O error (one line on stderr).
import { version } from '../../package.json';
import type { AnalyzeOptions } from '../analysis/types';
import { HELP, parseCliArgs, UsageError, type CliOptions } from './args';
import { expandPatterns, FileError } from './files';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { toEslintResult, totals } from './report';
import { RULE_IDS } from './rule-ids';
import { loadEngine, scanFiles } from './scan';

const NAME = 'integration-coach';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv, RULE_IDS);
  if (parsed.kind === 'help' || parsed.kind === 'version') {
    write(`${parsed.kind === 'help' ? HELP : version}\n`);
    return 0;
  }
  const options = parsed.options;
  const cwd = process.cwd();

  const files = expandPatterns(options.patterns, cwd);
  const progress = progressReporter();
  const results = await scanFiles(files, analyzeOptions(options), { concurrency: options.concurrency, onProgress: progress.update }).finally(progress.clear);

  loadEngine().saveCodeCache();

  const unreadable = results.find((result) => result.error);
  if (unreadable) throw new FileError(`Cannot read ${unreadable.file}: ${unreadable.error}`);

  const eslintResults = results.map(toEslintResult);
  if (options.format === 'json') write(`${formatJson(eslintResults)}\n`);
  else if (options.format === 'sarif') {
    write(`${formatSarif(results, loadEngine().rules, { name: NAME, version }, cwd)}\n`);
  } else write(formatStylish(eslintResults, useColor()));

  const { errorCount, warningCount } = totals(eslintResults);
  if (errorCount > 0) return 1;
  if (options.maxWarnings >= 0 && warningCount > options.maxWarnings) {
    process.stderr.write(`Integration Coach found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

function analyzeOptions(options: CliOptions): AnalyzeOptions {
  const result: AnalyzeOptions = { rules: options.rules, preCheck: options.preCheck };
  if (options.retryHelpers.length > 0) result.retryHelpers = options.retryHelpers;
  if (options.idempotencyHeaders.length > 0) result.idempotencyHeaders = options.idempotencyHeaders;
  return result;
}

function write(text: string): void {
  process.stdout.write(text);
}

function useColor(): boolean {
  return Boolean(process.stdout.isTTY) && !process.env.NO_COLOR;
}

/** "Scanned 120/800 files…" on stderr, only on a terminal, at most ten times a second. */
function progressReporter() {
  const enabled = Boolean(process.stderr.isTTY);
  let last = 0;
  let shown = false;
  return {
    update(done: number, total: number) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      process.stderr.write(`\r\x1b[KScanned ${done}/${total} files…`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof FileError;
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${NAME}: ${known ? message : `internal error: ${message}`}\n`);
    process.exitCode = 2;
  },
);
