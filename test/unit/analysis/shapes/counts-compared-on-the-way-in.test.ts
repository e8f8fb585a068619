// Shapes from real code: a reconnect that advances a count of the instance (`this.currentRetries++`) and never compares
// it on its own way round, while the function that calls it holds that count to a limit first (`if (this.currentRetries
// > this.maxRetries) return;`). The stop is on the way in: whether the retry is capped is not said, its fixed wait is.
import { runLibraryTable } from '../libraries/library-table';

/** A sender whose receive loop's catch reconnects; `guard` is the test the catch makes first. */
function sender(guard: string): string {
  return `export class Sender {
  private currentRetries = 0;
  private maxRetries = 5;
  private async recvLoop() {
    try {
      await this.connection.recv();
    } catch (error) {
      if (${guard}) {
        this.disconnect();
        return;
      }
      this.reconnect();
    }
  }
  private async reconnect() {
    this.currentRetries++;
    await sleep(1000);
    await this.connect();
    this.recvLoop();
  }
}`;
}

describe('shapes: counts compared on the way in', () => {
  runLibraryTable([], [
    {
      title: 'a count the catch holds to a limit before it reconnects: no unbounded finding, the fixed wait is reported',
      code: sender('this.currentRetries > this.maxRetries'),
      findings: [[17, 'retry-without-jitter']],
    },
    {
      title: 'the same reconnect whose catch tests something else: its count is never compared, and it is reported unbounded',
      code: sender('this.closed'),
      findings: [[17, 'unbounded-retry']],
      messages: ['never compares its counter'],
    },
  ]);
});
