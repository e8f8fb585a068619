// The siebly.io exchange SDKs' WebsocketClient reconnects after every close the app did not ask for, with no
// attempt count, each time after the same reconnectTimeout (500 ms by default).
import { sieblyExchangeWebsockets } from '../../../../src/analysis/libraries/siebly-exchange-websockets';
import { runLibraryTable } from './library-table';

describe('libraries: siebly.io exchange SDK WebsocketClient', () => {
  runLibraryTable([sieblyExchangeWebsockets], [
    {
      title: 'a client left on the defaults reconnects forever, 500 ms apart every time',
      code: `import { WebsocketClient } from 'bybit-api';
export const ws = new WebsocketClient({ key: process.env.KEY, secret: process.env.SECRET, market: 'v5' });
ws.on('update', (event) => console.log(event));`,
      findings: [[2, 'unbounded-retry']],
      messages: ['nothing counts the attempts. Under a failing dependency that is a retry storm. Set a finite number of retries (or a maximum retry time). It also has no jitter: the client waits the same `reconnectTimeout` (500 ms)'],
    },
    {
      title: 'a reconnectTimeout of its own is still the same wait for every client',
      code: `const { WebsocketClient } = require('binance');
const ws = new WebsocketClient({ beautify: true, reconnectTimeout: 3000 });
module.exports = ws;`,
      findings: [[2, 'unbounded-retry']],
      messages: ['no jitter: the client waits the same `reconnectTimeout` (`3000`)'],
    },
    {
      title: 'a client with no options at all is on the defaults too',
      code: `import { WebsocketClientV2 } from 'bitget-api';
export const ws = new WebsocketClientV2();`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`new WebsocketClientV2(…)` reconnection is set to retry forever'],
    },
    {
      title: 'an app that closes the client when it starts reconnecting has a stop of its own; the fixed wait is still reported',
      code: `import { WebsocketClient } from 'okx-api';
const ws = new WebsocketClient({ accounts: [] });
ws.on('reconnect', () => ws.closeAll());`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a reconnectTimeout drawn at random is jitter',
      code: `import { WebsocketClient } from 'gateio-api';
export const ws = new WebsocketClient({ reconnectTimeout: 500 + Math.random() * 1000 });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'options out of sight (handed in, or spread with no reconnectTimeout written) leave the wait unknown',
      code: `import { WebsocketClient } from 'bybit-api';
import { wsOptions } from './config';
export const make = (options) => new WebsocketClient(options);
export const spread = new WebsocketClient({ ...wsOptions, market: 'v5' });`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: "a WebsocketClient of another package, or of the project's own, is not theirs",
      code: `import { WebsocketClient } from './ws-client';
import { WebsocketClient as Other } from 'some-exchange-sdk';
export const a = new WebsocketClient({ url: 'wss://example.com' });
export const b = new Other({ url: 'wss://example.com' });`,
      findings: [],
    },
  ]);
});
