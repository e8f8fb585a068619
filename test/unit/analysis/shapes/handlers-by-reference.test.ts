// Failure handlers handed over by reference, seen in real code: a local function registered as a bound copy
// (`es.addEventListener('close', onClose.bind(this))`) or handed to a promise's `.catch(onError)` runs after a
// failure as the inline handler does. Look-alikes: the same function handed to `.then` as well, which goes on
// with the work after a success too (a queue drained batch by batch), and one handed to `.then` only.
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
