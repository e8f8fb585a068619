// The CLI and disable comments: its own and ESLint's (for its rules) switch findings off, what they switched
// off is listed in the JSON's suppressedMessages as ESLint lists it, and unused ones are reported on request.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { json, runCli, tempDir } from './helpers';

const LOOP = `export async function pay(order: unknown) {
  while (true) {
    try { return await fetch('/payments', { method: 'POST', body: JSON.stringify(order) }); } catch { await sleep(1000); }
  }
}
declare function sleep(ms: number): Promise<void>;
`;

interface SuppressedMessage {
  ruleId: string;
  line: number;
  suppressions: { kind: string; justification: string }[];
}

describe('CLI and disable comments', function () {
  this.timeout(60_000);
  const dir = tempDir('ic-cli-suppressions');

  function write(name: string, text: string): void {
    writeFileSync(path.join(dir.path, name), text);
  }

  it('an ESLint directive for one of its rules switches it off, and both kinds are listed with their reasons', () => {
    write('eslint.ts', LOOP.replace('  while (true) {', '  // eslint-disable-next-line integration-coach/unbounded-retry -- paced by the queue\n  while (true) {')
      .replace('    try {', '    // integration-coach-disable-next-line missing-idempotency-key -- the server dedupes by order id\n    try {'));
    const run = runCli(['-f', 'json', 'eslint.ts'], { cwd: dir.path });
    assert.equal(run.status, 0, run.stderr);
    const [result] = json(run.stdout) as (ReturnType<typeof json>[number] & { suppressedMessages: SuppressedMessage[] })[];
    assert.deepEqual(result!.messages, []);
    assert.deepEqual(result!.suppressedMessages.map((message) => [message.ruleId, message.line, message.suppressions]), [
      ['unbounded-retry', 3, [{ kind: 'directive', justification: 'paced by the queue' }]],
      ['missing-idempotency-key', 5, [{ kind: 'directive', justification: 'the server dedupes by order id' }]],
    ]);
  });

  it('reports unused directives only when asked, at the severity asked, for its own rules', () => {
    write('unused.ts', [
      '// integration-coach-disable-next-line unbounded-retry',
      'export const answer = 42;',
      '// eslint-disable-next-line integration-coach/retry-without-jitter',
      'export const other = 1;',
      '// eslint-disable-next-line no-console',
      'console.log(answer);',
      '',
    ].join('\n'));
    const quiet = runCli(['-f', 'json', 'unused.ts'], { cwd: dir.path });
    assert.equal(quiet.status, 0, quiet.stderr);
    assert.deepEqual(json(quiet.stdout)[0]!.messages, []);

    const reported = runCli(['-f', 'json', '--report-unused-disable-directives', 'unused.ts'], { cwd: dir.path });
    assert.equal(reported.status, 1, 'an unused directive is an error, as with ESLint\'s flag');
    assert.deepEqual(json(reported.stdout)[0]!.messages.map((message) => [message.line, message.severity, message.ruleId, message.message]), [
      [1, 2, null, "Unused integration-coach-disable-next-line directive (no problems were reported from 'unbounded-retry')."],
      [3, 2, null, "Unused eslint-disable-next-line directive (no problems were reported from 'integration-coach/retry-without-jitter')."],
    ]);

    const warned = runCli(['-f', 'json', '--report-unused-disable-directives-severity', 'warn', '--max-warnings', '5', 'unused.ts'], { cwd: dir.path });
    assert.equal(warned.status, 0, warned.stderr);
    assert.deepEqual(json(warned.stdout)[0]!.messages.map((message) => message.severity), [1, 1]);

    const bad = runCli(['--report-unused-disable-directives-severity', 'loud', 'unused.ts'], { cwd: dir.path });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Invalid --report-unused-disable-directives-severity "loud"; use off, warn or error\./);
  });

  it('a used directive is not reported as unused', () => {
    write('used.ts', LOOP.replace('  while (true) {', '  while (true) { // integration-coach-disable-line unbounded-retry'));
    const run = runCli(['-f', 'json', '--report-unused-disable-directives', 'used.ts'], { cwd: dir.path });
    assert.deepEqual(json(run.stdout)[0]!.messages.map((message) => message.ruleId), ['missing-idempotency-key']);
  });
});
