// A genuine crash of a worker thread of the built CLI, not a stub: the CLI runs with the heap that
// Node's own --max-old-space-size gives it (worker threads take the same limit), which is ample for
// TypeScript and small files, and is given a file within the size limit whose syntax tree needs
// several times that. The worker holding it runs out of memory and Node stops that worker alone.
// What is asserted is the outcome: that file gets a fatal error, and every other file its results.
import assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, json, runCli, tempDir } from '../cli/helpers';

/** A heap in which the CLI loads TypeScript and checks small files (about 32 MB is enough). */
const SMALL_HEAP_MB = 48;
/**
 * About 1 MB, under the CLI's size limit, in lines of 60 characters (not minified): a retry loop around
 * an array of 480,000 elements, whose syntax tree and index need some 100 MB of heap.
 */
const DENSE = `async function go() { while (true) { try { await send([\n${'a,'.repeat(30).concat('\n').repeat(16_000)}]); break; } catch (e) { retry(); } } }\n`;
const SMALL_FILES = 9;
/** A time budget no analysis here reaches (ten minutes). */
const NO_TIME_LIMIT_MS = 600_000;

describe('adversarial: a file that crashes a CLI worker', function () {
  this.timeout(240_000);
  const dir = tempDir('ic-adv-crash');

  before(function () {
    // With one core the CLI starts no worker: the main thread would meet the file and the process die.
    if (os.availableParallelism() < 2) this.skip();
    // The pool hands its first batches to the worker before the main thread takes one, and the files
    // go in order of their paths: the dense file, first, goes to the worker.
    writeFileSync(path.join(dir.path, 'a-dense.ts'), DENSE);
    for (let i = 0; i < SMALL_FILES; i++) cpSync(path.join(FIXTURES, 'retry.ts'), path.join(dir.path, `b${i}.ts`));
  });

  it('costs only that file, a fatal error; every other file is reported', () => {
    const run = runCli(['-f', 'json', '--concurrency', '2', '.'], { cwd: dir.path, env: { NODE_OPTIONS: `--max-old-space-size=${SMALL_HEAP_MB}` } });
    assert.equal(run.status, 1, `an error in the report, not a failed run (exit 2): ${run.stderr}`);
    const [dense, ...small] = json(run.stdout);
    assert.equal(path.basename(dense!.filePath), 'a-dense.ts');
    assert.deepEqual(dense!.messages.map(({ ruleId, severity, fatal }) => ({ ruleId, severity, fatal })), [{ ruleId: null, severity: 2, fatal: true }]);
    assert.match(dense!.messages[0]!.message, /^The analysis worker crashed on this file \(.*memory.*\); file not checked\.$/);
    assert.equal(dense!.fatalErrorCount, 1);
    assert.equal(small.length, SMALL_FILES);
    for (const result of small) {
      assert.deepEqual(result.messages.map((message) => message.ruleId), ['unbounded-retry', 'missing-idempotency-key'], path.basename(result.filePath));
    }
  });

  it('is checked whole when the heap allows it: the crash was the heap, not the file', () => {
    // What is checked is the heap, not the time: on a busy machine the default budget can run out first.
    const run = runCli(['-f', 'json', '--concurrency', '2', '--time-budget', String(NO_TIME_LIMIT_MS), 'a-dense.ts'], { cwd: dir.path });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(json(run.stdout)[0]!.messages.map((message) => message.ruleId), ['unbounded-retry']);
  });
});
