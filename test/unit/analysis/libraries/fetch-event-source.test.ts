// @microsoft/fetch-event-source: every error is retried after 1 s unless `onerror` throws; a number it returns is
// the next wait. A stream left on the default, or whose handler never throws, is reported as unbounded with a fixed wait.
import { fetchEventSource } from '../../../../src/analysis/libraries/fetch-event-source';
import { runLibraryTable } from './library-table';

/** A chat stream asked of the model, with `onerror` as given (empty: none). */
function chatStream(onError: string): string {
  return `import { fetchEventSource } from '@microsoft/fetch-event-source';
export function ask(question: string, onToken: (token: string) => void): Promise<void> {
  return fetchEventSource('/api/chat', {
    method: 'POST',
    body: JSON.stringify({ question }),
    onmessage: (event) => onToken(event.data),${onError ? `\n    ${onError}` : ''}
  });
}`;
}

/** A followed stream whose `onerror` throws after five failures and otherwise returns `wait`. */
function countedFailures(wait: string): string {
  return `import { fetchEventSource } from '@microsoft/fetch-event-source';
let failures = 0;
export const follow = (url: string) => fetchEventSource(url, {
  onerror(err) {
    if (++failures > 5) throw err;
    return ${wait};
  },
});`;
}

describe('libraries: fetch-event-source', () => {
  runLibraryTable([fetchEventSource], [
    {
      title: 'without onerror every error is retried forever, the same 1 s apart (no key finding for the question it re-asks)',
      code: chatStream(''),
      findings: [[3, 'unbounded-retry']],
      messages: ['fetch-event-source waits the same 1 s before every retry'],
    },
    {
      title: 'an onerror that only logs never stops it',
      code: chatStream('onerror: (err) => { console.error(err); },'),
      findings: [[3, 'unbounded-retry']],
      messages: ['never throws'],
    },
    {
      title: 'an onerror that rethrows stops the stream at the first error: no retry',
      code: chatStream('onerror(err) { throw err; },'),
      findings: [],
    },
    {
      title: 'an onerror that throws after counting the failures caps it; the interval it returns is fixed',
      code: countedFailures('2000'),
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'an onerror that returns a wait for retriable errors before it throws retries those forever, the same 2 s apart',
      code: chatStream('onerror(err) { if (err.retriable) return 2000; throw err; },'),
      findings: [[3, 'unbounded-retry']],
      messages: ['throws only for some errors'],
    },
    {
      title: 'an onerror that throws only for one kind of error retries the others forever',
      code: chatStream('onerror(err) { if (err instanceof FatalError) throw err; },'),
      findings: [[3, 'unbounded-retry']],
      messages: ['throws only for some errors'],
    },
    {
      title: 'an onerror that returns a jittered wait and throws after a count is silent',
      code: countedFailures('1000 + Math.random() * 1000'),
      findings: [],
    },
    {
      title: 'options out of sight, or a handler out of sight, say nothing',
      code: `import { fetchEventSource } from '@microsoft/fetch-event-source';
export const follow = (url: string, init) => fetchEventSource(url, init);
export const watch = (url: string, onerror) => fetchEventSource(url, { onerror });`,
      findings: [],
    },
  ]);
});
