// Reconnects that wait, then call a function they were handed (src/analysis/handed-reconnects.ts): a
// module that reconnects whatever it is given on close, a reconnect manager's scheduling method, SWR's
// `onErrorRetry`, and a promise retry helper whose timer runs a local function that calls the one handed in.
import { runLibraryTable } from '../libraries/library-table';

/** A module that schedules the caller's reconnect on every close; `guard` goes first in the handler. */
function reconnector(guard: string, parameter = 'reconnectMethod'): string {
  return `let attempts = 1;
const interval = (n) => Math.min(30, 2 ** n - 1) * 1000;
module.exports = function (socket, ${parameter}) {
  socket.on('close', () => {
    ${guard}
    setTimeout(() => {
      attempts += 1;
      ${parameter}();
    }, interval(attempts));
  });
  socket.on('connect', () => { attempts = 1; });
};`;
}

/** A reconnect manager whose scheduling method waits `delay` before the caller's callback. */
function manager(delay: string): string {
  return `export class ReconnectManager {
  attempts = 0;
  constructor(config) { this.config = config; }
  shouldReconnect() { return this.attempts < this.config.maxAttempts; }
  scheduleReconnect(callback) {
    if (!this.shouldReconnect()) return;
    this.attempts++;
    this.timeout = setTimeout(() => callback(), ${delay});
  }
}`;
}

/** A promise helper that hands `task` a way to ask for another try, which runs it again after `wait`. */
function retryHelper(wait: string): string {
  return `export function retryTask(task, { retries = 5, interval = 200 } = {}) {
  return new Promise((resolve, reject) => {
    const total = retries;
    const attempt = () => task(resolve, reject, again, total - retries);
    const again = (error) => {
      if (retries-- <= 0) return reject(error);
      setTimeout(attempt, ${wait});
    };
    attempt();
  });
}`;
}

describe('shapes: reconnects that call the function they were handed', () => {
  runLibraryTable([], [
    {
      title: 'a close handler that schedules the handed reconnect, counting attempts only to size the wait: unbounded, without jitter',
      code: reconnector(''),
      findings: [[6, 'unbounded-retry']],
      messages: ['reconnect handler that calls `reconnectMethod()` again never compares its counter with a cap. It counts `attempts`'],
    },
    {
      title: 'the same handler that gives up after ten attempts: only the wait is reported',
      code: reconnector('if (attempts > 10) return;'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a handed function not named for connecting (`onDone`) is not read as a reconnect',
      code: reconnector('', 'onDone'),
      findings: [],
    },
    {
      title: 'a reconnect manager that stops through a helper and waits an exponential delay without jitter: reported for jitter',
      code: manager('Math.min(this.config.initialDelay * 2 ** this.attempts, this.config.maxDelay)'),
      findings: [[8, 'retry-without-jitter']],
      messages: ['`scheduleReconnect()` reconnect scheduler'],
    },
    {
      title: 'the same manager with a jittered delay is silent',
      code: manager('Math.random() * Math.min(this.config.initialDelay * 2 ** this.attempts, this.config.maxDelay)'),
      findings: [],
    },
    {
      title: 'an SWR `onErrorRetry` that revalidates after a fixed wait, counting on SWR\'s retryCount: reported for jitter',
      code: `export const swrConfig = {
  onErrorRetry: (error, key, config, revalidate, { retryCount }) => {
    if (error.status === 404 || retryCount >= 10) return;
    setTimeout(() => revalidate({ retryCount }), 3000);
  },
};`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['`onErrorRetry()` retry scheduler'],
    },
    {
      title: 'a promise retry helper whose timer runs a local function that calls the handed one, at a fixed interval: reported for jitter',
      code: retryHelper('interval'),
      findings: [[7, 'retry-without-jitter']],
      messages: ['`retryTask()` retry scheduler'],
    },
    {
      title: 'the same helper with a randomised wait is silent',
      code: retryHelper('interval * (0.5 + Math.random())'),
      findings: [],
    },
    {
      title: 'a function not named for retrying that runs its callback later (a debounce) is no reconnect',
      code: `export function later(callback, ms) {
  clearTimeout(pending);
  pending = setTimeout(() => callback(), ms);
}`,
      findings: [],
    },
  ]);
});
