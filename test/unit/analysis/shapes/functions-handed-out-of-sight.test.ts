// A function that hands itself (not a call of itself) to code out of sight, `queue.process(this.run.bind(this))`:
// that code decides whether, when and how often it runs again, and may keep a cap. No cap is claimed missing; the
// wait the function itself puts before the hand-over is still judged. A function handed to a timer runs again as
// the timer says, in sight.
import { runLibraryTable } from '../libraries/library-table';

/** A batch processor that, on a rate limit, hands itself to `handOver` after a fixed minute. */
function processor(handOver: string): string {
  return `import { rateLimiter } from './rate-limiter';
export class Processor {
  async processBatch(batch: string[]): Promise<void> {
    try {
      await this.model.generate(batch);
    } catch (error: any) {
      if (error.status !== 429) throw error;
      setTimeout(() => ${handOver}, 60_000);
    }
  }
}`;
}

describe('shapes: functions handed to code out of sight', () => {
  runLibraryTable([], [
    {
      title: 'handed, bound, to an imported queue after a fixed wait: no cap claimed missing, the fixed wait reported',
      code: processor('rateLimiter.processQueue(this.processBatch.bind(this))'),
      findings: [[8, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'called again itself after the same wait: it goes round forever, and its wait is fixed',
      code: processor('this.processBatch(batch)'),
      findings: [[8, 'unbounded-retry']],
    },
  ]);
});
