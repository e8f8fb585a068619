// Two ways of reading a stop that is no stop, or a restart that is capped after all:
// - a boolean a call hands itself (`this.initialize(true)`, "a re-init") whose only test sets a count back
//   (`if (!isReinit) this.resets = 0`) decides nothing about going round: both values take the same way past it;
// - a way round that starts one count over (`this.reconnects = 0`) beside a test of another count that it keeps
//   (`if (this.resets >= max) return`) is capped by that other count.
import { runLibraryTable } from '../libraries/library-table';

/** A client whose close handler re-initializes after an auth failure (`authWay`) or reconnects (capped, growing wait). */
function client(authWay: string, reinitTest: string): string {
  return `export class Agent {
  private resets = 0;
  private reconnects = 0;
  async initialize(isReinit = false) {
    ${reinitTest}
    this.socket = openSocket();
    this.socket.on('close', (code: number) => {
      if (code === 405) {
        this.resets++;
        ${authWay}
        setTimeout(() => this.initialize(true), 2000);
        return;
      }
      if (this.reconnects < 5) {
        this.reconnects++;
        setTimeout(() => this.initialize(true), Math.min(3000 * 2 ** this.reconnects, 30000));
      }
    });
  }
}`;
}

const CAPPED_RESETS = 'if (this.resets >= 3) return;\n        this.reconnects = 0;';

describe('shapes: counts and flags that stop nothing, and restarts capped by another count', () => {
  runLibraryTable([], [
    {
      title: 'a re-init flag whose only test sets a count back stops nothing; the auth way starts the reconnect count over but is capped by its own count: bounded, waits without jitter',
      code: client(CAPPED_RESETS, 'if (!isReinit) {\n      this.resets = 0;\n    }'),
      findings: [[14, 'retry-without-jitter']],
      messages: ['without jitter'],
    },
    {
      title: 'the auth way with no count of its own, starting the reconnect count over: it goes round forever',
      code: client('this.reconnects = 0;', 'if (!isReinit) {\n      this.resets = 0;\n    }'),
      findings: [[13, 'unbounded-retry']],
      messages: ['retry forever'],
    },
    {
      title: 'a flag whose test leaves the function (`if (isReinit) return`) does stop the way round: one more attempt, its waits not judged',
      code: client(CAPPED_RESETS, 'if (isReinit && this.socket) return;'),
      findings: [],
    },
  ]);
});
