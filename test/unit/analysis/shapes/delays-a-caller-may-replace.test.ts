// Delays whose default is in sight while a caller may hand its own function instead: `opts.backoff ? opts.backoff(n)
// : 1000 * 2 ** n`, or a helper that returns `opts.reconnectAfterMs(tries)` when the options hold one and a table
// otherwise. As with `opts.delay ?? 1000`, the default decides (the caller's function is out of sight). A delay
// given as a function of the attempt (a timer object's `timerCalc`) is the value it returns.
// Look-alikes: the same defaults randomised; a function that is not the one tested.
import { runLibraryTable } from '../libraries/library-table';

/** A capped loop whose wait is `opts.backoff(n)` where the options hold one, else `fallback`. */
function loopWithOverride(test: string, fallback: string): string {
  return `export async function send(payload, opts = {}) {
  for (let n = 0; n < 5; n++) {
    try {
      return await fetch('/api/events', { method: 'PUT', body: JSON.stringify(payload) });
    } catch (error) {
      const ms = ${test} ? opts.backoff(n) : ${fallback};
      await new Promise((resolve) => setTimeout(resolve, ms));
    }
  }
  throw new Error('gave up');
}`;
}

/** A socket whose reconnect timer sizes each wait with `reconnectAfterMs`, the caller's function or `fallback`. */
function socketWithTimer(fallback: string): string {
  return `class Timer {
  constructor(callback, timerCalc) { this.callback = callback; this.timerCalc = timerCalc; this.tries = 0; }
  reset() { this.tries = 0; clearTimeout(this.timer); }
  scheduleTimeout() {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.tries = this.tries + 1; this.callback(); }, this.timerCalc(this.tries + 1));
  }
}
export class Socket {
  constructor(url, opts = {}) {
    this.url = url;
    this.reconnectAfterMs = (tries) => {
      if (opts.reconnectAfterMs) {
        return opts.reconnectAfterMs(tries);
      } else {
        return ${fallback};
      }
    };
    this.reconnectTimer = new Timer(() => this.connect(), this.reconnectAfterMs);
  }
  connect() {
    this.conn = new WebSocket(this.url);
    this.conn.onopen = () => this.reconnectTimer.reset();
    this.conn.onclose = () => this.reconnectTimer.scheduleTimeout();
  }
}`;
}

describe('shapes: delays a caller may replace with its own function', () => {
  runLibraryTable([], [
    {
      title: 'a caller\'s backoff function where the options hold one, else doubling: the default decides, reported for its jitter',
      code: loopWithOverride('opts.backoff', '1000 * 2 ** n'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the same tested as `typeof opts.backoff === \'function\'`',
      code: loopWithOverride('typeof opts.backoff === \'function\'', '1000 * 2 ** n'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the same tested as `opts.backoff != null`',
      code: loopWithOverride('opts.backoff != null', '1000 * 2 ** n'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a test of its absence (`opts.backoff === undefined`) does not make the call the caller\'s: silent',
      code: loopWithOverride('opts.backoff === undefined', '1000 * 2 ** n'),
      findings: [],
    },
    {
      title: 'the same with a randomised default: silent',
      code: loopWithOverride('opts.backoff', 'Math.random() * 1000 * 2 ** n'),
      findings: [],
    },
    {
      title: 'a test of another option than the function called: the call is out of sight, silent',
      code: loopWithOverride('opts.custom', '1000 * 2 ** n'),
      findings: [],
    },
    {
      title: 'a reconnect timer sized by a helper that returns the caller\'s function\'s answer or a table: the table decides',
      code: socketWithTimer('[10, 50, 100, 500, 1000][tries - 1] || 5000'),
      findings: [[24, 'unbounded-retry']],
      messages: ['It also waits'],
    },
    {
      title: 'the same with a randomised default: only the missing cap',
      code: socketWithTimer('Math.random() * Math.min(30000, 1000 * 2 ** tries)'),
      findings: [[24, 'unbounded-retry']],
      messages: ['stop at a deadline.'],
    },
  ]);
});
