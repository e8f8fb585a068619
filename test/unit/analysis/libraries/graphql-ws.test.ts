// graphql-ws: five reconnects by default with a randomised backoff; `retryAttempts: Infinity` never stops;
// a `retryWait` of one's own is read for its jitter.
import { graphqlWs } from '../../../../src/analysis/libraries/graphql-ws';
import { runLibraryTable } from './library-table';

/** A client whose retryWait keeps the time it waits in a local first, set from `time`; `imports` come after graphql-ws's. */
function clientWaitingLocal(imports: string, time: string): string {
  return `import { createClient } from 'graphql-ws';${imports ? `\n${imports}` : ''}
export const client = createClient({
  url: 'wss://example.com/graphql',
  retryAttempts: 8,
  retryWait: async (retries) => {
    const pause = ${time};
    await new Promise((resolve) => setTimeout(resolve, pause));
  },
});`;
}

describe('libraries: graphql-ws', () => {
  runLibraryTable([graphqlWs], [
    {
      title: 'the defaults (5 attempts, randomised backoff) are silent',
      code: `import { createClient } from 'graphql-ws';
export const client = createClient({ url: 'wss://example.com/graphql' });`,
      findings: [],
    },
    {
      title: 'retryAttempts: Infinity with shouldRetry always true reconnects forever (the default wait is randomised)',
      code: `import { createClient } from 'graphql-ws';
export const client = createClient({ url: 'wss://example.com/graphql', shouldRetry: () => true, retryAttempts: Infinity });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`retryAttempts: Infinity`'],
    },
    {
      title: 'a retryWait of its own that grows without randomness takes the jitter away',
      code: `import { createClient } from 'graphql-ws';
export const client = createClient({
  url: 'wss://example.com/graphql',
  retryAttempts: 10,
  retryWait: async (retries) => {
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** retries, 20_000)));
  },
});`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a retryWait that adds randomness is silent',
      code: `import { createClient } from 'graphql-ws';
export const client = createClient({
  url: 'wss://example.com/graphql',
  retryWait: async (retries) => new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** retries)),
});`,
      findings: [],
    },
    {
      title: 'a retryWait that waits a time an imported helper works out (kept in a local first) is out of sight: silent',
      code: clientWaitingLocal("import { backoffFor } from '@app/shared/reconnect';", 'backoffFor(retries)'),
      findings: [],
    },
    {
      title: 'a retryWait that waits a fixed time kept in a local takes the jitter away',
      code: clientWaitingLocal('', '3000'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'retryAttempts: 0 turns reconnecting off',
      code: `import { createClient } from 'graphql-ws';
export const client = createClient({ url: 'wss://example.com/graphql', retryAttempts: 0, retryWait: async () => undefined });`,
      findings: [],
    },
    {
      // Its options still say it never stops (unlimited-attempt-options.ts), in words that do not name graphql-ws.
      title: "a createClient of the project's own is not graphql-ws's",
      code: `import { createClient } from './transport';
export const client = createClient({ url: 'redis://localhost', retryAttempts: Infinity });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['This `createClient` call is set to retry forever. In detail: `retryAttempts: Infinity` never stops'],
    },
  ]);
});
