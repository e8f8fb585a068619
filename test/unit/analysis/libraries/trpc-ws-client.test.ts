// tRPC's createWSClient reconnects after every close for as long as it lives (no option caps it), by default
// at once and then 2 s doubling to 30 s without randomness; a `retryDelayMs` of one's own is read for its jitter.
import { trpcWsClient } from '../../../../src/analysis/libraries/trpc-ws-client';
import { runLibraryTable } from './library-table';

describe('libraries: tRPC createWSClient', () => {
  runLibraryTable([trpcWsClient], [
    {
      title: 'the default delay doubles without jitter; the endless reconnect has no option to cap it, so no cap finding',
      code: `import { createWSClient, wsLink } from '@trpc/client';
export const wsClient = createWSClient({ url: 'wss://api.example.com/trpc' });
export const link = wsLink({ client: wsClient });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['doubles from 2 s to 30 s without jitter'],
    },
    {
      title: 'a retryDelayMs of its own that grows without randomness has no jitter',
      code: `import { createWSClient } from '@trpc/client';
export const wsClient = createWSClient({
  retryDelayMs: (attemptCount) => attemptCount * attemptCount * 10,
  url: 'wss://api.example.com/trpc',
});`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a retryDelayMs method that adds randomness is silent',
      code: `import { createWSClient } from '@trpc/client';
export const wsClient = createWSClient({
  url: 'wss://api.example.com/trpc',
  retryDelayMs(attemptIndex) {
    return Math.random() * Math.min(1000 * 2 ** attemptIndex, 30_000);
  },
});`,
      findings: [],
    },
    {
      title: 'createWSClient imported under another name is still tRPC\'s',
      code: `import { createWSClient as openSocket } from '@trpc/client';
export const wsClient = openSocket({ url: 'wss://api.example.com/trpc', retryDelayMs: () => 3000 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'createWSClient called on the module imported whole is still tRPC\'s',
      code: `import * as trpc from '@trpc/client';
export const wsClient = trpc.createWSClient({ url: 'wss://api.example.com/trpc', retryDelayMs: (n) => 1000 * n });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a createWSClient method of another object is not tRPC\'s',
      code: `import { createWSClient } from '@trpc/client';
export const wsClient = transport.createWSClient({ url: 'wss://api.example.com/trpc', retryDelayMs: () => 3000 });`,
      findings: [],
    },
    {
      title: 'options out of sight (a spread, or handed in) may set the delay: silent',
      code: `import { createWSClient } from '@trpc/client';
import { socketDefaults } from './config';
export const wsClient = createWSClient({ ...socketDefaults, url: 'wss://api.example.com/trpc' });
export const make = (options) => createWSClient(options);`,
      findings: [],
    },
    {
      title: "a createWSClient of the project's own is not tRPC's",
      code: `import { createWSClient } from './transport';
export const wsClient = createWSClient({ url: 'wss://api.example.com/trpc', retryDelayMs: () => 3000 });`,
      findings: [],
    },
  ]);
});
