// Waits between attempts and what sizes them. The question the jitter rule asks is whether the
// wait has randomness in it; the answer is read from the delay expression and, one or two steps
// back, from the variables and local helpers it is computed from.
import ts from 'typescript';
import {
  calleeName, calleeObject, chainOperands, enclosingFunction, findProperty, functionName, type FunctionNode, isExitStatement, isFunctionNode, namePath, numericValue, SKIP_CHILDREN, someDescendant, statementInList, statementsBefore, unwrap, valueOfProperty, walkTree,
} from './ast';
import { fieldValue, type SourceIndex } from './source-index';
import type { WaitSite } from './retry-model';
import { CONFIG_OBJECT, CONFIG_READ_CALL, ERROR_NAME, JITTER_NAME, PRINT_NAME, RANDOM_CALL, WAIT_NAME } from './vocabulary';
import { nodeText } from './run-context';

/** What a request-timeout callback does: abort, reject or tear down the attempt in flight. */
const TIMEOUT_CALLBACK = /\.(abort|destroy|cancel|terminate|kill)\(|\breject\(/;

const CALLBACK_NAMES = /^(resolve|res|r|done|next|cb|callback|fn|ok|go|wake|resume|continue_?)$/i;

/**
 * The wait a call performs, if it is one: `setTimeout(fn, ms)`, `await setTimeout(ms)` from
 * timers/promises, `sleep(ms)`, `delay(ms)`, `backoff(attempt)`. Undefined for other calls.
 */
export function waitSite(call: ts.CallExpression): WaitSite | undefined {
  const name = calleeName(call);
  if (!name) return undefined;
  const [first, second] = call.arguments;
  if (name === 'setTimeout' || name === 'setTimeoutPromise') {
    if (isInactivityTimeout(call)) return undefined;
    // `setTimeout(() => controller.abort(), ms)` limits one attempt; it does not wait between attempts.
    // An async callback does the next attempt's work (and may reject when it fails): it is not a time limit.
    if (first !== undefined && isFunctionNode(first) && !isAsync(first) && TIMEOUT_CALLBACK.test(nodeText(first))) return undefined;
    const firstIsCallback = first !== undefined && (isFunctionNode(first) || (ts.isIdentifier(first) && (CALLBACK_NAMES.test(first.text) || second !== undefined))
      || (second !== undefined && isMethodCallback(first)));
    if (firstIsCallback) return { call, delay: second };
    return { call, delay: first };
  }
  if (!WAIT_NAME.test(name) || keptAsDelay(call)) return undefined;
  // `consumer.pause([{ topic, partition }])`, `stream.pause()`: an object told to stop its work, with no time.
  // (`backoff.backoff()`, `retrier.wait()`: an object that sizes the wait itself still waits.)
  const object = calleeObject(call);
  const stopsWork = /^(pause|snooze)$/i.test(name) || first !== undefined;
  if (object && object.kind !== ts.SyntaxKind.ThisKeyword && stopsWork && (first === undefined || ts.isObjectLiteralExpression(first) || ts.isArrayLiteralExpression(first))) return undefined;
  // `waitFor(() => expect(...))` polls a condition; it is not a timed wait. `delay(() => next(), ms)` is
  // setTimeout by another name: a callback, then the delay.
  // `sleepFn(resolve, ms)`, a timer handed in (`sleepFn = setTimeout`): the callback, then the delay.
  if (first !== undefined && (isFunctionNode(first) || (ts.isIdentifier(first) && CALLBACK_NAMES.test(first.text)))) return second === undefined ? undefined : { call, delay: second };
  // `promise.delay(...)` on an arbitrary object is still a wait; `res.headers.wait` is not a call we see.
  return { call, delay: first };
}

/** The global timer's owners: `window.setTimeout(cb, ms)`, or node:timers/promises' `timers.setTimeout(ms)`. */
const TIMER_OWNER = /^(window|self|globalThis|global|timers|timersPromises|promises)$/;

/**
 * `req.setTimeout(30000, () => req.destroy())`, `session.setTimeout(idleMs, close)`: Node's sockets, requests and
 * sessions take the time first and a callback to run when they stay idle that long. It limits one attempt; no one waits.
 */
function isInactivityTimeout(call: ts.CallExpression): boolean {
  const object = calleeObject(call);
  const [first, second] = call.arguments;
  if (object === undefined || TIMER_OWNER.test(namePath(object) ?? '') || first === undefined || second === undefined) return false;
  return !isFunctionNode(first) && (isFunctionNode(second) || ts.isIdentifier(second));
}

/**
 * `let wait = defaultWait(attempts)` (then `wait = wait * 1000 + Math.random() * 200`): a first value of a duration
 * kept under a name for one, worked on before it is waited (that wait reads it, reworked); the call waits for nothing.
 */
function keptAsDelay(call: ts.CallExpression): boolean {
  const declaration = call.parent;
  if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== call || !ts.isIdentifier(declaration.name)) return false;
  const list = declaration.parent;
  return ts.isVariableDeclarationList(list) && (list.flags & ts.NodeFlags.Let) !== 0 && DELAY_WORD.test(declaration.name.text);
}

function isAsync(fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) ?? false);
}

/** A DELAY_WORD property is the delay of timers/promises' `setTimeout(this.delayMs, value)`. */
const DELAY_WORD = /delay|ms$|timeout|interval|wait|backoff|time$/i;

/** `this.subscribe` or `this.connect.bind(this)` given to `setTimeout(…, ms)`: the callback, not the delay. */
function isMethodCallback(first: ts.Expression): boolean {
  if (ts.isCallExpression(first)) return calleeName(first) === 'bind';
  return ts.isPropertyAccessExpression(first) && !DELAY_WORD.test(first.name.text);
}

/**
 * 'server': the wait is sized by the server (`Retry-After`, a rate-limit reset). Policy: a wait that is
 * the server's when the header is there and something else when it is not (`retryAfter ?? 2000`,
 * `retryAfter ? retryAfter * 1000 : base * 2 ** attempt`) is classified by that fallback: most failures
 * (a 5xx, a reset connection) carry no `Retry-After`, so the fallback is the wait they get. A wait made only
 * on a rate-limit answer (`if (res.status === 429) await sleep((retryAfter ?? 1) * 1000)`) is the server's:
 * that answer carries the header, and the fallback only guards its absence (classifyDelay's `serverDecides`).
 */
export type DelayClass = 'jittered' | 'server' | 'xor' | 'growing' | 'fixed' | 'unknown';

/** A header the server sizes the next wait with: `Retry-After`, `RateLimit-Reset`, `X-RateLimit-Reset`. */
const SERVER_WAIT_HEADER = /retry-after|ratelimit-reset/i;

interface DelayFeatures {
  random: boolean;
  server: boolean;
  xor: boolean;
  growing: boolean;
  unknown: boolean;
}

/** Functions that turn a duration written as text into milliseconds (vercel's `ms`, `parse-duration`, `timestring`, `human-interval`). */
const DURATION_PARSER = /^(ms|parse_?duration|parse_?ms|to_?ms|timestring|human_?interval)$/i;

/** A string or number written out: `'2s'`, `2000`. */
function isLiteralValue(argument: ts.Expression): boolean {
  const inner = unwrap(argument);
  return ts.isStringLiteralLike(inner) || ts.isNumericLiteral(inner);
}

const PURE_MATH = /^(min|max|floor|round|ceil|abs|trunc|Number|parseInt|parseFloat|clamp|toFixed)$/;

/**
 * Classifies what sizes a wait. `counters` are the construct's attempt counters: a delay that
 * grows with them backs off (linearly or exponentially) but is still the same for every client.
 */
export function classifyDelay(expression: ts.Expression | undefined, index: SourceIndex, counters: ReadonlySet<string>, serverDecides = false): DelayClass {
  if (!expression) return 'fixed';
  const features: DelayFeatures = { random: false, server: false, xor: false, growing: false, unknown: false };
  scanDelay(expression, { index, counters, features, seen: new Set(), depth: 0, budget: { nodes: 0, nesting: 0 }, serverDecides });
  return classOf(features);
}

/**
 * What a function returns, read as a delay (`export function calculateBackoff(attempt) { … }`), for the
 * files that import it. Its parameters are its callers' values: each call's arguments are read there, unless a
 * library says what one holds (`counters`: got's `attemptCount` for its `calculateDelay`).
 */
export function classifyReturnedDelay(fn: FunctionNode, index: SourceIndex, counters: ReadonlySet<string> = new Set()): DelayClass {
  const features: DelayFeatures = { random: false, server: false, xor: false, growing: false, unknown: false };
  scanFunctionBody(fn, { index, counters, features, seen: new Set(), depth: 0, budget: { nodes: 0, nesting: 0 } });
  return classOf(features);
}

/** What a delay another file computes adds to the one being read ('fixed' adds nothing). */
function addClass(delay: DelayClass, features: DelayFeatures): void {
  if (delay === 'jittered') features.random = true;
  else if (delay === 'server' || delay === 'xor' || delay === 'growing' || delay === 'unknown') features[delay] = true;
}

function classOf(features: DelayFeatures): DelayClass {
  if (features.random) return 'jittered';
  if (features.server) return 'server';
  if (features.xor) return 'xor';
  if (features.unknown) return 'unknown';
  if (features.growing) return 'growing';
  return 'fixed';
}

interface ScanState {
  index: SourceIndex;
  counters: ReadonlySet<string>;
  features: DelayFeatures;
  /** The variables (their declarations, or paths that have none) read so far: a delay computed from itself is read once. */
  seen: Set<string | ts.VariableDeclaration>;
  depth: number;
  /** Nodes read so far, and how deep the read is now, shared by every step of one classification. */
  budget: { nodes: number; nesting: number };
  /** When scanning `x = …`, the name being assigned, so `x * 2` reads as growth. */
  self?: string;
  /** The wait is made on a rate-limit answer: where one alternative is the server's, it decides (see DelayClass). */
  serverDecides?: boolean;
}

/**
 * How many nodes one classification reads. Delay expressions and the helpers that compute them are
 * small; past this the delay is "unknown" (and so never reported), which also bounds the recursion.
 */
const MAX_DELAY_NODES = 2000;

/**
 * How deep one classification reads into nested expressions (`a || b || …` nests one level an
 * operand). Real delays nest a few levels; past this the delay is "unknown", which keeps the
 * recursion's stack small whatever the input.
 */
const MAX_DELAY_NESTING = 64;

function scanDelay(node: ts.Node, state: ScanState): void {
  if (state.depth > 3) return;
  const budget = state.budget;
  if (++budget.nodes > MAX_DELAY_NODES || budget.nesting >= MAX_DELAY_NESTING) {
    state.features.unknown = true;
    return;
  }
  budget.nesting++;
  try {
    scanNode(node, state);
  } finally {
    budget.nesting--;
  }
}

function scanNode(node: ts.Node, state: ScanState): void {
  if (ts.isCallExpression(node)) {
    scanCall(node, state);
    return;
  }
  // A delay given as a function of the attempt (a timer's `timerCalc`, `(tries) => …`) is the value it returns.
  if (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) {
    scanFunctionBody(node, state);
    return;
  }
  const sides = alternatives(node);
  if (sides) {
    scanAlternatives(sides, state);
    return;
  }
  if (ts.isBinaryExpression(node) && isPower(node.operatorToken.kind)) {
    scanPower(node.left, node.right, state);
    return;
  }
  if (ts.isBinaryExpression(node)) scanBinary(node, state);
  if (ts.isStringLiteral(node) && SERVER_WAIT_HEADER.test(node.text)) state.features.server = true;
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) {
    if (scanName(node, state)) return;
  }
  ts.forEachChild(node, (child) => scanDelay(child, state));
}

/**
 * The two values a delay may take: `a ?? b`, `a || b`, `c ? a : b`. A caller's own delay function, called where
 * the options hold one (`opts.delayFn ? opts.delayFn(n) : 1000 * 2 ** n`), is out of sight: as with
 * `opts.delay ?? 1000`, the default decides.
 */
function alternatives(node: ts.Node): ts.Expression[] | undefined {
  if (ts.isConditionalExpression(node)) return callsTestedOption(node.whenTrue, node.condition) ? [node.whenFalse] : [node.whenTrue, node.whenFalse];
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  return operator === ts.SyntaxKind.QuestionQuestionToken || operator === ts.SyntaxKind.BarBarToken ? [node.left, node.right] : undefined;
}

/** Each side is read on its own; when one is the server's and another is not, the other (the fallback) decides. */
function scanAlternatives(sides: ts.Expression[], state: ScanState): void {
  const read = sides.map((side) => {
    const features: DelayFeatures = { random: false, server: false, xor: false, growing: false, unknown: false };
    scanDelay(side, { ...state, features });
    return features;
  });
  const fallbacks = read.filter((features) => !features.server);
  for (const features of fallbacks.length > 0 && !(state.serverDecides && fallbacks.length < read.length) ? fallbacks : read) {
    for (const key of Object.keys(features) as (keyof DelayFeatures)[]) if (features[key]) state.features[key] = true;
  }
}

function isPower(operator: ts.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.AsteriskAsteriskToken || operator === ts.SyntaxKind.LessThanLessThanToken;
}

/**
 * `2 ** n`, `1 << n`, `Math.pow(2, progress.retryCount)`: a delay that grows with the exponent. The exponent counts
 * attempts; nobody jitters a wait through it, so an exponent read out of sight (a count kept in a state object or
 * handed in) leaves the delay growing, not unknown. Randomness found there still counts.
 */
function scanPower(base: ts.Expression | undefined, exponent: ts.Expression | undefined, state: ScanState): void {
  state.features.growing = true;
  if (base) scanDelay(base, state);
  if (!exponent) return;
  const features: DelayFeatures = { random: false, server: false, xor: false, growing: false, unknown: false };
  scanDelay(exponent, { ...state, features });
  for (const key of ['random', 'server', 'xor'] as const) if (features[key]) state.features[key] = true;
}

function scanBinary(node: ts.BinaryExpression, state: ScanState): void {
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.CaretToken && (numericValue(node.left) !== undefined || numericValue(node.right) !== undefined)) state.features.xor = true;
  if (operator === ts.SyntaxKind.AsteriskToken && state.self && (namePath(node.left) === state.self || namePath(node.right) === state.self)) state.features.growing = true;
}

/**
 * `Math.min(1000 * 2 ** attempt, maxDelayFromConfig())`: a bound out of sight, which does not read the attempt
 * count, caps a wait the other side computes; it does not make that wait unknown. A side that reads the count
 * (`Math.min(cap, backoff(attempt))`) is what sizes it, in sight or not.
 */
function scanBounds(sides: readonly ts.Expression[], state: ScanState): void {
  const read = sides.map((side) => {
    const features: DelayFeatures = { random: false, server: false, xor: false, growing: false, unknown: false };
    scanDelay(side, { ...state, features });
    return { side, features };
  });
  const sized = read.filter(({ features }) => !features.unknown);
  const capsOnly = sized.length > 0 && read.every(({ side, features }) => !features.unknown || !readsCounter(side, state.counters));
  for (const { features } of capsOnly ? sized : read) {
    for (const feature of Object.keys(features) as (keyof DelayFeatures)[]) if (features[feature]) state.features[feature] = true;
  }
}

/** Whether an expression names one of the attempt counters (`attempt`, `this.retries`). */
function readsCounter(expression: ts.Expression, counters: ReadonlySet<string>): boolean {
  if (counters.size === 0) return false;
  const text = nodeText(expression);
  return [...counters].some((counter) => text.includes(counter.slice(counter.lastIndexOf('.') + 1)));
}

function scanCall(call: ts.CallExpression, state: ScanState): void {
  const name = calleeName(call) ?? '';
  const object = calleeObject(call);
  const objectPath = object ? namePath(object) : undefined;
  // `Math`, or a module of its functions imported as `math` (lib0's `import * as math from 'lib0/math'`).
  const isMath = objectPath !== undefined && /^math$/i.test(objectPath);
  if ((isMath && name === 'random') || RANDOM_CALL.test(name) || JITTER_NAME.test(name)) {
    state.features.random = true;
    return;
  }
  // `console.log(\`retrying after ${retryAfter} s\`)` in a wait helper prints the delay; it sizes nothing.
  if (object && !isMath && PRINT_NAME.test(name)) return;
  // The timer a wait helper wraps (`setTimeout(resolve, ms)`) says nothing of its own: what sizes it is its delay.
  const timer = !object && (name === 'setTimeout' || name === 'setTimeoutPromise') ? waitSite(call) : undefined;
  if (timer) {
    if (timer.delay) scanDelay(timer.delay, state);
    return;
  }
  // `new Promise(…)`'s relatives (`Promise.resolve(cb)`) only carry the timer inside them.
  if (objectPath === 'Promise') {
    for (const argument of call.arguments) scanDelay(argument, state);
    return;
  }
  if (isMath && name === 'pow') {
    scanPower(call.arguments[0], call.arguments[1], state);
    return;
  }
  if (isMath && name === 'exp') state.features.growing = true;
  if ((name === 'min' || name === 'max') && call.arguments.length > 1) {
    scanBounds(call.arguments, state);
    return;
  }
  // Arithmetic is read through: `Number(retryAfter || 1)` holds a fallback (scanAlternatives).
  if (PURE_MATH.test(name) || isMath) {
    call.arguments.forEach((argument) => scanDelay(argument, state));
    return;
  }
  // `getRetryAfter(res)`, `res.headers.get('retry-after')`; an argument that only mentions it (`sleep(retryAfter ?? 1000)`) is read below.
  if (/retry.?after/i.test(nodeText(call.expression)) || call.arguments.some((argument) => ts.isStringLiteralLike(argument) && /retry.?after/i.test(argument.text))) {
    state.features.server = true;
  }
  const local = !object || object.kind === ts.SyntaxKind.ThisKeyword ? state.index.functions.get(name) : staticMethods(object, name, state.index);
  if (local && local.length > 0) {
    for (const fn of local.slice(0, 2)) scanFunctionBody(fn, state);
    call.arguments.forEach((argument) => {
      if (!reentersCaller(argument, call)) scanDelay(argument, state);
    });
    return;
  }
  const imported = object ? undefined : state.index.importedDelays.get(name);
  if (imported) {
    addClass(imported, state.features);
    call.arguments.forEach((argument) => scanDelay(argument, state));
    return;
  }
  // `this.retry.backoff(i)` where `this.retry = { backoff: (n) => Math.exp(n) * 50 }` in the file.
  const held = objectPath && object ? heldFunctions(object, objectPath, name, state.index) : [];
  if (held.length > 0) {
    for (const value of held) scanDelay(value, { ...state, depth: state.depth + 1, self: undefined });
    return;
  }
  if (CONFIG_READ_CALL.test(name) || (name === 'get' && objectPath !== undefined && CONFIG_OBJECT.test(objectPath))) return;
  // `parseDuration('2s')`, `ms('5s')`: a duration written as text, the same for every client.
  if (DURATION_PARSER.test(name) && call.arguments.length > 0 && call.arguments.every(isLiteralValue)) return;
  const defaulted = object ? undefined : defaultedFunctionParameter(call, name, state.index);
  if (defaulted) {
    scanFunctionBody(defaulted, state);
    return;
  }
  // A helper we cannot see: it may well add jitter.
  state.features.unknown = true;
}

/**
 * `delays(5, () => newSuber(chain, url))` inside `newSuber`: the callback is what runs after the wait (the
 * attempt again), not what sizes it; what that function does elsewhere (`randomId()`) says nothing of the wait.
 */
function reentersCaller(argument: ts.Expression, call: ts.CallExpression): boolean {
  const callback = unwrap(argument);
  if (!isFunctionNode(callback)) return false;
  let caller = enclosingFunction(call);
  while (caller && !functionName(caller)) caller = enclosingFunction(caller);
  const name = caller ? functionName(caller) : undefined;
  return name !== undefined && someDescendant(callback, (node) => ts.isCallExpression(node) && calleeName(node) === name);
}

/** `RestClient.computeDelay(…)`: the static methods of that name of a class of the file named so. */
function staticMethods(object: ts.Expression, name: string, index: SourceIndex): FunctionNode[] | undefined {
  if (!ts.isIdentifier(object)) return undefined;
  const methods = (index.functions.get(name) ?? []).filter((fn) => ts.isMethodDeclaration(fn) && ts.isClassLike(fn.parent) && fn.parent.name?.text === object.text);
  return methods.length > 0 ? methods : undefined;
}

/**
 * `backoffFn(i)` where the enclosing function declares `backoffFn = (i) => Math.min(2000, 250 * 2 ** i)`:
 * the default decides, unless a call of that function in the file passes its own (then it is out of sight).
 */
function defaultedFunctionParameter(call: ts.CallExpression, name: string, index: SourceIndex): ts.Node | undefined {
  let fn: ts.Node | undefined = call.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  if (!fn || !isFunctionNode(fn)) return undefined;
  const position = fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === name);
  const initializer = position >= 0 ? fn.parameters[position]!.initializer : undefined;
  const defaultFunction = initializer ? unwrap(initializer) : undefined;
  if (!defaultFunction || !isFunctionNode(defaultFunction)) return undefined;
  const owner = functionName(fn);
  const overridden = owner !== undefined && index.calls.some((other) => calleeName(other) === owner && other.arguments.length > position);
  return overridden ? undefined : defaultFunction;
}

/** How many values of an object path are read for the function a property holds. */
const MAX_HELD_VALUES = 4;

/**
 * The values a property of an object holds, where the object is set in the file to object literals:
 * `this.retry = opts ? { backoff: () => 0 } : { backoff: opts.backoff ?? ((n) => Math.exp(n) * 50) }`, or a
 * class field holds one (`private realtime = { getTimeout: () => … }`). Empty when any value of the object is out of sight.
 */
function heldFunctions(object: ts.Expression, objectPath: string, property: string, index: SourceIndex): ts.Expression[] {
  // `this.options.retryInterval ??= (error, n) => 60_000 * 2 ** n`: the default the object is given in the file.
  const given = (index.assignments.get(`${objectPath}.${property}`) ?? []).map((assignment) => assignment.right).filter((right) => isFunctionNode(unwrap(right)));
  if (given.length > 0) return given.slice(0, MAX_HELD_VALUES);
  const field = ts.isPropertyAccessExpression(object) && object.expression.kind === ts.SyntaxKind.ThisKeyword ? fieldValue(object, index) : undefined;
  const sources = field ? [field]
    : [...(index.assignments.get(objectPath) ?? []).map((assignment) => assignment.right), ...(index.declarations.get(objectPath) ?? []).map((declaration) => declaration.initializer)];
  const objects: ts.Expression[] = [];
  for (const source of sources.slice(0, MAX_HELD_VALUES)) {
    const inner = source ? unwrap(source) : undefined;
    if (inner && ts.isConditionalExpression(inner)) objects.push(inner.whenTrue, inner.whenFalse);
    else if (inner) objects.push(inner);
  }
  const values: ts.Expression[] = [];
  for (const object of objects) {
    const literal = unwrap(object);
    if (!ts.isObjectLiteralExpression(literal)) return [];
    const found = findProperty(literal, property) ?? propertyOfSpreadDefaults(literal, property, index);
    const value = found ? valueOfProperty(found) : undefined;
    if (value) values.push(value);
  }
  return values;
}

/**
 * `config = { ...DEFAULT_RETRY_CONFIG, ...retryConfig }` read for `retryDelay`: the property of the last spread object
 * of the file that holds it (`const DEFAULT_RETRY_CONFIG = { retryDelay: (n) => … }`). The caller's options spread
 * over it are out of sight; as with a parameter's default, the default is what the file shows.
 */
function propertyOfSpreadDefaults(literal: ts.ObjectLiteralExpression, property: string, index: SourceIndex): ts.ObjectLiteralElementLike | undefined {
  for (const element of [...literal.properties].reverse()) {
    const spread = ts.isSpreadAssignment(element) ? unwrap(element.expression) : undefined;
    if (!spread || !ts.isIdentifier(spread)) continue;
    const initializer = index.declarations.get(spread.text)?.[0]?.initializer;
    const defaults = initializer ? unwrap(initializer) : undefined;
    const found = defaults && ts.isObjectLiteralExpression(defaults) ? findProperty(defaults, property) : undefined;
    if (found) return found;
  }
  return undefined;
}

function scanFunctionBody(fn: ts.Node, state: ScanState): void {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  if (!body) return;
  if (namesRandomness(body)) {
    state.features.random = true;
    return;
  }
  const deeper = { ...state, depth: state.depth + 1, self: undefined };
  // `return retryAfter ? [retryAfter, true] : …; return [backoff(n), true]`: each value returned is one the
  // delay may take, and where one is the server's, the others (the fallbacks) decide.
  const all = returnedValues(body);
  // `if (opts.reconnectAfterMs) return opts.reconnectAfterMs(tries); else return [10, 50, 100][tries - 1] || 5000`:
  // the caller's function is out of sight, and the default decides.
  const defaults = all.filter((value) => !callsTestedOption(value, enclosingTest(value)));
  const returned = defaults.length > 0 ? defaults : all;
  if (returned.length > 1) scanAlternatives(returned, deeper);
  else scanDelay(returned[0] ?? body, deeper);
}

/**
 * Whether a value calls a function held by an options object (`opts.reconnectAfterMs(tries)`) that `test` checks
 * is there: `opts.fn`, `!!opts.fn`, `opts.fn != null`, `typeof opts.fn === 'function'`.
 */
function callsTestedOption(value: ts.Expression, test: ts.Expression | undefined): boolean {
  const call = unwrap(value);
  if (!test || !ts.isCallExpression(call)) return false;
  const held = namePath(call.expression);
  return held !== undefined && held.includes('.') && testedPath(test) === held;
}

/** The name path a test checks the presence of. */
function testedPath(test: ts.Expression): string | undefined {
  let inner = unwrap(test);
  while (ts.isPrefixUnaryExpression(inner) && inner.operator === ts.SyntaxKind.ExclamationToken && ts.isPrefixUnaryExpression(unwrap(inner.operand))) {
    inner = unwrap((unwrap(inner.operand) as ts.PrefixUnaryExpression).operand);
  }
  if (!ts.isBinaryExpression(inner)) return namePath(inner);
  const left = unwrap(inner.left);
  const right = unwrap(inner.right);
  const operator = inner.operatorToken.kind;
  // `typeof opts.fn === 'function'`
  if (ts.isTypeOfExpression(left) && ts.isStringLiteralLike(right) && (operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken)) return namePath(left.expression);
  // `opts.fn != null`, `opts.fn !== undefined`
  const nothing = right.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(right) && right.text === 'undefined');
  return nothing && (operator === ts.SyntaxKind.ExclamationEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsEqualsToken) ? namePath(left) : undefined;
}

/** The condition of the `if` whose then-branch a return sits in (the return itself, or the one statement of a block). */
function enclosingTest(value: ts.Expression): ts.Expression | undefined {
  const statement = value.parent;
  const branch = statement && ts.isBlock(statement.parent) && statement.parent.statements.length === 1 ? statement.parent : statement;
  const test = branch?.parent;
  return test && ts.isIfStatement(test) && test.thenStatement === branch ? test.expression : undefined;
}

/** How many returns of a helper are read as its alternatives; more, and the body is read whole. */
const MAX_RETURNS = 8;

/** The values a function body returns (not those of functions inside it); none for an expression body or too many. */
export function returnedValues(body: ts.ConciseBody): ts.Expression[] {
  if (!ts.isBlock(body)) return [];
  const values: ts.Expression[] = [];
  let tooMany = false;
  walkTree(body, undefined, (node) => {
    if (tooMany || isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isReturnStatement(node) && node.expression) {
      values.push(node.expression);
      tooMany = values.length > MAX_RETURNS;
    }
    return undefined;
  });
  return tooMany ? [] : values;
}

/** Follows a name to what it was computed from. Returns true when the node was fully handled. */
function scanName(node: ts.Identifier | ts.PropertyAccessExpression, state: ScanState): boolean {
  if (ts.isIdentifier(node) && node.parent && ts.isPropertyAccessExpression(node.parent) && node.parent.name === node) return true;
  const path = namePath(node);
  if (!path) return false;
  const last = path.slice(path.lastIndexOf('.') + 1);
  if (JITTER_NAME.test(last)) {
    state.features.random = true;
    return true;
  }
  // An attempt counter sizes the delay by the attempt, nothing more: what holds it (`attemptsRef = useRef(0)`) is not read.
  if (state.counters.has(path)) {
    state.features.growing = true;
    // `delay = delay + Math.random() * spread`: a delay that grows by a random step each time is jittered.
    if (visibleAssignments(state.index, path, node).some((assignment) => namesRandomness(assignment.right))) state.features.random = true;
    return true;
  }
  // The innermost declaration is the one the use sees (an inner `let retry = 0` hides an outer `const retry = …`).
  const declarations = visibleDeclarations(state.index, path, node).slice(-1);
  // A name is read once per variable: `const delay = this.nextDelay()` and the `let delay` that function returns are two.
  const variable = declarations[0] ?? path;
  if (state.seen.has(variable)) return true;
  state.seen.add(variable);
  const deeper = { ...state, depth: state.depth + 1 };
  const assignments = visibleAssignments(state.index, path, node).slice(-3);
  // A `retryAfter` is the server's, unless what it holds is in sight (a fallback may be part of it).
  if (/retry_?after|ratelimit_?reset/i.test(path) && ((!declarations.some((declaration) => declaration.initializer) && assignments.length === 0)
    || (assignments.length === 0 && declarations.every((declaration) => declaration.initializer && readOffTheFailure(declaration.initializer))))) {
    state.features.server = true;
    return true;
  }
  // `const [delayMillis, canRetry] = this.retryDelayFor(attempts, err)`: what the call computes (a helper
  // of the file is read; one out of sight may well add jitter).
  const destructuredFrom = declarations.length === 0 && assignments.length === 0 && ts.isIdentifier(node) ? destructuredFromCall(node) : undefined;
  if (destructuredFrom) {
    scanCall(destructuredFrom, deeper);
    return true;
  }
  // `wait = Math.floor(wait * 1000 + Math.random() * 200)` just before the use, in a block around it: every earlier
  // value passes through it, so it is the value the wait gets.
  const latest = assignments.at(-1);
  if (latest && reworksOnTheWay(latest, path, node) && namesRandomness(latest.right)) {
    state.features.random = true;
    scanDelay(latest.right, { ...deeper, self: path });
    return true;
  }
  const values: ts.Expression[] = [];
  for (const declaration of declarations) if (declaration.initializer) values.push(declaration.initializer);
  for (const assignment of assignments) {
    const operator = assignment.operatorToken.kind;
    if (operator === ts.SyntaxKind.AsteriskEqualsToken || operator === ts.SyntaxKind.AsteriskAsteriskEqualsToken || operator === ts.SyntaxKind.LessThanLessThanEqualsToken) {
      state.features.growing = true;
    }
    values.push(assignment.right);
  }
  // The values a name is given in turn (`if (retryAfter) delay = … else delay = base * 2 ** n`) are its
  // alternatives: where one is the server's, the others (the fallbacks) decide, as in `a ?? b`.
  if (values.length > 1) scanAlternatives(values, { ...deeper, self: path });
  else if (values.length === 1) scanDelay(values[0]!, { ...deeper, self: path });
  // `const { minReconnectionDelay } = this.options` with `minReconnectionDelay: 1000 + Math.random() * 4000` among the
  // defaults: an option whose default in the file is random gives each client its own delay.
  else if (randomOptionDefault(state.index, last)) state.features.random = true;
  // `config.RECONNECT_BASE_MS` where `config = app.getDecorator(kConfig)`: a setting of a configuration object is
  // a value the deployment fixes, whatever call handed the object over (as a config getter's, CONFIG_READ_CALL).
  else if (ts.isPropertyAccessExpression(node) && CONFIG_OBJECT.test(namePath(node.expression) ?? '')) return true;
  return ts.isIdentifier(node);
}

/**
 * `const retryAfter = error.errorDetails?.find((d) => …)?.retryDelay`: a value read off the error or the answer
 * itself (its root is named for one), which the server sent.
 */
function readOffTheFailure(value: ts.Expression): boolean {
  let node: ts.Expression = value;
  for (let steps = 0; steps < 20; steps++) {
    const inner = unwrap(node);
    if (ts.isIdentifier(inner)) return ERROR_NAME.test(inner.text) || ANSWER_NAME.test(inner.text);
    if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner) || ts.isCallExpression(inner)) node = inner.expression;
    else return false;
  }
  return false;
}

/** Names an HTTP answer is held by. */
const ANSWER_NAME = /^(res|resp|response|reply|answer)$/i;

/** The values object literals of the file give a property, by its name (read once per file, on first need). */
const propertyValuesByIndex = new WeakMap<SourceIndex, ReadonlyMap<string, ts.Expression[]>>();

function randomOptionDefault(index: SourceIndex, name: string): boolean {
  if (!index.names.has(name)) return false;
  let byName = propertyValuesByIndex.get(index);
  if (!byName) {
    const found = new Map<string, ts.Expression[]>();
    walkTree(index.sourceFile, undefined, (node) => {
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
        const list = found.get(node.name.text);
        if (list) list.push(node.initializer);
        else found.set(node.name.text, [node.initializer]);
      }
      return undefined;
    });
    propertyValuesByIndex.set(index, (byName = found));
  }
  return (byName.get(name) ?? []).some(namesRandomness);
}

/** Whether an assignment of `path` from itself is a statement of a block around `use`, before it (so every way to the use passes it). */
function reworksOnTheWay(assignment: ts.BinaryExpression, path: string, use: ts.Node): boolean {
  const statement = assignment.parent;
  if (!ts.isExpressionStatement(statement) || statement.expression !== assignment || !ts.isBlock(statement.parent)) return false;
  if (assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || statement.end > use.pos) return false;
  const block = statement.parent;
  if (use.pos < block.pos || use.end > block.end) return false;
  return someDescendant(assignment.right, (node) => namePath(node as ts.Expression) === path);
}

/** How many blocks up from a use a destructuring declaration of its name is looked for. */
const MAX_DESTRUCTURING_LEVELS = 16;

/** The call whose result a name is bound from by destructuring, in a block around the use. */
function destructuredFromCall(use: ts.Identifier): ts.CallExpression | undefined {
  let levels = 0;
  for (let scope: ts.Node | undefined = use.parent; scope && levels < MAX_DESTRUCTURING_LEVELS; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    levels++;
    const call = namesDestructuredFromCalls(scope).get(use.text);
    if (call) return call;
  }
  return undefined;
}

const destructuredNames = new WeakMap<ts.Block | ts.SourceFile, ReadonlyMap<string, ts.CallExpression>>();

/** The names a block's declarations bind by destructuring a call's result (`const [a, b] = f()`), read once per block. */
function namesDestructuredFromCalls(block: ts.Block | ts.SourceFile): ReadonlyMap<string, ts.CallExpression> {
  let names = destructuredNames.get(block);
  if (!names) {
    const found = new Map<string, ts.CallExpression>();
    for (const statement of block.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) || !declaration.initializer) continue;
        const value = unwrap(declaration.initializer);
        const call = ts.isAwaitExpression(value) ? unwrap(value.expression) : value;
        // A module's exports (`const { RETRY_DELAY } = require('./consts')`) are values set there, not computed per call.
        if (!ts.isCallExpression(call) || calleeName(call) === 'require') continue;
        for (const element of declaration.name.elements) if (!ts.isOmittedExpression(element) && ts.isIdentifier(element.name)) found.set(element.name.text, call);
      }
    }
    destructuredNames.set(block, found);
    names = found;
  }
  return names;
}

/** Declarations of a name whose scope holds the use, outermost first (found by walking up from the use). */
export function visibleDeclarations(index: SourceIndex, name: string, use: ts.Node): ts.VariableDeclaration[] {
  if (name.includes('.')) return [];
  const found: ts.VariableDeclaration[] = [];
  for (let node: ts.Node | undefined = use; node; node = node.parent) {
    const declarations = index.scopedDeclarations.get(node)?.get(name);
    if (declarations) found.unshift(...declarations);
  }
  return found;
}

/** Assignments to a name path in the functions around the use (any method, for `this.` paths). */
export function visibleAssignments(index: SourceIndex, path: string, use: ts.Node): ts.BinaryExpression[] {
  if (path.startsWith('this.')) return index.assignments.get(path) ?? [];
  const found: ts.BinaryExpression[] = [];
  for (let node: ts.Node | undefined = use; node; node = node.parent) {
    if (!isFunctionNode(node) && !ts.isSourceFile(node)) continue;
    const assignments = index.functionAssignments.get(node)?.get(path);
    if (assignments) found.unshift(...assignments);
  }
  return found;
}

/** Words that name randomness in code: `Math.random`, `randomInt`, `jitter`, `{ jitter: 'full' }`. */
const RANDOMNESS_WORD = /random|jitter/i;

/**
 * Whether code names randomness in a name or a string (`Math.random()`, `jitter(delay)`, `{ jitter: 'full' }`),
 * not in a comment: `// TODO add jitter` above a fixed sleep adds none.
 */
export function namesRandomness(node: ts.Node): boolean {
  if (!RANDOMNESS_WORD.test(nodeText(node))) return false;
  return someDescendant(node, (child) => (ts.isIdentifier(child) || ts.isStringLiteralLike(child)) && RANDOMNESS_WORD.test(child.text));
}

/**
 * Whether a value is read off the server's wait header (`headers.get('Retry-After') || headers.get('RateLimit-Reset')`):
 * such a `retry` is how long to wait, not a count of attempts, whatever its name says.
 */
export function readsServerWaitHeader(value: ts.Expression): boolean {
  return SERVER_WAIT_HEADER.test(nodeText(value)) && someDescendant(value, (child) => ts.isStringLiteralLike(child) && SERVER_WAIT_HEADER.test(child.text));
}

/** Whether a wait's delay is a plain identifier or call that could be unwrapped for a jitter fix. */
export function isSimpleDelay(expression: ts.Expression): boolean {
  const inner = unwrap(expression);
  return ts.isIdentifier(inner) || ts.isNumericLiteral(inner) || ts.isPropertyAccessExpression(inner) || ts.isCallExpression(inner);
}

/** How far up from a wait the `if` it is made in is looked for. */
const MAX_STEPS_TO_BRANCH = 12;
/** Names of a rate-limit answer: `TOO_MANY_REQUESTS`, `isRateLimited`, `throttled`. */
const RATE_LIMIT_NAME = /too_?many_?requests|rate_?limit|throttled/i;

/** How many statements before a wait are read for a guard that leaves on any other answer. */
const MAX_GUARDS_BEFORE = 8;

/**
 * Whether a wait is made only on a rate-limit answer: inside the `then` of an `if` that requires one
 * (`if (json.error_code === 429 && attempt < max)`, `if (isRateLimited(res))`), or after a guard that
 * leaves on any other (`if (err.status !== 429) throw err;`). A test that takes other answers too
 * (`status === 429 || status >= 500`) does not count.
 */
export function answersRateLimit(wait: ts.Node): boolean {
  let child = wait;
  for (let node = wait.parent, steps = 0; node && steps < MAX_STEPS_TO_BRANCH && (!isFunctionNode(node) || isPromiseExecutor(node)); child = node, node = node.parent, steps++) {
    if (ts.isIfStatement(node) && node.thenStatement === child && chainOperands(node.expression, ts.SyntaxKind.AmpersandAmpersandToken).some((operand) => testsRateLimit(operand, true))) return true;
    if (ts.isBlock(node) && guardedAgainstOtherAnswers(child as ts.Statement)) return true;
  }
  return false;
}

/** `new Promise((resolve) => setTimeout(resolve, ms))`: the timer runs where the promise is made. */
function isPromiseExecutor(fn: ts.Node): boolean {
  const created = fn.parent;
  return created !== undefined && ts.isNewExpression(created) && created.arguments?.[0] === fn && calleeName(created) === 'Promise';
}

/** `if (err.status !== 429) throw err;` among the statements before `statement`. */
function guardedAgainstOtherAnswers(statement: ts.Statement): boolean {
  return statementsBefore(statement, MAX_GUARDS_BEFORE).some((guard) => ts.isIfStatement(guard) && !guard.elseStatement && leaves(guard.thenStatement)
    && chainOperands(guard.expression, ts.SyntaxKind.BarBarToken).some((operand) => testsRateLimit(operand, false)));
}

function leaves(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return last !== undefined && (isExitStatement(last) || ts.isContinueStatement(last));
}

/** `status === 429`, `isRateLimited(res)` (`is`: true); `status !== 429`, `!isRateLimited(res)` (`is`: false). */
function testsRateLimit(operand: ts.Expression, is: boolean): boolean {
  let node = operand;
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return !is && namesRateLimit(node.operand);
  if (ts.isBinaryExpression(node)) {
    const operator = node.operatorToken.kind;
    const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
    const unequal = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
    if (!(is ? equal : unequal)) return false;
    return [node.left, node.right].some((side) => numericValue(side) === 429 || RATE_LIMIT_NAME.test(namePath(side) ?? '') || RATE_LIMIT_NAME.test(stringText(side)));
  }
  return is && namesRateLimit(node);
}

function namesRateLimit(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  return RATE_LIMIT_NAME.test(namePath(ts.isCallExpression(node) ? node.expression : node) ?? '');
}

function stringText(expression: ts.Expression): string {
  const node = unwrap(expression);
  return ts.isStringLiteralLike(node) ? node.text : '';
}

/**
 * `await wait(1000); await upload(…)`: a wait awaited in the same block before the statement that holds the
 * reference (in the function that holds it, not in a callback) puts the call off to later as a timer does.
 */
export function waitedBefore(ref: ts.Node, fn: FunctionNode): ts.CallExpression | undefined {
  const statement = statementInList(ref);
  if (!statement || enclosingFunction(statement) !== fn) return undefined;
  for (const earlier of statementsBefore(statement, MAX_STATEMENTS_BEFORE)) {
    const awaited = ts.isExpressionStatement(earlier) && ts.isAwaitExpression(earlier.expression) ? unwrap(earlier.expression.expression) : undefined;
    if (awaited && ts.isCallExpression(awaited) && waitSite(awaited)) return awaited;
    const promised = awaited && ts.isNewExpression(awaited) ? promisedTimer(awaited) : undefined;
    if (promised) return promised;
  }
  return undefined;
}

/** The timer of `new Promise((resolve) => setTimeout(resolve, ms))`, the wait written out. */
function promisedTimer(created: ts.NewExpression): ts.CallExpression | undefined {
  const executor = created.arguments?.[0] ? unwrap(created.arguments[0]) : undefined;
  if (calleeName(created) !== 'Promise' || !executor || !(ts.isArrowFunction(executor) || ts.isFunctionExpression(executor))) return undefined;
  const body = executor.body;
  const statement = ts.isBlock(body) ? (body.statements.length === 1 ? body.statements[0] : undefined) : undefined;
  const expression = ts.isBlock(body) ? (statement && ts.isExpressionStatement(statement) ? statement.expression : undefined) : body;
  const timer = expression ? unwrap(expression) : undefined;
  return timer && ts.isCallExpression(timer) && calleeName(timer) === 'setTimeout' && waitSite(timer) ? timer : undefined;
}

/** How many statements before a call an awaited wait is looked for. */
const MAX_STATEMENTS_BEFORE = 8;
