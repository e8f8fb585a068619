// A close handler registered only once the socket has opened (in the open handler, or in a method only the open
// handler calls): a reconnect that fails opens nothing, registers no close handler, and is not tried again. Each loss
// leads to one attempt, which is bounded; its wait is still judged. A timer that times the connect out on the way
// (`setTimeout(() => this.failConnect(), timeoutMs)`) is not the wait before the next attempt.
import { runLibraryTable } from '../libraries/library-table';

/**
 * A client whose `connect` opens a socket with a connect timeout; `register` is where the close handler is put
 * (`onOpen`, a method, or the connect itself); `wait` is the reconnect's delay.
 */
function client(register: 'open-method' | 'open-callback' | 'connect', wait: string): string {
  const closeHandler = `this.ws.once('close', () => this.scheduleReconnect());`;
  return `import WebSocket from 'ws';
export class Feed {
  private ws: WebSocket | null = null;
  constructor(private readonly url: string, private readonly timeoutMs: number, private readonly backoff: { duration(): number }) {}
  connect(): void {
    this.ws = new WebSocket(this.url);
    const timer = setTimeout(() => this.failConnect(), this.timeoutMs);
    this.ws.once('open', () => {
      clearTimeout(timer);
      ${register === 'open-method' ? 'this.onOpen();' : register === 'open-callback' ? closeHandler : ''}
    });
    ${register === 'connect' ? closeHandler : ''}
  }
  private onOpen(): void {
    ${closeHandler}
  }
  private scheduleReconnect(): void {
    setTimeout(() => this.connect(), ${wait});
  }
  private failConnect(): void {
    this.ws?.terminate();
  }
}`;
}

/**
 * A queue writer whose `onReady` (handed to `writer.on('ready', …)`, and taken off again in itself) registers the
 * loss handlers; `reconnect(force)` leaves at its top unless `force`, and hands itself `true` after a fixed wait.
 */
function writerClient(guard: string): string {
  return `const writer = createWriter();
let connecting, closing, reconnectTimer;
function connect(force) {
  if (!force && connecting) return connecting;
  connecting = new Promise((resolve, reject) => {
    function onReady() {
      writer.removeListener('ready', onReady);
      writer.on('error', onLost);
      writer.on('closed', onLost);
      resolve(writer);
    }
    function onLost() {
      writer.removeListener('error', onLost);
      reconnect();
    }
    writer.on('ready', onReady);
    writer.connect();
  });
  return connecting;
}
async function reconnect(force) {
  ${guard}
  try {
    await connect(true);
    reconnectTimer = null;
  } catch (err) {
    if (!closing) {
      reconnectTimer = setTimeout(() => reconnect(true), 5000);
    }
  }
}`;
}

describe('shapes: close handlers registered only once the socket is open', () => {
  runLibraryTable([], [
    {
      title: 'loss handlers registered by a handler of the ready event (by name): each loss starts the reconnect once; its own retry, past `if (!force && timer) return`, goes on forever',
      code: writerClient('if (!force && reconnectTimer) return;'),
      fileName: 'case.js',
      findings: [[28, 'unbounded-retry']],
      messages: ['recursive retry of `reconnect()`'],
    },
    {
      title: 'the same retry handing itself the value that leaves at the top (`if (force) return`) goes round once: only its fixed wait',
      code: writerClient('if (force && reconnectTimer) return;'),
      fileName: 'case.js',
      findings: [[28, 'retry-without-jitter']],
    },
    {
      title: 'registered by a method only the open handler calls: one attempt per loss, its fixed wait reported',
      code: client('open-method', '2000'),
      findings: [[18, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'registered in the open callback itself: the same',
      code: client('open-callback', '2000'),
      findings: [[18, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'registered by the connect whatever happens: a failed connect closes and goes round again, forever',
      code: client('connect', '2000'),
      findings: [[18, 'unbounded-retry']],
    },
    {
      title: 'a wait worked out out of sight: silent (the connect timeout on the way is not the wait)',
      code: client('open-method', 'this.backoff.duration()'),
      findings: [],
    },
    {
      title: 'a jittered wait: silent (the connect timeout on the way is not the wait)',
      code: client('open-method', '1000 + Math.random() * 4000'),
      findings: [],
    },
  ]);
});
