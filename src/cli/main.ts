// integration-coach: the command line scanner. Parses the arguments, finds the files, scans
// them (with worker threads when there are many), prints a report and sets the exit code:
// 0 clean, 1 errors or too many warnings, 2 a usage error or no file could be read (one line on stderr).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { version } from '../../package.json';
import { analyzeOptions, type CliOptions, HELP, parseCliArgs, UsageError } from './args';
import { applyBaseline, BaselineError, writeBaseline } from './baseline';
import { SETUP_ERROR } from './engine-loader';
import { expandPatterns, FileError } from './files';
import { escapeControlCharacters } from './formatters/escape';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { applySafeFixes, safelyFixable } from './fix';
import { configFor, groupByConfig } from './project-config';
import { decodeText, encodingOf } from '../shared/file-filter/decode-text';
import { quietOnClosedOutput } from './output';
import { type EslintResult, toEslintResult, totals } from './report';
import { repositoryRoot } from './repository-root';
import { RULE_IDS } from './rule-ids';
import { loadEngine, scanFiles } from './scan';
import type { FileResult } from './scan-file';

const NAME = 'integration-coach';
/** The name of stdin's text without --stdin-filename, as ESLint names it. */
const STDIN_NAME = '<text>';

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv, RULE_IDS);
  if (parsed.kind === 'help' || parsed.kind === 'version') {
    write(`${parsed.kind === 'help' ? HELP : version}\n`);
    return 0;
  }
  const options = parsed.options;
  const cwd = process.cwd();
  if (options.sarifRoot !== undefined && !statSync(path.resolve(cwd, options.sarifRoot), { throwIfNoEntry: false })?.isDirectory()) {
    throw new FileError(`--sarif-root ${options.sarifRoot}: no such folder.`);
  }

  const { results: found, stdinText } = await scanned(options, cwd);
  let results = options.fix ? found.map((result) => fixed(result, options, cwd, stdinText)) : found;
  if (options.baselineWrite !== undefined) {
    const count = writeBaseline(path.resolve(cwd, options.baselineWrite), results);
    warn(`wrote ${count} ${count === 1 ? 'finding' : 'findings'} to the baseline ${options.baselineWrite}.`);
  }
  const baseline = options.baseline ?? options.baselineWrite;
  if (baseline !== undefined) results = applyBaseline(path.resolve(cwd, baseline), results);

  const eslintResults = results.map((result) => toEslintResult(result, options.unusedDirectives)).map((result) => (options.quiet ? errorsOnly(result) : result));
  writeReport(options, formatted(options, results, eslintResults, cwd));

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

/**
 * `--fix` writes the file with its safe fixes applied, `--fix-dry-run` keeps the fixed text as the result's
 * output; either way the fixed text is analysed again, and what is left is reported.
 */
function fixed(result: FileResult, options: CliOptions, cwd: string, stdinText: string | undefined): FileResult {
  if (!safelyFixable(result.findings).length) return result;
  const read = stdinText !== undefined ? { text: stdinText, mark: '' } : readUtf8(result.file);
  if (read === undefined) return result;
  const { text, mark } = read;
  const { output, applied } = applySafeFixes(text, result.findings);
  if (applied === 0) return result;
  const file = result.file === STDIN_NAME ? path.join(cwd, STDIN_NAME) : result.file;
  const own = configFor(file, options, warn);
  const again = loadEngine().scanText(output, file, analyzeOptions(own), own.crossFile ? cwd : undefined);
  if (options.fix === 'dry-run') return { ...again, file: result.file, output };
  try {
    writeFileSync(result.file, mark + output);
  } catch (error) {
    return { ...result, error: `Cannot write the fixes: ${(error as Error).message}` };
  }
  return { ...again, file: result.file };
}

/**
 * The text of a UTF-8 file without its byte order mark (the positions of findings are counted without it), and
 * the mark to write back; undefined for another encoding, whose fixes are not written.
 */
function readUtf8(file: string): { text: string; mark: string } | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return undefined; // gone or unreadable since the scan: nothing to fix
  }
  if (encodingOf(bytes) !== 'utf-8') return undefined;
  return { text: decodeText(bytes), mark: bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\uFEFF' : '' };
}

/**
 * The results of every file named (or of stdin's text, which is given back for --fix-dry-run), sorted by path,
 * each scanned with its configuration file.
 */
async function scanned(options: CliOptions, cwd: string): Promise<{ results: FileResult[]; stdinText?: string }> {
  if (options.stdin) {
    const file = path.resolve(cwd, options.stdinFilename ?? STDIN_NAME);
    const own = configFor(file, options, warn);
    const stdinText = readFileSync(0, 'utf8').replace(/^\uFEFF/, '');
    const result = loadEngine().scanText(stdinText, file, analyzeOptions(own), own.crossFile ? cwd : undefined);
    loadEngine().saveCodeCache();
    return { results: [options.stdinFilename === undefined ? { ...result, file: STDIN_NAME } : result], stdinText };
  }
  const list = expandPatterns(options.patterns, cwd, options);
  for (const notice of list.notices) warn(notice);
  const groups = groupByConfig(list.files, options, warn);
  const total = groups.reduce((sum, group) => sum + group.files.length, 0);
  const progress = progressReporter();
  const found: FileResult[] = [];
  try {
    for (const group of groups) {
      const before = found.length;
      const scanOptions = { concurrency: group.options.concurrency, onProgress: (done: number) => progress.update(before + done, total), projectRoot: group.options.crossFile ? cwd : undefined };
      found.push(...(await scanFiles(group.files, analyzeOptions(group.options), scanOptions)));
    }
  } finally {
    progress.clear();
  }
  if (found.length > 0) loadEngine().saveCodeCache();
  return { results: [...found, ...list.unread].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0)) };
}

function formatted(options: CliOptions, results: FileResult[], eslintResults: EslintResult[], cwd: string): string {
  if (options.format === 'json') return `${formatJson(eslintResults)}\n`;
  if (options.format === 'sarif') {
    const sarifRoot = options.sarifRoot === undefined ? (repositoryRoot(cwd) ?? cwd) : path.resolve(cwd, options.sarifRoot);
    return `${formatSarif(results, loadEngine().rules, { name: NAME, version }, sarifRoot)}\n`;
  }
  return formatStylish(eslintResults, useColor(options));
}

/** To the output file (`-o`, its folder made if need be), else stdout. */
function writeReport(options: CliOptions, report: string): void {
  if (options.outputFile === undefined) {
    write(report);
    return;
  }
  try {
    mkdirSync(path.dirname(path.resolve(options.outputFile)), { recursive: true });
    writeFileSync(options.outputFile, report);
  } catch (error) {
    throw new FileError(`Cannot write the report to ${options.outputFile}: ${(error as Error).message}`);
  }
}

/** `--quiet`: the errors alone, as ESLint reports them (warnings and notices are neither shown nor counted). */
function errorsOnly(result: EslintResult): EslintResult {
  return { ...result, messages: result.messages.filter((message) => message.severity === 2), warningCount: 0, fixableWarningCount: 0 };
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

/** `--color`/`--no-color`, then FORCE_COLOR (not 0 or false), then NO_COLOR, then whether the report goes to a terminal. */
function useColor(options: CliOptions): boolean {
  if (options.color !== undefined) return options.color;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if (process.env.NO_COLOR) return false;
  return options.outputFile === undefined && Boolean(process.stdout.isTTY);
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
    const known = error instanceof UsageError || error instanceof FileError || error instanceof BaselineError || (error instanceof Error && error.name === SETUP_ERROR);
    const message = error instanceof Error ? error.message : String(error);
    warn(known ? message : `internal error: ${message}`);
    process.exitCode = 2;
  },
);
