// The CLI's options and habits that ESLint users reach for: no path (the current folder), --quiet, -o, colour,
// --stdin, --ignore-pattern and --no-ignore (and git's own exclude file), parsing errors, --max-file-size, and
// the baseline.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, cliTempDir, FIXTURES, json, runCli, tempDir } from './helpers';

const RETRY = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');

describe('CLI options ESLint users expect', function () {
  this.timeout(120_000);
  const dir = tempDir('ic-cli-habits');

  /** A fresh project folder (a git repository: it holds .git) with the files given. */
  function project(name: string, files: Record<string, string>): string {
    const root = path.join(dir.path, name);
    mkdirSync(path.join(root, '.git', 'info'), { recursive: true });
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  const names = (stdout: string, root: string) => json(stdout).filter((result) => result.messages.length > 0).map((result) => path.relative(root, result.filePath)).sort();

  it('scans the current folder when given no path', () => {
    const root = project('no-path', { 'src/a.ts': RETRY, 'b.ts': RETRY });
    const run = runCli(['-f', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(names(run.stdout, root), ['b.ts', path.join('src', 'a.ts')]);
  });

  it('--quiet runs and reports only the rules set to error', () => {
    const root = project('quiet', { 'a.ts': RETRY });
    const quiet = runCli(['-f', 'json', '--quiet', '--max-warnings', '0'], { cwd: root });
    assert.equal(quiet.status, 0, 'no warning counts');
    assert.deepEqual(json(quiet.stdout)[0]!.messages, []);
    const errors = runCli(['-f', 'json', '--quiet', '--rule', 'unbounded-retry=error'], { cwd: root });
    assert.equal(errors.status, 1);
    assert.deepEqual(json(errors.stdout)[0]!.messages.map((message) => message.ruleId), ['unbounded-retry']);
  });

  it('-o writes the report to a file (its folder made), and nothing to stdout', () => {
    const root = project('output', { 'a.ts': RETRY });
    const run = runCli(['-f', 'sarif', '-o', 'reports/ic.sarif'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    const log = JSON.parse(readFileSync(path.join(root, 'reports', 'ic.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    assert.equal(log.runs[0]!.results.length, 2);
  });

  it('colours as asked: --color, --no-color, FORCE_COLOR, NO_COLOR (not on a pipe by default)', () => {
    const root = project('colour', { 'a.ts': RETRY });
    const coloured = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, { cwd: root, env: { NO_COLOR: '', FORCE_COLOR: '', ...env } }).stdout.includes('\x1b[');
    assert.equal(coloured([]), false, 'a pipe: no colour');
    assert.equal(coloured(['--color']), true);
    assert.equal(coloured([], { FORCE_COLOR: '1' }), true);
    assert.equal(coloured([], { FORCE_COLOR: '0' }), false);
    assert.equal(coloured(['--no-color'], { FORCE_COLOR: '1' }), false, 'the flag wins');
    assert.equal(coloured(['--color'], { NO_COLOR: '1' }), true, 'the flag wins');
  });

  it('--stdin reads the source from stdin, named by --stdin-filename (its language and imports), else <text>', () => {
    const root = project('stdin', {
      'api.ts': "import axios from 'axios';\nimport axiosRetry from 'axios-retry';\nexport const api = axios.create();\naxiosRetry(api, { retries: 3, retryCondition: () => true });\n",
    });
    const stdin = (args: string[], input: string) => spawnSync(process.execPath, [CLI, '-f', 'json', '--stdin', ...args], { cwd: root, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TMPDIR: cliTempDir() } });
    const unnamed = stdin([], RETRY);
    assert.equal(unnamed.status, 0, unnamed.stderr);
    assert.equal(json(unnamed.stdout)[0]!.filePath, '<text>');
    assert.deepEqual(json(unnamed.stdout)[0]!.messages.map((message) => message.ruleId), ['unbounded-retry', 'missing-idempotency-key']);
    // Named, in the project: its import of the retrying client is followed.
    const named = stdin(['--stdin-filename', 'src/cart.ts'], "import { api } from '../api';\nexport const add = (item: unknown) => api.post('/cart/items', item);\n");
    assert.equal(json(named.stdout)[0]!.filePath, path.join(root, 'src', 'cart.ts'));
    // axios-retry's default delay has no jitter; the POST through it has no key.
    assert.deepEqual(json(named.stdout)[0]!.messages.map((message) => message.ruleId), ['retry-without-jitter', 'missing-idempotency-key']);
  });

  it('leaves out --ignore-pattern files and git\'s exclude file; --no-ignore reads neither (nor .gitignore)', () => {
    const root = project('ignores', { 'src/a.ts': RETRY, 'src/keep.ts': RETRY, 'gen/b.ts': RETRY, 'vendor/c.ts': RETRY, 'local/d.ts': RETRY, '.gitignore': 'vendor/\n', '.git/info/exclude': 'local/\n' });
    const a = path.join('src', 'a.ts');
    const keep = path.join('src', 'keep.ts');
    assert.deepEqual(names(runCli(['-f', 'json'], { cwd: root }).stdout, root), [path.join('gen', 'b.ts'), a, keep]);
    assert.deepEqual(names(runCli(['-f', 'json', '--ignore-pattern', 'gen'], { cwd: root }).stdout, root), [a, keep]);
    // Relative to the working folder, as ESLint reads it.
    assert.deepEqual(names(runCli(['-f', 'json', '--ignore-pattern', 'a.ts'], { cwd: path.join(root, 'src') }).stdout, root), [keep]);
    assert.deepEqual(names(runCli(['-f', 'json', '--no-ignore', '--ignore-pattern', 'gen'], { cwd: root }).stdout, root).length, 5);
  });

  it('reports a syntax error as ESLint reports a parsing error: fatal, at its place, in place of the findings', () => {
    const root = project('syntax', { 'bad.ts': RETRY.replace('await sleep(1000);', 'await sleep(1000;') });
    const run = runCli(['-f', 'json'], { cwd: root });
    assert.equal(run.status, 1);
    const [result] = json(run.stdout);
    assert.deepEqual(result!.messages.map((message) => [message.ruleId, message.severity, message.fatal, message.line]), [[null, 2, true, 9]]);
    assert.match(result!.messages[0]!.message, /^Parsing error: '\)' expected\.?$/);
    assert.equal(result!.fatalErrorCount, 1);
  });

  it('--max-file-size passes by larger files with a notice that is no warning', () => {
    const root = project('size', { 'a.ts': RETRY });
    const run = runCli(['-f', 'json', '--max-file-size', '100', '--max-warnings', '0'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const [result] = json(run.stdout);
    assert.deepEqual(result!.messages.map((message) => [message.severity, /larger than the 100-byte limit/.test(message.message)]), [[0, true]]);
  });

  describe('the baseline', () => {
    it('excuses the findings it holds, wherever their lines move, and counts new ones', () => {
      const root = project('baseline', { 'src/a.ts': RETRY });
      const write = runCli(['-f', 'json', '--baseline-write', 'ci/baseline.json', '--max-warnings', '0'], { cwd: root });
      assert.equal(write.status, 0, `reported against the baseline just written: ${write.stderr}`);
      assert.match(write.stderr, /wrote 2 findings to the baseline ci\/baseline\.json/);
      const baseline = JSON.parse(readFileSync(path.join(root, 'ci', 'baseline.json'), 'utf8')) as { findings: { file: string }[] };
      assert.deepEqual(baseline.findings.map((finding) => finding.file), ['../src/a.ts', '../src/a.ts'], 'relative to the baseline, to commit it');

      writeFileSync(path.join(root, 'src', 'a.ts'), `// moved down\n\n${RETRY}`);
      const moved = runCli(['-f', 'json', '--baseline', 'ci/baseline.json', '--max-warnings', '0'], { cwd: root });
      assert.equal(moved.status, 0, moved.stdout);
      const [result] = json(moved.stdout) as (ReturnType<typeof json>[number] & { suppressedMessages: { ruleId: string; suppressions: { kind: string }[] }[] })[];
      assert.deepEqual(result!.suppressedMessages.map((message) => [message.ruleId, message.suppressions[0]!.kind]), [['unbounded-retry', 'external'], ['missing-idempotency-key', 'external']]);

      writeFileSync(path.join(root, 'src', 'a.ts'), `${RETRY}\n${RETRY.replace(/function (\w+)/g, 'function $1Again')}`);
      const added = runCli(['-f', 'json', '--baseline', 'ci/baseline.json', '--max-warnings', '0'], { cwd: root });
      assert.equal(added.status, 1, 'the new findings count');
      assert.equal(json(added.stdout)[0]!.messages.length, 2);
    });

    it('says what is wrong with a baseline it cannot use, in one line, and exits 2', () => {
      const root = project('bad-baseline', { 'a.ts': RETRY, 'not-json.json': '{ nope', 'other.json': '{"version": 7}' });
      for (const [file, pattern] of [['missing.json', /Cannot read the baseline missing\.json/], ['not-json.json', /is not JSON/], ['other.json', /is not one --baseline-write writes/]] as const) {
        const run = runCli(['--baseline', file], { cwd: root });
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, pattern);
        assert.equal(run.stderr.trimEnd().split('\n').length, 1);
      }
    });
  });
});
