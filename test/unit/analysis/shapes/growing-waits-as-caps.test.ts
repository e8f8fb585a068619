// A loop whose header compares its own wait, which it multiplies each round (`while (lapse < maxTime) { …
// await sleep(lapse); lapse *= 2 }`): it stops after so many waits, a count in all but name. Its limit may be named
// for time, but no clock is read, so it is not a deadline-bound poll: its waits are judged like any retry's. Nor is it
// a loop with no cap (a doubling wait compared with `60000` was read as one).
import { runLibraryTable } from '../libraries/library-table';

/** A POST retried while `header` holds; `wait` is what it sleeps, `grow` how the wait changes after. */
function loop(header: string, wait: string, grow: string): string {
  return `const MAX_WAIT_MS = 8 * 60 * 60 * 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function deploy(hook: string): Promise<number> {
  let lapseMs = 2000;
  const started = Date.now();
  while (${header}) {
    try {
      const response = await fetch(hook, { method: 'PUT' });
      if (response.ok) return 0;
    } catch (error) {
      console.log(error);
    }
    await sleep(${wait});
    ${grow}
  }
  return 1;
}`;
}

describe('shapes: a growing wait that caps its own loop', () => {
  runLibraryTable([], [
    {
      title: 'the wait doubles until it passes a limit named for time: bounded, and no jitter',
      code: loop('lapseMs < MAX_WAIT_MS', 'lapseMs', 'lapseMs *= 2;'),
      findings: [[6, 'retry-without-jitter']],
      messages: ['backs off without jitter'],
    },
    {
      title: 'the same, written as an assignment',
      code: loop('lapseMs <= MAX_WAIT_MS', 'lapseMs', 'lapseMs = lapseMs * 1.5;'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a limit with no name for time (`lapseMs < 60000`): bounded all the same, never "no cap"',
      code: loop('lapseMs < 60000', 'lapseMs', 'lapseMs *= 2;'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'the same wait with jitter: silent',
      code: loop('lapseMs < MAX_WAIT_MS', 'lapseMs * (0.5 + Math.random())', 'lapseMs *= 2;'),
      findings: [],
    },
    {
      title: 'a header that reads the clock is a deadline (a poll): silent',
      code: loop('Date.now() - started < MAX_WAIT_MS', 'lapseMs', 'lapseMs *= 2;'),
      findings: [],
    },
  ]);
});
