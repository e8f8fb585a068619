// amqp-connection-manager: `amqp.connect(urls, { heartbeatIntervalInSeconds, reconnectTimeInSeconds })` (also
// `new AmqpConnectionManager(urls, options)`). It reconnects after every failed connect and every lost connection,
// waiting `reconnectTimeInSeconds` (by default `heartbeatIntervalInSeconds`, 5 s) each time, and has no option that
// limits the attempts: it goes on until the app calls `close()`. Decision, as for MQTT.js: the default is reported
// (unbounded, fixed wait); options out of sight say nothing, and neither does a manager the file closes on a failure
// event (`connection.on('connectFailed', () => connection.close())`): the app stops it itself.
import ts from 'typescript';
import { calleeName, numericValue } from '../ast';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt, stoppedOnFailureEvent } from './option-reading';

const RECONNECT_TIME = 'reconnectTimeInSeconds';
const HEARTBEAT = 'heartbeatIntervalInSeconds';
/** The library's default heartbeat, which the reconnect wait falls back to (AMQP_MANAGER_HEARTBEAT_IN_SECONDS). */
const DEFAULT_SECONDS = 5;
const STOP_EVENT = /^(disconnect|connectFailed)$/;
const CLOSES = /\.close\(/;

export const amqpConnectionManager: LibrarySpec = {
  id: 'amqp-connection-manager',
  docs: 'https://github.com/jwalton/node-amqp-connection-manager#readme (reconnectTimeInSeconds: the wait before each reconnect, defaults to heartbeatIntervalInSeconds, 5 s; no limit on attempts, it reconnects until close())',
  modules: ['amqp-connection-manager'],
  entries: ['default', 'connect', 'AmqpConnectionManager'],
  names: [RECONNECT_TIME],
  options: { delay: RECONNECT_TIME },
  defaults: { retries: 'unlimited', delay: '5 s (the heartbeat interval), the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    const created = ts.isNewExpression(site);
    if ((created ? name !== 'AmqpConnectionManager' : name !== 'connect') || !isFromLibrary(site, index, amqpConnectionManager)) return false;
    // The URLs come first, the options second.
    const options = optionsAt(site, 1, index);
    if (options === 'opaque') return true;
    const seconds = options === 'absent' ? DEFAULT_SECONDS : waitSeconds(options);
    if (seconds === undefined || stoppedOnFailureEvent(index, STOP_EVENT, CLOSES)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', 'amqp-connection-manager reconnection', index,
      { capped: false, reason: 'infinite-option', detail: 'amqp-connection-manager reconnects until it is closed, with no limit on attempts' },
      { kind: 'library-default', detail: `amqp-connection-manager waits the same ${seconds} s before every reconnect` }, []));
    return true;
  },
};

/** The wait the options give, in seconds, or undefined when it is out of sight (a spread, a value not a number). */
function waitSeconds(options: ts.ObjectLiteralExpression): number | undefined {
  const given = option(options, RECONNECT_TIME) ?? option(options, HEARTBEAT);
  if (given === undefined) return hasSpreadOptions(options) ? undefined : DEFAULT_SECONDS;
  return numericValue(given);
}
