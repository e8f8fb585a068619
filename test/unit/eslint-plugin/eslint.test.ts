// The shipped plugin bundle (dist/eslint-plugin.js) in a real ESLint with a flat config, and the
// plugin's shape: metadata from the core, docs URLs from the lesson, the recommended config.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as typescriptEslintParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { ESLint, Linter, type Rule } from 'eslint';
import { analyze, rules as coreRules } from '../../../src/analysis';
import { MAX_SOURCE_NESTING } from '../../../src/analysis/run-context';
import { parsedSourceFile } from '../../../src/eslint-plugin/rules';
import { repoRoot } from '../repo-root';

const ROOT = repoRoot();
const tsParser = typescriptEslintParser as unknown as Linter.Parser;
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'cli', 'eslint');

/**
 * Run by `node --jitless -e` with the repository root and nesting depths: for each depth, what the core
 * says of the file, whether ESLint lints it with a rule that reports nothing, and what linting it with
 * the plugin throws.
 */
interface Plugin {
  meta: { name: string; version: string };
  rules: Record<string, TSESLint.RuleModule<string, unknown[], { recommended: boolean }>>;
  configs: { recommended: { name: string; plugins: Record<string, unknown>; rules: Record<string, string> } };
}

/** The built bundle, loaded as a user would (`require`), not the sources. */
function loadPlugin(): Plugin {
  const file = path.join(ROOT, 'dist', 'eslint-plugin.js');
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`node scripts/build.mjs\` first`);
  return createRequire(__filename)(file) as Plugin;
}

describe('ESLint plugin', function () {
  this.timeout(60_000);
  let plugin: Plugin;
  before(() => {
    plugin = loadPlugin();
  });

  it('is a flat-config plugin whose recommended config turns every rule on as a warning', () => {
    const packageJson = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(plugin.meta, { name: packageJson.name, version: packageJson.version });
    assert.deepEqual(Object.keys(plugin.rules), coreRules.map((rule) => rule.id));
    const recommended = plugin.configs.recommended;
    assert.equal(recommended.name, 'integration-coach/recommended');
    assert.equal(recommended.plugins['integration-coach'], plugin, 'the config holds the plugin object itself');
    assert.deepEqual(recommended.rules, Object.fromEntries(coreRules.map((rule) => [`integration-coach/${rule.id}`, 'warn'])));
  });

  it("takes each rule's meta from the core: description, messages, options schema, and its page on the web", () => {
    for (const core of coreRules) {
      const meta = plugin.rules[core.id]!.meta;
      assert.equal(meta.docs?.url, `https://github.com/integration-coach/integration-coach/blob/main/docs/rules/${core.id}.md`);
      assert.ok(existsSync(path.join(repoRoot(), 'docs', 'rules', `${core.id}.md`)), 'the page is in the repository');
      assert.equal(meta.docs?.description, core.description);
      assert.deepEqual(meta.schema, [core.schema]);
      assert.equal(meta.hasSuggestions, true);
      for (const [id, text] of Object.entries(core.messages)) assert.equal(meta.messages[id], text);
    }
  });

  it('runs end to end in ESLint with typescript-eslint\'s parser (.ts) and espree (.js), matching the core', async () => {
    const eslint = new ESLint({
      cwd: FIXTURES,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended as Linter.Config,
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
      ],
    });
    const results = await eslint.lintFiles(['retry.js', 'retry.ts']);
    assert.deepEqual(results.map((result) => path.basename(result.filePath)), ['retry.js', 'retry.ts']);
    for (const result of results) {
      const text = readFileSync(result.filePath, 'utf8');
      const expected = analyze(text, result.filePath).map((finding) => ({
        ruleId: `integration-coach/${finding.ruleId}`,
        severity: 1,
        message: finding.message,
        line: finding.range.start.line + 1,
        column: finding.range.start.character + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.character + 1,
        messageId: finding.messageId,
        suggestions: finding.fixes?.length ?? 0,
      }));
      assert.ok(expected.length >= 2, 'the fixture has findings');
      const actual = result.messages.map((message) => ({
        ruleId: message.ruleId, severity: message.severity, message: message.message, line: message.line, column: message.column,
        endLine: message.endLine, endColumn: message.endColumn, messageId: message.messageId, suggestions: message.suggestions?.length ?? 0,
      }));
      assert.deepEqual(actual, expected, path.basename(result.filePath));
    }
    const ts = results[1]!;
    assert.deepEqual(ts.messages.map((message) => [message.ruleId, message.line]), [
      ['integration-coach/unbounded-retry', 5],
      ['integration-coach/missing-idempotency-key', 7],
    ]);
    const metas = eslint.getRulesMetaForResults(results);
    assert.equal(metas['integration-coach/unbounded-retry']?.docs?.url, 'https://github.com/integration-coach/integration-coach/blob/main/docs/rules/unbounded-retry.md');
  });

  it('honours ESLint disable comments and rule options from the config', async () => {
    const eslint = new ESLint({
      cwd: FIXTURES,
      overrideConfigFile: true,
      overrideConfig: [
        plugin.configs.recommended as Linter.Config,
        { files: ['**/*.ts'], languageOptions: { parser: tsParser } },
        { rules: { 'integration-coach/missing-idempotency-key': ['error', { flagUnretriedRequests: true }] } },
      ],
    });
    const code = `// eslint-disable-next-line integration-coach/unbounded-retry
while (true) { try { await fetch('/orders', { method: 'POST' }); break; } catch { await sleep(Math.random() * 100); } }
export const create = () => fetch('/orders', { method: 'POST' });
`;
    const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, 'inline.ts') });
    assert.deepEqual(result!.messages.map((message) => [message.ruleId, message.severity, message.line, message.messageId]), [
      ['integration-coach/missing-idempotency-key', 2, 2, 'missingKey'],
      ['integration-coach/missing-idempotency-key', 2, 3, 'missingKeyUnretried'],
    ]);
  });

  it("analyses typescript-eslint's own SourceFile, and parses the text itself under espree", () => {
    const seen: (string | undefined)[] = [];
    const probe: Rule.RuleModule = {
      create(context) {
        return {
          Program() {
            seen.push(parsedSourceFile(context.sourceCode as unknown as Parameters<typeof parsedSourceFile>[0])?.fileName);
          },
        };
      },
    };
    const linter = new Linter();
    const config = (parser?: Linter.Parser): Linter.Config[] => [
      { files: ['**/*.ts', '**/*.js'], plugins: { probe: { rules: { probe } } }, rules: { 'probe/probe': 'error' }, ...(parser ? { languageOptions: { parser } } : {}) },
    ];
    assert.deepEqual(linter.verify('const x: number = 1;', config(tsParser), { filename: 'a.ts' }), []);
    assert.deepEqual(linter.verify('const x = 1;', config(), { filename: 'b.js' }), []);
    assert.equal(seen.length, 2);
    assert.match(seen[0]!, /a\.ts$/);
    assert.equal(seen[1], undefined);
  });

  describe("shared settings: settings['integration-coach']", () => {
    /** A retried POST through a helper the analysis does not know by name, and a retried POST with a custom key header. */
    const code = `export const createTicket = (ticket) => keepTrying(async () => {
  return ky.post('tickets', { json: ticket }).json();
}, { attempts: 3 });
export async function createOrder(order, token) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try { return await fetch('/orders', { method: 'POST', headers: { 'X-Dedupe-Token': token }, body: order }); } catch { await sleep(Math.random() * 1000); }
  }
}
`;
    const lint = async (settings: Record<string, unknown> | undefined, ruleOptions?: Record<string, unknown>) => {
      const eslint = new ESLint({
        cwd: FIXTURES,
        overrideConfigFile: true,
        overrideConfig: [
          plugin.configs.recommended as Linter.Config,
          ...(settings ? [{ settings: { 'integration-coach': settings } }] : []),
          ...(ruleOptions ? [{ rules: { 'integration-coach/missing-idempotency-key': ['warn', ruleOptions] } } as Linter.Config] : []),
        ],
      });
      const [result] = await eslint.lintText(code, { filePath: path.join(FIXTURES, 'shared.js') });
      return result!.messages.map((message) => [message.ruleId, message.line, message.messageId ?? message.message]);
    };
    const helperFinding = ['integration-coach/missing-idempotency-key', 2, 'missingKey'];
    const headerFinding = ['integration-coach/missing-idempotency-key', 6, 'missingKey'];

    it('retryHelpers and idempotencyHeaders set once change what every rule sees', async () => {
      assert.deepEqual(await lint(undefined), [headerFinding], 'without settings: the helper is unknown, the header is not a key');
      assert.deepEqual(await lint({ retryHelpers: ['keepTrying'] }), [helperFinding, headerFinding]);
      assert.deepEqual(await lint({ idempotencyHeaders: ['x-dedupe-token'] }), []);
      assert.deepEqual(await lint({ retryHelpers: ['keepTrying'], idempotencyHeaders: ['X-Dedupe-Token'] }), [helperFinding]);
    });

    it('still accepts the deprecated rule options, merged with the settings', async () => {
      assert.deepEqual(await lint(undefined, { retryHelpers: ['keepTrying'] }), [helperFinding, headerFinding]);
      assert.deepEqual(await lint({ idempotencyHeaders: ['X-Dedupe-Token'] }, { retryHelpers: ['keepTrying'] }), [helperFinding]);
      assert.deepEqual(await lint({ retryHelpers: ['keepTrying'] }, { idempotencyHeaders: ['X-Dedupe-Token'] }), [helperFinding]);
      const schema = plugin.rules['missing-idempotency-key']!.meta.schema as unknown as { properties: Record<string, { description: string }> }[];
      assert.match(schema[0]!.properties.retryHelpers!.description, /^Deprecated: set `settings\['integration-coach'\]\.retryHelpers`/);
    });

    it('stops the run on a wrong setting, with a message that names it', async () => {
      await assert.rejects(lint({ retryHelpers: 'keepTrying' }), /Integration Coach: settings\['integration-coach'\]\.retryHelpers must be an array of non-empty strings, not "keepTrying"\./);
      await assert.rejects(lint({ idempotencyHeaders: [42] }), /settings\['integration-coach'\]\.idempotencyHeaders must be an array of non-empty strings, not \[42\]/);
      await assert.rejects(lint({ timeBudgetMs: '5s' }), /settings\['integration-coach'\]\.timeBudgetMs must be a positive number of milliseconds, not "5s"/);
      await assert.rejects(lint({ retryHelper: ['keepTrying'] }), /settings\['integration-coach'\] has no setting "retryHelper"; the settings are retryHelpers, idempotencyHeaders, timeBudgetMs, crossFile\./);
      await assert.rejects(lint({ crossFile: 'no' }), /settings\['integration-coach'\]\.crossFile must be true or false, not "no"/);
    });
  });

  describe('across files', () => {
    const project = path.join(ROOT, 'test', 'fixtures', 'cli', 'cross-file');
    const lint = async (settings: Record<string, unknown> | undefined, typed = false) => {
      const parserOptions = typed ? { projectService: { allowDefaultProject: ['*.ts'] }, tsconfigRootDir: project } : undefined;
      const eslint = new ESLint({
        cwd: project,
        overrideConfigFile: true,
        overrideConfig: [
          plugin.configs.recommended as Linter.Config,
          { files: ['**/*.ts'], languageOptions: { parser: tsParser, ...(parserOptions ? { parserOptions } : {}) } },
          ...(settings ? [{ settings: { 'integration-coach': settings } }] : []),
        ],
      });
      const results = await eslint.lintFiles(['src']);
      return results.flatMap((result) => result.messages.map((message) => `${path.relative(project, result.filePath)}:${message.line} ${message.ruleId}`));
    };

    it('follows imports within its working folder (a tsconfig alias too), as the CLI does', async () => {
      assert.deepEqual(await lint(undefined), [
        'src/cart.ts:4 integration-coach/missing-idempotency-key',
        'src/features/orders.ts:4 integration-coach/unbounded-retry',
        'src/features/orders.ts:4 integration-coach/missing-idempotency-key',
        'src/lib/retry.ts:2 integration-coach/unbounded-retry',
      ]);
    });

    it('gives the same findings under typed linting, where the imported files are read from typescript-eslint\'s program', async () => {
      assert.deepEqual(await lint(undefined, true), await lint(undefined));
      assert.equal((await lint(undefined, true)).length, 4);
    });

    it("reads each file alone with settings['integration-coach'].crossFile false", async () => {
      assert.deepEqual(await lint({ crossFile: false }), [
        'src/features/orders.ts:4 integration-coach/missing-idempotency-key',
        'src/lib/retry.ts:2 integration-coach/unbounded-retry',
      ]);
    });
  });

  it('says a file nested too deeply was not analysed, at its start, and goes on with the other files (espree and typescript-eslint)', async () => {
    // Brackets nested 400 deep: both parsers take them; the core does not analyse past its nesting limit.
    const deep = `for (;;) { try { await send(); break; } catch {} }\nconst x = ${'['.repeat(400)}${']'.repeat(400)};\n`;
    const retry = readFileSync(path.join(FIXTURES, 'retry.js'), 'utf8');
    for (const parser of [undefined, tsParser]) {
      const eslint = new ESLint({
        cwd: FIXTURES,
        overrideConfigFile: true,
        overrideConfig: [plugin.configs.recommended as Linter.Config, { files: ['**/*.js'], ...(parser ? { languageOptions: { parser } } : {}) }],
      });
      const [deepResult] = await eslint.lintText(deep, { filePath: path.join(FIXTURES, 'deep.js') });
      const [retryResult] = await eslint.lintText(retry, { filePath: path.join(FIXTURES, 'retry.js') });
      assert.deepEqual(deepResult!.messages.map((message) => [message.line, message.column, message.messageId, message.message]), [
        [1, 1, 'notFullyChecked', `File nests code more than ${MAX_SOURCE_NESTING} levels deep; not analysed.`],
      ]);
      const ruleIds = retryResult!.messages.map((message) => message.ruleId).sort();
      assert.ok(ruleIds.length > 0);
      assert.deepEqual(ruleIds, analyze(retry, 'retry.js').map((finding) => `integration-coach/${finding.ruleId}`).sort());
    }
  });

  it("stops at the time budget in settings['integration-coach'], with one message at the file's start", async () => {
    const dense = Array.from({ length: 3000 }, (_, i) => `for (let a${i} = 0; a${i} < 3; a${i}++) { try { await post(u); break; } catch (e) { await sleep(1000); } }`).join('\n');
    const lint = async (timeBudgetMs: number) => {
      const eslint = new ESLint({
        cwd: FIXTURES,
        overrideConfigFile: true,
        overrideConfig: [
          plugin.configs.recommended as Linter.Config,
          { files: ['**/*.ts'], languageOptions: { parser: tsParser }, settings: { 'integration-coach': { timeBudgetMs } } },
        ],
      });
      const [result] = await eslint.lintText(dense, { filePath: path.join(FIXTURES, 'dense.ts') });
      return result!.messages;
    };
    const stopped = await lint(1);
    assert.deepEqual(stopped.map((message) => [message.line, message.column, message.messageId]), [[1, 1, 'notFullyChecked']], 'one notice, from the first rule');
    assert.match(stopped[0]!.message, /^Analysis stopped after 1 ms; the file was not fully checked\.$/);
    const finished = await lint(600_000);
    assert.equal(finished.filter((message) => message.ruleId === 'integration-coach/retry-without-jitter').length, 3000);
  });
});
