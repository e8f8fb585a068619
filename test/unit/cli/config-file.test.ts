// The CLI reads the configuration file that applies to each file (the nearest above it), under its own flags.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, json, runCli, tempDir } from './helpers';

const RETRY = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');
const HELPER_CALL = "export const send = (order: unknown) => keepTrying(() => fetch('/orders', { method: 'POST', body: JSON.stringify(order) }));\n";

describe('CLI and the configuration file', function () {
  this.timeout(120_000);
  const dir = tempDir('ic-cli-config');

  function project(files: Record<string, string>): string {
    const root = path.join(dir.path, `p${Math.random().toString(36).slice(2, 8)}`);
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    return root;
  }

  const rulesOf = (stdout: string, root: string) => Object.fromEntries(json(stdout).map((result) => [path.relative(root, result.filePath), result.messages.map((message) => message.ruleId)]));

  it('applies the nearest file above each scanned file: severities, helpers, ignores; a flag wins', () => {
    const root = project({
      'integration-coach.config.json': JSON.stringify({ rules: { 'missing-idempotency-key': 'off' }, ignores: ['generated'] }),
      'a.ts': RETRY,
      'generated/b.ts': RETRY,
      'packages/orders/integration-coach.config.json': JSON.stringify({ retryHelpers: ['keepTrying'], rules: { 'unbounded-retry': 'error' } }),
      'packages/orders/send.ts': HELPER_CALL,
      'packages/orders/c.ts': RETRY,
    });
    const run = runCli(['-f', 'json'], { cwd: root });
    assert.equal(run.status, 1, 'unbounded-retry is an error in packages/orders');
    assert.deepEqual(rulesOf(run.stdout, root), {
      'a.ts': ['unbounded-retry'],
      [path.join('packages', 'orders', 'c.ts')]: ['unbounded-retry', 'missing-idempotency-key'],
      [path.join('packages', 'orders', 'send.ts')]: ['missing-idempotency-key'],
    });
    assert.equal(json(run.stdout).find((result) => result.filePath.endsWith('c.ts'))!.errorCount, 1);
    // The same helper call with no configuration above it: keepTrying is not known to retry.
    const alone = project({ 'send.ts': HELPER_CALL });
    assert.deepEqual(rulesOf(runCli(['-f', 'json'], { cwd: alone }).stdout, alone), { 'send.ts': [] });
    const flagged = runCli(['-f', 'json', '--rule', 'missing-idempotency-key=warn', 'a.ts'], { cwd: root });
    assert.deepEqual(rulesOf(flagged.stdout, root), { 'a.ts': ['unbounded-retry', 'missing-idempotency-key'] }, '--rule wins over the file');
  });

  it('says what is wrong with a value on stderr, once, and uses its default', () => {
    const root = project({ 'integration-coach.config.json': '{"rules": {"unbounded-retry": "loud"}, "maxFileSize": 10}', 'a.ts': RETRY, 'b.ts': RETRY });
    const run = runCli(['-f', 'json'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, "integration-coach: integration-coach.config.json: /rules/unbounded-retry: must be equal to one of the allowed values (off, info, warn or error); its default (warning) is used.\n");
    // maxFileSize 10 (bytes) was valid: both files are passed by with a notice.
    assert.deepEqual(json(run.stdout).map((result) => result.messages.map((message) => message.severity)), [[0], [0]]);
  });
});
