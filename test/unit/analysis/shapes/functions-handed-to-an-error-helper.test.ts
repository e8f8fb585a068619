// Exchange connectors and SDK clients hand each method to one error helper of the file, which returns the
// handler for the method's failure: `.catch(this.handleErrors(this.getOrder, id, profile))`, the helper calling
// the method back (`cb.bind(this)(...args)`) while `profile.attempts < this.retry`. The way round, its count and
// its waits are the helper's: one finding at its call back, not one for every method that hands itself over.
import { runLibraryTable } from '../libraries/library-table';

/** A client whose methods hand themselves to `handleErrors`; `guard` wraps the call back, `wait` comes before it. */
function connector(guard: string, wait: string): string {
  return `export class Connector {
  constructor(client) {
    this.client = client;
    this.retry = 10;
  }
  async getOrder(id, profile = { attempts: 1 }) {
    return this.client.getOrder(id).catch(this.handleErrors(this.getOrder, id, profile));
  }
  async cancelOrder(id, profile = { attempts: 1 }) {
    return this.client.cancel(id).catch(this.handleErrors(this.cancelOrder, id, profile));
  }
  handleErrors(cb, ...args) {
    return async (error) => {
      const profile = args[args.length - 1];
      if (${guard}) {
        ${wait}
        profile.attempts++;
        return cb.bind(this)(...args);
      }
      throw error;
    };
  }
}`;
}

describe('shapes: functions handed to an error helper that calls them back', () => {
  runLibraryTable([], [
    {
      title: 'a helper that calls the method back under a count, after a fixed wait: one finding, at the call back',
      code: connector('profile.attempts < this.retry', 'await sleep(5000);'),
      findings: [[18, 'retry-without-jitter']],
      messages: ['This retry of the function handed to `handleErrors()` waits a fixed delay between attempts, without jitter.'],
    },
    {
      title: 'the same helper with a jittered wait: silent',
      code: connector('profile.attempts < this.retry', 'await sleep(Math.random() * 1000 * 2 ** profile.attempts);'),
      findings: [],
    },
    {
      title: 'a helper that calls the method back on every network error, with no count: unbounded, at the call back',
      code: connector("error.code === 'ECONNRESET'", 'await sleep(Math.random() * 2000);'),
      findings: [[18, 'unbounded-retry']],
    },
  ]);
});
