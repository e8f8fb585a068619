// The npm package as a user installs it: `npm pack` of a fresh copy of the project (its prepack build), then
// `npm install` of the tarball into new projects, with the versions of ESLint, TypeScript and typescript-eslint
// this project uses (so npm takes them from the cache `npm ci` filled; only TypeScript 5.0 may come from the
// registry). Two projects: JavaScript only (ESLint and TypeScript, no typescript-eslint), and TypeScript with
// typescript-eslint's typed linting and a strict consumer of both entry points.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../repo-root';
import { run, scratchCopy } from '../scratch-copy';

const root = repoRoot();

/** The version of a package this project installed. */
function versionOf(name: string): string {
  return (JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

/** A retry loop that never gives up, around a POST without a key: two findings in any language. */
const RETRY_SOURCE = `export async function pay(order) {
  for (;;) {
    try {
      return await fetch('https://api.example.com/payments', { method: 'POST', body: JSON.stringify(order) });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
`;
const EXPECTED_RULES = ['missing-idempotency-key', 'unbounded-retry'];

/** A flat config with typescript-eslint's typed linting and the plugin's recommended rules. */
const ESLINT_TYPED_CONFIG = [
        "import integrationCoach from 'integration-coach/eslint-plugin';",
        "import tseslint from 'typescript-eslint';",
        'export default tseslint.config(',
        "  { files: ['**/*.ts', '**/*.tsx'], languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },",
        '  integrationCoach.configs.recommended,',
        ');',
        '',
      ].join('\n');

interface Consumer {
  dir: string;
  /** Runs a command of the project (`npx`-style, from its node_modules/.bin); fails the test unless it exits with `status`. */
  exec(command: string, args: string[], status?: number): string;
}

function makeConsumer(parent: string, name: string, tarball: string, devDependencies: Record<string, string>, files: Record<string, string>): Consumer {
  const dir = path.join(parent, name);
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, type: 'module', devDependencies: { 'integration-coach': `file:${tarball}`, ...devDependencies } }, null, 2));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  const exec = (command: string, args: string[], status = 0): string => {
    const result = spawnSync(command, args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${path.join(dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}`, NO_COLOR: '1', npm_config_update_notifier: 'false' },
      timeout: 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (result.error) throw result.error;
    assert.equal(result.status, status, `${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
    return result.stdout;
  };
  exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund']);
  return { dir, exec };
}

/** The rule ids (without the plugin's prefix) that an ESLint or CLI JSON report holds for each file, by file name. */
function rulesByFile(report: string): Record<string, string[]> {
  const results = JSON.parse(report) as { filePath: string; messages: { ruleId: string | null; fatal?: boolean; message: string }[] }[];
  return Object.fromEntries(results.map((result) => [
    path.basename(result.filePath),
    result.messages.map((message) => message.ruleId?.replace(/^integration-coach\//, '') ?? `fatal: ${message.message}`).sort(),
  ]));
}

function folderBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? folderBytes(full) : statSync(full).size);
  }, 0);
}

describe('the npm package, installed into a new project', function () {
  // A production build, a pack and three installs (from the cache); a busy machine makes them slower.
  this.timeout(600_000);
  let work = '';
  let tarball = '';
  let javascript: Consumer;
  let typescript: Consumer;

  before(() => {
    work = mkdtempSync(path.join(tmpdir(), 'ic-npm-consumer-'));
    const copy = scratchCopy();
    try {
      const packed = run(copy, 'npm', ['pack', '--json', '--pack-destination', work]);
      const [{ filename }] = JSON.parse(packed.slice(packed.search(/^\[\s*\{/m))) as { filename: string }[];
      tarball = path.join(work, filename);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
    javascript = makeConsumer(work, 'javascript-only', tarball, { eslint: versionOf('eslint'), typescript: versionOf('typescript') }, {
      'src/pay.js': RETRY_SOURCE,
      'eslint.config.js': "import integrationCoach from 'integration-coach/eslint-plugin';\nexport default [{ files: ['**/*.js'] }, integrationCoach.configs.recommended];\n",
      'require-entry.cjs': "const api = require('integration-coach');\nconst plugin = require('integration-coach/eslint-plugin');\nconsole.log(JSON.stringify({ api: typeof api.analyze, rules: Object.keys(plugin.rules) }));\n",
    });
    typescript = makeConsumer(work, 'typescript', tarball, {
      eslint: versionOf('eslint'), typescript: versionOf('typescript'), 'typescript-eslint': versionOf('typescript-eslint'), '@types/node': versionOf('@types/node'),
    }, {
      'src/pay.ts': RETRY_SOURCE.replace('pay(order)', 'pay(order: unknown)'),
      'src/checkout.tsx': `${RETRY_SOURCE.replace('pay(order)', 'checkout(order: unknown)')}export const Button = () => <button onClick={() => checkout({})}>Pay</button>;\n`,
      // The project typed linting reads, and the strict one the consumer of the declarations is compiled with.
      'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', jsx: 'preserve', noEmit: true, types: ['node'] }, include: ['src'] }),
      'tsconfig.consumer.json': JSON.stringify({ compilerOptions: { strict: true, module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', skipLibCheck: false, noEmit: true, types: ['node'] }, include: ['consumer.ts', 'typed-eslint-config.ts'] }),
      // ESLint on Node 20 loads an eslint.config.ts only with jiti, which this project does not install: the
      // config ESLint runs is JavaScript, and the same text as TypeScript is compiled by the strict consumer.
      'eslint.config.mjs': ESLINT_TYPED_CONFIG,
      'typed-eslint-config.ts': ESLINT_TYPED_CONFIG,
      'consumer.ts': [
        "import { analyze, analyzeProject, filesInMemory, type Finding, rules } from 'integration-coach/api';",
        "import * as entry from 'integration-coach';",
        "import integrationCoach from 'integration-coach/eslint-plugin';",
        "import type { Linter } from 'eslint';",
        "const findings: Finding[] = analyze('for (;;) { await fetch(url, { method: \"POST\" }); }', 'a.ts');",
        'const configs: Linter.Config[] = [integrationCoach.configs.recommended];',
        'const ruleIds: string[] = Object.keys(integrationCoach.rules);',
        'export const seen = [findings.length, configs.length, ruleIds.length, rules.length, typeof analyzeProject, typeof filesInMemory, typeof entry.analyze];',
        '',
      ].join('\n'),
    });
  });
  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is lean: the bundles for Node and their declarations, installed in a few megabytes', () => {
    const installed = path.join(javascript.dir, 'node_modules', 'integration-coach');
    const files = readdirSync(installed, { recursive: true }).map(String).filter((file) => statSync(path.join(installed, file)).isFile());
    assert.deepEqual(files.filter((file) => /\.map$|^src\/|^test\/|extension\.js|analysis-worker\.js|webview/.test(file)), []);
    assert.ok(statSync(tarball).size < 1_000_000, `packed: ${statSync(tarball).size} bytes`);
    assert.ok(folderBytes(installed) < 3_000_000, `installed: ${folderBytes(installed)} bytes`);
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { dependencies?: object; peerDependencies: Record<string, string> };
    assert.equal(manifest.dependencies, undefined, 'TypeScript is the user\'s own: no second copy comes with the package');
    assert.ok(manifest.peerDependencies.typescript);
  });

  it('ESLint on JavaScript, without typescript-eslint installed, reports the rules', () => {
    const report = javascript.exec('eslint', ['--format', 'json', 'src']);
    assert.deepEqual(rulesByFile(report), { 'pay.js': EXPECTED_RULES });
  });

  it('the entry points load with require() and need no VS Code', () => {
    const loaded = JSON.parse(javascript.exec('node', ['require-entry.cjs'])) as { api: string; rules: string[] };
    assert.equal(loaded.api, 'function');
    assert.deepEqual([...loaded.rules].sort(), ['missing-idempotency-key', 'retry-without-jitter', 'unbounded-retry', 'unstable-idempotency-key']);
  });

  it('the CLI reports in every format and exits as documented', () => {
    assert.deepEqual(rulesByFile(javascript.exec('integration-coach', ['--format', 'json', 'src'])), { 'pay.js': EXPECTED_RULES });
    const stylish = javascript.exec('integration-coach', ['src']);
    assert.match(stylish, /pay\.js[\s\S]*unbounded-retry[\s\S]*2 problems \(0 errors, 2 warnings\)/);
    const sarif = JSON.parse(javascript.exec('integration-coach', ['--format', 'sarif', 'src'])) as { version: string; runs: { results: { ruleId: string }[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(sarif.runs[0]!.results.map((result) => result.ruleId).sort(), EXPECTED_RULES);
    javascript.exec('integration-coach', ['--max-warnings', '0', 'src'], 1);
  });

  it('typed linting with typescript-eslint reports on .ts and .tsx files', () => {
    const report = typescript.exec('eslint', ['--format', 'json', 'src']);
    assert.deepEqual(rulesByFile(report), { 'checkout.tsx': EXPECTED_RULES, 'pay.ts': EXPECTED_RULES });
  });

  it('a strict TypeScript consumer of both entry points compiles against the declarations (skipLibCheck off)', () => {
    typescript.exec('tsc', ['-p', 'tsconfig.consumer.json']);
  });

  it('the CLI takes stdin, a baseline, --fix, the configuration file and every kind of disable comment', () => {
    const stdin = spawnSync('integration-coach', ['-f', 'json', '--stdin', '--stdin-filename', 'src/piped.js'], {
      cwd: javascript.dir, input: RETRY_SOURCE, encoding: 'utf8', env: { ...process.env, PATH: `${path.join(javascript.dir, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` },
    });
    assert.deepEqual(rulesByFile(stdin.stdout), { 'piped.js': EXPECTED_RULES });

    javascript.exec('integration-coach', ['--baseline-write', 'baseline.json', 'src']);
    javascript.exec('integration-coach', ['--baseline', 'baseline.json', '--max-warnings', '0', 'src']);

    writeFileSync(path.join(javascript.dir, 'src', 'wait.js'), 'export async function get(url) {\n  for (let attempt = 1; attempt <= 3; attempt++) {\n    try { return await fetch(url); } catch { await new Promise((resolve) => setTimeout(resolve, 500)); }\n  }\n}\n');
    javascript.exec('integration-coach', ['--fix', 'src/wait.js']);
    assert.match(readFileSync(path.join(javascript.dir, 'src', 'wait.js'), 'utf8'), /Math\.random\(\) \* 500/);

    const directives = [
      ['// integration-coach-disable-next-line unbounded-retry -- paced', '  for (;;) {'],
      ['  for (;;) { // eslint-disable-line integration-coach/unbounded-retry', undefined],
      ['/* integration-coach-disable unbounded-retry */', undefined],
      ['/* eslint-disable integration-coach/unbounded-retry */', undefined],
    ] as const;
    for (const [comment, before] of directives) {
      const text = before === undefined
        ? (comment.startsWith('/*') ? `${comment}\n${RETRY_SOURCE}` : RETRY_SOURCE.replace('  for (;;) {', comment))
        : RETRY_SOURCE.replace(before, `  ${comment.trim()}\n${before}`);
      writeFileSync(path.join(javascript.dir, 'src', 'pay.js'), text);
      for (const command of ['integration-coach', 'eslint']) {
        assert.deepEqual(rulesByFile(javascript.exec(command, ['--format', 'json', 'src/pay.js'])), { 'pay.js': ['missing-idempotency-key'] }, `${command}: ${comment}`);
      }
    }

    writeFileSync(path.join(javascript.dir, 'integration-coach.config.json'), JSON.stringify({ $schema: './node_modules/integration-coach/schemas/integration-coach.config.schema.json', rules: { 'missing-idempotency-key': 'off' } }));
    assert.deepEqual(rulesByFile(javascript.exec('integration-coach', ['--format', 'json', 'src/pay.js'])), { 'pay.js': [] });
    assert.ok(statSync(path.join(javascript.dir, 'node_modules', 'integration-coach', 'schemas', 'integration-coach.config.schema.json')).isFile(), 'the schema ships');
    rmSync(path.join(javascript.dir, 'integration-coach.config.json'));
    writeFileSync(path.join(javascript.dir, 'src', 'pay.js'), RETRY_SOURCE);
    rmSync(path.join(javascript.dir, 'src', 'wait.js'));
  });

  it('the CLI runs on the lowest TypeScript of the peer range, with the same findings', () => {
    javascript.exec('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', 'typescript@5.0.4']);
    assert.deepEqual(rulesByFile(javascript.exec('integration-coach', ['--format', 'json', 'src'])), { 'pay.js': EXPECTED_RULES });
    assert.deepEqual(rulesByFile(javascript.exec('eslint', ['--format', 'json', 'src'])), { 'pay.js': EXPECTED_RULES });
  });
});
