// react-use-websocket: `useWebSocket(url, { shouldReconnect, retryOnError, reconnectAttempts, reconnectInterval })`
// (also `useEventSource`, `useSocketIO`). It reconnects after a close only when `shouldReconnect` says so, and after an
// error only with `retryOnError: true`; then it tries `reconnectAttempts` times (20 by default, counted again from each
// open), waiting `reconnectInterval` (5 s by default, or what a function of the attempt returns): never randomised.
// Decision: a hook that reconnects is judged by those options (a fixed or growing wait lacks jitter; `Infinity`
// attempts never stop); one that never reconnects, or whose options are out of sight, says nothing.
import ts from 'typescript';
import { calleeName, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, delayBackoff, isFalse, isImportedEntry, isTrue, libraryConstruct, option, optionsAt } from './option-reading';

const SHOULD_RECONNECT = 'shouldReconnect';
const RETRY_ON_ERROR = 'retryOnError';
const ATTEMPTS = 'reconnectAttempts';
const INTERVAL = 'reconnectInterval';
const DEFAULT_ATTEMPTS = 20;

export const reactUseWebsocket: LibrarySpec = {
  id: 'react-use-websocket',
  docs: 'https://github.com/robtaussig/react-use-websocket#reconnecting (shouldReconnect, retryOnError; DEFAULT_RECONNECT_LIMIT 20, DEFAULT_RECONNECT_INTERVAL_MS 5000; reconnectInterval may be a function of the attempt)',
  modules: ['react-use-websocket'],
  entries: ['default', 'useWebSocket', 'useEventSource', 'useSocketIO'],
  names: [],
  options: { attempts: ATTEMPTS, delay: INTERVAL },
  defaults: { retries: DEFAULT_ATTEMPTS, delay: '5 s, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    if (!ts.isCallExpression(site) || !name || !isImportedEntry(index, name, reactUseWebsocket)) return false;
    const options = optionsAt(site, 1, index);
    if (options === 'opaque' || options === 'absent' || !reconnects(options)) return true;
    const bound = countBound(options, ATTEMPTS, DEFAULT_ATTEMPTS);
    facts.constructs.push(libraryConstruct(site, 'library', `\`${name}(…)\` reconnection`, index, bound, intervalBackoff(option(options, INTERVAL), index), []));
    return true;
  },
};

/** Whether the hook reconnects at all: a `shouldReconnect` that may say yes, or `retryOnError: true`. */
function reconnects(options: ts.ObjectLiteralExpression): boolean {
  const should = option(options, SHOULD_RECONNECT);
  const inner = should ? unwrap(should) : undefined;
  const saysNo = inner !== undefined && ((ts.isArrowFunction(inner) && !ts.isBlock(inner.body) && isFalse(inner.body)) || isFalse(inner));
  if (should !== undefined && !saysNo) return true;
  if (isTrue(option(options, RETRY_ON_ERROR))) return true;
  return false;
}

function intervalBackoff(interval: ts.Expression | undefined, index: Parameters<typeof delayBackoff>[1]): Backoff {
  if (interval === undefined) return { kind: 'library-default', detail: 'react-use-websocket waits the same 5 s before every reconnect' };
  return delayBackoff(interval, index);
}
