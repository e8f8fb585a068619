// The CLI's parts, in process: argument parsing, globs, .gitignore rules, the worker decision,
// the rule id list, the stylish layout.
import assert from 'node:assert/strict';
import { rules } from '../../../src/analysis';
import { parseCliArgs, UsageError } from '../../../src/cli/args';
import { parseGitignore } from '../../../src/cli/files';
import { formatStylish } from '../../../src/cli/formatters/stylish';
import { globToRegExp } from '../../../src/cli/glob';
import { toEslintResult } from '../../../src/cli/report';
import { RULE_IDS } from '../../../src/cli/rule-ids';
import { WORKER_THRESHOLD, workerCount } from '../../../src/cli/scan';
import { lessonLink } from '../../../src/lesson-link';

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
        options: { patterns: ['src'], format: 'stylish', rules: {}, maxWarnings: -1, retryHelpers: [], idempotencyHeaders: [], concurrency: 'auto', preCheck: true },
      });
    });

    it('reads every option', () => {
      const parsed = parse(
        '-f', 'sarif', '--rule', 'unbounded-retry=off', '--rule', 'retry-without-jitter=warn', '--rule', 'missing-idempotency-key=2',
        '--rule', 'unstable-idempotency-key=info', '--max-warnings', '0', '--retry-helper', 'withRetry', '--idempotency-header', 'X-Dedupe',
        '--concurrency', '3', '--no-pre-check', 'a.ts', 'src/**/*.ts',
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
        },
      });
      assert.deepEqual(parse('-h'), { kind: 'help' });
      assert.deepEqual(parse('--version', 'x'), { kind: 'version' });
    });

    it('rejects mistakes with a UsageError', () => {
      for (const argv of [['--nope', 'a'], ['--rule', 'x=off', 'a'], ['--rule', 'unbounded-retry=on', 'a'], ['--format', 'junit', 'a'], ['--max-warnings', '1.5', 'a'], ['--concurrency', '0', 'a'], []]) {
        assert.throws(() => parse(...argv), UsageError, argv.join(' '));
      }
    });
  });

  describe('globs', () => {
    const cases: [string, string[], string[]][] = [
      ['*.ts', ['a.ts', '.ts'], ['a/b.ts', 'a.tsx']],
      ['src/**/*.ts', ['src/a.ts', 'src/x/y/a.ts'], ['lib/a.ts', 'src/a.js']],
      ['**/test/*.js', ['test/a.js', 'x/test/a.js'], ['test/x/a.js']],
      ['src/**', ['src/a', 'src/a/b'], ['lib/a']],
      ['file?.{ts,js}', ['file1.ts', 'fileA.js'], ['file10.ts', 'file1.tsx']],
      ['[ab].ts', ['a.ts', 'b.ts'], ['c.ts']],
      ['a.b+c(1).ts', ['a.b+c(1).ts'], ['aXb+c(1).ts']],
    ];
    for (const [glob, matches, misses] of cases) {
      it(glob, () => {
        const regex = globToRegExp(glob);
        for (const path of matches) assert.ok(regex.test(path), `${glob} should match ${path}`);
        for (const path of misses) assert.ok(!regex.test(path), `${glob} should not match ${path}`);
      });
    }
  });

  describe('.gitignore rules', () => {
    const rulesOf = (text: string) => parseGitignore(text, '/repo');
    it('reads comments, negation, anchoring and folder-only patterns', () => {
      const parsed = rulesOf('# comment\n\ndist/\n/build\n*.gen.ts\n!keep.gen.ts\ndocs/**/*.md\n\\#hash\n');
      assert.deepEqual(parsed.map((rule) => [rule.regex.source, rule.negate, rule.dirOnly]), [
        ['^(?:[^/]+\\/)*dist$', false, true],
        ['^build$', false, false],
        ['^(?:[^/]+\\/)*[^/]*\\.gen\\.ts$', false, false],
        ['^(?:[^/]+\\/)*keep\\.gen\\.ts$', true, false],
        ['^docs\\/(?:[^/]+\\/)*[^/]*\\.md$', false, false],
        ['^(?:[^/]+\\/)*#hash$', false, false],
      ]);
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
  });

  describe('stylish', () => {
    it('colours the layout when asked, and prints nothing without problems', () => {
      const result = toEslintResult({
        file: '/p/a.ts',
        findings: [{ ruleId: 'unbounded-retry', message: 'No cap.', severity: 'error', range: { start: { line: 9, character: 2 }, end: { line: 9, character: 5 } }, lessonSection: 's' }],
      });
      const text = formatStylish([result], true);
      assert.equal(text, '\x1b[4m/p/a.ts\x1b[24m\n  \x1b[2m10:3\x1b[22m  \x1b[31merror\x1b[39m  No cap  \x1b[2munbounded-retry\x1b[22m\n\n\x1b[1m\x1b[31m✖ 1 problem (1 error, 0 warnings)\x1b[39m\x1b[22m\n');
      assert.equal(formatStylish([toEslintResult({ file: '/p/b.ts', findings: [] })], true), '');
    });
  });
});
