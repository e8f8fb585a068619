// --fix and --fix-dry-run: the fixes that are safe unattended are applied (jitter added to a wait, a key made
// once before the retry), the others stay suggestions; what is left after the fix is reported.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CLI, cliTempDir, json, runCli, tempDir } from './helpers';

const FIXED_WAIT = `export async function getOrder(id: string) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    try {
      return await fetch(\`/orders/\${id}\`);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  throw new Error('unavailable');
}
`;

const FRESH_KEY = `export async function pay(order: unknown) {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const key = crypto.randomUUID();
    try {
      return await fetch('/payments', { method: 'POST', headers: { 'Idempotency-Key': key }, body: JSON.stringify(order) });
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500 * 2 ** attempt));
    }
  }
  throw new Error('payment failed');
}
`;

const FOREVER = `export async function poll() {
  while (true) {
    try { return await fetch('/status'); } catch { await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000)); }
  }
}
`;

type Result = ReturnType<typeof json>[number] & { output?: string; fixableWarningCount: number };

describe('CLI --fix', function () {
  this.timeout(120_000);
  const dir = tempDir('ic-cli-fix');

  function write(name: string, text: string): string {
    writeFileSync(path.join(dir.path, name), text);
    return path.join(dir.path, name);
  }

  const rules = (result: Result) => result.messages.map((message) => message.ruleId);

  it('counts the findings it could fix, and fixes nothing without being asked', () => {
    write('count.ts', FIXED_WAIT);
    const [result] = json(runCli(['-f', 'json', 'count.ts'], { cwd: dir.path }).stdout) as Result[];
    assert.deepEqual(rules(result!), ['retry-without-jitter']);
    assert.equal(result!.fixableWarningCount, 1);
    assert.equal(readFileSync(path.join(dir.path, 'count.ts'), 'utf8'), FIXED_WAIT);
  });

  it('writes the safe fixes: jitter on the wait, the key made once; what they do not fix is left and reported', () => {
    const files = [write('wait.ts', FIXED_WAIT), write('key.ts', FRESH_KEY), write('forever.ts', `\uFEFF${FOREVER}`)];
    const run = runCli(['-f', 'json', '--fix', 'wait.ts', 'key.ts', 'forever.ts'], { cwd: dir.path });
    const results = json(run.stdout) as Result[];
    const byName = Object.fromEntries(results.map((result) => [path.basename(result.filePath), result]));
    assert.deepEqual(rules(byName['wait.ts']!), [], 'fixed');
    assert.match(readFileSync(files[0]!, 'utf8'), /Math\.random\(\) \* 500/);
    assert.deepEqual(rules(byName['key.ts']!), [], 'fixed');
    const key = readFileSync(files[1]!, 'utf8');
    assert.ok(key.indexOf('const key = crypto.randomUUID();') < key.indexOf('for (let attempt'), 'the key is made before the retry');
    // A cap changes what the code does: it stays a suggestion, and the finding is still reported.
    assert.deepEqual(rules(byName['forever.ts']!), ['unbounded-retry']);
    assert.equal(readFileSync(files[2]!, 'utf8'), `\uFEFF${FOREVER}`, 'not touched, its byte order mark kept');
    assert.equal(run.status, 0);
  });

  it('--fix-dry-run leaves the file and puts the fixed text in output; with --stdin too', () => {
    write('dry.ts', FIXED_WAIT);
    const [result] = json(runCli(['-f', 'json', '--fix-dry-run', 'dry.ts'], { cwd: dir.path }).stdout) as Result[];
    assert.equal(readFileSync(path.join(dir.path, 'dry.ts'), 'utf8'), FIXED_WAIT);
    assert.match(result!.output ?? '', /Math\.random\(\) \* 500/);
    assert.deepEqual(rules(result!), []);
    const piped = spawnSync(process.execPath, [CLI, '-f', 'json', '--stdin', '--stdin-filename', 'piped.ts', '--fix-dry-run'], { cwd: dir.path, input: FIXED_WAIT, encoding: 'utf8', env: { ...process.env, TMPDIR: cliTempDir() } });
    assert.match((json(piped.stdout)[0] as Result).output ?? '', /Math\.random\(\) \* 500/);
    const refused = runCli(['--stdin', '--fix'], { cwd: dir.path });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /with --stdin use --fix-dry-run/);
  });
});
