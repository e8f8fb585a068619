// The project's configuration file: read from the nearest folder at or above a file, checked against its
// schema; a wrong value costs only itself (one notice naming the file, the path and the default used).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RULE_CATALOG } from '../../../src/analysis/rules/catalog';
import { CONFIG_FILE_NAME, configOf, ignoredBy, loadConfig } from '../../../src/shared/config-file';
import { repoRoot } from '../repo-root';

describe('the configuration file (integration-coach.config.json)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'ic-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let count = 0;
  function configFile(text: string): string {
    const folder = path.join(dir, `p${count++}`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, CONFIG_FILE_NAME), text);
    return path.join(folder, CONFIG_FILE_NAME);
  }

  it('reads every setting into the analysis\'s terms', () => {
    const { config, notices } = loadConfig(configFile(JSON.stringify({
      $schema: './node_modules/integration-coach/schemas/integration-coach.config.schema.json',
      rules: { 'unbounded-retry': 'error', 'retry-without-jitter': 'warn', 'missing-idempotency-key': 'off' },
      retryHelpers: ['keepTrying'], idempotencyHeaders: ['X-Dedupe'], ignores: ['generated'], maxFileSize: '512k', timeBudgetMs: 5000, crossFile: false,
    })));
    assert.deepEqual(notices, []);
    assert.deepEqual(config, {
      rules: { 'unbounded-retry': 'error', 'retry-without-jitter': 'warning', 'missing-idempotency-key': 'off' },
      retryHelpers: ['keepTrying'], idempotencyHeaders: ['X-Dedupe'], ignores: ['generated'], maxFileSizeBytes: 512 * 1024, timeBudgetMs: 5000, crossFile: false,
    });
  });

  it('leaves out a wrong value alone, naming the file, the path in it and the default used; the rest is read', () => {
    const file = configFile(JSON.stringify({
      rules: { 'unbounded-retry': 'loud', 'no-such-rule': 'error', 'missing-idempotency-key': 'error' },
      retryHelpers: ['ok', 'not a name'], timeBudgetMs: 5, maxFileSize: '2g', colour: true, crossFile: false,
    }));
    const { config, notices } = loadConfig(file);
    assert.deepEqual(config, { rules: { 'missing-idempotency-key': 'error' }, crossFile: false });
    const shown = path.relative(process.cwd(), file);
    assert.deepEqual([...notices].sort(), [
      `${shown}: /colour: not a setting of Integration Coach; ignored.`,
      `${shown}: /maxFileSize: must be a number of bytes, or a size such as 512k or 2m; the default (1m) is used.`,
      `${shown}: /retryHelpers: must match pattern "^[A-Za-z_$][A-Za-z0-9_$]*$"; the default (none) is used.`,
      `${shown}: /rules/no-such-rule: no such rule (the rules are ${RULE_CATALOG.map((entry) => entry.id).join(', ')}); ignored.`,
      `${shown}: /rules/unbounded-retry: must be equal to one of the allowed values (off, info, warn or error); its default (warning) is used.`,
      `${shown}: /timeBudgetMs: must be >= 100; the default (2000) is used.`,
    ].sort());
  });

  it('is not used, with one notice, when it is not a JSON object or too large', () => {
    for (const [text, why] of [['{ "rules": ', /not JSON/], ['[1, 2]', /not a JSON object/], [`{"retryHelpers": ["${'a'.repeat(300_000)}"]}`, /larger than 262144 bytes/]] as const) {
      const { config, notices } = loadConfig(configFile(text));
      assert.deepEqual(config, {});
      assert.equal(notices.length, 1);
      assert.match(notices[0]!, why);
      assert.match(notices[0]!, /the defaults are used\.$/);
    }
  });

  it('applies from the nearest folder at or above a file, read again when it changes', () => {
    const outer = configFile('{"retryHelpers": ["outer"]}');
    const inner = path.join(path.dirname(outer), 'packages', 'a');
    mkdirSync(path.join(inner, 'src'), { recursive: true });
    writeFileSync(path.join(inner, CONFIG_FILE_NAME), '{"retryHelpers": ["inner"]}');
    const heard: string[] = [];
    assert.deepEqual(configOf(path.join(inner, 'src', 'x.ts'), (notice) => heard.push(notice))?.config.retryHelpers, ['inner']);
    assert.deepEqual(configOf(path.join(path.dirname(outer), 'y.ts'), (notice) => heard.push(notice))?.config.retryHelpers, ['outer']);
    writeFileSync(path.join(inner, CONFIG_FILE_NAME), '{"retryHelpers": "changed"}');
    const later = new Date(Date.now() + 10_000);
    utimesSync(path.join(inner, CONFIG_FILE_NAME), later, later);
    assert.equal(configOf(path.join(inner, 'src', 'x.ts'), (notice) => heard.push(notice))?.config.retryHelpers, undefined);
    assert.equal(heard.length, 1, 'the changed file\'s notice, once');
  });

  it('leaves out what its ignores name, relative to its folder', () => {
    const file = configFile('{"ignores": ["generated", "**/*.gen.ts"]}');
    const folder = path.dirname(file);
    const loaded = loadConfig(file);
    const ignored = (relative: string) => ignoredBy(loaded, path.join(folder, relative), () => undefined);
    assert.equal(ignored('generated/a.ts'), true);
    assert.equal(ignored('src/b.gen.ts'), true);
    assert.equal(ignored('src/generated/c.ts'), false);
    assert.equal(ignored('src/d.ts'), false);
  });

  it('has a schema whose rules are the catalog\'s', () => {
    const schema = JSON.parse(readFileSync(path.join(repoRoot(), 'schemas', 'integration-coach.config.schema.json'), 'utf8')) as { properties: { rules: { properties: Record<string, unknown> } } };
    assert.deepEqual(Object.keys(schema.properties.rules.properties), RULE_CATALOG.map((entry) => entry.id));
  });
});
