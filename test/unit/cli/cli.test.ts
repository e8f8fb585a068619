// The built CLI, run as a child process: exit codes, the three formats, file discovery, workers.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Ajv from 'ajv';
import { pathologicalInputs } from '../adversarial/pathological-inputs';
import { monorepoTree, writeMonorepo } from '../monorepo-tree';
import { CLI, cliTempDir, FIXTURES, json, ROOT, runCli, tempDir } from './helpers';

/** The parts of a SARIF log the tests read. */
interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string; helpUri: string; help: { text: string; markdown: string }; properties: { tags: string[] }; defaultConfiguration: { level: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string }>;
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      partialFingerprints: Record<string, string>;
      suppressions?: { kind: string; justification?: string }[];
      locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[];
      relatedLocations?: { physicalLocation: { region: { startLine: number } }; message: { text: string } }[];
    }[];
  }[];
}

const RETRY = path.join(FIXTURES, 'retry.ts');
const CLEAN = path.join(FIXTURES, 'clean.ts');

function assertOneLineError(stderr: string, pattern: RegExp): void {
  assert.match(stderr, pattern);
  assert.equal(stderr.trimEnd().split('\n').length, 1, `one line on stderr, got:\n${stderr}`);
  assert.match(stderr, /^integration-coach: /);
}

describe('CLI', function () {
  // Each test starts the CLI (a Node process) one or more times; a busy machine makes that slow.
  this.timeout(120_000);
  describe('exit codes', () => {
    it('0 and no output for a clean file', () => {
      const run = runCli(['clean.ts']);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(run.stdout, '');
      assert.equal(run.stderr, '');
    });

    it('0 for warnings when there is no warning limit', () => {
      assert.equal(runCli(['retry.ts']).status, 0);
    });

    it('1 when a finding is an error', () => {
      const run = runCli(['retry.ts', '--rule', 'unbounded-retry=error']);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /✖ 2 problems \(1 error, 1 warning\)/);
    });

    it('1 when the warnings exceed --max-warnings, 0 when they do not', () => {
      const over = runCli(['retry.ts', '--max-warnings', '1']);
      assert.equal(over.status, 1);
      assert.match(over.stderr, /too many warnings \(maximum: 1\)/);
      assert.equal(runCli(['retry.ts', '--max-warnings', '2']).status, 0);
      assert.equal(runCli(['clean.ts', '--max-warnings', '0']).status, 0);
    });

    it('2 with one line on stderr for a missing path', () => {
      const run = runCli(['retry.ts', 'no-such-file.ts']);
      assert.equal(run.status, 2);
      assert.equal(run.stdout, '');
      assertOneLineError(run.stderr, /No such file or directory: no-such-file\.ts/);
    });

    it('2 for an unknown option, a bad --rule value, an unknown rule, a bad format, a pattern that matches nothing', () => {
      const cases: [string[], RegExp][] = [
        [['--frobnicate', 'retry.ts'], /Unknown option '--frobnicate'/],
        [['--rule', 'unbounded-retry=loud', 'retry.ts'], /Invalid level "loud" for rule unbounded-retry/],
        [['--rule', 'unbounded-retry', 'retry.ts'], /Invalid --rule "unbounded-retry"/],
        [['--rule', 'no-such-rule=off', 'retry.ts'], /Unknown rule "no-such-rule"/],
        [['--format', 'xml', 'retry.ts'], /Unknown format "xml"/],
        [['--max-warnings', 'many', 'retry.ts'], /Invalid --max-warnings "many"/],
        [['*.nothing-matches'], /No files match the pattern "\*\.nothing-matches"/],
        [['-f', 'sarif', '--sarif-root', 'no-such-folder', 'retry.ts'], /--sarif-root no-such-folder: no such folder\./],
      ];
      for (const [args, pattern] of cases) {
        const run = runCli(args);
        assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
        assertOneLineError(run.stderr, pattern);
      }
    });

    it('--help and --version exit 0', () => {
      const help = runCli(['--help']);
      assert.equal(help.status, 0);
      assert.match(help.stdout, /^Usage: integration-coach/);
      const version = runCli(['--version']);
      assert.equal(version.stdout.trim(), JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
    });

    it('the bundle starts with a shebang, for the `bin` entry', () => {
      assert.ok(readFileSync(CLI, 'utf8').startsWith('#!/usr/bin/env node\n'));
    });
  });

  describe('--format json', () => {
    it("has ESLint's JSON shape, with 1-based positions on the finding", () => {
      const run = runCli(['--format', 'json', 'retry.ts', 'clean.ts']);
      assert.equal(run.status, 0, run.stderr);
      const results = json(run.stdout);
      assert.deepEqual(results.map((result) => result.filePath), [CLEAN, RETRY]);
      for (const result of results) {
        assert.deepEqual(Object.keys(result).sort(), [
          'errorCount', 'fatalErrorCount', 'filePath', 'fixableErrorCount', 'fixableWarningCount', 'messages', 'suppressedMessages', 'usedDeprecatedRules', 'warningCount',
        ]);
      }
      const retry = results[1]!;
      assert.equal(retry.warningCount, 2);
      assert.equal(retry.errorCount, 0);
      assert.deepEqual(retry.messages.map((message) => [message.ruleId, message.severity, message.line, message.column]), [
        ['unbounded-retry', 1, 5, 3],
        ['missing-idempotency-key', 1, 7, 20],
      ]);
      // The 1-based positions point at the construct in the file's text.
      const lines = readFileSync(RETRY, 'utf8').split('\n');
      const [loop, request] = retry.messages;
      assert.ok(lines[loop!.line! - 1]!.slice(loop!.column! - 1).startsWith('while (true)'));
      assert.ok(lines[request!.line! - 1]!.slice(request!.column! - 1).startsWith('fetch('));
      assert.equal(lines[loop!.endLine! - 1]!.slice(loop!.column! - 1, loop!.endColumn! - 1), 'while (true)');
    });

    it('--rule <id>=off removes that rule\'s findings; =error makes them severity 2', () => {
      const off = json(runCli(['-f', 'json', '--rule', 'unbounded-retry=off', 'retry.ts']).stdout)[0]!;
      assert.deepEqual(off.messages.map((message) => message.ruleId), ['missing-idempotency-key']);
      const error = json(runCli(['-f', 'json', '--rule', 'integration-coach/missing-idempotency-key=error', 'retry.ts']).stdout)[0]!;
      assert.deepEqual(error.messages.map((message) => message.severity), [1, 2]);
      assert.equal(error.errorCount, 1);
    });
  });

  describe('--format stylish', () => {
    it("prints ESLint's stylish layout and summary, without colour when NO_COLOR is set or stdout is not a terminal", () => {
      const run = runCli(['retry.ts']);
      const lines = run.stdout.split('\n');
      assert.equal(lines[0], RETRY);
      assert.match(lines[1]!, /^ {2}5:3 {3}warning {2}This `while \(true\)` retry loop has no cap .* {2}unbounded-retry$/);
      assert.match(lines[2]!, /^ {2}7:20 {2}warning {2}This POST request .* {2}missing-idempotency-key$/);
      assert.equal(lines[3], '');
      assert.equal(lines[4], '✖ 2 problems (0 errors, 2 warnings)');
      assert.ok(!run.stdout.includes('\x1b['), 'no ANSI escapes');
      assert.equal(run.stderr, '', 'no progress line when stderr is not a terminal');
    });
  });

  describe('--format sarif', () => {
    it('validates against the SARIF 2.1.0 schema and locates the findings relative to the repository\'s root', () => {
      const run = runCli(['-f', 'sarif', '--rule', 'missing-idempotency-key=info', 'retry.ts', 'clean.ts']);
      assert.equal(run.status, 0, run.stderr);
      const log = JSON.parse(run.stdout) as SarifLog;
      const validate = sarifValidator();
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
      const sarifRun = log.runs[0]!;
      const ruleIds = sarifRun.tool.driver.rules.map((rule) => rule.id);
      assert.deepEqual(ruleIds, ['unbounded-retry', 'retry-without-jitter', 'missing-idempotency-key', 'unstable-idempotency-key']);
      const unbounded = sarifRun.tool.driver.rules[0]!;
      assert.equal(unbounded.helpUri, 'https://github.com/integration-coach/integration-coach/blob/main/docs/rules/unbounded-retry.md');
      assert.equal(unbounded.help.markdown, readFileSync(path.join(ROOT, 'docs', 'rules', 'unbounded-retry.md'), 'utf8'), 'the rule\'s page');
      assert.match(unbounded.help.text, /^Retries must be bounded.*docs\/rules\/unbounded-retry\.md$/);
      assert.deepEqual(unbounded.properties.tags, ['reliability', 'retry', 'resilience']);
      assert.equal(unbounded.defaultConfiguration.level, 'warning');
      // The fixtures are in this repository: their paths start at its top level, wherever the CLI runs.
      assert.equal(sarifRun.originalUriBaseIds['%SRCROOT%']!.uri, pathToFileURL(`${ROOT}${path.sep}`).href);
      assert.deepEqual(
        sarifRun.results.map((result) => {
          const location = result.locations[0]!.physicalLocation;
          return [result.ruleId, result.ruleIndex, result.level, location.artifactLocation.uri, location.region.startLine, location.region.startColumn];
        }),
        [
          ['unbounded-retry', 0, 'warning', 'test/fixtures/cli/retry.ts', 5, 3],
          ['missing-idempotency-key', 2, 'note', 'test/fixtures/cli/retry.ts', 7, 20],
        ],
      );
      for (const result of sarifRun.results) assert.match(result.partialFingerprints['integrationCoach/v1']!, /^[0-9a-f]{32}$/);
      // The POST's finding points at the loop that sends it again.
      assert.deepEqual(
        sarifRun.results.map((result) => result.relatedLocations?.map((place) => [place.physicalLocation.region.startLine, place.message.text])),
        [undefined, [[5, 'The `while (true)` retry loop that repeats the request']]],
      );
    });

    const dir = tempDir('ic-cli-sarif');
    it('keeps each result\'s fingerprint when lines move, and tells equal findings apart', () => {
      const source = readFileSync(RETRY, 'utf8');
      writeFileSync(path.join(dir.path, 'a.ts'), source);
      const fingerprints = (args: string[]) => (JSON.parse(runCli(['-f', 'sarif', ...args], { cwd: dir.path }).stdout) as SarifLog).runs[0]!.results
        .map((result) => [result.ruleId, result.locations[0]!.physicalLocation.region.startLine, result.partialFingerprints['integrationCoach/v1']]);
      const before = fingerprints(['--sarif-root', '.', 'a.ts']);
      writeFileSync(path.join(dir.path, 'a.ts'), `// a new header\n// of three lines\n\n${source.replace(/\n {2}/g, '\n    ')}`);
      const after = fingerprints(['--sarif-root', '.', 'a.ts']);
      assert.deepEqual(after.map(([rule, line, key]) => [rule, Number(line) - 3, key]), before, 'moved and re-indented: the same keys');
      writeFileSync(path.join(dir.path, 'a.ts'), `${source}\n${source.replace(/export /g, '').replace(/function (\w+)/g, 'function $1Again')}`);
      const twice = fingerprints(['--sarif-root', '.', 'a.ts']);
      assert.equal(new Set(twice.map(([, , key]) => key)).size, twice.length, 'every result its own key');
    });

    it('--sarif-root sets the folder paths start at; a finding switched off by a comment is a suppressed result', () => {
      writeFileSync(path.join(dir.path, 'b.ts'), readFileSync(RETRY, 'utf8').replace(/^(\s*)(while \(true\))/m, '$1// integration-coach-disable-next-line unbounded-retry -- a supervisor restarts it\n$1$2'));
      const log = JSON.parse(runCli(['-f', 'sarif', '--sarif-root', '..', 'b.ts'], { cwd: dir.path }).stdout) as SarifLog;
      assert.ok(sarifValidator()(log));
      const results = log.runs[0]!.results;
      assert.deepEqual(results.map((result) => [result.ruleId, result.locations[0]!.physicalLocation.artifactLocation.uri, result.suppressions]), [
        ['missing-idempotency-key', `${path.basename(dir.path)}/b.ts`, undefined],
        ['unbounded-retry', `${path.basename(dir.path)}/b.ts`, [{ kind: 'inSource', justification: 'a supervisor restarts it' }]],
      ]);
    });
  });

  describe('files over the size limit', () => {
    const dir = tempDir('ic-cli-size');
    it('get a notice (severity 0, no rule) that counts as neither error nor warning, in every format', () => {
      const big = path.join(dir.path, 'bundle.js');
      writeFileSync(big, '// generated\n'.repeat(90_000) + readFileSync(RETRY, 'utf8'));
      const run = runCli(['-f', 'json', '--max-warnings', '0', big, RETRY]);
      const results = json(run.stdout);
      assert.deepEqual(results.map((result) => result.filePath), [big, RETRY].sort(), 'the other file is still reported (results are sorted by path)');
      const bigResult = results.find((result) => result.filePath === big)!;
      assert.deepEqual(bigResult.messages.map((message) => [message.ruleId, message.severity, message.line, message.fatal]), [[null, 0, undefined, false]]);
      assert.match(bigResult.messages[0]!.message, /larger than the 1048576-byte limit/);
      assert.deepEqual([bigResult.warningCount, bigResult.errorCount], [0, 0]);
      assert.equal(run.status, 1, 'the two warnings in retry.ts exceed --max-warnings 0');
      assert.equal(runCli(['--max-warnings', '0', big]).status, 0, 'a notice alone does not');
      const stylish = runCli([big]).stdout;
      assert.match(stylish, /^ {2}0:0 {2}notice {2}File is larger than the 1048576-byte limit .*not analysed$/m);
      assert.match(stylish, /^1 file not read or not fully analysed/m);
      assert.doesNotMatch(stylish, /problem/, 'no problem to count');
      const sarif = JSON.parse(runCli(['-f', 'sarif', big]).stdout) as SarifLog;
      assert.match(sarif.runs[0]!.invocations[0]!.toolExecutionNotifications[0]!.message.text, /larger than/);
      assert.ok(sarifValidator()(sarif));
    });
  });

  describe('--time-budget', () => {
    const dir = tempDir('ic-cli-budget');
    it('stops a file that runs past it with a notice, in stylish and JSON output, and still reports the other file', () => {
      // Some 500 KB of retry loops: its parse alone takes far longer than 1 ms.
      const { text } = pathologicalInputs().find(({ name }) => name === '5,000 retry loops in a row')!;
      const slow = path.join(dir.path, 'slow.ts');
      writeFileSync(slow, text);
      // Scanned first (the scan goes by path): the core looks at the clock every 1,024 steps of its work,
      // and this small file takes fewer, so it is checked whole, however short the budget.
      const small = path.join(dir.path, 'a-retry.ts');
      cpSync(RETRY, small);
      const notice = 'Analysis stopped after 1 ms; the file was not fully checked.';

      const run = runCli(['-f', 'json', '--time-budget', '1', slow, small]);
      const [smallResult, slowResult] = json(run.stdout);
      assert.equal(run.status, 0, run.stderr);
      assert.equal(smallResult!.filePath, small);
      assert.deepEqual(smallResult!.messages.map((message) => message.ruleId), ['unbounded-retry', 'missing-idempotency-key']);
      assert.equal(slowResult!.filePath, slow);
      assert.deepEqual(slowResult!.messages.map(({ ruleId, severity, message, fatal }) => ({ ruleId, severity, message, fatal })), [{ ruleId: null, severity: 0, message: notice, fatal: false }]);

      const stylish = runCli(['--time-budget', '1', slow, small]);
      assert.equal(stylish.status, 0, stylish.stderr);
      const lines = stylish.stdout.split('\n');
      // Like ESLint's stylish, without the message's closing full stop.
      assert.equal(lines[lines.indexOf(slow) + 1], `  0:0  notice  ${notice.replace(/\.$/, '')}`);
      assert.deepEqual(lines.slice(lines.indexOf(small) + 1, lines.indexOf(small) + 3).map((line) => line.split(/\s+/).at(-1)), ['unbounded-retry', 'missing-idempotency-key']);
      assert.match(stylish.stdout, /^1 file not read or not fully analysed/m);
    });
  });

  describe('directories and globs', () => {
    const dir = tempDir('ic-cli-walk');
    let project = '';
    before(() => {
      project = path.join(dir.path, 'project');
      cpSync(path.join(FIXTURES, 'project'), project, { recursive: true });
      mkdirSync(path.join(project, 'node_modules', 'retry-lib'), { recursive: true });
      writeFileSync(path.join(project, 'node_modules', 'retry-lib', 'index.js'), readFileSync(RETRY, 'utf8'));
    });
    const scanned = (args: string[]) => json(runCli(['-f', 'json', ...args], { cwd: project }).stdout).map((result) => path.relative(project, result.filePath));

    it('walks directories, skipping node_modules, .d.ts files and what .gitignore ignores (with ! re-including)', () => {
      assert.deepEqual(scanned(['.']), ['src/clean.js', 'src/keep.gen.ts', 'src/loop.ts']);
    });

    it('expands globs with ** and braces, with the same skipping', () => {
      assert.deepEqual(scanned(['**/*.ts']), ['src/keep.gen.ts', 'src/loop.ts']);
      assert.deepEqual(scanned(['src/*.{js,ts}']), ['src/clean.js', 'src/keep.gen.ts', 'src/loop.ts']);
      assert.deepEqual(scanned(['src/loo?.ts']), ['src/loop.ts']);
    });

    it('reads nested .gitignore files, a deeper one re-including what a shallower one ignores, as git does', () => {
      const root = path.join(dir.path, 'nested');
      for (const folder of ['build', 'pkg/build', 'pkg/sub']) mkdirSync(path.join(root, folder), { recursive: true });
      for (const file of ['build/a.ts', 'pkg/build/b.ts', 'pkg/build/c.tmp.ts', 'pkg/sub/d.ts', 'pkg/e.ts']) writeFileSync(path.join(root, file), '');
      writeFileSync(path.join(root, '.gitignore'), 'build/\n*.tmp.ts\n');
      writeFileSync(path.join(root, 'pkg', '.gitignore'), '!build/\n/sub/\n');
      const files = json(runCli(['-f', 'json', '.'], { cwd: root }).stdout).map((result) => path.relative(root, result.filePath));
      assert.deepEqual(files, ['pkg/build/b.ts', 'pkg/e.ts']);
    });

    it("reads a monorepo's 700 package .gitignore files whole: no gitignored build/ file scanned, nothing on stderr", () => {
      const root = path.join(dir.path, 'monorepo');
      const tree = monorepoTree();
      writeMonorepo(root, tree);
      const run = runCli(['-f', 'json', '.'], { cwd: root });
      assert.equal(run.stderr, '');
      assert.equal(run.status, 0);
      assert.deepEqual(json(run.stdout).map((result) => path.relative(root, result.filePath)).sort(), [...tree.sources].sort());
    });

    it('scans a file named on the command line even when .gitignore ignores it', () => {
      assert.deepEqual(scanned(['generated/out.ts', 'src/loop.gen.ts']), ['generated/out.ts', 'src/loop.gen.ts']);
    });
  });

  describe('analysis across files', () => {
    const project = path.join(FIXTURES, 'cross-file');
    const findings = (run: ReturnType<typeof runCli>) =>
      json(run.stdout).flatMap((result) => result.messages.map((message) => `${path.relative(project, result.filePath)}:${message.line} ${message.ruleId}`));

    it('follows imports (a tsconfig alias too) to the retry in another file, on one thread and on workers', () => {
      const single = runCli(['-f', 'json', '--concurrency', 'off', 'src'], { cwd: project });
      const pooled = runCli(['-f', 'json', '--concurrency', '2', 'src'], { cwd: project });
      assert.equal(single.status, 0, single.stderr);
      assert.deepEqual(findings(single), [
        'src/cart.ts:4 missing-idempotency-key',
        'src/features/orders.ts:4 unbounded-retry',
        'src/features/orders.ts:4 missing-idempotency-key',
        'src/lib/retry.ts:2 unbounded-retry',
      ]);
      assert.deepEqual(findings(pooled), findings(single));
      assert.match(json(single.stdout)[1]!.messages[0]!.message, /`api` client from src\/api\.ts/);
    });

    it('reads each file alone with --no-cross-file, and follows nothing outside the current folder', () => {
      const alone = runCli(['-f', 'json', '--no-cross-file', 'src'], { cwd: project });
      assert.deepEqual(findings(alone), ['src/features/orders.ts:4 missing-idempotency-key', 'src/lib/retry.ts:2 unbounded-retry']);
      // Run from src/features, the helper in src/lib lies outside the folder: the call site is read alone.
      const inside = runCli(['-f', 'json', '.'], { cwd: path.join(project, 'src', 'features') });
      assert.deepEqual(json(inside.stdout).flatMap((result) => result.messages.map((message) => message.ruleId)), ['missing-idempotency-key']);
    });
  });

  describe('worker threads', () => {
    const dir = tempDir('ic-cli-many');
    before(() => {
      const retry = readFileSync(RETRY, 'utf8');
      const clean = readFileSync(CLEAN, 'utf8');
      for (let i = 0; i < 120; i++) {
        const text = [clean, retry, retry.replace("method: 'POST'", "method: 'GET'"), `export const value${i} = ${i};\n`][i % 4]!;
        mkdirSync(path.join(dir.path, `pkg${i % 7}`), { recursive: true });
        writeFileSync(path.join(dir.path, `pkg${i % 7}`, `file${i}.ts`), text.replace('submitOrder', `submitOrder${i}`));
      }
    });

    it('give the same results as one thread on 120 files, with and without the code cache and the pre-check', () => {
      rmSync(cliTempDir(), { recursive: true, force: true });
      mkdirSync(cliTempDir());
      const single = runCli(['-f', 'json', '--concurrency', 'off', '.'], { cwd: dir.path });
      const pooled = runCli(['-f', 'json', '--concurrency', '2', '.'], { cwd: dir.path });
      const auto = runCli(['-f', 'json', '.'], { cwd: dir.path });
      const everyFileParsed = runCli(['-f', 'json', '--concurrency', '2', '--no-pre-check', '.'], { cwd: dir.path });
      for (const run of [single, pooled, auto, everyFileParsed]) assert.equal(run.status, 0, run.stderr);
      const results = json(single.stdout);
      assert.equal(results.length, 120);
      assert.equal(results.reduce((sum, result) => sum + result.warningCount, 0), 30 * 2 + 30 * 1);
      assert.deepEqual(json(pooled.stdout), results);
      assert.deepEqual(json(auto.stdout), results);
      assert.deepEqual(json(everyFileParsed.stdout), results);
      // The first run wrote the code cache (one file for the bundle, one for TypeScript); the later runs read it.
      const cacheDirs = readdirSync(cliTempDir()).filter((name) => name.startsWith('integration-coach-'));
      if (process.platform !== 'win32') {
        assert.equal(cacheDirs.length, 1);
        const cached = readdirSync(path.join(cliTempDir(), cacheDirs[0]!)).sort();
        assert.equal(cached.length, 2, cached.join(', '));
        assert.match(cached[0]!, /^cli-worker\.js-[0-9a-f]{12}-v\d.*\.v8$/);
        assert.match(cached[1]!, /^typescript\.js-[0-9a-f]{12}-v\d.*\.v8$/);
      }
      const uncached = runCli(['-f', 'json', '.'], { cwd: dir.path, env: { INTEGRATION_COACH_NO_CODE_CACHE: '1' } });
      assert.deepEqual(json(uncached.stdout), results);
    });
  });
});

/**
 * The official SARIF 2.1.0 schema (the final "rtm.5" revision, as SchemaStore publishes it), from the
 * @microsoft/jest-sarif devDependency, or from the file SARIF_SCHEMA names. The schema is draft-04:
 * it uses no draft-04-only keyword but its top-level `id`, so ajv 8 reads it once that is `$id`.
 */
function sarifValidator() {
  const file = process.env.SARIF_SCHEMA ?? path.join(ROOT, 'node_modules', '@microsoft', 'jest-sarif', 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id, ...schema } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.ok(_draft === 'http://json-schema.org/draft-04/schema#' && typeof id === 'string', 'the SARIF schema as expected');
  assert.doesNotMatch(JSON.stringify(schema), /"exclusiveM(in|ax)imum"/, 'no draft-04 keyword that ajv 8 reads differently');
  // Its patterns are plain ECMAScript ones (one is not valid with the `u` flag).
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  ajv.addFormat('uri', (text: string) => URL.canParse(text));
  ajv.addFormat('uri-reference', (text: string) => URL.canParse(text, 'file:///base/'));
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)));
  return ajv.compile({ ...schema, $id: id });
}
