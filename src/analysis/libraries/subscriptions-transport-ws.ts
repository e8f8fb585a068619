// subscriptions-transport-ws (Apollo's older GraphQL subscription transport) and its fork graphql-subscriptions-client:
// `new SubscriptionClient(url, { reconnect: true, reconnectionAttempts })`, also made by Apollo's `WebSocketLink`
// from `{ uri, options }`. It reconnects only with `reconnect: true`, then without limit unless `reconnectionAttempts`
// is set (its default is Infinity); the waits come from backo2 with `jitter: 0.5`, randomised.
import ts from 'typescript';
import { calleeName } from '../ast';
import type { Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, isFromLibrary, isTrue, libraryConstruct, option, optionsAt, resolveObject, type Options, type Site } from './option-reading';

const CLIENT = 'SubscriptionClient';
/** Apollo's link, which makes a SubscriptionClient from `{ uri, options }` (or takes one made already). */
const LINK = 'WebSocketLink';

export const subscriptionsTransportWs: LibrarySpec = {
  id: 'subscriptions-transport-ws',
  docs: 'https://github.com/apollographql/subscriptions-transport-ws/blob/master/src/client.ts (reconnect false, reconnectionAttempts Infinity, backo2 with jitter 0.5); graphql-subscriptions-client keeps the same',
  modules: ['subscriptions-transport-ws', 'graphql-subscriptions-client', '@apollo/client/link/ws', 'apollo-link-ws'],
  entries: [CLIENT, LINK],
  names: [CLIENT, LINK],
  options: { attempts: 'reconnectionAttempts' },
  defaults: { retries: 'unlimited', delay: 'backo2: 100 ms doubling to 10 s, ±50% at random', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = ts.isNewExpression(site) ? calleeName(site) : undefined;
    if ((name !== CLIENT && name !== LINK) || !isFromLibrary(site, index, subscriptionsTransportWs)) return false;
    const options = name === CLIENT ? optionsAt(site, 1, index) : linkOptions(site, index);
    // Reconnecting is off unless `reconnect: true` is written; options out of sight say nothing.
    if (options === 'opaque' || options === 'absent' || !isTrue(option(options, 'reconnect'))) return true;
    facts.constructs.push(libraryConstruct(site, 'library', `\`new ${name}(…)\``, index, reconnectBound(options), { kind: 'jittered' }, []));
    return true;
  },
};

/** `new WebSocketLink({ uri, options: { reconnect: true } })`: the client's options, one level down. */
function linkOptions(site: Site, index: SourceIndex): Options {
  const parameters = optionsAt(site, 0, index);
  if (parameters === 'opaque' || parameters === 'absent') return parameters;
  const inner = option(parameters, 'options');
  if (!inner) return 'absent';
  return resolveObject(inner, index) ?? 'opaque';
}

function reconnectBound(options: Exclude<Options, 'opaque' | 'absent'>): Bound {
  const bound = countBound(options, 'reconnectionAttempts', 'unlimited');
  if (bound.capped !== false || option(options, 'reconnectionAttempts') !== undefined) return bound;
  return { capped: false, reason: 'infinite-option', detail: '`reconnect: true` reconnects without limit unless `reconnectionAttempts` is set' };
}
