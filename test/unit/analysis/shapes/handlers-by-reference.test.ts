// Failure handlers handed over by reference, seen in real code: a local function registered as a bound copy
// (`es.addEventListener('close', onClose.bind(this))`) or handed to a promise's `.catch(onError)` runs after a
// failure as the inline handler does. Look-alikes: the same function handed to `.then` as well, which goes on
// with the work after a success too (a queue drained batch by batch), and one handed to `.then` only. React
// hooks reach their connect callback through a ref that holds the latest one (`connectRef.current = connect`,
// `useRef(connect)`), called from the close handler as `connectRef.current?.()`: the function the ref holds.
import { runLibraryTable } from '../libraries/library-table';

/** A stream that opens an event source again from its close listener, registered as `registered`. */
function reopeningStream(registered: string): string {
  return `export function stream(url: string) {
  let source: EventSource;
  const open = (): EventSource => {
    source = new EventSource(url);
    const onClose = () => {
      source.close();
      open();
    };
    source.addEventListener('close', ${registered});
    return source;
  };
  open();
}`;
}

/** A hook whose close handler reconnects through `connectRef.current?.()`; `holder` declares the ref, `held` fills it. */
function refReconnect(held: string, holder: string, other: string): string {
  return `export function useSocket(url) {
  const socketRef = useRef(null);
  ${holder}
  const connect = useCallback(() => {
    const socket = new WebSocket(url);
    socketRef.current = socket;
    socket.onclose = () => {
      setTimeout(() => {
        connectRef.current?.();
      }, 5000);
    };
  }, [url]);
  const fallback = () => poll(url);
  ${held}
  ${other}
  useEffect(() => { connect(); return () => socketRef.current?.close(); }, [connect]);
}`;
}

/** A function that hands a nested `next` to its promise chain as `chain`; `next` calls the function again. */
function handedOn(chain: string): string {
  return `const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export function load(url, tries = 3) {
  function next(result) {
    if (tries <= 1) throw new Error('gave up');
    return wait(1000).then(() => load(url, tries - 1));
  }
  return fetch(url).then((response) => response.json())${chain};
}`;
}

/** A function that subscribes to a feed with an rxjs-style observer; `onFailure` is its \`error\` callback's body. */
function followFeed(onFailure: string): string {
  return `export const follow = (feed: Observable<Tick>, onTick: (tick: Tick) => void): Subscription => feed.subscribe({
  next: onTick,
  error: () => {
    ${onFailure}
  },
});`;
}

describe('shapes: failure handlers handed over by reference', () => {
  runLibraryTable([], [
    {
      title: 'a close listener registered as a bound copy (`onClose.bind(this)`) reopens the stream as the plain one does: reported',
      code: reopeningStream('onClose.bind(this)'),
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'the same close listener registered by its name: reported at the same place',
      code: reopeningStream('onClose'),
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'a nested function handed to `.catch(next)` that waits and calls the function again is its retry: the fixed wait is reported',
      code: handedOn('.catch(next)'),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same function handed to `.then(next)` as well runs after a success too: silent',
      code: handedOn('.then(next).catch(next)'),
      findings: [],
    },
    {
      title: 'the same function handed to `.then(next)` only runs after a success: silent',
      code: handedOn('.then(next)'),
      findings: [],
    },
  ]);
});

/** A helper whose `run` hands its error handler `onError` to `.catch` by name; `goRound` is how the handler calls `run` again. */
function handlerCallingBack(goRound: string): string {
  return `export function withRetry<T>(command: () => Promise<T>, retryLimit = 2): Promise<T> {
  let retryCount = 0;
  const onError = (err: unknown): Promise<T> => {
    retryCount += 1;
    if (retryCount > retryLimit) throw err;
    ${goRound}
  };
  const run = (): Promise<T> => command().catch(onError);
  return run();
}`;
}

describe('shapes: an error handler handed to .catch by name that calls its function again', () => {
  runLibraryTable([], [
    {
      title: 'going round at once, capped by the count the handler keeps: no wait between attempts',
      code: handlerCallingBack('return run();'),
      findings: [[6, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
    {
      title: 'going round after a fixed wait: no jitter',
      code: handlerCallingBack('return new Promise((resolve) => setTimeout(resolve, 500)).then(() => run());'),
      findings: [[6, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'going round after a jittered wait: silent',
      code: handlerCallingBack('return new Promise((resolve) => setTimeout(resolve, Math.random() * 500 * 2 ** retryCount)).then(() => run());'),
      findings: [],
    },
    {
      title: 'a handler whose count is never compared goes round forever',
      code: handlerCallingBack('return run();').replace('if (retryCount > retryLimit) throw err;', "console.warn('retrying', retryCount, err);"),
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'the same shape in words that name no retry, handed as the second callback of then: found by the pre-check too',
      code: `export function attempt<T>(command: () => Promise<T>, limit = 2): Promise<T> {
  let failures = 0;
  function onFailure(err: unknown): Promise<T> {
    failures += 1;
    if (failures > limit) throw err;
    return run();
  }
  function run(): Promise<T> { return command().then((value) => value, onFailure); }
  return run();
}`,
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a handler that reports the error and runs something else is no retry',
      code: handlerCallingBack('return fallback();').replace('const run =', 'const fallback = (): Promise<T> => Promise.reject(new Error("gave up"));\n  const run ='),
      findings: [],
    },
    {
      title: "an observer's `error` callback that subscribes again after a fixed wait is the stream's reconnect: unbounded, without jitter",
      code: followFeed("setTimeout(() => follow(feed, onTick), 5000);"),
      findings: [[4, 'unbounded-retry']],
      messages: ['fixed delay'],
    },
    {
      title: "the same observer's `error` callback that only logs subscribes to nothing again: silent",
      code: followFeed("console.warn('feed stopped');"),
      findings: [],
    },
      {
      title: 'a close handler that reconnects through a ref holding the connect callback, forever: reported',
      code: refReconnect('connectRef.current = connect;', 'const connectRef = useRef();', ''),
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'the same ref made with the callback as its first value (useRef(connect)), forever at a fixed wait: reported',
      code: `export function useSocket(url) {
  const connect = useCallback(() => {
    const socket = new WebSocket(url);
    socket.onclose = () => {
      setTimeout(() => connectRef.current?.(), 3000);
    };
  }, [url]);
  const connectRef = useRef(connect);
  useEffect(() => connect(), [connect]);
}`,
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a typed ref made empty (useRef<() => void>(null)), filled with the callback and emptied on cleanup: reported',
      code: refReconnect('connectRef.current = connect;', 'const connectRef = useRef<(() => void) | null>(null);', 'useEffect(() => () => { connectRef.current = null; }, []);'),
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a ref that holds one of two callbacks is not followed: silent',
      code: refReconnect('connectRef.current = connect;', 'const connectRef = useRef();', 'connectRef.current = fallback;'),
      findings: [],
    },
]);
});
