// A connection numbered when it is made (`const connectionId = ++this.connectionId`), whose handlers leave when they
// belong to an older one (`if (connectionId !== this.connectionId) return`): a generation number, compared with its
// own snapshot. It tells stale events apart and stops no retry, so it is no cap. Look-alike: the attempt count
// compared with a limit is one.
import { runLibraryTable } from '../libraries/library-table';

/** A realtime client whose close handler reconnects after a fixed second; `guard` runs before it. */
function realtime(guard: string): string {
  return `export class Realtime {
  connectionId = 0;
  reconnectAttempts = 0;
  async connect() {
    const connectionId = ++this.connectionId;
    const socket = (this.socket = new WebSocket(this.url));
    socket.addEventListener('open', () => {
      if (connectionId !== this.connectionId) return;
      this.reconnectAttempts = 0;
    });
    socket.addEventListener('close', async () => {
      if (connectionId !== this.connectionId) return;${guard}
      await sleep(1000);
      this.reconnectAttempts++;
      await this.connect();
    });
  }
}`;
}

describe('shapes: generation numbers', () => {
  runLibraryTable([], [
    {
      title: 'only the generation number is compared: reconnects forever, reported with the attempt count it keeps',
      code: realtime(''),
      findings: [[15, 'unbounded-retry']],
      messages: ['`this.reconnectAttempts`'],
    },
    {
      title: 'the attempt count compared with a limit caps it: only the fixed wait is reported',
      code: realtime('\n      if (this.reconnectAttempts >= 5) return;'),
      findings: [[16, 'retry-without-jitter']],
    },
  ]);
});
