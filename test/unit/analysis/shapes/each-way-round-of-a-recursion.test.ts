// A function that calls itself again from several places: each way round is a retry of its own, reported where it is
// (with its own wait, or none), capped or not; a reader fixes each. Ways written over neighbouring lines are one.
// (Blind labellers of real code judged each way of a capped recursion as a finding of its own: a 429 branch and a
// network-error branch, each with a wait without jitter.)
import { runLibraryTable } from '../libraries/library-table';

/** A capped send that reconnects after a wait (out of sight) when there is no socket, and calls itself again from its catch after `beforeRetry`; `member` is one more of the class's. */
function sendThroughSocket(beforeRetry: string, member = ''): string {
  return `import { backoffFor } from './backoff';
export class Channel {
  ${member}
  async send(payload, retries = 0) {
    if (retries > 5) throw new Error('Too many retries.');
    if (!this.socket) {
      await sleep(backoffFor(retries));
      await this.connect();
      return this.send(payload, retries + 1);
    }
    try {
      await this.socket.send(payload);
    } catch (error) {
      if (error.code !== 'NOT_CONNECTED') throw error;
      log.debug('send failed, retrying');
      ${beforeRetry}
      return this.send(payload, retries + 1);
    }
  }
}`;
}

describe('shapes: each way round of a recursion', () => {
  runLibraryTable([], [
    {
      title: 'three ways round (a bad gateway at once, another status after a wait, a failed body after a wait): three findings',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function getMessages(room) {
  const response = await fetch('/api/rooms/' + room + '/messages');
  if (response.status === 502) {
    return getMessages(room);
  }
  if (response.status !== 200) {
    await sleep(1000);
    return getMessages(room);
  }
  const body = await response.json();
  if (!body.success) {
    await sleep(1000);
    return getMessages(room);
  }
  return body.messages;
}`,
      findings: [[5, 'unbounded-retry'], [9, 'unbounded-retry'], [14, 'unbounded-retry']],
      messages: ['no wait', 'fixed', 'fixed'],
    },
    {
      title: 'the same ways counted against a cap: no unbounded finding, and the fixed wait of each way reported where it is',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function getMessages(room, attempt = 0) {
  const response = await fetch('/api/rooms/' + room + '/messages');
  if (response.status !== 200 && attempt < 3) {
    await sleep(1000);
    return getMessages(room, attempt + 1);
  }
  const body = await response.json();
  if (!body.success && attempt < 3) {
    await sleep(1000);
    return getMessages(room, attempt + 1);
  }
  return body.messages;
}`,
      findings: [[6, 'retry-without-jitter'], [11, 'retry-without-jitter']],
    },
    {
      title: 'ten ways round, each on its own lines: the first eight are reported, the rest left to them',
      code: `export async function getMessages(room) {
  const response = await fetch('/api/rooms/' + room + '/messages');
${Array.from({ length: 10 }, (_, i) => `  if (response.status === ${500 + i}) {\n    return getMessages(room);\n  }`).join('\n')}
  return response.json();
}`,
      findings: [4, 7, 10, 13, 16, 19, 22, 25].map((line): [number, 'unbounded-retry'] => [line, 'unbounded-retry']),
    },
    {
      title: 'ways counted against a cap whose waits are jittered: silent',
      code: `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export async function getMessages(room, attempt = 0) {
  const response = await fetch('/api/rooms/' + room + '/messages');
  if (response.status !== 200 && attempt < 3) {
    await sleep(Math.random() * 1000 * 2 ** attempt);
    return getMessages(room, attempt + 1);
  }
  const body = await response.json();
  if (!body.success && attempt < 3) {
    await sleep(Math.random() * 1000 * 2 ** attempt);
    return getMessages(room, attempt + 1);
  }
  return body.messages;
}`,
      findings: [],
    },
    {
      title: 'a catch that calls again at once beside a not-connected branch that waits: the catch re-enters past that wait, so it goes round with none',
      code: sendThroughSocket(''),
      findings: [[17, 'retry-without-jitter']],
      messages: ['no wait'],
    },
    {
      title: 'the same catch clearing the socket first sends the next call into the waiting branch: its wait (out of sight) is on the way, silent',
      code: sendThroughSocket('this.socket = null;'),
      findings: [],
    },
    {
      title: 'a close handler that clears the socket may send the next call into the waiting branch too: silent',
      code: sendThroughSocket('', "attach(socket) { this.socket = socket; socket.on('close', () => { this.socket = null; }); }"),
      findings: [],
    },
    {
      title: 'a disconnect() that clears the socket on purpose is no failure: the catch still goes round at once',
      code: sendThroughSocket('', 'disconnect() { this.socket?.close(); this.socket = null; }'),
      findings: [[17, 'retry-without-jitter']],
    },
    {
      title: 'a way round at once taken only when the delay the other way waits is nothing (`if (delayMs <= 0)`) waits that delay too: silent',
      code: `export function subscribeWithRetry(source, observer, maxAttempts = 5) {
  function attempt(attempts) {
    source.subscribe({
      next: (value) => observer.next(value),
      error(error) {
        if (attempts >= maxAttempts) return observer.error(error);
        const delayMs = attempts === 1 ? 0 : Math.random() * 1000 * 2 ** attempts;
        if (delayMs <= 0) {
          attempt(attempts + 1);
          return;
        }
        setTimeout(() => attempt(attempts + 1), delayMs);
      },
    });
  }
  attempt(1);
}`,
      findings: [],
    },
    {
      title: 'a way round at once chosen by the attempt count that the other way\'s delay grows with is still a way with no wait: reported',
      code: `export async function send(payload, attempt = 0) {
  try {
    return await post(payload);
  } catch (error) {
    if (attempt >= 5) throw error;
    if (attempt < 2) return send(payload, attempt + 1);
    await sleep(Math.random() * 1000 * 2 ** attempt);
    return send(payload, attempt + 1);
  }
}`,
      findings: [[6, 'retry-without-jitter']],
      messages: ['no wait'],
    },
  ]);
});
