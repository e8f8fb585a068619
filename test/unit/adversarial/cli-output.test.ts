// The built CLI when its reader goes away (`integration-coach src | head -1`), and with a thread count
// far above the cores: it ends quietly with the exit code its results earned, and caps the threads.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fastestInTurns, FIXTURES, json, runCli, runCliClosingOutput, tempDir } from '../cli/helpers';

describe('adversarial CLI: output and threads', function () {
  this.timeout(240_000);
  const dir = tempDir('ic-adv-output');
  before(() => {
    // 300 files of two findings each: some 250 KB of stylish output, more than a pipe holds.
    const retry = readFileSync(path.join(FIXTURES, 'retry.ts'), 'utf8');
    for (let i = 0; i < 300; i++) {
      mkdirSync(path.join(dir.path, `pkg${i % 10}`), { recursive: true });
      writeFileSync(path.join(dir.path, `pkg${i % 10}`, `file${i}.ts`), retry);
    }
  });

  it('ends quietly when the reader closes the pipe, with the exit code of the results', async () => {
    const warningsOnly = await runCliClosingOutput(['.'], dir.path);
    assert.ok(warningsOnly.firstChunk.length > 0, 'the reader got the start of the report');
    assert.equal(warningsOnly.stderr, '', 'no EPIPE stack trace');
    assert.equal(warningsOnly.status, 0);
    const withErrors = await runCliClosingOutput(['--rule', 'unbounded-retry=error', '.'], dir.path);
    assert.equal(withErrors.stderr, '');
    assert.equal(withErrors.status, 1, 'an error finding still fails the run');
  });

  it('caps --concurrency at the cores: 1,000 asked for costs no more than the default', () => {
    let run = runCli(['-f', 'json', '--concurrency', '1000', '.'], { cwd: dir.path });
    const [manyMs, defaultMs] = fastestInTurns(
      2,
      () => (run = runCli(['-f', 'json', '--concurrency', '1000', '.'], { cwd: dir.path })),
      () => runCli(['-f', 'json', '.'], { cwd: dir.path }),
    );
    assert.equal(run.status, 0, run.stderr);
    assert.equal(json(run.stdout).length, 300);
    // 1,000 threads would each load TypeScript (about 10 MB of code): many times the default's time.
    assert.ok(manyMs < 3 * defaultMs, `--concurrency 1000: ${manyMs.toFixed(0)} ms, default: ${defaultMs.toFixed(0)} ms`);
  });
});
