// Reconnects that go round through more than one function: a connection's close or error handler
// calls a method that schedules the connect again (`connect` registers `onclose → _onclose →
// scheduleReconnect → setTimeout(() => this.connect())`), or a close handler registered outside the
// connect function calls it (`connection.onclose(() => start())`, where `start` starts `connection`), or
// a catch hands the failure to a method that puts the function off to later (`catch { this.scheduleReconnect() }`).
// A timer object (`new Timer(() => this.connect(), ms)`) or a debounced function (`debounce(() => open(), ms)`)
// on the way puts the connect off to later as a `setTimeout` does.
// Direct self-references are read by retry-recursion.ts; this follows the calls between named functions
// of the file, at most MAX_HOPS deep, from each failure handler to the function that connects again.
import ts from 'typescript';
import {
  calleeName, calleeObject, contains, enclosingFunction, functionName, type FunctionNode, isFunctionNode, namePath, ownName, propertyNameText, readOnce, referencesName, SKIP_CHILDREN, someDescendant, statementInList, statementsBefore, stringValue, unbound, unwrap, walkTree, withinNestingLimit,
} from './ast';
import { emptyComparisons, offLimitBound, withoutFirstAttemptTests } from './counters';
import { testsLossState } from './outcomes';
import { readsServerWaitHeader, waitedBefore, waitSite } from './delays';
import { backoffFromWaits, isScaledName } from './retry-loops';
import { resolveObject } from './retry-libraries';
import { budgetResetOnTheWay, callAround, onFailedBranch, scanFunction, type FunctionScan } from './retry-recursion';
import type { Backoff, Bound, RetryConstruct } from './retry-model';
import { callsNamed, pathFromThis, type SourceIndex } from './source-index';
import { firstLineSpan } from './spans';
import { nodeText } from './run-context';
import { switchedOffByDefault } from './infinite-limits';
import { ERROR_NAME, SCHEDULER_NAME, STATE_CHECK_CALL } from './vocabulary';

/** How many functions a handler may pass through before it connects again. */
const MAX_HOPS = 4;
/**
 * The words events (`close`, `socket_error`) and handler names (`onclose`, `onWebSocketClose`, Paho's `onFailure`
 * and `onConnectionLost`) report a lost connection with. The analysis and the pre-check's text below are both
 * made from these lists, so that the pre-check never passes by a handler the analysis reads.
 */
const LOSS_EVENT_WORDS = ['close', 'closed', 'error', 'disconnect', 'disconnected', 'end', 'timeout'];
const LOSS_HANDLER_WORDS = ['close', 'error', 'disconnect', 'disconnected', 'fail', 'failure', 'failed', 'lost'];
/**
 * Events of one part of a client, named in camel or Pascal case (discord.js's `shardDisconnect` and `shardError`,
 * obs-websocket-js's `ConnectionClosed`): the words a loss is told with, less `end` and `timeout`, which such names use
 * for work done (`queueEnd`, `requestTimeout`).
 */
const PART_LOSS_WORDS = ['Close', 'Closed', 'Error', 'Disconnect', 'Disconnected', 'Lost'];
/**
 * What comes before the word in such a name: `shard` in camel case, or in Pascal case a connection's own name,
 * `Connection`, `Socket` (case told apart: `TypeError`, `ModalClosed` are no losses of a connection).
 */
const PART_NAME = String.raw`(?:[a-z][a-zA-Z\d]{0,20}|(?:Connection|Socket|WebSocket|Stream|Session|Transport))`;
/** Methods that register a listener for an event named by their first argument. */
const LISTEN_METHODS = ['on', 'once', 'addListener', 'addEventListener'];
/** Events a connection reports its loss with: `close`, `socket_error`. */
const LOSS_EVENT = new RegExp(String.raw`^(\w{1,20}_)?(${LOSS_EVENT_WORDS.join('|')})$`, 'i');
/** Events a part of a client reports its loss with: `shardDisconnect`, `ConnectionClosed`. */
const PART_LOSS_EVENT = new RegExp(`^${PART_NAME}(?:${PART_LOSS_WORDS.join('|')})$`);

function isLossEvent(event: string): boolean {
  return LOSS_EVENT.test(event) || PART_LOSS_EVENT.test(event);
}

/** Events that report a change of state, whose handler may tell a loss by the state (`connection.update`, `stateChange`). */
const STATE_EVENT = /update|change|state|status/i;
/** Handler properties and registration methods named for a loss: `onclose`, `onClose`, `onWebSocketClose`, `onDisconnect`, Paho's `onFailure` and `onConnectionLost`. */
const LOSS_HANDLER_NAME = new RegExp(String.raw`^on\w{0,40}(${LOSS_HANDLER_WORDS.join('|')})$`, 'i');

/**
 * Text without which no loss handler can be registered, as lossHandlers() finds them: the pre-check
 * passes by files that lack it. A handler assigned or registered (`ws.onclose =`, `conn.onClose(`), one
 * given as an object property (`onWebSocketClose: (evt) => …`, `onclose: this.reconnect`, `onclose() {`),
 * an event name in quotes, or a `setInterval` (a watchdog). Type members (`onError?: (e: Error) => void`) do not match. Every repetition
 * is bounded, so the test stays linear on any input.
 */
// Handler names are short: `on` and at most 40 more characters before the event word.
const HANDLER = String.raw`on\w{0,40}?(?:${LOSS_HANDLER_WORDS.join('|')})\b`;
export const LOSS_HANDLER_TEXT = new RegExp([
  String.raw`\.${HANDLER}\s*(?:=(?!=)|\()`,
  String.raw`\b${HANDLER}\s*:\s*(?:async\b|function\b|this\.|[A-Za-z_$][\w$]*\s*(?:=>|[,}.\n])|\([^)]{0,200}\)\s*=>\s*(?!void\b|Promise\b|unknown\b|any\b|boolean\b|undefined\b|never\b))`,
  String.raw`\b${HANDLER}\s*\([^)]{0,200}\)\s*\{`,
  String.raw`['"\x60](?:\w{1,20}_)?(?:${LOSS_EVENT_WORDS.join('|')})['"\x60]`,
  // A watchdog interval (findWatchdogs).
  String.raw`\bsetInterval\b`,
].join('|'), 'i');

/**
 * A listener registered for a part's loss (`client.on('shardDisconnect', …)`), as PART_LOSS_EVENT reads one: apart
 * from LOSS_HANDLER_TEXT because it tells case (`'TypeError'` and `'server_error'` strings name no such event).
 */
export const PART_LOSS_HANDLER_TEXT = new RegExp(String.raw`\.(?:${LISTEN_METHODS.join('|')})\(\s{0,20}['"\x60]${PART_NAME}(?:${PART_LOSS_WORDS.join('|')})['"\x60]`);

interface Registration {
  handler: FunctionNode;
  /**
   * A failure path rather than a loss event: the catch block of `handler` (read instead of the whole
   * function), or a `.catch(cb)` callback. Such a way back counts only where it is put off to later
   * (`setTimeout(() => this.connect(), ms)`): a call made at once from a catch is left to the recursion reading.
   */
  failure?: { from?: ts.Node; branch?: true };
  /** The named function that registers the handler (the connect), if it sits in one. */
  registrar?: FunctionNode;
  /** The object the handler listens on: `ws`, `this.socket`, `connection`. */
  target?: string;
  /** Where the handler is registered (the call or the assignment). */
  at?: ts.Node;
}

interface Reading {
  index: SourceIndex;
  references: Map<FunctionNode, ts.Expression[]>;
  /** Per function, the objects it starts: `connection` for `connection.start()`. */
  starts: Map<FunctionNode, Set<string>>;
  scans: Map<FunctionNode, FunctionScan>;
  /** Per function, the timer objects it starts. */
  timers: Map<FunctionNode, ScheduledTimer[]>;
  /** The catch blocks read as ways back of their own (failurePaths): a walk from an outer catch passes them by. */
  failureBlocks: Set<ts.Node>;
  /** Per function, the events it emits on failure (failureEmits). */
  failureEmits: Map<FunctionNode, Set<string>>;
}

/** What puts a callback off to later: `new Timer(callback, ms)`, or `debounce(callback, ms)` (deferringWrapper). */
type Deferral = ts.NewExpression | ts.CallExpression;

interface ScheduledTimer {
  timer: ts.NewExpression;
  /** The call that starts it: `this.reconnectTimer.scheduleTimeout()`. */
  start: ts.CallExpression;
}

interface Cycle {
  registration: Registration;
  /** Timer objects and debounced functions passed through (`new Timer(() => this.connect(), delayFn)`): each waits between attempts. */
  timers: Deferral[];
  /** Where the way back is first put off to later (`setTimeout(() => this.connect(), ms)`, `this.reconnectTimer.scheduleTimeout()`): where a finding points. */
  scheduled?: ts.Node;
  /** The named functions passed through, the last one holding the reference that connects again. */
  path: FunctionNode[];
  reconnect: FunctionNode;
  ref: ts.Expression;
  /** The handler restarts the object it listens on itself (restartInHandler). */
  restart?: ts.CallExpression;
}

export function findReconnectChains(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = findWatchdogs(index);
  const reported = new Set<ts.Node>();
  // Each function's references and starts are read once, however many handlers pass through it.
  const reading: Reading = { index, references: new Map(), starts: new Map(), scans: new Map(), timers: new Map(), failureBlocks: new Set(), failureEmits: new Map() };
  // A loss that leads to one attempt is that way round seen from its gentler side: a failure path that shares its
  // reference (a catch that reconnects too) is the one reported.
  const oncePerLoss: Cycle[] = [];
  const failures = failurePaths(index);
  for (const { failure } of failures) if (failure?.from && ts.isBlock(failure.from)) reading.failureBlocks.add(failure.from);
  // Loss handlers that lead into a cycle already found (`onclose` and `onerror` both calling `reconnect()`) are ways
  // into the same retry: one finding, where the way back is put off to later.
  for (const registration of [...lossHandlers(index), ...failures]) {
    const cycle = followHandler(registration, reading) ?? restartInHandler(registration, index);
    if (!cycle || reported.has(cycle.ref) || alreadyRetries(cycle, known, index) || schedulesAfterSuccessToo(cycle, reading)) continue;
    if (oneAttemptPerLoss(cycle, index)) {
      if (!throughARecursion(cycle, known)) oncePerLoss.push(cycle);
      continue;
    }
    reported.add(cycle.ref);
    constructs.push(chainConstruct(cycle, reading));
  }
  for (const cycle of oncePerLoss) {
    if (reported.has(cycle.ref)) continue;
    reported.add(cycle.ref);
    constructs.push(chainConstruct(cycle, reading));
  }
  return constructs;
}

/** How many statements before a registration the connect that made its object is looked for. */
const MAX_STATEMENTS_TO_CONNECT = 40;
/** Calls that open a connection and resolve with it: `amqplib.connect(url)`, `createConnection()`, `connectAsync()` (not `disconnect()`). */
const CONNECT_CALL = /^connect|^create\w{0,20}Connection$|Connect$/;

/**
 * `connection = await amqplib.connect(url); …; connection.on('close', () => reconnect())`, with `reconnect` calling
 * that function again: the object listened on is the one an awaited connect resolved with, a few statements before
 * in the same block. A connect that fails rejects before the handler is registered, so each loss leads to one
 * attempt, not to a chain of them; a failed attempt goes round only where its own failure path retries (read as
 * failurePaths).
 */
function oneAttemptPerLoss({ registration, reconnect }: Cycle, index: SourceIndex): boolean {
  if (registration.failure) return false;
  return toldOnlyOfAnOpenConnection(registration) || (reconnect === registration.registrar
    && (registeredOnlyOnceConnected(registration) || registeredOnlyOnOpen(registration, index)));
}

/**
 * Events told only of a connection that was up: Paho's `onConnectionLost` (a connect that fails calls the `onFailure`
 * it was given instead), so a reconnect from such a handler is one attempt per loss, whichever function it calls.
 * (`close`, `error` and `end` are told of failed attempts too. So, with some clients, is `disconnect`; and where it is
 * not, as in socket.io, a server that drops each client as it comes back keeps a `disconnect` handler going round.)
 */
const LOST_ONCE_OPEN = /^(on_?)?connection_?lost$/i;

function toldOnlyOfAnOpenConnection({ at }: Registration): boolean {
  return at !== undefined && LOST_ONCE_OPEN.test(registeredEvent(at) ?? '');
}

/** The event or handler name a registration is made under: `'disconnect'` in `.on('disconnect', …)`, `onConnectionLost` in `client.onConnectionLost = …` or `{ onConnectionLost }`. */
function registeredEvent(at: ts.Node): string | undefined {
  if (ts.isBinaryExpression(at)) return ts.isPropertyAccessExpression(at.left) ? at.left.name.text : undefined;
  if (ts.isCallExpression(at)) {
    const method = calleeName(at);
    return method && LISTEN_METHOD.test(method) ? stringValue(at.arguments[0]) : method;
  }
  return ts.isPropertyAssignment(at) || ts.isMethodDeclaration(at) ? propertyNameText(at.name) : undefined;
}

/** Events a connection reports that it is up with, and the handler properties named for them (`onopen`, `onOpen`). */
const OPEN_EVENT = /^(open|opened|connect|connected|ready)$/i;
const OPEN_HANDLER_NAME = /^on_?(open|opened|connect|connected|ready)$/i;

/**
 * `ws.once('open', () => this.onceOpen())`, with `onceOpen` registering the close handler (or the close handler registered
 * in the open callback itself): the handler is registered again only once a connection is up. A reconnect that fails
 * opens nothing, registers no handler, and is not tried again: one attempt per loss.
 */
function registeredOnlyOnOpen(registration: Registration, index: SourceIndex): boolean {
  const { at, registrar } = registration;
  if (!at || !registrar) return false;
  for (let node = at.parent; node && node !== registrar; node = node.parent) {
    if (isFunctionNode(node) && isOpenHandler(node)) return true;
  }
  return readOnce(calledOnlyOnOpen, registrar, () => {
    const name = functionName(registrar);
    const calls = name ? callsNamed(index, name).filter((call) => enclosingFunction(call) !== registrar) : [];
    // `writer.on('ready', onReady)`, with `onReady` registering the close handler and called nowhere else.
    if (calls.length === 0) return name !== undefined && openHandlerNames(index).has(name);
    return calls.every((call) => someEnclosingFunction(call, isOpenHandler));
  });
}

/** The names handed by reference as handlers of an open event (`ws.on('open', onOpen)`, `addEventListener('ready', ready)`), read once per file. */
function openHandlerNames(index: SourceIndex): ReadonlySet<string> {
  return readOnce(openHandlersByFile, index.sourceFile, () => {
    const names = new Set<string>();
    for (const call of index.calls) {
      const handler = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
      if (!handler || !ts.isIdentifier(handler) || !LISTEN_METHOD.test(calleeName(call) ?? '')) continue;
      if (OPEN_EVENT.test(stringValue(call.arguments[0]) ?? '')) names.add(handler.text);
    }
    return names;
  });
}

const openHandlersByFile = new WeakMap<ts.SourceFile, ReadonlySet<string>>();

/** Whether a function that registers a loss handler is called only from open callbacks, read once per function. */
const calledOnlyOnOpen = new WeakMap<FunctionNode, boolean>();

/** A function given as the handler of an open event: `.on('open', fn)`, `addEventListener('connect', fn)`, `onopen = fn`, `{ onOpen: fn }`. */
function isOpenHandler(fn: FunctionNode): boolean {
  const parent = fn.parent;
  if (ts.isCallExpression(parent) && parent.arguments[1] === fn) {
    return LISTEN_METHOD.test(calleeName(parent) ?? '') && OPEN_EVENT.test(stringValue(parent.arguments[0]) ?? '');
  }
  if (ts.isBinaryExpression(parent) && parent.right === fn && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return ts.isPropertyAccessExpression(parent.left) && OPEN_HANDLER_NAME.test(parent.left.name.text);
  }
  const property = ts.isPropertyAssignment(parent) ? parent.name : ts.isMethodDeclaration(fn) && ts.isObjectLiteralExpression(parent) ? fn.name : undefined;
  return property !== undefined && OPEN_HANDLER_NAME.test(propertyNameText(property) ?? '');
}

function someEnclosingFunction(node: ts.Node, test: (fn: FunctionNode) => boolean): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (test(fn)) return true;
  }
  return false;
}

function registeredOnlyOnceConnected(registration: Registration): boolean {
  const statement = registration.at && registration.target ? statementInList(registration.at) : undefined;
  if (!statement) return false;
  const target = registration.target!;
  return statementsBefore(statement, MAX_STATEMENTS_TO_CONNECT).some((before) => {
    if (ts.isVariableStatement(before)) {
      return before.declarationList.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === target && awaitsConnect(declaration.initializer));
    }
    if (!ts.isExpressionStatement(before)) return false;
    const assignment = unwrap(before.expression);
    return ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && namePath(assignment.left) === target && awaitsConnect(assignment.right);
  });
}

/** `await amqplib.connect(url)`, `await this.createConnection()`. */
function awaitsConnect(value: ts.Expression | undefined): boolean {
  let awaited = value;
  // unwrap() reads through the await itself, which is what is asked here.
  while (awaited && (ts.isParenthesizedExpression(awaited) || ts.isAsExpression(awaited) || ts.isNonNullExpression(awaited))) awaited = awaited.expression;
  if (!awaited || !ts.isAwaitExpression(awaited)) return false;
  const call = unwrap(awaited.expression);
  return ts.isCallExpression(call) && CONNECT_CALL.test(calleeName(call) ?? '');
}

/**
 * One finding per way round: a chain whose reference is already reported, or holds a retry already reported
 * (in the callback it hands on), is that retry seen from another side, and so is one that enters a function holding a retry loop (the loop goes round until it connects).
 * A close handler that enters a function which also retries itself (`connection.onclose(()
 * => start())`, with `start()` calling itself from its catch) is a way round of its own: each close
 * starts again at once, whatever the catch does.
 */
function alreadyRetries(cycle: Cycle, known: readonly RetryConstruct[], index: SourceIndex): boolean {
  const refStart = cycle.ref.getStart(index.sourceFile);
  return known.some((construct) => (construct.report.start <= refStart && cycle.ref.end <= construct.report.end + 1)
    // `this._connect(settings, (err) => { if (err) return this._reconnect(); })`: the retry reported in the callback is this way round.
    || (refStart <= construct.report.start && construct.report.end <= callOf(cycle.ref).end)
    // `ondisconnect = () => void this.reconnectLoop()`, the function a retry loop: the loop is the way round, judged as one.
    || (construct.kind === 'loop' && contains(cycle.reconnect, construct.loop)));
}

/**
 * `onError → reconnect()`, where `reconnect` calls itself again from its catch (a recursion read on its own): each loss
 * starts that recursion once, and its attempts are the recursion's, judged there.
 */
function throughARecursion(cycle: Cycle, known: readonly RetryConstruct[]): boolean {
  return known.some((construct) => construct.kind === 'recursion'
    && construct.selfCalls.some((call) => cycle.path.some((fn) => contains(fn, call))));
}

/** The call a reference is the callee of (`this._connect` in `this._connect(options, callback)`), or the reference. */
function callOf(ref: ts.Expression): ts.Node {
  return ts.isCallExpression(ref.parent) && ref.parent.expression === ref ? ref.parent : ref;
}

/**
 * `sendMetrics() { try { await post(…); this.reduceBackoff(); } catch { this.startTimer(); } }` with
 * `reduceBackoff() { …; this.startTimer(); }`: a function on the way back from the failure (here the one that
 * schedules) is entered after a success too (directly, or through a function called on the way out; `if (!res.ok)
 * this.backoff() else this.reduceBackoff()`, both ending in `startTimer`), so it is a periodic task that slows
 * down on failure, not a retry that ends when an attempt works.
 */
function schedulesAfterSuccessToo(cycle: Cycle, reading: Reading): boolean {
  const from = cycle.registration.failure?.from;
  if (cycle.registration.failure && !from) return successCallbackReachesTheWay(cycle, reading);
  if (!from || cycle.path.length === 0) return false;
  const onTheWay = new Set(cycle.path);
  const isOnTheWay = (fn: FunctionNode | undefined): boolean => fn !== undefined && onTheWay.has(fn);
  const reaches = (fn: FunctionNode): boolean => readOnce(reading.references, fn, functionReferences)
    .some((ref) => isOnTheWay(namedFunction(namePath(ref), reading.index)));
  const handler = cycle.registration.handler;
  return readOnce(reading.references, handler, functionReferences).some((ref) => {
    // A loss handler the function registers runs when the connection is lost, not after a success; nor does the
    // branch a failed answer takes (`if (res.ok) { … } else { this.handleFailure(job) }`) beside the catch.
    if (contains(from, ref) || inLossHandler(ref, handler) || onFailedBranch(ref, handler, readOnce(outcomeNames, handler, outcomeNamesOf))) return false;
    const target = namedFunction(namePath(ref), reading.index);
    return target !== undefined && (isOnTheWay(target) || (target !== cycle.registration.handler && reaches(target)));
  });
}

/** Whether a reference is, or sits in, a loss handler registered inside `fn` (`connection.on('close', () => reconnect())`). */
function inLossHandler(ref: ts.Node, fn: FunctionNode): boolean {
  // `connection.on('error', handleConnectionError)`: the handler handed on by name.
  if (registersForLoss(ref)) return true;
  for (let node = ref.parent; node && node !== fn; node = node.parent) {
    if (isFunctionNode(node) && registersForLoss(node)) return true;
  }
  return false;
}

/** A function given as the handler of a loss event: `on('close', fn)`, `onclose = fn`, `onDisconnect(fn)` (as lossHandlers() reads them). */
function registersForLoss(handler: ts.Node): boolean {
  const parent = handler.parent;
  if (ts.isBinaryExpression(parent) && parent.right === handler) return LOSS_HANDLER_NAME.test(namePath(parent.left)?.split('.').pop() ?? '');
  return ts.isCallExpression(parent) && lossHandlerArgument(parent) === handler;
}

// ---------------------------------------------------------------------------------------------
// Watchdogs: `setInterval(() => { if (!ws || ws.readyState === ws.CLOSED) connect(); }, 2500)`

/** A test that a connection is down: `!ws`, `readyState === CLOSED`, `!socket.connected`, `connected === false`, `!this.alive()`. */
const DOWN_TEST = /readyState|\bCLOSED\b|!\s{0,4}(?:this\.)?\w{0,40}(?:socket|ws|conn|connection|client|source)\b|\bconnected\s{0,4}={2,3}\s{0,4}false|!\s{0,4}(?:this\.)?[\w.]{0,60}\.(?:connected|isConnected|open)\b|!\s{0,4}(?:this\.)?(?:is_?)?(?:alive|connected|open)\b/i;
/** What a function that connects does: opens a socket, an event source or a client connection. */
const CONNECTS = /new\s{1,4}(?:WebSocket|EventSource|ReconnectingWebSocket|SockJS)\b|\bio\(|\.connect\(|createConnection\(|\.open\(/;
/** A watchdog's callback is a few lines; longer callbacks are not read (which also keeps nested intervals linear). */
const MAX_WATCHDOG_LENGTH = 2000;

/** Intervals that re-create a connection found down, through a local function that connects. */
function findWatchdogs(index: SourceIndex): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    if (calleeName(call) !== 'setInterval' || calleeObject(call) && namePath(calleeObject(call)!) !== 'window') continue;
    const callback = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (!callback || !isFunctionNode(callback) || callback.end - callback.pos > MAX_WATCHDOG_LENGTH || !DOWN_TEST.test(nodeText(callback))) continue;
    const connect = watchdogTarget(callback, index);
    if (!connect) continue;
    constructs.push(watchdogConstruct(call, callback, connect, index));
  }
  return constructs;
}

const connectingFunctions = new WeakMap<ts.Node, boolean>();

function connects(fn: FunctionNode): boolean {
  let known = connectingFunctions.get(fn);
  if (known === undefined) connectingFunctions.set(fn, (known = CONNECTS.test(nodeText(fn))));
  return known;
}

/**
 * Names that say a function (defined in another file) opens the connection: `connect`, `setupWebsocket`, `initSocket`,
 * and a bot client's `login(token)`, which connects it.
 */
const CONNECT_NAME = /^(re)?connect|^(re)?login$|^(setup|init|open|create|start)\w{0,20}(socket|ws|connection|stream)$/i;

/**
 * What the watchdog calls to connect again: a local function that opens a connection, or, when the
 * function lives in another file, one whose name says it connects.
 */
function watchdogTarget(callback: FunctionNode, index: SourceIndex): { name: string; fn?: FunctionNode } | undefined {
  for (const ref of functionReferences(callback)) {
    const path = namePath(ref);
    const name = path === undefined ? undefined : ownName(path);
    if (!name) continue;
    // A method of another object (`client.login(token)`, `socket.connect()`) is out of sight: its name says it connects.
    if (name.includes('.')) {
      const method = name.slice(name.lastIndexOf('.') + 1);
      if (CONNECT_NAME.test(method)) return { name: method };
      continue;
    }
    const local = index.functions.get(name);
    if (local?.length === 1 && connects(local[0]!)) return { name, fn: local[0] };
    if (!local && CONNECT_NAME.test(name)) return { name };
  }
  return undefined;
}

function watchdogConstruct(call: ts.CallExpression, callback: FunctionNode, connect: { name: string; fn?: FunctionNode }, index: SourceIndex): RetryConstruct {
  const scans = [scanFunction(callback, index), ...(connect.fn ? [scanFunction(connect.fn, index)] : [])];
  // The interval itself is a wait between attempts, and a `clearInterval` on the way may stop it.
  const stops = /\bclearInterval\(/.test(nodeText(callback));
  const waits = [{ call, delay: call.arguments[1] }, ...scans[0]!.waits];
  const counters = new Set(scans.flatMap((scan) => [...scan.advances.keys()]));
  return {
    kind: 'handler',
    label: `watchdog interval that calls \`${connect.name}()\` again`,
    report: firstLineSpan(call, index.sourceFile),
    scopes: [],
    rerunsScope: false,
    bound: stops ? { capped: 'unknown' } : chainBound(scans, 1),
    backoff: backoffFromWaits(waits, scans.flatMap((scan) => scan.declarations), index, counters),
  };
}

// ---------------------------------------------------------------------------------------------
// Where handlers are registered

/**
 * A state-change handler that tells a loss by the state it is given (`sock.ev.on('connection.update',
 * ({ connection }) => { if (connection === 'close') … })`).
 */
function handlerTestsLossState(handler: ts.Expression): boolean {
  const inner = unwrap(handler);
  if (!isFunctionNode(inner) || !inner.body) return false;
  // Its own statements only: a nested callback's tests are that callback's (and each handler is read once: linear).
  let found = false;
  walkTree(inner.body, undefined, (node) => {
    if (found || isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isIfStatement(node) && testsLossState(node.expression)) found = true;
    return undefined;
  });
  return found;
}

/** Methods that register a listener for a named event. */
const LISTEN_METHOD = new RegExp(`^(${LISTEN_METHODS.join('|')})$`);
/** Methods that take a handler off again. */
const UNLISTEN_METHOD = /^(off|removeListener|removeEventListener|removeAllListeners|unsubscribe)$/;

/** The handler a call registers for a loss: `ws.on('close', h)`, `conn.onClose(h)`. */
function lossHandlerArgument(call: ts.CallExpression): ts.Expression | undefined {
  const name = calleeName(call) ?? '';
  if (LISTEN_METHOD.test(name)) return isLossEvent(stringValue(call.arguments[0]) ?? '') ? call.arguments[1] : undefined;
  return LOSS_HANDLER_NAME.test(name) && calleeObject(call) ? call.arguments[0] : undefined;
}

function lossHandlers(index: SourceIndex): Registration[] {
  const registrations: Registration[] = [];
  const add = (value: ts.Expression | undefined, target: string | undefined, at: ts.Node): void => {
    const handler = value ? handlerFunction(value, index) : undefined;
    if (handler) registrations.push({ handler, registrar: namedFunctionAround(at), target, at });
  };
  for (const [path, assignments] of index.assignments) {
    const property = path.slice(path.lastIndexOf('.') + 1);
    if (!LOSS_HANDLER_NAME.test(property)) continue;
    for (const assignment of assignments) add(assignment.right, path.slice(0, path.lastIndexOf('.')), assignment);
  }
  for (const call of index.calls) {
    const name = calleeName(call) ?? '';
    const object = calleeObject(call);
    const target = object ? namePath(listenedObject(object)) : undefined;
    const handler = lossHandlerArgument(call);
    if (handler) add(handler, target, call);
    else if (LISTEN_METHOD.test(name) && call.arguments[1] && STATE_EVENT.test(stringValue(call.arguments[0]) ?? '') && handlerTestsLossState(call.arguments[1])) add(call.arguments[1], target, call);
    addLossHandlerProperties(call.arguments, index, add);
  }
  for (const created of index.newExpressions) addLossHandlerProperties(created.arguments, index, add);
  return registrations;
}

/** What a chain of registrations listens to: `connection` in `connection.on('connected', …).on('disconnected', …)`. */
function listenedObject(object: ts.Expression): ts.Expression {
  let node = unwrap(object);
  for (let links = 0; links < MAX_REGISTRATION_CHAIN && ts.isCallExpression(node) && LISTEN_METHOD.test(calleeName(node) ?? ''); links++) {
    const inner = calleeObject(node);
    if (!inner) break;
    node = unwrap(inner);
  }
  return node;
}

/** How many chained registrations are followed back to their object: event emitters are given a few at once. */
const MAX_REGISTRATION_CHAIN = 16;

/**
 * Failure paths of named functions: `connect() { try { … } catch { this.scheduleReconnect(); } }` and
 * `this.open().catch(() => this.scheduleReconnect())`, `.catch(this._reconnect.bind(this))`.
 */
function failurePaths(index: SourceIndex): Registration[] {
  // Such a way back is put off to later, so a file that puts no call off to later has none (most files: read no catch).
  if (!defersCalls(index)) return [];
  const starts: ts.Node[] = [...index.catchClauses];
  for (const call of index.calls) {
    if (calleeName(call) === 'catch' && calleeObject(call) && call.arguments.length === 1 && !alsoOnSuccess(call)) starts.push(call.arguments[0]!);
  }
  // Each way is read whole, so ways nested in ways are passed by past a few levels (linear on any input).
  const registrations: Registration[] = [];
  for (const start of withinNestingLimit(starts.sort((a, b) => a.pos - b.pos))) {
    if (ts.isCatchClause(start)) {
      const registrar = enclosingFunction(start);
      if (registrar && functionName(registrar)) registrations.push({ handler: registrar, registrar, failure: { from: start.block } });
      continue;
    }
    const handler = handlerFunction(start as ts.Expression, index);
    if (handler) registrations.push({ handler, registrar: namedFunctionAround(start), failure: {} });
  }
  return [...registrations, ...failedBranchCalls(index)];
}

/**
 * `poll().then((r) => { show(r); schedulePoll() }).catch(() => schedulePoll())`: the `.then` before the `.catch`
 * reaches a function on the way back too, so the way is taken after a success as well: a periodic poll.
 */
function successCallbackReachesTheWay(cycle: Cycle, reading: Reading): boolean {
  const catchCall = cycle.registration.handler.parent;
  const previous = catchCall && ts.isCallExpression(catchCall) && calleeName(catchCall) === 'catch' ? calleeObject(catchCall) : undefined;
  if (!previous || !ts.isCallExpression(previous) || calleeName(previous) !== 'then') return false;
  const onTheWay = new Set(cycle.path.filter((fn) => fn !== cycle.registration.handler));
  return previous.arguments.some((argument) => {
    const callback = handlerFunction(argument, reading.index);
    if (callback === undefined) return false;
    // `.then((res) => { if (res.status < 500) return resolve(res); retry(attempt) })`: the answer failed there.
    const answers = answerNamesOf(callback);
    return readOnce(reading.references, callback, functionReferences).some((ref) => {
      const target = namedFunction(namePath(ref), reading.index);
      return target !== undefined && onTheWay.has(target) && !onFailedBranch(ref, callback, answers);
    });
  });
}

/** What a success callback is handed (`res` of `(res) => …`) with the outcomes it awaits itself. */
function answerNamesOf(callback: FunctionNode): ReadonlySet<string> {
  const names = new Set(readOnce(outcomeNames, callback, outcomeNamesOf));
  const first = callback.parameters[0]?.name;
  if (first && ts.isIdentifier(first)) names.add(first.text);
  return names;
}

/**
 * `send().then(finishBatch).catch(finishBatch)`: the function a `.catch` runs is also what the chain runs after a
 * success, so it runs whatever the outcome (the next piece of work), not because the attempt failed.
 */
function alsoOnSuccess(catchCall: ts.CallExpression): boolean {
  const handler = namePath(unwrap(catchCall.arguments[0]!));
  const previous = calleeObject(catchCall);
  return handler !== undefined && previous !== undefined && ts.isCallExpression(previous) && calleeName(previous) === 'then'
    && previous.arguments.some((argument) => namePath(unwrap(argument)) === handler);
}

/**
 * Calls of the file's own functions made on a failed attempt's branch of a named function, outside a catch
 * (`if (result.success) { … } else { this.scheduleRetry(id, delay) }`): each is a way of its own.
 */
function failedBranchCalls(index: SourceIndex): Registration[] {
  const registrations: Registration[] = [];
  for (const call of index.calls) {
    // Cheap tests first: only a call of a function of the file is followed (finding the function around a call costs its depth).
    if (!isLocalName(unwrap(call.expression))) continue;
    const target = namedFunction(namePath(call.expression), index);
    const registrar = target && enclosingFunction(call);
    if (!registrar || target === registrar || !functionName(registrar) || !onFailedBranch(call, registrar, readOnce(outcomeNames, registrar, outcomeNamesOf))) continue;
    registrations.push({ handler: registrar, registrar, failure: { from: call, branch: true } });
  }
  return registrations;
}

/**
 * `await op()`, also in parentheses or cast (`(await op()) as Result`), where `op` makes an attempt: the answer of a
 * check (`await this.isDeployed()`) says whether the thing watched is there yet (a poll), as retry-loops.ts reads it.
 */
function awaitsAttempt(expression: ts.Expression): boolean {
  let current = expression;
  while (ts.isParenthesizedExpression(current) || ts.isAsExpression(current) || ts.isNonNullExpression(current) || ts.isSatisfiesExpression(current)) current = current.expression;
  if (!ts.isAwaitExpression(current)) return false;
  const awaited = unwrap(current.expression);
  return !ts.isCallExpression(awaited) || !STATE_CHECK_CALL.test(calleeName(awaited) ?? '');
}

const outcomeNames = new WeakMap<FunctionNode, ReadonlySet<string>>();

/**
 * The names that hold a function's attempts' outcomes: the results of the calls it awaits (`const result = await
 * this.send(id)`), and the failure an error handler is given (`_handleError(error, client)`).
 */
function outcomeNamesOf(fn: FunctionNode): ReadonlySet<string> {
  const names = new Set<string>();
  for (const parameter of fn.parameters) if (ts.isIdentifier(parameter.name) && ERROR_NAME.test(parameter.name.text)) names.add(parameter.name.text);
  if (fn.body) {
    walkTree(fn.body, undefined, (node) => {
      if (isFunctionNode(node)) return SKIP_CHILDREN;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && awaitsAttempt(node.initializer)) names.add(node.name.text);
      return undefined;
    });
  }
  return names;
}

/**
 * Whether the file puts a call off to later as followHandler() reads one: a wait handed a callback
 * (`setTimeout(() => this.connect(), ms)`, `setTimeout(this.connect, ms)`), a wait awaited (`await sleep(ms)`),
 * or a timer object built on one.
 */
function defersCalls(index: SourceIndex): boolean {
  const callback = (argument: ts.Expression | undefined): boolean => {
    const inner = argument ? unwrap(argument) : undefined;
    return inner !== undefined && (isFunctionNode(inner) || ts.isIdentifier(inner) || ts.isPropertyAccessExpression(inner) || ts.isCallExpression(inner));
  };
  return index.calls.some((call) => waitSite(call) !== undefined && (call.arguments.some(callback) || ts.isAwaitExpression(call.parent) || thenCalledOn(call)))
    || index.newExpressions.some((created) => calleeName(created) !== 'Promise' && created.arguments?.[0] !== undefined && isFunctionNode(unwrap(created.arguments[0])));
}

/** `{ onWebSocketClose: (evt) => …, onclose() { … } }` passed to a call (read without copying: every call of the file passes here). */
function addLossHandlerProperties(args: ts.NodeArray<ts.Expression> | undefined, index: SourceIndex, add: (value: ts.Expression, target: undefined, at: ts.Node) => void): void {
  if (!args) return;
  for (const argument of args) {
    // `client.connect({ onFailure })`, or `const options = { onFailure }; client.connect(options)`.
    const object = resolveObject(argument, index);
    if (!object) continue;
    for (const property of object.properties) {
      if ((ts.isPropertyAssignment(property) || ts.isMethodDeclaration(property)) && LOSS_HANDLER_NAME.test(propertyNameText(property.name) ?? '')) add(propertyValue(property), undefined, property);
    }
  }
}

/** The handler a property holds: its value, or the method itself. */
function propertyValue(property: ts.PropertyAssignment | ts.MethodDeclaration): ts.Expression {
  return ts.isPropertyAssignment(property) ? property.initializer : property as unknown as ts.Expression;
}

function handlerFunction(value: ts.Expression, index: SourceIndex): FunctionNode | undefined {
  if (isFunctionNode(value as ts.Node)) return value as unknown as FunctionNode;
  const inner = unwrap(value);
  if (isFunctionNode(inner)) return inner;
  // `.catch(action((error) => …))`: a function handed back wrapped runs as the function does.
  const wrapped = ts.isCallExpression(inner) && inner.arguments.length === 1 && FUNCTION_WRAPPER.test(calleeName(inner) ?? '') ? unwrap(inner.arguments[0]!) : undefined;
  if (wrapped && isFunctionNode(wrapped)) return wrapped;
  // `this.onClose.bind(this)`
  return namedFunction(namePath(unbound(inner)), index);
}

/** Calls that hand back the function they are given, wrapped, to run as it does: MobX's `action`, a tracer's `wrap`. */
const FUNCTION_WRAPPER = /^(action|wrap|wrapCallback)$/;

function namedFunction(written: string | undefined, index: SourceIndex): FunctionNode | undefined {
  // `that.open(…)` where `var that = this`: the instance's own method.
  const path = written === undefined ? undefined : pathFromThis(index, written);
  const name = path === undefined ? undefined : ownName(path);
  if (name?.includes('.')) return assignedFunction(name, index) ?? staticMethod(name, index) ?? heldFunction(name, index);
  if (!name) return undefined;
  const found = index.functions.get(name) ?? [];
  if (found.length === 1) return found[0];
  // `this.onClose` is the class's method, not an `onClose` option of the same name in a defaults object, nor a
  // static method of that name (`static async connect(url)`, a factory beside the instance's `connect()`).
  const methods = path!.startsWith('this.') ? found.filter((fn) => ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) && !isStatic(fn)) : [];
  return methods.length === 1 ? methods[0] : undefined;
}

/** `DatabaseService.createConnection` where the file's class `DatabaseService` has a static method of that name. */
function staticMethod(path: string, index: SourceIndex): FunctionNode | undefined {
  const parts = path.split('.');
  if (parts.length !== 2) return undefined;
  const found = (index.functions.get(parts[1]!) ?? []).filter((fn) => ts.isMethodDeclaration(fn) && isStatic(fn)
    && ts.isClassDeclaration(fn.parent) && fn.parent.name?.text === parts[0]);
  return found.length === 1 ? found[0] : undefined;
}

function classNameOf(method: ts.MethodDeclaration): string {
  return ts.isClassLike(method.parent) && method.parent.name ? method.parent.name.text : 'this';
}

function isStatic(fn: ts.MethodDeclaration): boolean {
  return ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.StaticKeyword) ?? false;
}

/** `$.open` where the file sets `$.open = function () { … }` (an object of functions kept in a local), and only there. */
function assignedFunction(path: string, index: SourceIndex): FunctionNode | undefined {
  const found = (index.functions.get(path.slice(path.lastIndexOf('.') + 1)) ?? []).filter((fn) => {
    const parent = fn.parent;
    return parent !== undefined && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && namePath(parent.left) === path;
  });
  return found.length === 1 ? found[0] : undefined;
}

/**
 * A place that holds a function of the file, called through it: `this.handlers.reconnect = reconnect`, or React's ref to
 * the latest callback (`connectRef.current = connect`, `const connectRef = useRef(connect)`), called as
 * `connectRef.current?.()` from a handler made before the callback was. Only names are read (`null`, a cleanup's
 * `undefined` and other values are passed by); a place given two functions holds neither for sure.
 */
function heldFunction(path: string, index: SourceIndex): FunctionNode | undefined {
  const held = (index.assignments.get(path) ?? []).map((assignment) => assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken ? unwrap(assignment.right) : undefined);
  const holder = path.endsWith('.current') ? path.slice(0, -'.current'.length) : undefined;
  const initial = holder ? (index.declarations.get(holder) ?? []).map((declaration) => declaration.initializer && unwrap(declaration.initializer))
    .filter((value): value is ts.CallExpression => value !== undefined && ts.isCallExpression(value) && calleeName(value) === 'useRef' && value.arguments.length > 0)
    .map((call) => unwrap(call.arguments[0]!)) : [];
  const names = new Set([...held, ...initial].flatMap((value) => (value && ts.isIdentifier(value) && value.text !== 'undefined' ? [value.text] : [])));
  if (names.size !== 1) return undefined;
  const [name] = names;
  const found = index.functions.get(name!) ?? [];
  return found.length === 1 ? found[0] : undefined;
}

/** Whether a reference reaches its function through a ref that holds it (heldFunction), not by the function's own name. */
function heldFunctionCalled(ref: ts.Expression, index: SourceIndex): boolean {
  const written = namePath(ref);
  const path = written === undefined ? undefined : pathFromThis(index, written);
  const name = path === undefined ? undefined : ownName(path);
  return name !== undefined && name.includes('.') && !assignedFunction(name, index) && !staticMethod(name, index) && heldFunction(name, index) !== undefined;
}

/** The innermost function with a name (a method, a declaration, a named const) around a node. */
function namedFunctionAround(node: ts.Node): FunctionNode | undefined {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (isFunctionNode(parent) && functionName(parent)) return parent;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Following the handler to the function that connects again

/** A function reached from a handler, with the functions and timers passed through on the way. */
interface HandlerStep {
  fn: FunctionNode;
  path: FunctionNode[];
  timers: Deferral[];
  scheduled?: ts.Node;
}

function followHandler(registration: Registration, reading: Reading): Cycle | undefined {
  const queue: HandlerStep[] = [{ fn: registration.handler, path: [], timers: [] }];
  const seen = new Set<FunctionNode>([registration.handler]);
  const from = registration.failure?.from;
  while (queue.length > 0) {
    const { fn, path, timers, scheduled } = queue.shift()!;
    // A catch block is the start of the way, not a function passed through.
    const start = from !== undefined && fn === registration.handler;
    const steps = start ? path : [...path, fn];
    for (const ref of start ? referencesIn(from, reading.failureBlocks) : readOnce(reading.references, fn, functionReferences)) {
      // The function a retry scheduler of the file was handed: it decides whether and when that runs again, and is
      // judged there (handed-reconnects.ts), whatever the function of the same name outside it does.
      if (handedToScheduler(ref, fn, reading.index)) continue;
      const target = namedFunction(namePath(ref), reading.index);
      if (!target) {
        const wrapper = deferringWrapper(namePath(ref), reading.index);
        const callback = wrapper && (unwrap(wrapper.arguments[0]!) as FunctionNode);
        if (!callback || seen.has(callback) || steps.length >= MAX_HOPS) continue;
        seen.add(callback);
        queue.push({ fn: callback, path: steps, timers: [...timers, wrapper], scheduled: scheduled ?? callAround(ref) });
        continue;
      }
      const later = scheduled ?? timerAround(ref, fn) ?? waitedBefore(ref, fn);
      if (reconnects(target, registration, reading)) {
        if (registration.failure && !later) continue;
        // A handler written inline in the connect function that calls it again by its name is direct recursion, read
        // elsewhere; one that calls it through a ref that holds it (`connectRef.current()`) is not.
        if (target === registration.registrar && steps.every((step) => contains(registration.registrar!, step)) && !heldFunctionCalled(ref, reading.index)) continue;
        return { registration, timers, scheduled: later, path: steps, reconnect: target, ref };
      }
      if (seen.has(target) || steps.length >= MAX_HOPS) continue;
      seen.add(target);
      queue.push({ fn: target, path: steps, timers, scheduled: later });
    }
    for (const { timer, start } of readOnce(reading.timers, fn, (node) => scheduledTimers(node, reading.index))) {
      const callback = timer.arguments?.[0] ? unwrap(timer.arguments[0]) : undefined;
      if (!callback || !isFunctionNode(callback) || seen.has(callback) || steps.length >= MAX_HOPS) continue;
      seen.add(callback);
      queue.push({ fn: callback, path: steps, timers: [...timers, timer], scheduled: scheduled ?? start });
    }
  }
  return undefined;
}

/**
 * `attemptRequest` in `retryOrReject(error, attemptRequest) { setTimeout(() => attemptRequest(), ms) }`: a parameter of
 * a scheduler, the function followed (`step`) or one inside it (read no further out: the walk stays within the step).
 */
function handedToScheduler(ref: ts.Expression, step: FunctionNode, index: SourceIndex): boolean {
  if (!ts.isIdentifier(ref) || !schedulerParameters(index).has(ref.text)) return false;
  for (let node = ref.parent; node; node = node.parent) {
    if (isFunctionNode(node) && node.parameters.some((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === ref.text)) {
      return SCHEDULER_NAME.test(functionName(node) ?? '');
    }
    if (node === step) return false;
  }
  return false;
}

const schedulerParameterCache = new WeakMap<SourceIndex, ReadonlySet<string>>();

/** The parameter names of the file's functions named for scheduling the next attempt (read once per file). */
function schedulerParameters(index: SourceIndex): ReadonlySet<string> {
  return readOnce(schedulerParameterCache, index, () => {
    const names = new Set<string>();
    for (const [name, functions] of index.functions) {
      if (!SCHEDULER_NAME.test(name)) continue;
      for (const fn of functions) for (const parameter of fn.parameters) if (ts.isIdentifier(parameter.name)) names.add(parameter.name.text);
    }
    return names;
  });
}

/**
 * A loss handler that starts the object it listens on again itself: `bot.on('polling_error', async () => {
 * await bot.stopPolling(); bot.startPolling(); })`, `client.on('error', () => client.connect())`.
 */
function restartInHandler(registration: Registration, index: SourceIndex): Cycle | undefined {
  if (!registration.target) return undefined;
  // `this.socket.on('error', () => that.socket.connect())` with `const that = this`: the same object.
  const target = pathFromThis(index, registration.target);
  const owner = connectionOwner(target, index);
  const start = restartCalls(registration.handler).find((call) => {
    const object = namePath(calleeObject(call)!);
    const restarted = object === undefined ? undefined : pathFromThis(index, object);
    return restarted !== undefined && (restarted === target || restarted === owner);
  });
  if (!start) return undefined;
  return { registration, timers: [], scheduled: timerAround(start.expression, registration.handler), path: [], reconnect: registration.handler, ref: start.expression, restart: start };
}

/**
 * The client a listened connection belongs to, where the file shows it: `mongoose` for `mongoose.connection`,
 * or for `db` declared `const db = mongoose.connection`. Connecting the client again re-opens that connection.
 */
function connectionOwner(target: string, index: SourceIndex): string | undefined {
  const declarations = target.includes('.') ? undefined : index.declarations.get(target);
  const initializer = declarations?.length === 1 ? declarations[0]!.initializer : undefined;
  const path = initializer ? namePath(unwrap(initializer)) : target;
  const match = path === undefined ? null : /^([A-Za-z_$][\w$]*)\.connection$/.exec(path);
  return match ? match[1] : undefined;
}

/** Calls in a handler that start or open an object again: `bot.startPolling()`, `this.socket.connect()`. */
function restartCalls(handler: FunctionNode): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const body = (handler as ts.FunctionDeclaration).body;
  if (!body) return calls;
  walkTree(body as ts.Node, undefined, (node) => {
    if (ts.isCallExpression(node) && calleeObject(node) && RESTART_METHOD.test(calleeName(node) ?? '')) calls.push(node);
    return undefined;
  });
  return calls;
}

/** Methods that start a client's connection or its polling again, or log it in again (a bot's `client.login(token)`). */
const RESTART_METHOD = /^(re)?(start|connect|open|login)(Polling|Listening|Stream|Connection)?$/;

/**
 * The wait in the function whose callback holds the reference: `setTimeout(() => this.connect(), ms)`, or a wait's
 * promise whose `then` holds it (`setTimeoutPromise(ms).then(() => this.connect())`).
 */
function timerAround(ref: ts.Node, fn: FunctionNode): ts.CallExpression | undefined {
  let child: ts.Node = ref;
  for (let node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if (!ts.isCallExpression(node) || !node.arguments.includes(child as ts.Expression)) continue;
    if (waitSite(node)) return node;
    const waited = calleeName(node) === 'then' ? calleeObject(node) : undefined;
    const wait = waited ? unwrap(waited) : undefined;
    if (wait && ts.isCallExpression(wait) && waitSite(wait)) return wait;
  }
  return undefined;
}

/** Whether a wait's promise is handed a callback to run when it ends: `sleep(ms).then(() => …)`. */
function thenCalledOn(wait: ts.CallExpression): boolean {
  const access = wait.parent;
  return ts.isPropertyAccessExpression(access) && access.expression === wait && access.name.text === 'then'
    && ts.isCallExpression(access.parent) && access.parent.expression === access;
}

/**
 * Timer objects a function starts: `this.reconnectTimer.scheduleTimeout()` where `this.reconnectTimer =
 * new Timer(() => this.connect(), this.reconnectAfterMs)` in the file. The callback runs later, after
 * the timer's wait (Phoenix's and Supabase Realtime's sockets reconnect this way).
 */
function scheduledTimers(fn: FunctionNode, index: SourceIndex): ScheduledTimer[] {
  const timers: ScheduledTimer[] = [];
  const body = (fn as ts.FunctionDeclaration).body;
  if (!body) return timers;
  walkTree(body as ts.Node, undefined, (node) => {
    const object = ts.isCallExpression(node) ? calleeObject(node) : undefined;
    const path = object ? namePath(object) : undefined;
    const created = path ? timerCreatedAt(path, index) : undefined;
    if (created) timers.push({ timer: created, start: node as ts.CallExpression });
    return undefined;
  });
  return timers;
}

/** The `new Timer(callback, …)` a name path is set to in the file, if it is one with a function first. */
function timerCreatedAt(path: string, index: SourceIndex): ts.NewExpression | undefined {
  const values = [...(index.assignments.get(path) ?? []).map((assignment) => assignment.right), ...(index.declarations.get(path) ?? []).map((declaration) => declaration.initializer)];
  for (const value of values) {
    const inner = value ? unwrap(value) : undefined;
    if (inner && ts.isNewExpression(inner) && inner.arguments?.[0] && isFunctionNode(unwrap(inner.arguments[0]))) return inner;
  }
  return undefined;
}

/** Wrappers whose function, when called, runs the wrapped callback later, after their wait (lodash's and others'). */
const DEFERRING_WRAPPER = /^(debounce|throttle)$/i;

/**
 * `const reconnect = debounce(() => connect(), wait)`: calling `reconnect()` runs the callback after the
 * wait, as a timer would. The wrapper call a name path is declared or set to, if it is one with a function first.
 */
function deferringWrapper(path: string | undefined, index: SourceIndex): ts.CallExpression | undefined {
  if (!path) return undefined;
  const values = [...(index.declarations.get(path) ?? []).map((declaration) => declaration.initializer), ...(index.assignments.get(path) ?? []).map((assignment) => assignment.right)];
  if (values.length !== 1 || !values[0]) return undefined;
  const value = unwrap(values[0]);
  const callback = ts.isCallExpression(value) && value.arguments[0] ? unwrap(value.arguments[0]) : undefined;
  return callback && isFunctionNode(callback) && DEFERRING_WRAPPER.test(calleeName(value as ts.CallExpression) ?? '') ? value as ts.CallExpression : undefined;
}

/**
 * The function connects again: it is the one that registered the handler, or it starts the handler's object,
 * or (for a handler a client registers on itself, in its constructor: `this.on('close', …)`) it is the
 * client's own method named for connecting (`this.start`, `this.connect`).
 */
function reconnects(target: FunctionNode, registration: Registration, reading: Reading): boolean {
  if (target === registration.registrar || emitsTheEventOnFailure(target, registration, reading)) return true;
  if (registration.registrar || !registration.target) return false;
  if (registration.target === 'this' && ts.isMethodDeclaration(target) && OWN_CONNECT_METHOD.test(functionName(target) ?? '')) return true;
  // `mongoose.connection.on('error', …)` and `mongoose.connect(url)`: the object started owns the one listened to.
  const listened = registration.target;
  // `this.reconnect()` calls a method of the object; it starts none of its members (`this.channel`).
  return [...readOnce(reading.starts, target, startedObjects)].some((started) => listened === started || (started !== 'this' && listened.startsWith(`${started}.`)));
}

/**
 * `emitter.on('DB_CONNECT_ERROR', () => setTimeout(() => this.createConnection(), 3000))`, with `createConnection`
 * emitting that event in its catch (`.catch(() => emitter.emit('DB_CONNECT_ERROR'))`): each failure comes back to the
 * listener, which tries again.
 */
function emitsTheEventOnFailure(target: FunctionNode, registration: Registration, reading: Reading): boolean {
  const at = registration.at;
  const event = at && ts.isCallExpression(at) ? stringValue(at.arguments[0]) : undefined;
  return event !== undefined && registration.target !== undefined
    && readOnce(reading.failureEmits, target, failureEmits).has(`${registration.target} ${event}`);
}

/** `object event` for each `object.emit('event')` a function makes in a catch or a `.catch` callback of its own. */
function failureEmits(fn: FunctionNode): Set<string> {
  const emits = new Set<string>();
  const body = (fn as ts.FunctionDeclaration).body;
  if (!body) return emits;
  walkTree(body as ts.Node, undefined, (node) => {
    if (!ts.isCallExpression(node) || calleeName(node) !== 'emit') return undefined;
    const object = calleeObject(node);
    const path = object ? namePath(object) : undefined;
    const event = stringValue(node.arguments[0]);
    if (path && event !== undefined && inFailureHandler(node, fn)) emits.add(`${path} ${event}`);
    return undefined;
  });
  return emits;
}

/** Whether a node lies in a catch block or a `.catch(cb)` callback, within `fn`. */
function inFailureHandler(node: ts.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) {
    if (ts.isCatchClause(current)) return true;
    if (isFunctionNode(current) && ts.isCallExpression(current.parent) && calleeName(current.parent) === 'catch') return true;
  }
  return false;
}

/** A client's method that (re)opens its connection. */
const OWN_CONNECT_METHOD = /^(re)?(connect|start|open|init|initiali[sz]e)$|^(re)?connect[A-Z]\w{0,30}$/;

/** `connection.start()`, `this.socket.connect()`: the objects a function starts or opens. */
function startedObjects(fn: FunctionNode): Set<string> {
  const objects = new Set<string>();
  const body = (fn as ts.FunctionDeclaration).body;
  if (!body) return objects;
  walkTree(body as ts.Node, undefined, (node) => {
    if (ts.isCallExpression(node) && /^(start|connect|open|reconnect)$/i.test(calleeName(node) ?? '')) {
      const object = calleeObject(node);
      const path = object ? namePath(object) : undefined;
      if (path) objects.add(path);
    }
    return undefined;
  });
  return objects;
}

/** The names a function calls or hands on as callbacks: `this.connect()`, `connect()`, `setTimeout(this.connect, ms)`. */
function functionReferences(fn: FunctionNode): ts.Expression[] {
  const body = (fn as ts.FunctionDeclaration).body;
  return body ? referencesIn(body as ts.Node) : [];
}

/**
 * The names called or handed on under `root`. A catch block read as a way back of its own (`passBy`) is passed by: its
 * calls are followed from there, so a walk from the catch around it need not read them again (nested catches stay linear).
 */
function referencesIn(root: ts.Node, passBy?: ReadonlySet<ts.Node>): ts.Expression[] {
  const refs: ts.Expression[] = [];
  walkTree(root, undefined, (node) => {
    if (node !== root && passBy?.has(node)) return SKIP_CHILDREN;
    if (ts.isCallExpression(node)) {
      const callee = unwrap(node.expression);
      if (isLocalName(callee)) refs.push(callee);
      // A handler taken off (`writer.removeListener('ready', onReady)`) is not run nor put off: no way back.
      if (UNLISTEN_METHOD.test(calleeName(node) ?? '')) return undefined;
      for (const argument of node.arguments) {
        const handed = unbound(unwrap(argument));
        if (isLocalName(handed)) refs.push(handed);
      }
    }
    return undefined;
  });
  return refs;
}

/**
 * `name`, `this.name`, `module.exports.name`, or `obj.name` on a local object: maybe a function of this
 * file (or class) by its name; namedFunction() decides.
 */
function isLocalName(node: ts.Expression): boolean {
  if (ts.isIdentifier(node)) return true;
  if (!ts.isPropertyAccessExpression(node)) return false;
  if (node.expression.kind === ts.SyntaxKind.ThisKeyword || ts.isIdentifier(node.expression)) return true;
  const path = namePath(node);
  return path !== undefined && ownName(path) === node.name.text;
}

// ---------------------------------------------------------------------------------------------
// The construct

function chainConstruct(cycle: Cycle, { index, scans: scanCache }: Reading): RetryConstruct {
  // A helper the reconnect is handed to (`this.delayReconnectAttempt(this.start)`) waits and counts on the way too.
  const helper = handedTo(cycle.ref, index);
  const functions = [...cycle.path, ...(helper ? [helper] : []), cycle.reconnect];
  const scans = functions.map((fn) => readOnce(scanCache, fn, (node) => scanFunction(node, index)));
  const name = functionName(cycle.reconnect) ?? 'connect';
  // A static method is called on its class (`DatabaseService.createConnection()`), an instance's on `this`.
  const owner = ts.isMethodDeclaration(cycle.reconnect) ? (isStatic(cycle.reconnect) ? classNameOf(cycle.reconnect) : 'this') : undefined;
  const callText = owner ? `${owner}.${name}()` : `${name}()`;
  const counters = new Set(scans.flatMap((scan) => [...scan.advances.keys()]));
  const scheduler = handedToRetrier(functions, index);
  return {
    kind: 'handler',
    label: cycle.restart ? `failure handler that calls \`${namePath(cycle.restart.expression) ?? name}()\` again`
      : cycle.registration.failure ? `retry of \`${callText}\` ${cycle.registration.failure.branch ? 'after a failed attempt' : 'from its catch'}` : `reconnect handler that calls \`${callText}\` again`,
    // Where the handler puts the reconnect off to later (where a cap or jitter would go), else at the call that connects again.
    report: firstLineSpan(cycle.scheduled ?? callAround(cycle.ref), index.sourceFile),
    // A failed attempt's way back runs the function again, its requests with it (`catch { this._tryAgainIn(ms) }` → `_send()`);
    // a loss handler's runs the connecting, with whatever the connection does once it is up.
    scopes: cycle.registration.failure ? [cycle.reconnect] : [],
    rerunsScope: cycle.registration.failure !== undefined,
    bound: switchedOffOnTheWay(functions, index) || scheduler ? { capped: 'unknown' }
      : oneAttemptPerLoss(cycle, index) && !retriesFromOwnCatch(cycle.reconnect, index) ? { capped: true, by: 'one-more-attempt' }
        : restartedAtCap(chainBound(scans, functions.indexOf(cycle.reconnect), countsHandedOn(cycle, counters)), functions, cycle.reconnect, cappingCounters(counters, scans), index),
    backoff: chainBackoff(cycle, functions, scans, scheduler, index, counters),
  };
}

/**
 * `async function connect() { try { conn = await amqp.connect(url); conn.on('close', reconnect) … } catch { setTimeout(connect,
 * 5000) } }`: the connect goes round from its own catch, so a loss leads to as many attempts as that catch allows, not one.
 */
function retriesFromOwnCatch(reconnect: FunctionNode, index: SourceIndex): boolean {
  return index.selfReferences.some(({ fn, ref }) => fn === reconnect && catchBetween(ref, fn));
}

function catchBetween(node: ts.Node, fn: FunctionNode): boolean {
  for (let current = node.parent; current && current !== fn; current = current.parent) if (ts.isCatchClause(current)) return true;
  return false;
}

/** The waits on the way, each as long as the argument given for it where a function on the way is given its wait. */
function chainBackoff(cycle: Cycle, functions: readonly FunctionNode[], scans: readonly FunctionScan[], scheduler: boolean, index: SourceIndex, counters: ReadonlySet<string>): Backoff {
  const given = delaysGivenOnTheWay(functions, scans, index);
  if (scheduler || functions.some((fn, i) => waitsAsTold(fn, scans[i]!, given))) return { kind: 'unknown' };
  const onTheWay = scans.flatMap((scan) => scan.waits.filter((wait) => !sideTimer(wait.call, functions, cycle.ref, index)));
  const waits = [...cycle.timers.map((timer) => ({ call: timer, delay: timer.arguments?.[1] })), ...onTheWay];
  const asGiven = waits.map((wait) => ({ call: wait.call, delay: wait.delay && (given.get(wait.delay) ?? wait.delay) }));
  return backoffFromWaits(asGiven, scans.flatMap((scan) => scan.declarations), index, counters);
}

/**
 * `const timer = setTimeout(() => this.onConnectionFailed(), this.config.connectionTimeout)` in a function on the way: a
 * timer whose callback neither connects again nor calls a function on the way times the attempt out. It is not a wait
 * before the next attempt (that one is timed elsewhere on the way, or not at all).
 */
function sideTimer(wait: ts.CallExpression | ts.NewExpression, functions: readonly FunctionNode[], ref: ts.Expression, index: SourceIndex): boolean {
  if (calleeName(wait) !== 'setTimeout') return false;
  const callback = wait.arguments?.[0];
  if (!callback || !isFunctionNode(callback) || contains(callback, ref)) return false;
  return functions.every((fn) => callsOf(callback, fn, index).length === 0);
}

/** Waits that last the time they are given. */
const TIMED_WAIT = /^(setTimeout|setTimeoutPromise|sleep|delay|wait|pause)$/i;

/**
 * `_tryAgainIn(ms, bulk) { setTimeout(() => this._send(bulk), ms) }`, called on the way as `this._tryAgainIn(sleepMs, bulk)`:
 * a wait sized by a parameter is as long as the argument the function before it on the way gives (read there).
 */
function delaysGivenOnTheWay(functions: readonly FunctionNode[], scans: readonly FunctionScan[], index: SourceIndex): Map<ts.Node, ts.Expression> {
  const given = new Map<ts.Node, ts.Expression>();
  for (let i = 1; i < functions.length; i++) {
    const fn = functions[i]!;
    const calls = callsOf(functions[i - 1]!, fn, index);
    if (calls.length !== 1) continue;
    for (const wait of scans[i]!.waits) {
      // Only a timer or a sleep takes the time it is given; `nextBackoff(reason)` computes one from what it is given.
      if (!TIMED_WAIT.test(calleeName(wait.call) ?? '')) continue;
      const position = wait.delay ? fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && isScaledName(wait.delay!, parameter.name.text)) : -1;
      const argument = position >= 0 ? calls[0]!.arguments[position] : undefined;
      if (argument && !ts.isSpreadElement(argument)) given.set(wait.delay!, argument);
    }
  }
  return given;
}

/** The calls in a function's body (its callbacks included) of another function of the file. */
function callsOf(caller: FunctionNode, callee: FunctionNode, index: SourceIndex): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  if (caller.body) walkTree(caller.body, undefined, (node) => {
    if (ts.isCallExpression(node) && namedFunction(namePath(node.expression), index) === callee) calls.push(node);
    return undefined;
  });
  return calls;
}

/** A list's own methods: `retryQueue.filter((o) => o.id !== id)` walks a list of what waits, it hands nothing to a retrier. */
const LIST_METHOD = /^(filter|map|forEach|find|findIndex|findLast|some|every|reduce|flatMap|sort)$/;

/** Objects that schedule retries by their name: `this._retrier`, `backoff`, `reconnectScheduler`. */
const RETRIER_OBJECT = /retr(y|ier)|backoff|schedul|reconnector/i;

/**
 * `this._retrier.retryLater(tracker, () => this._fillOne(index))` on the way back: a retrier object made
 * elsewhere (its class not in this file) runs the callback when it decides; the waits and any limit are its own.
 */
function handedToRetrier(functions: readonly FunctionNode[], index: SourceIndex): boolean {
  return functions.some((fn) => readOnce(retrierCalls, fn, () => fn.body !== undefined && someDescendant(fn.body, (node) => {
    if (!ts.isCallExpression(node) || !node.arguments.some((argument) => isFunctionNode(unwrap(argument)))) return false;
    const receiver = calleeObject(node);
    const receiverName = receiver ? namePath(receiver) : undefined;
    return receiverName !== undefined && RETRIER_OBJECT.test(ownName(receiverName)) && !LIST_METHOD.test(calleeName(node) ?? '')
      && !namedFunction(namePath(node.expression), index);
  })));
}

/**
 * `if (!this.reconnect || …) return;` on the way back, where `reconnect` is off unless the caller turns it on
 * (`{ reconnect = false } = options`): reconnecting is the caller's choice, and so are its cap and its waits.
 */
function switchedOffOnTheWay(functions: readonly FunctionNode[], index: SourceIndex): boolean {
  const off = switchedOffByDefault(index);
  if (off.size === 0) return false;
  return functions.some((fn) => readOnce(switchTests, fn, () => fn.body !== undefined && someDescendant(fn.body, (node) => ts.isIfStatement(node)
    && leavesAtOnce(node.thenStatement) && negatesAny(node.expression, off))));
}

/** Per function (each read once: one connect function may sit on the way back of thousands of handlers). */
const switchTests = new WeakMap<FunctionNode, boolean>();
const retrierCalls = new WeakMap<FunctionNode, boolean>();

/** `return`, `throw`, or a block that starts with one. */
function leavesAtOnce(statement: ts.Statement): boolean {
  const first = ts.isBlock(statement) ? statement.statements[0] : statement;
  return first !== undefined && (ts.isReturnStatement(first) || ts.isThrowStatement(first));
}

/** How many `||` deep a negated switch is looked for (real conditions join a few tests; user code may join thousands). */
const MAX_SWITCH_TEST_DEPTH = 16;

/** Whether the condition holds `!name` for one of the names, alone or joined by `||`. */
function negatesAny(condition: ts.Expression, names: ReadonlySet<string>, depth = 0): boolean {
  const node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return names.has(namePath(node.operand) ?? '');
  if (depth >= MAX_SWITCH_TEST_DEPTH || !ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.BarBarToken) return false;
  return negatesAny(node.left, names, depth + 1) || negatesAny(node.right, names, depth + 1);
}

/**
 * `scheduleFlush(attempt, retryDelay) { setTimeout(…, rateLimitTimeout || retryDelay || timeout) }`: a
 * function on the way that waits as long as its caller says; the caller's delay (computed by a helper,
 * perhaps out of sight) decides, so the waits are not judged here.
 */
function waitsAsTold(fn: FunctionNode, scan: FunctionScan, given: ReadonlyMap<ts.Node, ts.Expression>): boolean {
  const parameters = new Set(fn.parameters.flatMap((parameter) => (ts.isIdentifier(parameter.name) ? [parameter.name.text] : [])));
  return parameters.size > 0 && scan.waits.some((wait) => wait.delay !== undefined && !given.has(wait.delay) && someDescendant(wait.delay, (node) => toldByCaller(node, parameters)));
}

/** A property of a handed-in object that is a count or a cap, not a wait: `provider.failures`, `Math.min(…, provider.maxBackoffTime)`. */
const NOT_A_WAIT_PROPERTY = /attempt|retr|count|fail|tries|reconnects|errors|^max|^min|cap$|limit/i;

/**
 * A use of a parameter that hands the wait in: the parameter itself (`retryDelay`), or a property of it other
 * than a count or a cap (`options.delayMs`; not `provider.reconnects` or `provider.maxBackoffTime`).
 */
function toldByCaller(node: ts.Node, parameters: ReadonlySet<string>): boolean {
  if (!ts.isIdentifier(node) || !parameters.has(node.text)) return false;
  const parent = node.parent;
  if (parent && ts.isPropertyAccessExpression(parent)) return parent.expression === node && !NOT_A_WAIT_PROPERTY.test(parent.name.text);
  return true;
}

/** The local function a reference is passed to as an argument, if it is one. */
function handedTo(ref: ts.Expression, index: SourceIndex): FunctionNode | undefined {
  const call = ref.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(ref)) return undefined;
  return namedFunction(namePath(call.expression), index);
}

/**
 * Capped when a deadline is compared on the way back (not in the connect function itself, where a
 * `connectionTimeout` bounds one attempt), or when a counter advanced on the way is compared anywhere on
 * it. A counter that is only compared through `%`, or never, does not stop the reconnects.
 */
/** `attempts`, `retryCount`, `failures`; not a timer handle or a delay (`retryTimer`, `retryDelay`). */
function isCountName(name: string): boolean {
  return /attempt|retr|tries|count|fail/i.test(name) && !/timer|timeout|handle|interval|delay|id$/i.test(name);
}

/**
 * `wrappedRequest(retriesLimit - retriesCount)`: the parameters of the connect function that the way back
 * fills from a count (`n`, then `if (n > 0) retry()`), by the count they carry.
 */
function countsHandedOn(cycle: Cycle, counters: ReadonlySet<string>): Map<string, string> {
  const handed = new Map<string, string>();
  const call = cycle.ref.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== cycle.ref) return handed;
  call.arguments.forEach((argument, position) => {
    const parameter = cycle.reconnect.parameters[position]?.name;
    const counter = [...counters].find((name) => referencesName(argument, name.slice(name.lastIndexOf('.') + 1)));
    if (parameter && ts.isIdentifier(parameter) && counter) handed.set(parameter.text, counter);
  });
  return handed;
}

/** Holders whose own name says nothing: React's `ref.current`, Vue's `ref.value`. */
const VALUE_HOLDER = /^(current|value)$/;

/**
 * The name a count goes by, however it is reached (`this.retries`, `retries`): its last segment; or its
 * last two when the last is a holder's (`reconnectRef.current` is not `manualCloseRef.current`).
 */
function countName(path: string): string {
  const segments = path.split('.');
  const tail = segments[segments.length - 1]!;
  return VALUE_HOLDER.test(tail) && segments.length > 1 ? segments.slice(-2).join('.') : tail;
}

/** The counters a cycle's functions compare (its cap's): another count set back to 0 (a delay's step) starts nothing over. */
function cappingCounters(counters: ReadonlySet<string>, scans: readonly FunctionScan[]): Set<string> {
  const compared = new Set(scans.flatMap((scan) => [...scan.comparisons.compared].map(countName)));
  return new Set([...counters].filter((counter) => compared.has(countName(counter))));
}

/**
 * `if (this.attempts >= 5) { setTimeout(() => { this.attempts = 0; this.connect(); }, 300000); return; }`: a capped cycle
 * one of whose ways back sets the count back to 0 first. The cap only pauses it: the count starts over, for ever.
 */
function restartedAtCap(bound: Bound, functions: readonly FunctionNode[], reconnect: FunctionNode, counters: ReadonlySet<string>, index: SourceIndex): Bound {
  if (bound.capped !== true || bound.by !== 'counter' || counters.size === 0) return bound;
  for (const fn of functions) {
    for (const call of callsOf(fn, reconnect, index)) {
      const counter = [...counters].find((name) => budgetResetOnTheWay(call, fn, new Set([name])));
      if (!counter) continue;
      const line = index.sourceFile.getLineAndCharacterOfPosition(call.getStart(index.sourceFile)).line + 1;
      return { capped: false, reason: 'reset', leak: call, detail: String(line), counter };
    }
  }
  return bound;
}

/** Locals on the way given the server's wait (`const retry = headers.get('Retry-After')`), by name. */
function serverWaitNames(scans: readonly FunctionScan[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const scan of scans) {
    for (const declaration of scan.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.initializer && readsServerWaitHeader(declaration.initializer)) names.add(declaration.name.text);
    }
  }
  return names;
}

/** `handed`: parameters that carry a count (countsHandedOn); comparing one compares its count. */
export function chainBound(scans: FunctionScan[], connectAt: number, handed: ReadonlyMap<string, string> = new Map()): Bound {
  const comparisons = emptyComparisons();
  for (const [i, scan] of scans.entries()) {
    if (scan.comparisons.deadline && i !== connectAt) return { capped: true, by: 'deadline' };
    scan.comparisons.compared.forEach((compared) => comparisons.compared.add(compared));
    scan.comparisons.valueCompared.forEach((compared) => comparisons.valueCompared.add(compared));
    scan.comparisons.moduloOnly.forEach((compared) => comparisons.moduloOnly.add(compared));
  }
  withoutFirstAttemptTests(comparisons, new Map(scans.flatMap((scan) => [...scan.advances])));
  const counters = scans.flatMap((scan) => [...scan.advances.keys()].filter((name) => !scan.restarted.has(name)));
  const last = countName;
  const comparedNames = new Set([...comparisons.compared].map((name) => last(handed.get(name) ?? name)));
  if (counters.some((counter) => comparedNames.has(last(counter)))) return { capped: true, by: 'counter' };
  // A counter compared somewhere we did not follow may still stop it: say nothing rather than guess. A local named
  // like one but read off the server's wait header (`const retry = headers.get('Retry-After')`) is a wait, not a count.
  if (counters.length === 0) {
    const countNames = [...comparedNames].filter(isCountName);
    if (countNames.length > 0 && countNames.some((name) => !serverWaitNames(scans).has(name))) return { capped: 'unknown' };
  }
  const off = offLimitBound(counters, scans.map((scan) => scan.comparisons));
  if (off) return off;
  const modulo = counters.find((counter) => comparisons.moduloOnly.has(counter));
  if (modulo) return { capped: false, reason: 'modulo-only', counter: modulo };
  const sizesDelay = counters.find((counter) => scans.some((scan) => scan.delayComparisons.compared.has(counter)));
  if (sizesDelay) return { capped: false, reason: 'delay-only', counter: sizesDelay };
  if (counters.some((counter) => scans.some((scan) => scan.askedWithCount.has(counter)))) return { capped: 'unknown' };
  const counted = counters.find(isCountName);
  if (counted) return { capped: false, reason: 'never-compared', counter: counted };
  return { capped: false, reason: 'no-cap' };
}
