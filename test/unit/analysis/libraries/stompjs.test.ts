// @stomp/stompjs: an active Client reconnects after every lost connection, `reconnectDelay` (5000 ms)
// apart, with no limit; `reconnectDelay: 0` turns it off, and EXPONENTIAL mode doubles the wait. Never
// randomised. The default is reported as unbounded without jitter.
import { stompjs } from '../../../../src/analysis/libraries/stompjs';
import { runLibraryTable } from './library-table';

/** A client made with `options`, activated; `after` runs once it is made. */
function client(options: string, after = ''): string {
  return `import { Client } from '@stomp/stompjs';
export function connectOrders(url: string, onOrder: (body: string) => void): Client {
  const client = new Client({
    brokerURL: url,${options}
    onConnect: () => client.subscribe('/topic/orders', (message) => onOrder(message.body)),
  });${after}
  client.activate();
  return client;
}`;
}

describe('libraries: @stomp/stompjs', () => {
  runLibraryTable([stompjs], [
    {
      title: 'the default reconnects forever, a fixed 5 s apart: reported at `new Client(`',
      code: client(''),
      findings: [[3, 'unbounded-retry']],
      messages: ['stompjs waits the same `reconnectDelay` (5000 ms) before every reconnect'],
    },
    {
      title: 'a reconnectDelay set is still a fixed wait, without limit: reported at the option',
      code: client('\n    reconnectDelay: 2000,'),
      findings: [[5, 'unbounded-retry']],
      messages: ['(2000 ms)'],
    },
    {
      title: 'EXPONENTIAL mode doubles the wait, still without randomness or limit',
      code: client('\n    reconnectDelay: 200,\n    reconnectTimeMode: ReconnectionTimeMode.EXPONENTIAL,'),
      findings: [[5, 'unbounded-retry']],
      messages: ['stompjs doubles `reconnectDelay` (200 ms)'],
    },
    {
      title: 'reconnectDelay: 0 turns reconnecting off',
      code: client('\n    reconnectDelay: 0,'),
      findings: [],
    },
    {
      title: 'reconnectDelay = 0 assigned after the client is made turns it off too',
      code: client('', '\n  client.reconnectDelay = 0;'),
      findings: [],
    },
    {
      title: 'a client that its close handler deactivates is stopped by the app',
      code: client('\n    onWebSocketClose: () => { if (++failures > 5) void client.deactivate(); },'),
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { Client } from '@stomp/stompjs';
export const open = (config) => new Client(config);`,
      findings: [],
    },
    {
      title: 'a Client of another module is not stompjs',
      code: `import { Client } from 'pg';
export const db = new Client({ connectionString: process.env.DATABASE_URL });`,
      findings: [],
    },
  ]);
});
