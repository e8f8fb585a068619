// @stomp/stompjs: `new Client({ brokerURL, reconnectDelay, reconnectTimeMode, … })`, then `client.activate()`.
// While the client is active it reconnects after every lost connection, with no limit on attempts, waiting
// `reconnectDelay` (5000 ms by default; 0 turns reconnecting off): the same each time in the default LINEAR
// mode, doubling up to `maxReconnectDelay` (15 min) in EXPONENTIAL mode; never randomised. Decision, as for
// MQTT.js: the default is reported (unbounded, no jitter). A client whose options are out of sight is left
// alone, and so is one that a close or error handler deactivates (the app stops it itself). RxStomp (and the
// Angular ng2-stompjs wrapper) hands its config to such a Client: a config object declared with its type
// (`const config: RxStompConfig = { reconnectDelay: 200 }`, as their guides write it) is read the same way.
import ts from 'typescript';
import { calleeName, calleeObject, enclosingFunction, findProperty, functionName, namePath, numericValue, statementInList, unwrap, walkTree } from '../ast';
import type { Backoff, Bound, RetryConstruct } from '../retry-model';
import { callsNamed, type SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { hasSpreadOptions, isFromLibrary, libraryConstruct, moduleOf, option, optionsAt } from './option-reading';
import { nodeText } from '../run-context';

const RECONNECT_DELAY = 'reconnectDelay';
const TIME_MODE = 'reconnectTimeMode';
const DEFAULT_DELAY_MS = 5000;
/** The handlers in which a `deactivate()` means the app gives up after a failure. */
const FAILURE_HANDLER = /onWebSocketClose|onWebSocketError|onStompError|onDisconnect/;

export const stompjs: LibrarySpec = {
  id: '@stomp/stompjs',
  docs: 'https://stomp-js.github.io/api-docs/latest/classes/Client.html (reconnectDelay 5000 ms, 0 disables; reconnectTimeMode LINEAR, EXPONENTIAL doubles to maxReconnectDelay 15 min; no limit on attempts)',
  modules: ['@stomp/stompjs', '@stomp/rx-stomp', '@stomp/ng2-stompjs'],
  entries: ['Client'],
  names: [RECONNECT_DELAY],
  options: { delay: RECONNECT_DELAY },
  defaults: { retries: 'unlimited', delay: '5000 ms, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'Client' || !isFromLibrary(site, index, stompjs)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque') return true;
    const construct = reconnection(options, index, (bound, backoff) => libraryConstruct(site, 'library', 'stompjs `Client` reconnection', index, bound, backoff, []));
    if (construct) facts.constructs.push(construct);
    return true;
  },
  recogniseFile({ index, facts }) {
    for (const { holder, options } of typedConfigs(index)) {
      const construct = reconnection(options, index, (bound, backoff) => ({
        kind: 'library', label: `\`${nodeText(holder.type!)}\` reconnection`, report: firstLineSpan(holder, index.sourceFile), scopes: [],
        rerunsScope: true, anchor: statementInList(holder), bound, backoff,
      }));
      if (construct) facts.constructs.push(construct);
    }
    const compat = compatReconnection(index);
    if (compat) facts.constructs.push(compat);
  },
};

/** The compatibility client's name for the delay (stompjs 2's), a setter of `reconnectDelay`. */
const COMPAT_DELAY = 'reconnect_delay';

/**
 * `const client = Stomp.over(() => new SockJS(url))`, then `client.reconnect_delay = 1000`: the compatibility client
 * starts with reconnecting off (its delay 0) and reconnects, like Client, once a delay is assigned. Reported at that
 * assignment.
 */
function compatReconnection(index: SourceIndex): RetryConstruct | undefined {
  if (!stompjs.modules.includes(moduleOf(index, 'Stomp') ?? '')) return undefined;
  const made = callsNamed(index, 'over').concat(callsNamed(index, 'client')).some((call) => calleeObject(call) && namePath(calleeObject(call)!) === 'Stomp');
  const assignment = made ? lastAssignment(index, COMPAT_DELAY) ?? lastAssignment(index, RECONNECT_DELAY) : undefined;
  if (!assignment) return undefined;
  return reconnection('absent', index, (bound, backoff) => ({
    kind: 'library', label: 'stompjs `Stomp.over` client reconnection', report: firstLineSpan(assignment, index.sourceFile), scopes: [],
    rerunsScope: true, anchor: statementInList(assignment), bound, backoff,
  }), assignment.right);
}

/** The last assignment in the file of a property of that name (`client.reconnect_delay = 1000`). */
function lastAssignment(index: SourceIndex, name: string): ts.BinaryExpression | undefined {
  for (const [path, assignments] of index.assignments) {
    if (path.endsWith(`.${name}`)) return assignments[assignments.length - 1];
  }
  return undefined;
}

/** The config types whose object a Client is made with: stompjs's own, RxStomp's, and the Angular wrapper's. */
const CONFIG_TYPES = new Set(['StompConfig', 'RxStompConfig', 'InjectableRxStompConfig']);

type ConfigHolder = ts.VariableDeclaration | ts.PropertyDeclaration;

/**
 * `const config: RxStompConfig = { … }`, or a class field so declared, with the type imported from the library: the
 * object literals. Only a file that imports such a type is walked for them.
 */
function typedConfigs(index: SourceIndex): { holder: ConfigHolder; options: ts.ObjectLiteralExpression }[] {
  if (![...CONFIG_TYPES].some((type) => stompjs.modules.includes(moduleOf(index, type) ?? ''))) return [];
  const found: { holder: ConfigHolder; options: ts.ObjectLiteralExpression }[] = [];
  walkTree(index.sourceFile, undefined, (node) => {
    if (!ts.isVariableDeclaration(node) && !ts.isPropertyDeclaration(node)) return;
    const typeName = node.type && ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) ? node.type.typeName.text : undefined;
    const value = node.initializer && unwrap(node.initializer);
    if (typeName && CONFIG_TYPES.has(typeName) && stompjs.modules.includes(moduleOf(index, typeName) ?? '') && value && ts.isObjectLiteralExpression(value)) {
      found.push({ holder: node, options: value });
    }
  });
  return found;
}

/**
 * How a client made with these options reconnects (undefined when it does not, or when that is out of sight: a
 * spread, a delay not written as a number, a failure handler that deactivates it), reported at `reconnectDelay`
 * where it is written. `make` builds the construct where the options were found.
 */
function reconnection(options: ts.ObjectLiteralExpression | 'absent', index: SourceIndex, make: (bound: Bound, backoff: Backoff) => RetryConstruct, assigned?: ts.Expression): RetryConstruct | undefined {
  if (options !== 'absent' && hasSpreadOptions(options)) return undefined;
  const delay = assigned ?? option(options, RECONNECT_DELAY) ?? assignedAfterwards(index, RECONNECT_DELAY);
  const delayMs = delay === undefined ? DEFAULT_DELAY_MS : numericValue(delay);
  if (delayMs === undefined || delayMs === 0 || deactivatedOnFailure(index)) return undefined;
  const mode = option(options, TIME_MODE) ?? assignedAfterwards(index, TIME_MODE);
  const exponential = mode !== undefined && /EXPONENTIAL/.test(nodeText(mode));
  const backoff: Backoff = { kind: 'library-default', detail: exponential
    ? `stompjs doubles \`${RECONNECT_DELAY}\` (${delayMs} ms) before each reconnect, without randomness`
    : `stompjs waits the same \`${RECONNECT_DELAY}\` (${delayMs} ms) before every reconnect` };
  const construct = make({ capped: false, reason: 'infinite-option', detail: 'stompjs reconnects after every lost connection while the client is active, with no limit on attempts' }, backoff);
  const property = options === 'absent' ? undefined : findProperty(options, RECONNECT_DELAY);
  return property ? { ...construct, report: firstLineSpan(property, index.sourceFile) } : construct;
}

/** `client.reconnectDelay = 0` after the client is made: the value last assigned in the file. */
function assignedAfterwards(index: SourceIndex, name: string): ts.Expression | undefined {
  return lastAssignment(index, name)?.right;
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
