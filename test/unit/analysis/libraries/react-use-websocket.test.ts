// react-use-websocket: reconnects only when shouldReconnect may say yes (or retryOnError is on), up to
// reconnectAttempts (20) times, reconnectInterval (5 s, or a function of the attempt) apart, never randomised.
import { reactUseWebsocket } from '../../../../src/analysis/libraries/react-use-websocket';
import { runLibraryTable } from './library-table';

/** A chat component's socket with the hook's options as given. */
function chatSocket(options: string, hook = 'useWebSocket', importLine = "import useWebSocket from 'react-use-websocket';"): string {
  return `${importLine}
export function useChat(url: string) {
  return ${hook}(url, ${options});
}`;
}

describe('libraries: react-use-websocket', () => {
  runLibraryTable([reactUseWebsocket], [
    {
      title: 'shouldReconnect that says yes reconnects 20 times, the same 5 s apart: its waits lack jitter',
      code: chatSocket('{ shouldReconnect: () => true }'),
      findings: [[3, 'retry-without-jitter']],
      messages: ['react-use-websocket waits the same 5 s before every reconnect'],
    },
    {
      title: 'a reconnectInterval function that doubles the wait still has no jitter (named import)',
      code: chatSocket('{ shouldReconnect: (event) => event.code !== 1000, reconnectAttempts: 10, reconnectInterval: (attempt) => Math.min(2 ** attempt * 1000, 10000) }', 'useWebSocket', "import { useWebSocket } from 'react-use-websocket';"),
      findings: [[3, 'retry-without-jitter']],
      messages: ['grows but has no jitter'],
    },
    {
      title: 'reconnectAttempts: Infinity never stops',
      code: chatSocket('{ retryOnError: true, reconnectAttempts: Infinity }'),
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a jittered reconnectInterval is silent',
      code: chatSocket('{ shouldReconnect: () => true, reconnectInterval: (attempt) => Math.random() * 1000 * 2 ** attempt }'),
      findings: [],
    },
    {
      title: 'without shouldReconnect or retryOnError it never reconnects',
      code: chatSocket('{ onMessage: console.log, reconnectAttempts: 10 }'),
      findings: [],
    },
    {
      title: 'shouldReconnect that says no, options out of sight, and a hook of the app\'s own named useWebSocket say nothing',
      code: `import useWebSocket from 'react-use-websocket';
import { useWebSocket as useOwnSocket } from './socket';
export function useChat(url: string, options) {
  useWebSocket(url, { shouldReconnect: () => false });
  useWebSocket(url, options);
  return useOwnSocket(url, { shouldReconnect: () => true });
}`,
      findings: [],
    },
  ]);
});
