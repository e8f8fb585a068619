// A retry loop whose own header counts its attempts may also stop at a time limit, tested inside
// (`for (let attempt = 1; attempt <= maxAttempts; attempt++) { if (started + timeout <= Date.now()) throw … }`),
// as SDK request loops do. The attempt count is what caps it: its fixed wait is reported. A loop whose only
// limit is the deadline waits for a time, like a poll, and stays silent, as it did; so does one whose deadline is a
// variable set from the clock on each way round (`retryingMs = Date.now() - startTime`), whatever its name.
import { runLibraryTable } from '../libraries/library-table';

/** A `while (true)` send whose catch works out the time left and leaves when `test` holds; its waits are jittered. */
function timeLeftLoop(test: string): string {
  return `export async function sendResult(client, result, windowMs = 300_000, timeoutMs = 0) {
  const start = Date.now();
  let attempt = 0;
  let lastError;
  const jittered = (n) => Math.random() * Math.min(8000, 500 * 2 ** n);
  while (true) {
    attempt++;
    try {
      return await client.send(result);
    } catch (error) {
      lastError = error;
      const remainingMs = windowMs - (Date.now() - start);
      if (${test}) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(jittered(attempt), remainingMs)));
    }
  }
  throw lastError;
}`;
}

/** A loop headed by `header` that gives up at a deadline inside and waits a fixed second after a failure. */
function loopWithDeadline(header: string): string {
  return `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function execute(send: () => Promise<Response>, maxAttempts = 10, timeoutMs = 30_000) {
  const started = Date.now();
  let attempt = 0;
  ${header} {
    attempt += 1;
    if (started + timeoutMs <= Date.now()) throw new Error('timeout exceeded');
    try {
      return await send();
    } catch (error) {
      await sleep(1000);
    }
  }
  throw new Error('gave up');
}`;
}

/** A loop that goes round while `retryingMs`, set from `spent` after each failure, is at most 15 s. */
function timeSpentLoop(spent: string): string {
  return `export async function call(send: () => Promise<Response>) {
  let attempts = 0;
  let retryingMs = 0;
  const startTime = Date.now();
  const periods = [500, 1000];
  while (attempts === 0 || true) {
    try {
      return await send();
    } catch (error) {
      retryingMs = ${spent};
      if (retryingMs <= 15_000) {
        await new Promise((resolve) => setTimeout(resolve, periods[attempts] || 1000));
        attempts += 1;
        continue;
      }
      throw error;
    }
  }
}`;
}

describe('shapes: counted retry loops with a deadline inside', () => {
  runLibraryTable([], [
    {
      title: 'a loop that leaves once the time left runs out (`const remainingMs = windowMs - (Date.now() - start); if (remainingMs <= 0) break`) has a deadline: its jittered wait is fine, silent',
      code: timeLeftLoop('remainingMs <= 0'),
      findings: [],
    },
    {
      title: 'a test that a setting is set (`timeoutMs > 0`) is no deadline: the loop with only that still goes round forever',
      code: timeLeftLoop('timeoutMs > 0 && remainingMs < -1'),
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a loop whose header counts attempts and that also stops at a deadline: its fixed wait is reported',
      code: loopWithDeadline('while (attempt < maxAttempts)'),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a loop with no count in its header that stops only at the deadline waits for a time: silent',
      code: loopWithDeadline('while (true)'),
      findings: [],
    },
    {
      title: 'a variable set from the clock on each way round and compared there (`retryingMs = Date.now() - startTime`) is a deadline, whatever its name: silent',
      code: timeSpentLoop('Date.now() - startTime'),
      findings: [],
    },
    {
      title: 'the same variable set from a counter, not the clock, caps nothing: the retry still goes round forever',
      code: timeSpentLoop('periods[attempts] || 1000'),
      findings: [[6, 'unbounded-retry']],
    },
  ]);
});
