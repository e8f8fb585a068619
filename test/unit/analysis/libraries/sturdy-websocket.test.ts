// sturdy-websocket: reconnects forever by default, at once and then after a delay grown 1.5× without
// randomness; `maxReconnectAttempts` caps it; a `shouldReconnect` function decides the stop out of sight.
import { sturdyWebSocket } from '../../../../src/analysis/libraries/sturdy-websocket';
import { runLibraryTable } from './library-table';

describe('libraries: sturdy-websocket', () => {
  runLibraryTable([sturdyWebSocket], [
    {
      title: 'the defaults reconnect forever, without jitter: one finding that says both',
      code: `import SturdyWebSocket from 'sturdy-websocket';
export const socket = new SturdyWebSocket('wss://api.example.com', { connectTimeout: 5000 });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['without randomness'],
    },
    {
      title: 'maxReconnectAttempts caps it; the grown delay still has no jitter',
      code: `import SturdyWebSocket from 'sturdy-websocket';
export const socket = new SturdyWebSocket('wss://api.example.com', ['v1'], { maxReconnectAttempts: 10 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a shouldReconnect function decides when to stop, out of sight: no cap finding, but the waits still lack jitter',
      code: `import SturdyWebSocket from 'sturdy-websocket';
export const socket = new SturdyWebSocket(url, { shouldReconnect: (event) => event.code !== 1000 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a class of that name made in the file is not the library: silent',
      code: `class SturdyWebSocket { constructor(url) { this.url = url; } }
export const socket = new SturdyWebSocket('wss://api.example.com');`,
      findings: [],
    },
  ]);
});
