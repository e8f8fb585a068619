// nats.js: `connect({ servers, maxReconnectAttempts, reconnectTimeWait, reconnectJitter })` (the `nats` and
// `nats.ws` packages, and `NATS.connect(url, opts)` of the older node-nats). After a lost connection
// the client reconnects up to `maxReconnectAttempts` times per server (10 by default), waiting
// `reconnectTimeWait` (2000 ms) plus a random `reconnectJitter` (up to 100 ms, 1000 ms with TLS);
// `-1` reconnects forever and `reconnect: false` turns it off. Only a limit written out as forever is
// reported; options out of sight are left alone.
import ts from 'typescript';
import { calleeName, contains, numericValue } from '../ast';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { isFromLibrary, lastArgumentOptions, libraryConstruct, option } from './option-reading';

const MAX_RECONNECT_ATTEMPTS = 'maxReconnectAttempts';
const RECONNECT_JITTER = 'reconnectJitter';

export const nats: LibrarySpec = {
  id: 'nats',
  docs: 'https://github.com/nats-io/nats.js#connection-options (maxReconnectAttempts 10, -1 for forever; reconnectTimeWait 2000 ms; reconnectJitter 100 ms, 1000 ms with TLS)',
  modules: ['nats', 'nats.ws', '@nats-io/transport-node'],
  entries: ['default', 'connect'],
  names: [MAX_RECONNECT_ATTEMPTS],
  options: { attempts: MAX_RECONNECT_ATTEMPTS, delay: 'reconnectTimeWait', jitter: RECONNECT_JITTER },
  defaults: { retries: 10, delay: '2000 ms plus up to 100 ms at random', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (calleeName(site) !== 'connect' || !isFromLibrary(site, index, nats)) return false;
    const options = lastArgumentOptions(site, index);
    if (options === 'opaque' || options === 'absent') return true;
    const limitValue = option(options, MAX_RECONNECT_ATTEMPTS);
    const limit = numericValue(limitValue);
    const reconnect = option(options, 'reconnect');
    if ((limit !== -1 && limit !== Infinity) || (reconnect && reconnect.kind === ts.SyntaxKind.FalseKeyword)) return true;
    const noJitter = numericValue(option(options, RECONNECT_JITTER)) === 0;
    const construct = libraryConstruct(site, 'library', 'nats.js reconnection', index,
      { capped: false, reason: 'infinite-option', detail: `\`${MAX_RECONNECT_ATTEMPTS}: ${limit}\` reconnects forever` },
      noJitter ? { kind: 'library-default', detail: `\`${RECONNECT_JITTER}: 0\` takes the randomness out of its waits` } : { kind: 'jittered' }, []);
    // Options kept in an object of their own are fixed there: the finding points at the limit.
    facts.constructs.push(contains(site, limitValue!) ? construct : { ...construct, report: firstLineSpan(limitValue!.parent, index.sourceFile) });
    return true;
  },
};
