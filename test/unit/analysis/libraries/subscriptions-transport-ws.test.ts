// subscriptions-transport-ws and graphql-subscriptions-client: reconnecting is off by default; `reconnect: true`
// reconnects without limit unless `reconnectionAttempts` is set (its default is Infinity), with randomised waits
// (backo2, jitter 0.5). Apollo's `WebSocketLink` makes such a client from `{ uri, options }`.
import { subscriptionsTransportWs } from '../../../../src/analysis/libraries/subscriptions-transport-ws';
import { runLibraryTable } from './library-table';

describe('libraries: subscriptions-transport-ws', () => {
  runLibraryTable([subscriptionsTransportWs], [
    {
      title: 'the defaults (no reconnecting) are silent',
      code: `import { SubscriptionClient } from 'subscriptions-transport-ws';
export const client = new SubscriptionClient('wss://example.com/graphql', { lazy: true });`,
      findings: [],
    },
    {
      title: 'reconnect: true with no reconnectionAttempts reconnects forever (its waits are randomised)',
      code: `import { SubscriptionClient } from 'graphql-subscriptions-client';
export const client = new SubscriptionClient('wss://example.com/graphql', { reconnect: true, lazy: true });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`reconnect: true` reconnects without limit unless `reconnectionAttempts` is set'],
    },
    {
      title: 'reconnectionAttempts caps it: silent',
      code: `import { SubscriptionClient } from 'subscriptions-transport-ws';
export const client = new SubscriptionClient('wss://example.com/graphql', { reconnect: true, reconnectionAttempts: 10 });`,
      findings: [],
    },
    {
      title: "Apollo's WebSocketLink with reconnect: true in its options reconnects forever",
      code: `import { WebSocketLink } from '@apollo/client/link/ws';
const wsOptions = { reconnect: true, connectionParams: { authToken: 'token' } };
export const link = new WebSocketLink({
  uri: 'wss://example.com/graphql',
  options: wsOptions,
});`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a WebSocketLink handed a client made elsewhere, or options out of sight, says nothing',
      code: `import { WebSocketLink } from 'apollo-link-ws';
export const link = new WebSocketLink(subscriptionClient);
export const other = (options) => new WebSocketLink({ uri: 'wss://example.com/graphql', options });`,
      findings: [],
    },
    {
      title: "a SubscriptionClient of the project's own is not this library's",
      code: `import { SubscriptionClient } from './subscriptions';
export const client = new SubscriptionClient('wss://example.com/graphql', { reconnect: true });`,
      findings: [],
    },
  ]);
});
