// @stomp/stompjs: an active Client reconnects after every lost connection, `reconnectDelay` (5000 ms)
// apart, with no limit; `reconnectDelay: 0` turns it off, and EXPONENTIAL mode doubles the wait. Never
// randomised. The default is reported as unbounded without jitter; so is an RxStomp config declared with its type.
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

/** A config object declared with the config type `type` imported from `module`. */
function rxStompConfig(type: string, module: string, options: string): string {
  return `import { ${type} } from '${module}';
export const stompConfig: ${type} = {
  brokerURL: 'ws://localhost:15674/ws',
  heartbeatOutgoing: 20000,${options}
  debug: (message: string) => console.log(message),
};`;
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
      title: 'an RxStomp config declared with its type, as the rx-stomp guide writes it, is such a client\'s options: reported at reconnectDelay',
      code: rxStompConfig('RxStompConfig', '@stomp/rx-stomp', '\n  reconnectDelay: 200,'),
      findings: [[5, 'unbounded-retry']],
      messages: ['stompjs waits the same `reconnectDelay` (200 ms) before every reconnect'],
    },
    {
      title: 'the Angular wrapper\'s config type left on the default delay: reported at the declaration',
      code: rxStompConfig('InjectableRxStompConfig', '@stomp/ng2-stompjs', ''),
      findings: [[2, 'unbounded-retry']],
      messages: ['(5000 ms)'],
    },
    {
      title: 'a class field declared with the config type is read too',
      code: `import { RxStomp, RxStompConfig } from '@stomp/rx-stomp';
export class WebSocketService extends RxStomp {
  private stompConfig: RxStompConfig = {
    heartbeatOutgoing: 20000,
    reconnectDelay: 10000,
  };
}`,
      findings: [[5, 'unbounded-retry']],
      messages: ['(10000 ms)'],
    },
    {
      title: 'a typed config that turns reconnecting off, spreads options from elsewhere, or whose type is not the library\'s, says nothing',
      code: `${rxStompConfig('RxStompConfig', '@stomp/rx-stomp', '\n  reconnectDelay: 0,')}
export const shared: RxStompConfig = { ...baseConfig, brokerURL: 'ws://localhost:15674/ws' };`,
      findings: [],
    },
    {
      title: 'a config type of the project\'s own by that name is not the library\'s',
      code: rxStompConfig('RxStompConfig', './stomp-types', '\n  reconnectDelay: 200,'),
      findings: [],
    },
    {
      title: 'the compatibility client (`Stomp.over`) given a `reconnect_delay`: reconnects forever, a fixed wait',
      code: `import { Stomp } from '@stomp/stompjs';
import SockJS from 'sockjs-client';
let stompClient = null;
export function connect(url, onMessage) {
  stompClient = Stomp.over(() => new SockJS(url));
  stompClient.connect({}, () => stompClient.subscribe('/queue/orders', onMessage));
  stompClient.reconnect_delay = 1000;
}`,
      findings: [[7, 'unbounded-retry']],
      messages: ['(1000 ms)'],
    },
    {
      title: 'the compatibility client left with its delay of 0 (reconnecting off), or set to 0: silent',
      code: `import { Stomp } from '@stomp/stompjs';
export function connect(url) {
  const client = Stomp.client(url);
  client.connect({}, () => {});
  const other = Stomp.client(url);
  other.reconnect_delay = 0;
}`,
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
