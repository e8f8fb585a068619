// The exchange SDKs from siebly.io (bybit-api, binance, okx-api, bitget-api, gateio-api, coinbase-api, bitmart-api):
// `new WebsocketClient({ key, secret, reconnectTimeout })`. They share one BaseWebsocketClient, which after every
// close the app did not ask for (and after a failed connect) reconnects with `reconnectWithDelay(reconnectTimeout)`:
// 500 ms by default, the same each time, and nothing counts the attempts (no option caps them).
// Decision, as for MQTT.js: the client left to reconnect is reported (unbounded, fixed wait), unless the file stops
// it on a failure event (`ws.on('reconnect', () => ws.closeAll())`); a `reconnectTimeout` out of sight or randomised
// is left alone for its jitter.
import ts from 'typescript';
import { calleeName } from '../ast';
import { namesRandomness } from '../delays';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt, stoppedOnFailureEvent, type Options } from './option-reading';

const RECONNECT_TIMEOUT = 'reconnectTimeout';
const DEFAULT_RECONNECT_TIMEOUT_MS = 500;
/** The events on which an app may give up the connection, and the calls that close it for good. */
const STOP_EVENT = /^(reconnect|reconnected|close|exception|error)$/;
const CLOSES = /\.(closeAll|close|terminate)\(/;
/** The clients built on BaseWebsocketClient: the stream client (in versions), and the WebSocket API client that wraps one. */
const CLIENT_CLASSES = /^WebsocketClient(?:V\d+|Legacy)?$|^WebsocketAPIClient$/;

export const sieblyExchangeWebsockets: LibrarySpec = {
  id: 'siebly-exchange-sdks',
  title: 'the siebly.io exchange SDKs\' `WebsocketClient`',
  docs: 'https://github.com/tiagosiebler/bybit-api/blob/master/src/util/BaseWSClient.ts (options default reconnectTimeout: 500; onWsClose calls reconnectWithDelay(reconnectTimeout) on every close not asked for, with no attempt count; the same BaseWSClient in binance, okx-api, bitget-api, gateio-api, coinbase-api and bitmart-api)',
  modules: ['bybit-api', 'binance', 'okx-api', 'bitget-api', 'gateio-api', 'coinbase-api', 'bitmart-api'],
  entries: ['WebsocketClient', 'WebsocketClientV2', 'WebsocketClientV3', 'WebsocketClientLegacy', 'WebsocketAPIClient'],
  names: [],
  options: { delay: RECONNECT_TIMEOUT },
  defaults: { retries: 'unlimited', delay: `${DEFAULT_RECONNECT_TIMEOUT_MS} ms, the same each time`, jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || !CLIENT_CLASSES.test(calleeName(site) ?? '') || !isFromLibrary(site, index, sieblyExchangeWebsockets)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque') return true;
    const stopped = stoppedOnFailureEvent(index, STOP_EVENT, CLOSES);
    const bound: Bound = stopped ? { capped: 'unknown' }
      : { capped: false, reason: 'infinite-option', detail: 'the client reconnects after every lost connection, and nothing counts the attempts' };
    facts.constructs.push(libraryConstruct(site, 'library', `\`new ${calleeName(site)}(…)\` reconnection`, index, bound, reconnectBackoff(options), []));
    return true;
  },
};

/** The one `reconnectTimeout`, default or written, waited before every reconnect: the same for every client unless randomised. */
function reconnectBackoff(options: Exclude<Options, 'opaque'>): Backoff {
  const timeout = option(options, RECONNECT_TIMEOUT);
  if (timeout === undefined && hasSpreadOptions(options)) return { kind: 'unknown' };
  if (timeout !== undefined && namesRandomness(timeout)) return { kind: 'jittered' };
  const wait = timeout === undefined ? `${DEFAULT_RECONNECT_TIMEOUT_MS} ms` : `\`${nodeText(timeout)}\``;
  return { kind: 'library-default', detail: `the client waits the same \`${RECONNECT_TIMEOUT}\` (${wait}) before every reconnect` };
}
