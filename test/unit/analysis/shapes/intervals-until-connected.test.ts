// An interval that tries to connect on every tick and clears itself only once a connect succeeds retries for
// as long as the connection fails, every tick on the dot. Any test on the way may be a cap: then it is silent. A tick
// whose catch says it will try again retries whatever it awaits, connect or not (`await this.unlock()`).
import { runLibraryTable } from '../libraries/library-table';

/** A tick that awaits an unlock and clears the interval once it succeeds; `onFailure` is its catch. */
function unlockUntilDone(onFailure: string): string {
  return `export class Node {
  restart() {
    const interval = setInterval(async () => {
      try {
        await this.unlock();
        clearInterval(interval);
      } catch (err) {
        ${onFailure}
      }
    }, 20_000);
  }
}`;
}

describe('shapes: an interval that tries to connect until a connect succeeds', () => {
  runLibraryTable([], [
    {
      title: 'an awaited connect in a try, the interval cleared after it and not in the catch, is unbounded with a fixed wait',
      code: `import { connectBroker } from './broker';
export function keepTrying(url: string) {
  const timer = setInterval(async () => {
    try {
      await connectBroker(url);
      clearInterval(timer);
    } catch (error) {
      console.error('connect failed, trying again', error);
    }
  }, 5000);
}`,
      findings: [[3, 'unbounded-retry']],
      messages: ['interval that calls `connectBroker()` until it succeeds has no cap on attempts or elapsed time. While the dependency stays down it retries forever'],
    },
    {
      title: 'a connect whose .then clears the interval through a method of the class, its .catch swallowing the failure',
      code: `class Streamer {
  private retryInterval?: ReturnType<typeof setInterval>;
  constructor(private stream: { connect(): Promise<void> }) {}
  startRetry() {
    this.retryInterval = setInterval(() => {
      this.stream.connect().then(() => this.stopRetry()).catch(() => {});
    }, 10000);
  }
  private stopRetry() {
    if (this.retryInterval) clearInterval(this.retryInterval);
    this.retryInterval = undefined;
  }
}`,
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a bot client logged in again on every tick (`client.login(token)`) until a login succeeds: unbounded',
      code: `client.login(config.token).catch(() => {
  let counter = 1;
  const interval = setInterval(() => {
    counter += 1;
    client.login(config.token).then(() => {
      clearInterval(interval);
    });
  }, 30000);
});`,
      fileName: 'case.js',
      findings: [[3, 'unbounded-retry']],
      messages: ['interval that calls `login()` until it succeeds'],
    },
    {
      title: 'a tick that counts its attempts and gives up is silent',
      code: `import { connectBroker } from './broker';
export function keepTrying(url: string) {
  let tries = 0;
  const timer = setInterval(async () => {
    try {
      await connectBroker(url);
      clearInterval(timer);
    } catch (error) {
      if (++tries >= 5) clearInterval(timer);
    }
  }, 5000);
}`,
      findings: [],
    },
    {
      title: 'a poll that clears the interval once a job is done is no retry',
      code: `export function waitForJob(id: string, done: () => void) {
  const timer = setInterval(async () => {
    try {
      await fetchJob(id);
      clearInterval(timer);
      done();
    } catch (error) {
      console.error(error);
    }
  }, 2000);
}
declare function fetchJob(id: string): Promise<unknown>;`,
      findings: [],
    },
    {
      title: 'a heartbeat interval that is never cleared is no retry',
      code: `export function heartbeat(socket: { connect(): Promise<void> }) {
  setInterval(() => {
    socket.connect().catch(() => {});
  }, 30000);
}`,
      findings: [],
    },
    {
      title: 'an interval whose catch says it will try again (`will try again in 20 s`) retries whatever it awaits before the clear: unbounded',
      code: unlockUntilDone(`this.log('still down, will try again in', 20, 'seconds');`),
      findings: [[3, 'unbounded-retry']],
      messages: ['interval that calls `unlock()` until it succeeds'],
    },
    {
      title: 'the same interval whose catch only logs the failure is a poll of something not named for connecting: silent',
      code: unlockUntilDone(`this.log('unlock failed', err);`),
      findings: [],
    },
    {
      title: 'a catch that says it will not retry announces no retry: silent',
      code: unlockUntilDone(`this.log('unlock failed, will not retry', err);`),
      findings: [],
    },
  ]);
});
