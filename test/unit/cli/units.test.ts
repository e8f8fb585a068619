// The CLI's parts, in process: argument parsing, the worker decision, the rule id list, the stylish
// layout and its escaping, the ESLint shape of notices and read errors. (Globs and .gitignore rules:
// test/unit/editor/exclude-globs.test.ts, the filter the CLI shares with the editor.)
import assert from 'node:assert/strict';
import { rules } from '../../../src/analysis';
import { analyzeOptions, parseCliArgs, UsageError } from '../../../src/cli/args';
import { escapeControlCharacters } from '../../../src/cli/formatters/escape';
import { formatStylish } from '../../../src/cli/formatters/stylish';
import { toEslintResult } from '../../../src/cli/report';
import { RULE_IDS } from '../../../src/cli/rule-ids';
import { WORKER_THRESHOLD, workerCount } from '../../../src/cli/scan';
import { lessonLink } from '../../../src/lesson-link';
import { controlCharactersIn } from './helpers';

describe('CLI parts', () => {
  it("lists the core's rule ids, in order", () => {
    assert.deepEqual([...RULE_IDS], rules.map((rule) => rule.id));
  });

  it('builds lesson links in the form the extension handles', () => {
    assert.equal(lessonLink('mistake-unbounded-retries'), 'vscode://integration-coach.integration-coach/lesson?section=mistake-unbounded-retries');
  });

  describe('arguments', () => {
    const parse = (...argv: string[]) => parseCliArgs(argv, RULE_IDS);

    it('has defaults', () => {
      assert.deepEqual(parse('src'), {
        kind: 'run',
        options: { patterns: ['src'], format: 'stylish', rules: {}, maxWarnings: -1, retryHelpers: [], idempotencyHeaders: [], concurrency: 'auto', preCheck: true, crossFile: true, unusedDirectives: 0,
          quiet: false, stdin: false, ignorePatterns: [], useIgnoreFiles: true },
      });
    });

    it('reads every option', () => {
      const parsed = parse(
        '-f', 'sarif', '--rule', 'unbounded-retry=off', '--rule', 'retry-without-jitter=warn', '--rule', 'missing-idempotency-key=2',
        '--rule', 'unstable-idempotency-key=info', '--max-warnings', '0', '--retry-helper', 'withRetry', '--idempotency-header', 'X-Dedupe',
        '--concurrency', '3', '--no-pre-check', '--no-cross-file', '--report-unused-disable-directives', '--sarif-root', '..', '-o', 'out/report.sarif',
        '--quiet', '--no-color', '--ignore-pattern', 'dist', '--ignore-pattern', '**/gen', '--no-ignore', '--max-file-size', '512k', '--baseline', 'b.json', '--fix-dry-run', 'a.ts', 'src/**/*.ts',
      );
      assert.deepEqual(parsed, {
        kind: 'run',
        options: {
          patterns: ['a.ts', 'src/**/*.ts'],
          format: 'sarif',
          rules: { 'unbounded-retry': 'off', 'retry-without-jitter': 'warning', 'missing-idempotency-key': 'error', 'unstable-idempotency-key': 'info' },
          maxWarnings: 0,
          retryHelpers: ['withRetry'],
          idempotencyHeaders: ['X-Dedupe'],
          concurrency: 3,
          preCheck: false,
          crossFile: false,
          unusedDirectives: 2,
          sarifRoot: '..',
          outputFile: 'out/report.sarif',
          quiet: true,
          color: false,
          stdin: false,
          ignorePatterns: ['dist', '**/gen'],
          useIgnoreFiles: false,
          maxFileSizeBytes: 512 * 1024,
          baseline: 'b.json',
          fix: 'dry-run',
        },
      });
      const none = parse();
      assert.deepEqual(none.kind === 'run' ? none.options.patterns : none, ['.'], 'no path: the current folder');
      assert.deepEqual(parse('-h'), { kind: 'help' });
      assert.deepEqual(parse('--version', 'x'), { kind: 'version' });
    });

    it('rejects mistakes with a UsageError', () => {
      for (const argv of [['--nope', 'a'], ['--rule', 'x=off', 'a'], ['--rule', 'unbounded-retry=on', 'a'], ['--format', 'junit', 'a'], ['--max-warnings', '1.5', 'a'], ['--concurrency', '0', 'a'],
        ['--stdin', 'a.ts'], ['--stdin-filename', 'a.ts', 'b.ts'], ['--max-file-size', '2g', 'a'], ['--max-file-size', '0', 'a'], ['--baseline', 'x', '--baseline-write', 'y'], ['--color', '--no-color'], ['--fix', '--fix-dry-run'], ['--stdin', '--fix']]) {
        assert.throws(() => parse(...argv), UsageError, argv.join(' '));
      }
    });

    it('reads --time-budget as whole milliseconds and hands it to the core', () => {
      const parsed = parse('--time-budget', '250', 'a.ts');
      assert.ok(parsed.kind === 'run');
      assert.equal(parsed.options.timeBudgetMs, 250);
      assert.equal(analyzeOptions(parsed.options).timeBudgetMs, 250);
      const plain = parse('a.ts');
      assert.ok(plain.kind === 'run' && !('timeBudgetMs' in analyzeOptions(plain.options)), 'absent: the core default');
      for (const value of ['0', '-5', '1.5', 'soon', '1e3', '99999999999999999999']) {
        assert.throws(() => parse(`--time-budget=${value}`, 'a.ts'), /Invalid --time-budget/, value);
      }
    });
  });

  describe('workers', () => {
    it('are started only for many files and more than one core, beside the main thread', () => {
      assert.equal(workerCount(WORKER_THRESHOLD, 'auto', 8), 0);
      assert.equal(workerCount(120, 'auto', 8), 2, 'three threads in all, the main one included');
      assert.equal(workerCount(120, 'auto', 2), 0, 'two cores: one thread, and a core for V8');
      assert.equal(workerCount(5000, 'auto', 4), 2);
      assert.equal(workerCount(5000, 'auto', 8), 6, 'one core is left for V8');
      assert.equal(workerCount(5000, 'auto', 1), 0);
      assert.equal(workerCount(5000, 'off', 8), 0);
      assert.equal(workerCount(3, 4, 8), 2);
      assert.equal(workerCount(500, 1, 8), 0);
    });

    it('are capped by the cores when a number is asked for', () => {
      assert.equal(workerCount(5000, 1000, 2), 1, 'two threads in all on two cores');
      assert.equal(workerCount(5000, 64, 8), 7);
    });
  });

  describe('stylish', () => {
    it('colours the layout when asked, and prints nothing without problems', () => {
      const result = toEslintResult({
        file: '/p/a.ts',
        findings: [{ ruleId: 'unbounded-retry', message: 'No cap.', severity: 'error', range: { start: { line: 9, character: 2 }, end: { line: 9, character: 5 } }, lessonSection: 's' }],
      });
      const text = formatStylish([result], true);
      assert.equal(text, '\x1b[4m/p/a.ts\x1b[24m\n  \x1b[2m10:3\x1b[22m  \x1b[31merror\x1b[39m  No cap  \x1b[2munbounded-retry\x1b[22m\n\n\x1b[1m\x1b[31m✖ 1 problem (1 error, 0 warnings)\x1b[39m\x1b[22m\n'
        + '\n  \x1b[2munbounded-retry\x1b[22m  https://github.com/integration-coach/integration-coach/blob/main/docs/rules/unbounded-retry.md\n');
      assert.equal(formatStylish([toEslintResult({ file: '/p/b.ts', findings: [] })], true), '');
    });

    it('escapes control characters of file names and messages: C0, ESC, DEL and C1', () => {
      const result = toEslintResult({
        file: '/p/\x1b]0;owned\x07\x1b[2J.ts',
        findings: [{ ruleId: 'unbounded-retry', message: 'Call `a\u009b31m\r\n\tb\u007f()` loops.', severity: 'warning', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, lessonSection: 's' }],
      });
      const text = formatStylish([result], false);
      assert.deepEqual(controlCharactersIn(text), [], `no control character but line ends: ${JSON.stringify(text)}`);
      assert.ok(text.startsWith('/p/\\x1b]0;owned\\x07\\x1b[2J.ts\n'));
      assert.match(text, /Call `a\\x9b31m\\r\\n\\tb\\x7f\(\)` loops/);
      assert.equal(escapeControlCharacters('plain – ünïcödé'), 'plain – ünïcödé');
    });
  });

  describe('results in ESLint\'s shape', () => {
    it('makes a read error a fatal error and a skipped file a notice that counts as neither', () => {
      const unreadable = toEslintResult({ file: '/p/a.ts', findings: [], error: 'Cannot read the file: EACCES' });
      assert.deepEqual(unreadable.messages, [{ ruleId: null, fatal: true, severity: 2, message: 'Cannot read the file: EACCES', nodeType: null }]);
      assert.deepEqual([unreadable.errorCount, unreadable.fatalErrorCount, unreadable.warningCount], [1, 1, 0]);
      const skipped = toEslintResult({ file: '/p/b.ts', findings: [], skipped: 'Not a regular file (a FIFO); not read.' });
      assert.deepEqual(skipped.messages, [{ ruleId: null, fatal: false, severity: 0, message: 'Not a regular file (a FIFO); not read.', nodeType: null }]);
      assert.deepEqual([skipped.errorCount, skipped.fatalErrorCount, skipped.warningCount], [0, 0, 0]);
      const text = formatStylish([unreadable, skipped], false);
      assert.match(text, /^ {2}0:0 {2}error {2}Cannot read the file: EACCES$/m);
      assert.match(text, /^ {2}0:0 {2}notice {2}Not a regular file \(a FIFO\); not read$/m);
      assert.match(text, /^✖ 1 problem \(1 error, 0 warnings\)\n1 file not read or not fully analysed/m);
    });
  });
});
