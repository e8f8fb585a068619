// `Math.min(1000 * 2 ** attempt, maxDelay())`: a bound computed out of sight caps the wait the other side grows;
// the wait is still without jitter. Where the side out of sight reads the attempt count (`backoffFor(attempt)`),
// it is what sizes the wait, and the wait stays unknown: silent.
import { runLibraryTable } from '../libraries/library-table';

/** A loop of three attempts that waits `delay` after a failure. */
function loopWaiting(delay: string): string {
  return `import { backoffFor, maxDelayFromConfig } from './backoff';
export async function load(url: string) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, ${delay}));
    }
  }
  throw new Error('gave up');
}`;
}

describe('shapes: waits bounded by Math.min or Math.max', () => {
  runLibraryTable([], [
    {
      title: 'a doubling wait capped by a bound out of sight backs off without jitter',
      code: loopWaiting('Math.min(1000 * 2 ** attempt, maxDelayFromConfig())'),
      findings: [[3, 'retry-without-jitter']],
      messages: ['backs off without jitter'],
    },
    {
      title: 'a wait floored by Math.max with a bound out of sight backs off without jitter too',
      code: loopWaiting('Math.max(maxDelayFromConfig(), 500 * 2 ** attempt)'),
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a wait sized out of sight from the attempt count, capped in sight, is unknown: silent',
      code: loopWaiting('Math.min(30_000, backoffFor(attempt))'),
      findings: [],
    },
    {
      title: 'a capped wait with a random part is jittered: silent',
      code: loopWaiting('Math.min(1000 * 2 ** attempt * Math.random(), maxDelayFromConfig())'),
      findings: [],
    },
  ]);
});
