// A wait helper of another module sizes its wait from what it is handed. Handed a duration (`sleep(1000)`,
// `delay(retryDelayMs)`), that duration is the wait; handed something that is no duration (a host name,
// a key), the helper works the wait out itself, out of sight, and nothing is said about its jitter.
import { runLibraryTable } from '../libraries/library-table';

/** A capped retry loop that waits `await applyAdaptiveDelay(<argument>)` before each attempt, `<argument>` declared as `declaration`. */
const loopWaitingOn = (declaration: string, argument: string) => `import axios from 'axios';
import { applyAdaptiveDelay } from './rate-limits';
export async function getWithRetry(url: string, maxRetries = 3) {
  ${declaration}
  let attempt = 0;
  while (attempt < maxRetries) {
    await applyAdaptiveDelay(${argument});
    try {
      return await axios.get(url);
    } catch (error) {
      attempt++;
    }
  }
  throw new Error('gave up');
}`;

describe('shapes: wait helpers of another module', () => {
  runLibraryTable([], [
    {
      title: 'an imported helper handed the host it waits for (not a duration) sizes the wait itself: silent on jitter',
      code: loopWaitingOn('const domain = new URL(url).hostname;', 'domain'),
      findings: [],
    },
    {
      title: 'the same helper handed a duration waits that long: a fixed wait',
      code: loopWaitingOn('const pauseMs = 2000;', 'pauseMs'),
      findings: [[6, 'retry-without-jitter']],
    },
  ]);
});
