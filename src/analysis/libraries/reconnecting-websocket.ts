// reconnecting-websocket: `new ReconnectingWebSocket(url, protocols, { maxRetries, minReconnectionDelay, … })`.
// It reconnects without limit by default; its default first delay is randomised (1 s plus up to 4 s),
// so a fixed `minReconnectionDelay` takes the jitter away. The older joewalnes build
// (`maxReconnectAttempts`, `reconnectInterval`, `reconnectDecay`) never randomises; it is also the one a page
// loads with a script tag, so a global `ReconnectingWebSocket` is read as it.
import ts from 'typescript';
import { calleeName, numericValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, isFromLibrary, libraryConstruct, moduleOf, option, optionsAt, type Options } from './option-reading';

const LEGACY_OPTIONS = ['maxReconnectAttempts', 'reconnectInterval', 'maxReconnectInterval', 'reconnectDecay', 'automaticOpen', 'timeoutInterval'];
/** The npm name of the joewalnes build. */
const LEGACY_MODULE = 'reconnectingwebsocket';

export const reconnectingWebSocket: LibrarySpec = {
  id: 'reconnecting-websocket',
  docs: 'https://github.com/pladaria/reconnecting-websocket#available-options (maxRetries Infinity, minReconnectionDelay 1000 + Math.random() * 4000)',
  modules: ['reconnecting-websocket', 'partysocket', 'partysocket/ws', LEGACY_MODULE],
  entries: ['default', 'ReconnectingWebSocket'],
  names: ['ReconnectingWebSocket'],
  options: { attempts: 'maxRetries', delay: 'minReconnectionDelay' },
  defaults: { retries: 'unlimited', delay: '1 to 5 s, growing 1.3× to 10 s', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'ReconnectingWebSocket') return false;
    if (!isFromLibrary(site, index, reconnectingWebSocket) && index.functions.has('ReconnectingWebSocket')) return false;
    const options = optionsAt(site, 2, index);
    if (options === 'opaque') return true;
    // A global one, from a page's script tag, is the joewalnes script: the npm package is imported.
    const legacy = moduleOf(index, calleeName(site)!) === LEGACY_MODULE || !isFromLibrary(site, index, reconnectingWebSocket)
      || LEGACY_OPTIONS.some((name) => option(options, name) !== undefined);
    const attempts = legacy ? 'maxReconnectAttempts' : 'maxRetries';
    facts.constructs.push(libraryConstruct(site, 'library', '`new ReconnectingWebSocket(…)`', index, reconnectBound(options, attempts), legacy ? legacyBackoff() : delayBackoff(options), []));
    return true;
  },
};

function reconnectBound(options: Exclude<Options, 'opaque'>, attempts: string): Bound {
  const value = option(options, attempts);
  // The legacy build reads `null` as "no limit".
  if (value && value.kind === ts.SyntaxKind.NullKeyword) return { capped: false, reason: 'infinite-option', detail: `\`${attempts}: null\`` };
  const bound = countBound(options, attempts, 'unlimited');
  if (bound.capped !== false || value !== undefined) return bound;
  return { capped: false, reason: 'infinite-option', detail: `reconnecting-websocket reconnects without limit unless \`${attempts}\` is set` };
}

function delayBackoff(options: Exclude<Options, 'opaque'>): Backoff {
  const minimum = option(options, 'minReconnectionDelay');
  if (minimum === undefined) return hasSpreadOptions(options) ? { kind: 'unknown' } : { kind: 'jittered' };
  if (numericValue(minimum) === undefined) return { kind: 'unknown' };
  return { kind: 'library-default', detail: 'a fixed `minReconnectionDelay` replaces reconnecting-websocket\'s random first delay' };
}

function legacyBackoff(): Backoff {
  return { kind: 'library-default', detail: 'this reconnecting-websocket build grows `reconnectInterval` by `reconnectDecay` without randomness' };
}
