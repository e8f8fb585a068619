// VueUse `useWebSocket`: reconnects only with `autoReconnect` on; then `retries` times (-1 by default: no limit),
// the same `delay` (1 s) apart, never randomised; a count or delay decided elsewhere is left unjudged.
import { vueuseWebSocket } from '../../../../src/analysis/libraries/vueuse-websocket';
import { runLibraryTable } from './library-table';

/** A chat composable's socket with the hook's options as given. */
function chatSocket(options: string): string {
  return `import { useWebSocket } from '@vueuse/core';
export function useChat(url: string, props: { delay: number }) {
  return useWebSocket(url, ${options});
}`;
}

describe('libraries: VueUse useWebSocket', () => {
  runLibraryTable([vueuseWebSocket], [
    {
      title: 'autoReconnect: true reconnects forever, the same 1 s apart: one finding that says both',
      code: chatSocket('{ autoReconnect: true, heartbeat: true }'),
      findings: [[3, 'unbounded-retry']],
      messages: ['VueUse reconnects without limit'],
    },
    {
      title: 'a count caps it; the same delay every time still lacks jitter',
      code: chatSocket('{ autoReconnect: { retries: 3, delay: 1000, onFailed: () => alert("offline") } }'),
      findings: [[3, 'retry-without-jitter']],
      messages: ['VueUse waits the same `delay`'],
    },
    {
      title: 'retries: -1 never stops',
      code: chatSocket('{ autoReconnect: { retries: -1, delay: 2000 } }'),
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a delay function that grows without randomness lacks jitter; one with randomness is silent',
      code: `import { useWebSocket } from '@vueuse/core';
export const a = useWebSocket('wss://a.example.com', { autoReconnect: { retries: 5, delay: (n) => 1000 * 2 ** n } });
export const b = useWebSocket('wss://b.example.com', { autoReconnect: { retries: 5, delay: (n) => Math.random() * 1000 * 2 ** n } });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'without autoReconnect it never reconnects; a retries function decides the stop (its 1 s waits still lack jitter); a delay from props is unjudged',
      code: `import { useWebSocket } from '@vueuse/core';
export const a = useWebSocket('wss://a.example.com', { heartbeat: { message: 'ping', interval: 30000 } });
export const b = useWebSocket('wss://b.example.com', { autoReconnect: { retries: () => navigator.onLine } });
export function useFeed(props: { delay: number }) { return useWebSocket('wss://c.example.com', { autoReconnect: { retries: 3, delay: props.delay } }); }`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a useWebSocket of another module is not VueUse\'s: silent',
      code: `import { useWebSocket } from './socket';
export const a = useWebSocket('wss://a.example.com', { autoReconnect: true });`,
      findings: [],
    },
  ]);
});
