// rpc-websockets: reconnects after every close by default, 5 times, the same 1 s apart, never randomised;
// `max_reconnects: 0` (or Infinity) never stops; `reconnect: false` turns it off.
import { rpcWebsockets } from '../../../../src/analysis/libraries/rpc-websockets';
import { runLibraryTable } from './library-table';

describe('libraries: rpc-websockets', () => {
  runLibraryTable([rpcWebsockets], [
    {
      title: 'the defaults reconnect 5 times at the same 1 s: its waits lack jitter',
      code: `import { Client } from 'rpc-websockets';
export const rpc = new Client('ws://localhost:8080');`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['rpc-websockets waits the same `reconnect_interval`'],
    },
    {
      title: 'max_reconnects: 0 reconnects without limit (a required Client): one finding that says both',
      code: `const WebSocket = require('rpc-websockets').Client;
const ws = new WebSocket('ws://localhost:8080', { max_reconnects: 0, reconnect_interval: 2000 });
module.exports = ws;`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`max_reconnects: 0`'],
    },
    {
      title: 'the CommonClient takes its options third: max_reconnects: Infinity never stops',
      code: `import { CommonClient } from 'rpc-websockets';
import { createSocket } from './socket';
export const client = new CommonClient(createSocket, 'wss://rpc.example.com', { autoconnect: false, max_reconnects: Infinity });`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'the package imported whole, its Client constructed through it, with a cap: no jitter still',
      code: `import * as rpc from 'rpc-websockets';
export const client = new rpc.Client('ws://localhost:8080', { max_reconnects: 3 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'reconnect: false never reconnects: silent',
      code: `import { Client } from 'rpc-websockets';
export const rpc = new Client('ws://localhost:8080', { reconnect: false });`,
      findings: [],
    },
    {
      title: 'an interval given by the caller and options out of sight are not judged: silent',
      code: `import { Client } from 'rpc-websockets';
export const open = (url: string, interval: number, options: object) => [new Client(url, { reconnect_interval: interval, max_reconnects: 3 }), new Client(url, options)];`,
      findings: [],
    },
    {
      title: 'its Server and a Client class of the file are not the reconnecting client: silent',
      code: `import { Server } from 'rpc-websockets';
class Client { constructor(readonly url: string) {} }
export const server = new Server({ port: 8080 });
export const local = new Client('ws://localhost:8080');`,
      findings: [],
    },
  ]);
});
