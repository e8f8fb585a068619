// The ESLint plugin reads the project's configuration file (the nearest above the linted file): its helper and
// header names add to the shared settings, its ignores leave files out; severities stay ESLint's own.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ESLint, type Linter } from 'eslint';
import plugin from '../../../src/eslint-plugin/index';

const HELPER_CALL = "export const send = (order) => keepTrying(() => fetch('/orders', { method: 'POST', body: JSON.stringify(order) }));\n";

describe('ESLint plugin and the configuration file', function () {
  this.timeout(60_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'ic-eslint-config-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function lint(files: Record<string, string>, lint: string[]): Promise<Record<string, (string | null)[]>> {
    const root = mkdtempSync(path.join(dir, 'p-'));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: [plugin.configs.recommended as Linter.Config] });
    const results = await eslint.lintFiles(lint);
    return Object.fromEntries(results.map((result) => [path.relative(root, result.filePath), result.messages.map((message) => message.ruleId)]));
  }

  it('adds its retry helpers and leaves out what it ignores', async () => {
    const config = JSON.stringify({ retryHelpers: ['keepTrying'], ignores: ['generated'], rules: { 'missing-idempotency-key': 'off' } });
    assert.deepEqual(await lint({ 'integration-coach.config.json': config, 'send.js': HELPER_CALL, 'generated/copy.js': HELPER_CALL }, ['send.js', 'generated/copy.js']), {
      // The file's severities are not the plugin's: ESLint's config turns rules on and off.
      'send.js': ['integration-coach/missing-idempotency-key'],
      [path.join('generated', 'copy.js')]: [],
    });
    assert.deepEqual(await lint({ 'send.js': HELPER_CALL }, ['send.js']), { 'send.js': [] }, 'without it, keepTrying is not known to retry');
  });
});
