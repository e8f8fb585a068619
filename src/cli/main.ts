// integration-coach: the command line scanner. Parses the arguments, finds the files, scans
// them (with worker threads when there are many), prints a report and sets the exit code:
// 0 clean, 1 errors or too many warnings, 2 a usage error or no file could be read (one line on stderr).
import path from 'node:path';
import { version } from '../../package.json';
import { analyzeOptions, HELP, parseCliArgs, UsageError } from './args';
import { SETUP_ERROR } from './engine-loader';
import { expandPatterns, FileError } from './files';
import { escapeControlCharacters } from './formatters/escape';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { quietOnClosedOutput } from './output';
import { toEslintResult, totals } from './report';
import { repositoryRoot } from './repository-root';
import { RULE_IDS } from './rule-ids';
import { loadEngine, scanFiles } from './scan';
import type { FileResult } from './scan-file';

const NAME = 'integration-coach';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv, RULE_IDS);
  if (parsed.kind === 'help' || parsed.kind === 'version') {
    write(`${parsed.kind === 'help' ? HELP : version}\n`);
    return 0;
  }
  const options = parsed.options;
  const cwd = process.cwd();

  const list = expandPatterns(options.patterns, cwd);
  for (const notice of list.notices) warn(notice);
  const progress = progressReporter();
  const scanOptions = { concurrency: options.concurrency, onProgress: progress.update, projectRoot: options.crossFile ? process.cwd() : undefined };
  const scanned = await scanFiles(list.files, analyzeOptions(options), scanOptions).finally(progress.clear);
  if (scanned.length > 0) loadEngine().saveCodeCache();
  const results = [...scanned, ...list.unread].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const eslintResults = results.map((result) => toEslintResult(result, options.unusedDirectives));
  if (options.format === 'json') write(`${formatJson(eslintResults)}\n`);
  else if (options.format === 'sarif') {
    const sarifRoot = options.sarifRoot === undefined ? (repositoryRoot(cwd) ?? cwd) : path.resolve(cwd, options.sarifRoot);
    write(`${formatSarif(results, loadEngine().rules, { name: NAME, version }, sarifRoot)}\n`);
  } else write(formatStylish(eslintResults, useColor()));

  if (nothingRead(results)) {
    warn(`could not read any of the ${results.length} ${results.length === 1 ? 'file' : 'files'}.`);
    return 2;
  }
  const { errorCount, warningCount } = totals(eslintResults);
  if (errorCount > 0) return 1;
  if (options.maxWarnings >= 0 && warningCount > options.maxWarnings) {
    process.stderr.write(`Integration Coach found too many warnings (maximum: ${options.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

/** Every file failed to read: the run checked nothing (files not analysed for their size were read). */
function nothingRead(results: FileResult[]): boolean {
  return results.length > 0 && results.every((result) => result.error !== undefined);
}

function write(text: string): void {
  process.stdout.write(text);
}

/** One line on stderr, with the user's text in it made harmless for a terminal. */
function warn(message: string): void {
  process.stderr.write(`${NAME}: ${escapeControlCharacters(message)}\n`);
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

quietOnClosedOutput();
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = error instanceof UsageError || error instanceof FileError || (error instanceof Error && error.name === SETUP_ERROR);
    const message = error instanceof Error ? error.message : String(error);
    warn(known ? message : `internal error: ${message}`);
    process.exitCode = 2;
  },
);
