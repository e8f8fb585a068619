// MQTT.js: `mqtt.connect(url, { reconnectPeriod })`, `connectAsync(…)`. It reconnects after every lost
// connection, waiting `reconnectPeriod` (1000 ms by default, the same each time), and has no limit on
// attempts; `reconnectPeriod: 0` turns reconnecting off. Decision, as for socket.io-client: the default
// is reported (unbounded, fixed wait). A client whose options are out of sight is left alone, and so
// is one whose `offline`, `close` or `error` handler ends it (`client.end()`): the app stops it itself;
// where it also wrote a `reconnectPeriod`, that fixed wait is still reported (its waits lack jitter).
// Its browser bundle is loaded by a script tag as the global `mqtt`: a page script's `mqtt.connect(…)` that
// the file does not declare is MQTT.js where its options or URL are MQTT's.
import ts from 'typescript';
import { calleeName, numericValue, rootName, stringValue, unwrap } from '../ast';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { fallbackValue, hasSpreadOptions, isFromLibrary, lastArgumentOptions, libraryConstruct, option, singleValue, stoppedOnFailureEvent, type Site } from './option-reading';

const RECONNECT_PERIOD = 'reconnectPeriod';
const STOP_EVENT = /^(offline|close|error|reconnect)$/;
const ENDS = /\.end\(/;
const GLOBAL = 'mqtt';
/** Options only an MQTT client takes: they tell a page's global `mqtt` from another object of that name. */
const MQTT_OPTIONS = ['clientId', 'clean', 'keepalive', 'protocolVersion', 'connectTimeout', RECONNECT_PERIOD];
/** Broker URLs: `mqtt://`, `mqtts://`, or a WebSocket endpoint at `/mqtt`. */
const BROKER_URL = /^(mqtts?:\/\/|wss?:\/\/[^\s]*\/mqtt$)/;

export const mqtt: LibrarySpec = {
  id: 'mqtt',
  title: 'MQTT.js',
  docs: 'https://github.com/mqttjs/MQTT.js#client (reconnectPeriod: 1000 ms between reconnections, 0 disables; no limit on attempts)',
  modules: ['mqtt'],
  entries: ['default', 'connect', 'connectAsync'],
  names: [RECONNECT_PERIOD, GLOBAL],
  options: { delay: RECONNECT_PERIOD },
  defaults: { retries: 'unlimited', delay: '1000 ms, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    if ((name !== 'connect' && name !== 'connectAsync') || !(isFromLibrary(site, index, mqtt) || isPageGlobal(site, index))) return false;
    const options = lastArgumentOptions(site, index);
    if (options === 'opaque') return true;
    const period = option(options, RECONNECT_PERIOD);
    if (numericValue(period) === 0 || (period === undefined && hasSpreadOptions(options))) return true;
    const periodMs = period === undefined ? 1000 : numericValue(period) ?? nonZeroFallback(period, index);
    if (periodMs === undefined) return true;
    // The app ends the client itself on a failure event: that stops it (a cap of its own, read no further). The waits
    // it chose (`reconnectPeriod` written) are still the same each time; the default's are left to the library.
    const stopped = stoppedOnFailureEvent(index, STOP_EVENT, ENDS);
    if (stopped && period === undefined) return true;
    facts.constructs.push(libraryConstruct(site, 'library', 'MQTT.js reconnection', index,
      stopped ? { capped: 'unknown' } : { capped: false, reason: 'infinite-option', detail: 'MQTT.js reconnects after every lost connection, with no limit on attempts' },
      { kind: 'library-default', detail: `MQTT.js waits the same \`${RECONNECT_PERIOD}\` (${period && numericValue(period) === undefined ? `${periodMs} ms unless configured` : `${periodMs} ms`}) before every reconnect` }, []));
    return true;
  },
};

/**
 * `reconnectPeriod: config.reconnectInterval || 2000`: a setting out of sight that can never be 0 (`||` takes the
 * fallback for it), so the client reconnects, waiting the same period each time, whatever the setting says.
 */
function nonZeroFallback(period: ts.Expression, index: SourceIndex): number | undefined {
  const value = unwrap(period);
  if (!ts.isBinaryExpression(value) || value.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return undefined;
  const fallback = fallbackValue(value.right, index);
  return fallback !== undefined && fallback > 0 ? fallback : undefined;
}

/** `mqtt.connect(url, { clientId, clean })` in a page script: the global the browser bundle defines, not a name of the file's own. */
function isPageGlobal(site: Site, index: SourceIndex): boolean {
  if (rootName(site.expression) !== GLOBAL || index.declarations.has(GLOBAL) || index.functions.has(GLOBAL) || index.imports.has(GLOBAL)) return false;
  const options = lastArgumentOptions(site, index);
  if (options !== 'absent' && options !== 'opaque' && MQTT_OPTIONS.some((key) => option(options, key) !== undefined)) return true;
  const url = site.arguments?.[0] ? singleValue(site.arguments[0], index) : undefined;
  return BROKER_URL.test(stringValue(url) ?? '');
}
