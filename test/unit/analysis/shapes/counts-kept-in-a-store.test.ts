// A retry whose count lives in a record it reads back each round (a database row, a cache entry): the count is
// read, compared with the record's limit, stepped and handed to the call that stores it. The next round reads
// the stepped count: that caps it. Stepped and only logged, nothing is stored and each round reads the same.
import { runLibraryTable } from '../libraries/library-table';

/** A payment retry that reloads its session each round; `store` is what it does with the stepped count, `check` its test. */
function storedRetry(store: string, check = 'if (session.currentAttempt >= session.maxAttempts) return;'): string {
  return `export class PaymentRetries {
  async scheduleRetry(sessionId, charge) {
    const session = await this.sessions.load(sessionId);
    ${check}
    const nextAttempt = session.currentAttempt + 1;
    ${store}
    setTimeout(async () => {
      try {
        await charge();
      } catch (error) {
        await this.scheduleRetry(sessionId, charge);
      }
    }, 5000);
  }
}`;
}

describe('shapes: counts kept in a store', () => {
  runLibraryTable([], [
    {
      title: 'a count read off the stored session, stepped and written back caps the retry: only its fixed wait is reported',
      code: storedRetry('await this.sessions.update(sessionId, { current_attempt: nextAttempt });'),
      findings: [[11, 'retry-without-jitter']],
    },
    {
      title: 'the same count stepped and only logged is never stored: each round reads the same, reported as unbounded',
      code: storedRetry("console.log('attempt', nextAttempt);"),
      findings: [[11, 'unbounded-retry']],
    },
    {
      title: 'a stored count that nothing here compares (the test reads another field) caps nothing in sight: reported as unbounded',
      code: storedRetry('await this.sessions.update(sessionId, { current_attempt: nextAttempt });', "if (session.status !== 'active') return;"),
      findings: [[11, 'unbounded-retry']],
    },
  ]);
});
