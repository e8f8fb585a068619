// @stomp/stompjs: `new Client({ brokerURL, reconnectDelay, reconnectTimeMode, … })`, then `client.activate()`.
// While the client is active it reconnects after every lost connection, with no limit on attempts, waiting
// `reconnectDelay` (5000 ms by default; 0 turns reconnecting off): the same each time in the default LINEAR
// mode, doubling up to `maxReconnectDelay` (15 min) in EXPONENTIAL mode; never randomised. Decision, as for
// MQTT.js: the default is reported (unbounded, no jitter). A client whose options are out of sight is left
// alone, and so is one that a close or error handler deactivates (the app stops it itself).
import ts from 'typescript';
import { calleeName, enclosingFunction, findProperty, functionName, numericValue } from '../ast';
import type { Backoff } from '../retry-model';
import { callsNamed, type SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt } from './option-reading';
import { nodeText } from '../run-context';

const RECONNECT_DELAY = 'reconnectDelay';
const TIME_MODE = 'reconnectTimeMode';
const DEFAULT_DELAY_MS = 5000;
/** The handlers in which a `deactivate()` means the app gives up after a failure. */
const FAILURE_HANDLER = /onWebSocketClose|onWebSocketError|onStompError|onDisconnect/;

export const stompjs: LibrarySpec = {
  id: '@stomp/stompjs',
  docs: 'https://stomp-js.github.io/api-docs/latest/classes/Client.html (reconnectDelay 5000 ms, 0 disables; reconnectTimeMode LINEAR, EXPONENTIAL doubles to maxReconnectDelay 15 min; no limit on attempts)',
  modules: ['@stomp/stompjs'],
  entries: ['Client'],
  names: [RECONNECT_DELAY],
  options: { delay: RECONNECT_DELAY },
  defaults: { retries: 'unlimited', delay: '5000 ms, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'Client' || !isFromLibrary(site, index, stompjs)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque' || (options !== 'absent' && hasSpreadOptions(options))) return true;
    const delay = option(options, RECONNECT_DELAY) ?? assignedAfterwards(index, RECONNECT_DELAY);
    const delayMs = delay === undefined ? DEFAULT_DELAY_MS : numericValue(delay);
    if (delayMs === undefined || delayMs === 0 || deactivatedOnFailure(index)) return true;
    const exponential = /EXPONENTIAL/.test(nodeText(option(options, TIME_MODE) ?? assignedAfterwards(index, TIME_MODE) ?? site));
    const backoff: Backoff = { kind: 'library-default', detail: exponential
      ? `stompjs doubles \`${RECONNECT_DELAY}\` (${delayMs} ms) before each reconnect, without randomness`
      : `stompjs waits the same \`${RECONNECT_DELAY}\` (${delayMs} ms) before every reconnect` };
    const construct = libraryConstruct(site, 'library', 'stompjs `Client` reconnection', index,
      { capped: false, reason: 'infinite-option', detail: 'stompjs reconnects after every lost connection while the client is active, with no limit on attempts' }, backoff, []);
    const property = options === 'absent' ? undefined : findProperty(options, RECONNECT_DELAY);
    facts.constructs.push(property ? { ...construct, report: firstLineSpan(property, index.sourceFile) } : construct);
    return true;
  },
};

/** `client.reconnectDelay = 0` after the client is made: the value last assigned in the file. */
function assignedAfterwards(index: SourceIndex, name: string): ts.Expression | undefined {
  for (const [path, assignments] of index.assignments) {
    if (path.endsWith(`.${name}`)) return assignments[assignments.length - 1]!.right;
  }
  return undefined;
}

/** `onWebSocketClose: () => client.deactivate()`: the app stops reconnecting itself after a failure. */
function deactivatedOnFailure(index: SourceIndex): boolean {
  return callsNamed(index, 'deactivate').some((call) => {
    for (let fn = enclosingFunction(call); fn; fn = enclosingFunction(fn)) {
      if (FAILURE_HANDLER.test(functionName(fn) ?? '')) return true;
    }
    return false;
  });
}
