// sturdy-websocket: `new SturdyWebSocket(url, protocols?, { maxReconnectAttempts, minReconnectDelay, … })`.
// It reconnects without limit by default (`maxReconnectAttempts: Number.POSITIVE_INFINITY`), the first time at
// once, then after `max(minReconnectDelay, previous × reconnectBackoffFactor)` capped at `maxReconnectDelay`
// (1 s, growing 1.5× to 30 s): never randomised. A `shouldReconnect` function may stop it, out of sight.
import ts from 'typescript';
import { calleeName } from '../ast';
import type { Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt, type Options } from './option-reading';

export const sturdyWebSocket: LibrarySpec = {
  id: 'sturdy-websocket',
  docs: 'https://github.com/dphilipson/sturdy-websocket#options (DEFAULT_OPTIONS: maxReconnectAttempts Number.POSITIVE_INFINITY, minReconnectDelay 1000, maxReconnectDelay 30000, reconnectBackoffFactor 1.5; reestablishConnection has no randomness)',
  modules: ['sturdy-websocket'],
  entries: ['default', 'SturdyWebSocket'],
  names: ['SturdyWebSocket'],
  options: { attempts: 'maxReconnectAttempts', delay: 'minReconnectDelay' },
  defaults: { retries: 'unlimited', delay: 'at once, then 1 s growing 1.5× to 30 s', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'SturdyWebSocket') return false;
    if (!isFromLibrary(site, index, sturdyWebSocket)) return false;
    // The options are the last argument: `(url, options)` or `(url, protocols, options)`.
    const position = site.arguments && site.arguments.length >= 3 ? 2 : 1;
    const options = optionsAt(site, position, index);
    if (options === 'opaque') return true;
    const backoff = hasSpreadOptions(options) ? { kind: 'unknown' as const }
      : { kind: 'library-default' as const, detail: 'sturdy-websocket grows its reconnect delay 1.5× without randomness' };
    facts.constructs.push(libraryConstruct(site, 'library', '`new SturdyWebSocket(…)`', index, reconnectBound(options), backoff, []));
    return true;
  },
};

function reconnectBound(options: Exclude<Options, 'opaque'>): Bound {
  // A `shouldReconnect` function decides when to stop, by what it reads: out of sight.
  if (option(options, 'shouldReconnect') !== undefined) return { capped: 'unknown' };
  const bound = countBound(options, 'maxReconnectAttempts', 'unlimited');
  if (bound.capped !== false || option(options, 'maxReconnectAttempts') !== undefined) return bound;
  return { capped: false, reason: 'infinite-option', detail: 'sturdy-websocket reconnects without limit unless `maxReconnectAttempts` is set' };
}
