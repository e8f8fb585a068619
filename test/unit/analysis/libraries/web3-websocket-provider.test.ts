// web3.js WebSocket providers: version 1 reconnects only with `reconnect.auto`, then without limit unless
// `maxAttempts` is a number above 0, always after the same `delay`; version 4 is read where its reconnect
// options are written (5 attempts, 5 s apart, by default).
import { web3WebsocketProvider } from '../../../../src/analysis/libraries/web3-websocket-provider';
import { runLibraryTable } from './library-table';

/** A v1 provider built with the given reconnect options. */
function v1(reconnect: string): string {
  return `import Web3 from 'web3';
export const web3 = new Web3(new Web3.providers.WebsocketProvider('wss://rpc.example.com', { timeout: 30000, reconnect: ${reconnect} }));`;
}

describe('libraries: web3.js WebSocket providers', () => {
  runLibraryTable([web3WebsocketProvider], [
    {
      title: 'v1 with auto reconnect and a cap: the fixed delay has no jitter',
      code: v1('{ auto: true, delay: 5000, maxAttempts: 5, onTimeout: false }'),
      findings: [[2, 'retry-without-jitter']],
      messages: ['web3.js waits the same `delay`'],
    },
    {
      title: 'v1 with auto reconnect and no maxAttempts (the default, false) reconnects for ever',
      code: v1('{ auto: true, delay: 5000 }'),
      findings: [[2, 'unbounded-retry']],
      messages: ['web3.js reconnects without limit unless `maxAttempts` is a number above 0'],
    },
    {
      title: 'v1 with maxAttempts: Infinity written out never stops',
      code: v1('{ auto: true, delay: 5000, maxAttempts: Infinity, onTimeout: false }'),
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'v1 without auto (the default) does not reconnect: silent',
      code: v1('{ delay: 5000, maxAttempts: 5 }'),
      findings: [],
    },
    {
      title: 'v1 options kept in a constant are read',
      code: `const WS_OPTIONS = { reconnect: { auto: true, delay: 2500, maxAttempts: 10 } };
export const provider = new Web3.providers.WebsocketProvider(url, WS_OPTIONS);`,
      // At the options that turn reconnecting on.
      findings: [[1, 'retry-without-jitter']],
    },
    {
      title: "v1 as web3-providers-ws' default export, under any local name",
      code: `import Web3WsProvider from 'web3-providers-ws';
export const provider = new (Web3WsProvider as any)(url, { reconnect: { auto: true, delay: 5000, maxAttempts: 200, onTimeout: true } });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'v1 with a delay out of sight says nothing of jitter',
      code: v1('{ auto: true, delay: config.reconnectDelay, maxAttempts: 5 }'),
      findings: [],
    },
    {
      title: 'v4 with written reconnect options: capped, the fixed delay has no jitter',
      code: `import { WebSocketProvider } from 'web3';
export const provider = new WebSocketProvider('wss://rpc.example.com', {}, { autoReconnect: true, delay: 1000, maxAttempts: 10 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'v4 with reconnecting turned off is silent',
      code: `import { WebSocketProvider } from 'web3';
export const provider = new WebSocketProvider('wss://rpc.example.com', {}, { autoReconnect: false, delay: 1000, maxAttempts: 10 });`,
      findings: [],
    },
    {
      title: "v4 defaults alone, and ethers' WebSocketProvider (which does not reconnect), stay silent",
      code: `import { ethers } from 'ethers';
import { WebSocketProvider } from 'web3';
export const a = new WebSocketProvider('wss://rpc.example.com');
export const b = new ethers.providers.WebSocketProvider('wss://rpc.example.com');`,
      findings: [],
    },
  ]);
});
