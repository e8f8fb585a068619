// A recursive retry that waits through a local function whose name does not say so (`await timeOut(ms)`, with
// `timeOut` wrapping `setTimeout(resolve, ms)`): the wait is read through the helper, as a loop's is, where the
// function writes no other wait. A helper whose timer is not awaited waits for nothing.
import { runLibraryTable } from '../libraries/library-table';

/** A poll that retries failures up to `pollMax` times, calling `pauseCall` first on every call but the first; `helper` is the local helper. */
function poll(pauseCall: string, helper: string): string {
  return `export function pollUntilDone(check: () => Promise<string>, pollMax = 10, pollInterval = 1000): Promise<string> {
  async function pollAgain(polls: number): Promise<string> {
    try {
      if (polls > 0) {
        ${pauseCall};
      }
      return await check();
    } catch (error) {
      if (polls < pollMax) return pollAgain(polls + 1);
      throw error;
    }
  }
  return pollAgain(0);
}
${helper}`;
}

const fixedHelper = `function timeOut(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}`;

describe('shapes: a recursion that waits through a local helper', () => {
  runLibraryTable([], [
    {
      title: 'an awaited local helper that waits the time it is given: a fixed wait, no jitter',
      code: poll('await timeOut(pollInterval)', fixedHelper),
      findings: [[9, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'a local helper that randomises its timer: silent',
      code: poll('await holdOn(pollInterval)', `function holdOn(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ms));
}`),
      findings: [],
    },
    {
      title: 'the helper called without await sets a timer and goes on: the retry goes round at once',
      code: poll('void timeOut(pollInterval)', fixedHelper),
      findings: [[9, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
  ]);
});
