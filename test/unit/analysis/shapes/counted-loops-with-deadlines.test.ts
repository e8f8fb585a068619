// A retry loop whose own header counts its attempts may also stop at a time limit, tested inside
// (`for (let attempt = 1; attempt <= maxAttempts; attempt++) { if (started + timeout <= Date.now()) throw … }`),
// as SDK request loops do. The attempt count is what caps it: its fixed wait is reported. A loop whose only
// limit is the deadline waits for a time, like a poll, and stays silent, as it did.
import { runLibraryTable } from '../libraries/library-table';

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

describe('shapes: counted retry loops with a deadline inside', () => {
  runLibraryTable([], [
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
  ]);
});
