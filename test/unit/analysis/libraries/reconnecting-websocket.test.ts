// reconnecting-websocket reconnects without limit by default (`maxRetries: Infinity`), its first delay
// randomised (1 s plus up to 4 s); the older joewalnes build never randomises.
import { reconnectingWebSocket } from '../../../../src/analysis/libraries/reconnecting-websocket';
import { runLibraryTable } from './library-table';

describe('libraries: reconnecting-websocket', () => {
  runLibraryTable([reconnectingWebSocket], [
    {
      title: 'the defaults reconnect without limit',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed');`,
      findings: [[2, 'unbounded-retry']],
      messages: ['reconnecting-websocket reconnects without limit unless `maxRetries` is set'],
    },
    {
      title: 'maxRetries with the random default delay is silent',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed', [], { maxRetries: 10 });`,
      findings: [],
    },
    {
      title: 'maxRetries: Infinity written out never stops',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed', [], { maxRetries: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a fixed minReconnectionDelay takes the jitter away',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed', [], { maxRetries: 10, minReconnectionDelay: 2000 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['minReconnectionDelay'],
    },
    {
      title: 'options out of sight say nothing',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const open = (url: string, options) => new ReconnectingWebSocket(url, [], options);`,
      findings: [],
    },
    {
      title: 'the legacy build with maxReconnectAttempts: null never stops',
      code: `import ReconnectingWebSocket from 'reconnectingwebsocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed', null, { reconnectInterval: 1000, maxReconnectAttempts: null });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'the legacy build with a cap still has no jitter',
      code: `import ReconnectingWebSocket from 'reconnectingwebsocket';
export const feed = new ReconnectingWebSocket('wss://example.com/feed', null, { maxReconnectAttempts: 8 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['reconnectDecay'],
    },
    {
      title: 'a global ReconnectingWebSocket (the script a page loads) is the legacy build: no limit, and no jitter either',
      code: `var socket = new ReconnectingWebSocket('wss://www.example.com/payment/' + address);
socket.onmessage = function (event) { showPaid(JSON.parse(event.data)); };`,
      fileName: 'js/payment.js',
      findings: [[1, 'unbounded-retry']],
      messages: ['reconnectDecay'],
    },
    {
      title: 'the package imported keeps its random first delay: only the missing limit is said',
      code: `import ReconnectingWebSocket from 'reconnecting-websocket';
export const socket = new ReconnectingWebSocket('wss://www.example.com/payment');`,
      findings: [[2, 'unbounded-retry']],
    },
  ]);
});
