// Recursive retries: a function that calls itself again from its failure path (a catch, a
// `.catch`, an error callback, a close handler), directly or through `setTimeout`. Also axios
// response interceptors that re-send `error.config`, which retry the same way.
import ts from 'typescript';
import {
  calleeName, calleeObject, isArithmeticOperator, rootName, chainOperands, COMPARISON_OPERATORS, contains, enclosingFunction, functionName, type FunctionNode, isAssignmentOperator, isExitStatement, isFunctionNode, lastStatement, namePath, numericValue, ownName, propertyNameText, readOnce, referencesPath, SKIP_CHILDREN, someDescendant, statementInList, statementsBefore, stringValue, visitDescendants, unbound, unwrap, walkTree, withinNestingLimit,
} from './ast';
import { advancedName, collectComparisons, emptyComparisons, offLimitBound, readsClock, withoutFirstAttemptTests, type Comparisons } from './counters';
import { waitedBefore, waitSite } from './delays';
import { infiniteLimits } from './infinite-limits';
import { budgetBypassed, budgetFlags, guardedByBudget, guardLetsPastBudget, ifEffect, type LocalFunctionOf, type TestEffect } from './stopping-tests';
import { checkPolarity, invert, type Polarity, testsLossState, testsStatusWord } from './outcomes';
import { backoffFromWaits, isScaledName, localHelperWait, testsFailedState } from './retry-loops';
import type { Backoff, Bound, RetriedClient, RetryConstruct, WaitSite } from './retry-model';
import { addTo, callsNamed, firstCallFrom, localFunctionCalled, type SourceIndex } from './source-index';
import { firstLineSpan } from './spans';
import { codeText, nodeText } from './run-context';
import { type HandedRetrier, retrierHandedTo } from './handed-retriers';
import { ATTEMPT_COUNTER_NAME, DELAY_CALC_NAME, LOG_NAME, NOT_RETRY_HELPER_NAME, NOT_THERE_YET, NOT_YET_ANSWER, PRINT_NAME, RETRY_DECISION_NAME, RETRY_HELPER_NAME, RETRY_OPTION_NAME, SCHEDULER_NAME } from './vocabulary';

/** Every name counts as a result when reading a recursive function's conditions (`if (err)`, `!res.ok`). */
const ANY_RESULT: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

export const FAILURE_EVENT = /error|close|disconnect|end|exit|timeout|fail|abort|lost/i;

/**
 * Calls whose one callback runs only on a failure: a promise's `.catch(cb)`, a Result's `.mapErr(cb)` and `.orElse(cb)`
 * (neverthrow, fp-ts), a jQuery request's `.fail(cb)`.
 */
const ERROR_CALLBACK_WORDS = ['catch', 'mapErr', 'orElse', 'fail'];
const ERROR_CALLBACK_CALL = new RegExp(`^(${ERROR_CALLBACK_WORDS.join('|')})$`);

/** Calls that register an event handler: `.on('close', cb)`. */
const REGISTRATION_WORDS = ['on', 'once', 'addListener', 'addEventListener', 'prependListener'];
export const FAILURE_REGISTRATION = new RegExp(`^(${REGISTRATION_WORDS.join('|')})$`);

/** Calls whose callback arguments can run on a failure (see callbackContext): those above, and `.then(ok, cb)`. */
export const FAILURE_CALLBACK_CALL = new RegExp(`^(${[...ERROR_CALLBACK_WORDS, 'then', ...REGISTRATION_WORDS].join('|')})$`);

/** Handler properties that run on a failure: `ws.onclose = () => connect()`, `{ onFailure: () => retry() }`. */
export const FAILURE_HANDLER_PROPERTY = /^on(error|close|disconnect|end|timeout|abort|fail|failure|failed)$/i;
/** The failure callback of an observer or an options object: rxjs's `subscribe({ next, error })`, `$.ajax({ error })`. */
export const OBSERVER_FAILURE_PROPERTY = /^(error|fail|failure)$/;

type Context = 'catch' | 'event';

/**
 * A handler registered through a method named for the failure: `this.client.onDisconnect(() => this.connect())`,
 * SignalR's `connection.onclose(cb)`, `socket.onError(cb)`. The handler is the call's first argument.
 */
function registersByMethod(call: ts.CallExpression, argument: ts.Node): boolean {
  return call.arguments[0] === argument && calleeObject(call) !== undefined && FAILURE_HANDLER_PROPERTY.test(calleeName(call) ?? '');
}

/** A close or disconnect handler runs on a lost connection (an event); the others on a failed attempt. */
function handlerPropertyContext(property: string): Context {
  return /close|disconnect|end/i.test(property) ? 'event' : 'catch';
}

/**
 * Limits that keep the reading of self-references linear on generated code: the references of one
 * function that are read (a retry calls itself once or twice; `f + f + …` a million times), and how
 * far up from a reference its failure path is looked for (real code is a few dozen levels deep).
 */
const MAX_SELF_REFERENCES_READ = 64;
const MAX_CONTEXT_STEPS = 400;
/** How many statements before a way round are read for a test that leaves first (real callbacks test a few). */
const MAX_STATEMENTS_BEFORE = 8;

export function findRecursiveRetries(index: SourceIndex): RetryConstruct[] {
  const byFunction = new Map<FunctionNode, ts.Expression[]>();
  for (const { fn, ref } of index.selfReferences) {
    const list = byFunction.get(fn);
    if (!list) byFunction.set(fn, [ref]);
    else if (list.length < MAX_SELF_REFERENCES_READ) list.push(ref);
  }
  const constructs: RetryConstruct[] = [];
  const retriers = new Map<FunctionNode, HandedRetrier>();
  const functions = withinNestingLimit([...byFunction.keys()].sort((a, b) => a.pos - b.pos));
  for (const fn of functions) {
    if (insideCompiledAsyncHelper(fn)) continue;
    const refs = byFunction.get(fn)!.filter((ref) => !unregisters(ref) && !handedToScheduler(ref, index) && !waitsForThePerson(ref));
    const read = refs.map((ref) => ({ ref, context: failureContext(ref, fn, index) }));
    const onFailure = read.filter((entry) => entry.context !== undefined && !answeredNotYet(entry.ref, fn) && !descendsIntoArgument(entry.ref, fn) && !asksTheUserAgain(entry.ref, fn)
      && !pollsUntilFailedState(entry.ref, fn, refs));
    // A way round through a helper of the file that calls the function back is that helper's, read once below.
    const failing = onFailure.filter((entry) => {
      const retrier = retrierHandedTo(entry.ref, index);
      if (retrier && !retriers.has(retrier.helper)) retriers.set(retrier.helper, retrier);
      return retrier === undefined;
    });
    if (failing.length === 0) continue;
    const successWays = read.filter((entry) => entry.context === undefined).map((entry) => wayAfterSuccess(entry.ref, fn, failing.map((other) => other.ref)));
    if (!failing.some((entry) => goesRoundAtOnceFromCatch(entry.ref, fn)) && successWays.includes('always')) continue;
    const pollsUntilDone = successWays.includes('until-done');
    const name = calledName(fn);
    const event = failing.some((entry) => entry.context === 'event');
    const callText = ts.isMethodDeclaration(fn) ? `this.${name}()` : `${name}()`;
    const label = event ? `reconnect handler that calls \`${callText}\` again` : `recursive retry of \`${callText}\``;
    const construct = recursiveConstruct(fn, failing.map((entry) => entry.ref), label, 'recursion', index);
    // A poll with a cap is a poll with a budget, its failures retried at its cadence; without one, they go on for ever.
    if (pollsUntilDone && construct.bound.capped !== false) continue;
    if (pollsUntilDone) construct.pollsUntilDone = true;
    if (event) construct.reconnects = true;
    const handlerPaths = otherHandlerPaths(construct, failing.map((entry) => entry.ref), fn, callText, index);
    // A reconnect's ways round (its handlers, its catch) are one cycle, reported per handler; a retry's are each reported.
    const ways = event ? [] : otherWaysRound([construct, ...handlerPaths], failing.map((entry) => entry.ref), fn, index);
    constructs.push(construct, ...handlerPaths, ...ways);
  }
  return [...constructs, ...handlerRoundTrips(index, byFunction), ...[...retriers.values()].map((retrier) => handedRetry(retrier, index))];
}

/** The retry a helper makes of the functions handed to it: read in the function that calls them back, at those calls. */
function handedRetry({ name, callbacks }: HandedRetrier, index: SourceIndex): RetryConstruct {
  const around = enclosingFunction(callbacks[0]!)!;
  return recursiveConstruct(around, callbacks, `retry of the function handed to \`${name}()\``, 'recursion', index);
}

/**
 * `const onError = (err) => { if (++n > limit) throw err; return run(); }; const run = () => command().catch(onError)`:
 * the error handler a function hands to `.catch` by name calls that function again. The handler is where the way
 * round is decided (its count, its wait), so it is read as the recursion, going round through the function.
 */
function handlerRoundTrips(index: SourceIndex, recursive: ReadonlyMap<FunctionNode, unknown>): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  const read = new Set<FunctionNode>();
  for (const call of index.calls) {
    const name = calleeName(call);
    const handlerArgument = name !== undefined && ERROR_CALLBACK_CALL.test(name) ? call.arguments[0] : name === 'then' ? call.arguments[1] : undefined;
    const handlerName = handlerArgument && ts.isIdentifier(unwrap(handlerArgument)) ? (unwrap(handlerArgument) as ts.Identifier).text : undefined;
    const handler = handlerName ? onlyFunction(index, handlerName) : undefined;
    const registrar = handler && enclosingFunction(call);
    const registrarName = registrar && functionName(registrar);
    if (!handler || !registrar || !registrarName || read.has(handler) || recursive.has(handler) || contains(handler, registrar) || contains(registrar, handler)) continue;
    if (insideCompiledAsyncHelper(registrar)) continue;
    read.add(handler);
    const refs = callsOfName(handler, registrarName);
    if (refs.length === 0) continue;
    constructs.push(recursiveConstruct(handler, refs, `retry of \`${registrarName}()\` from its error handler`, 'recursion', index));
  }
  return constructs;
}

/** The one function of the file with this name, if there is exactly one. */
function onlyFunction(index: SourceIndex, name: string): FunctionNode | undefined {
  const functions = index.functions.get(name);
  return functions?.length === 1 ? functions[0] : undefined;
}

/** The callees `name(…)` called in `fn`'s body, its callbacks included (`wait(ms).then(() => run())`). */
function callsOfName(fn: FunctionNode, name: string): ts.Expression[] {
  const refs: ts.Expression[] = [];
  if (!fn.body) return refs;
  walkTree(fn.body, undefined, (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === name) refs.push(node.expression);
    return undefined;
  });
  return refs;
}

/**
 * `this.retryOrReject(error, attempt, deferred, attemptRequest)`: the function handed to a retry scheduler of this
 * file, whose timer runs it again (`setTimeout(() => attemptRequest(attempt + 1), delay)`). Whether and when it runs
 * again is decided there, and judged there (handed-reconnects.ts), once for every place that hands it over.
 */
function handedToScheduler(ref: ts.Expression, index: SourceIndex): boolean {
  const call = ref.parent;
  if (!ts.isCallExpression(call) || !call.arguments.includes(ref)) return false;
  const name = calleeName(call);
  const receivers = name !== undefined && SCHEDULER_NAME.test(name) ? index.functions.get(name) : undefined;
  const receiver = receivers?.length === 1 ? receivers[0]! : undefined;
  const parameter = receiver?.parameters[call.arguments.indexOf(ref)];
  if (!receiver || !parameter || !ts.isIdentifier(parameter.name)) return false;
  return callsNamed(index, parameter.name.text).some((handedCall) => contains(receiver, handedCall) && insideTimerCallback(handedCall, receiver));
}

/** Whether a call sits in a callback handed to `setTimeout`, inside `owner`. */
function insideTimerCallback(call: ts.Node, owner: ts.Node): boolean {
  for (let node = call.parent; node && node !== owner; node = node.parent) {
    if (isFunctionNode(node) && ts.isCallExpression(node.parent) && calleeName(node.parent) === 'setTimeout' && node.parent.arguments[0] === node) return true;
  }
  return false;
}

/** The name a function is called by: its own, or `module.exports` for the function a module exports as itself. */
function calledName(fn: FunctionNode): string {
  const name = functionName(fn) ?? 'function';
  const parent = fn.parent;
  return name === 'exports' && ts.isBinaryExpression(parent) && namePath(parent.left) === 'module.exports' ? 'module.exports' : name;
}

/** Calls that ask a person at a terminal or in a page: `promptPassword('Password: ')`, `inquirer.prompt(…)`, `rl.question(…)`. */
const PROMPT_NAME = /[pP]rompt|^ask[A-Z_]|^question$/;

/**
 * `return this.loginByPassword(username, undefined, retryCount - 1)` where `if (password == null)` asks for it
 * (`await this.promptPassword('Password: ')`): the call goes round for a person to answer again, not to send the
 * same thing to a failing service.
 */
function asksTheUserAgain(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  const body = fn.body;
  if (!call || !body) return false;
  if (handsOnAnAnswer(call)) return true;
  const emptied = call.arguments.flatMap((argument, position) => {
    const parameter = fn.parameters[position]?.name;
    return isNullish(argument) && parameter && ts.isIdentifier(parameter) ? [parameter.text] : [];
  });
  if (emptied.length === 0) return false;
  const asked = readOnce(promptedNames, fn, namesTestedBeforePrompts);
  return emptied.some((name) => asked.has(name));
}

const promptedNames = new WeakMap<FunctionNode, ReadonlySet<string>>();

/**
 * `otp = await opts.otpPrompt()` then `return regFetch(uri, { ...opts, otp })`: the call goes round with what a person
 * just answered (a one-time password asked for after the server refused without one), not with what failed.
 */
function handsOnAnAnswer(call: ts.CallExpression): boolean {
  const around = enclosingFunction(call);
  if (!around?.body) return false;
  const answers = readOnce(answerNames, around, namesAssignedFromPrompts);
  return answers.size > 0 && call.arguments.some((argument) => someDescendant(argument, (node) => ts.isIdentifier(node) && answers.has(node.text)));
}

const answerNames = new WeakMap<FunctionNode, ReadonlySet<string>>();

/** The names a function sets from a prompt's answer (`otp = await opts.otpPrompt()`, `const code = await ask('Code: ')`). */
function namesAssignedFromPrompts(fn: FunctionNode): ReadonlySet<string> {
  const names = new Set<string>();
  walkTree(fn.body!, undefined, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return SKIP_CHILDREN;
    const [target, value] = ts.isVariableDeclaration(node) ? [node.name, node.initializer]
      : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken ? [node.left, node.right] : [undefined, undefined];
    const asked = value && unwrap(ts.isAwaitExpression(unwrap(value)) ? (unwrap(value) as ts.AwaitExpression).expression : value);
    if (target && ts.isIdentifier(target) && asked && ts.isCallExpression(asked) && PROMPT_NAME.test(calleeName(asked) ?? '')) names.add(target.text);
    return undefined;
  });
  return names;
}

/** How many `if`s up from a prompt are read for the names they test (real code: one or two). */
const MAX_PROMPT_GUARDS = 4;

/** The names tested by the `if`s a prompt sits in (`if (password == null) { … promptPassword(…) }`), read once per function. */
function namesTestedBeforePrompts(fn: FunctionNode): ReadonlySet<string> {
  const names = new Set<string>();
  walkTree(fn.body!, undefined, (node) => {
    if (node !== fn.body && isFunctionNode(node)) return SKIP_CHILDREN;
    if (!ts.isCallExpression(node) || !PROMPT_NAME.test(calleeName(node) ?? '')) return undefined;
    let guards = 0;
    for (let child: ts.Node = node, parent = node.parent; parent && parent !== fn && guards < MAX_PROMPT_GUARDS; child = parent, parent = parent.parent) {
      if (!ts.isIfStatement(parent) || parent.thenStatement !== child) continue;
      guards++;
      const tested = unwrap(parent.expression);
      for (const side of ts.isBinaryExpression(tested) ? [tested.left, tested.right] : ts.isPrefixUnaryExpression(tested) ? [tested.operand] : [tested]) {
        const inner = unwrap(side);
        if (ts.isIdentifier(inner)) names.add(inner.text);
      }
    }
    return undefined;
  });
  return names;
}

function isNullish(argument: ts.Expression): boolean {
  const node = unwrap(argument);
  return node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === 'undefined') || ts.isVoidExpression(node);
}

/** Calls that take a handler away: `this.off('error', onError)` names the function without running it. */
const UNREGISTER_CALL = /^(off|removeListener|removeEventListener|removeAllListeners|unsubscribe|unlisten|unwatch)$/;

/** The helpers TypeScript and Babel emit for `async` functions, whose `step` hands each rejection back to the generator. */
const COMPILED_ASYNC_HELPER = /^(__awaiter|__generator|__async|_asyncToGenerator|asyncGeneratorStep)$/;

/** `var __awaiter = (this && this.__awaiter) || function (…) { … function step(result) { … } }`: compiled code, no retry. */
function insideCompiledAsyncHelper(fn: FunctionNode): boolean {
  for (let outer: FunctionNode | undefined = fn, depth = 0; outer && depth < 3; outer = enclosingFunction(outer), depth++) {
    let holder: ts.Node = outer.parent;
    while (ts.isBinaryExpression(holder) || ts.isParenthesizedExpression(holder)) holder = holder.parent;
    const name = functionName(outer) ?? (ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) ? holder.name.text : undefined);
    if (name !== undefined && COMPILED_ASYNC_HELPER.test(name)) return true;
  }
  return false;
}

/** What a person does in a page or an app: click, tap, press, submit, type. */
const PERSON_EVENT = /^(click|dblclick|tap|press|longpress|submit|keydown|keyup|keypress|pointerdown|pointerup|mousedown|mouseup|touchstart|touchend)$/i;

/**
 * `retryButton.addEventListener('click', loadCrews)`, `button.onclick = load`, `<Button onClick={load}>`: the function
 * runs again when a person asks for it, after reading the error; nothing goes round by itself.
 */
function waitsForThePerson(ref: ts.Node): boolean {
  const handed = handedAs(ref);
  const holder = handed.parent;
  if (ts.isCallExpression(holder) && holder.arguments[1] === handed && REGISTRATION_WORDS.includes(calleeName(holder) ?? '')) {
    return PERSON_EVENT.test(stringValue(holder.arguments[0]) ?? '');
  }
  const property = ts.isBinaryExpression(holder) && holder.right === handed && ts.isPropertyAccessExpression(holder.left) ? holder.left.name.text
    : ts.isJsxExpression(holder) && ts.isJsxAttribute(holder.parent) && ts.isIdentifier(holder.parent.name) ? holder.parent.name.text : undefined;
  return property !== undefined && /^on/.test(property) && PERSON_EVENT.test(property.slice(2));
}

/** What hands a reference on as a handler: itself, `load.bind(this)`, or a wrapper that only calls it, `() => load()`. */
function handedAs(ref: ts.Node): ts.Node {
  const access = ref.parent;
  if (ts.isPropertyAccessExpression(access) && access.expression === ref && access.name.text === 'bind' && ts.isCallExpression(access.parent)) return access.parent;
  const call = ref.parent;
  if (!ts.isCallExpression(call) || call.expression !== ref) return ref;
  const body = ts.isExpressionStatement(call.parent) && ts.isBlock(call.parent.parent) && call.parent.parent.statements.length === 1 ? call.parent.parent : call;
  return isFunctionNode(body.parent) && (body.parent as ts.ArrowFunction).body === body ? body.parent : ref;
}

function unregisters(ref: ts.Node): boolean {
  const call = ref.parent;
  return call !== undefined && ts.isCallExpression(call) && call.arguments.includes(ref as ts.Expression) && UNREGISTER_CALL.test(calleeName(call) ?? '');
}

/**
 * `try { await this.retrieveState(); scheduleNext(base); } catch { scheduleNext(backoff); }`: the function
 * goes round after a success too (last in the try, once the work is done, or in a `finally`), so it is a periodic poll
 * that slows down on failure, not a retry that ends when an attempt succeeds: 'always'. Where the way round after a
 * success is taken only while the answer is not final (`if (job.done) return job;` before it), the poll ends once
 * done, and what its failures send round is retried: 'until-done'.
 */
function wayAfterSuccess(ref: ts.Node, fn: FunctionNode, failing: readonly ts.Node[]): 'always' | 'until-done' | undefined {
  const settled = settlesEitherWay(ref, failing);
  if (settled) return goesRoundOnlyWhileNotDone(ref, settled.arguments[0]!) ? 'until-done' : 'always';
  let child: ts.Node = ref;
  let statement: ts.Node = ref;
  let steps = 0;
  for (let node = ref.parent; node && node !== fn && steps < MAX_CONTEXT_STEPS; child = node, node = node.parent, steps++) {
    // A call per chunk or per item (`for (const part of parts) await this.fetchLogs(part)`) splits the work.
    if (ts.isIterationStatement(node, false)) return undefined;
    if (ts.isBlock(node)) statement = child;
    if (!ts.isTryStatement(node)) continue;
    if (child === node.finallyBlock) return 'always';
    const handler = node.catchClause;
    const last = node.tryBlock.statements[node.tryBlock.statements.length - 1];
    if (child === node.tryBlock && statement === last && handler && failing.some((other) => contains(handler, other))) {
      return goesRoundOnlyWhileNotDone(ref, node.tryBlock) ? 'until-done' : 'always';
    }
  }
  return undefined;
}

/**
 * `catch { await runQueue(); }`: a catch block of the function itself that goes round with no wait before it. A
 * function that also goes round after a success (a periodic run) then runs again at once on every failure: on a
 * failure that lasts, that is a retry in a tight loop, whatever the period of its successes.
 */
function goesRoundAtOnceFromCatch(ref: ts.Node, fn: FunctionNode): boolean {
  // Called, not handed to a timer (`setTimeout(poll, 5000)`).
  const call = callAround(ref);
  if (!ts.isCallExpression(call) || unwrap(call.expression) !== ref) return false;
  const statement = statementInList(ref);
  const block = statement?.parent;
  if (!statement || !block || !ts.isBlock(block) || !block.parent || !ts.isCatchClause(block.parent) || enclosingFunction(statement) !== fn) return false;
  return waitedBefore(ref, fn) === undefined;
}

/**
 * `promise.then(() => { …; proceed(); }).catch(() => { …; proceed(); })`: the function goes on in both
 * callbacks of one promise, whether the work worked or not (a pool starting its next task), so the call
 * in the catch continues the work rather than retrying it.
 */
function settlesEitherWay(ref: ts.Node, failing: readonly ts.Node[]): ts.CallExpression | undefined {
  const onSuccess = callbackCall(ref);
  if (!onSuccess || calleeName(onSuccess.call) !== 'then' || onSuccess.position !== 0) return undefined;
  const eitherWay = failing.some((other) => {
    const onFailure = callbackCall(other);
    if (!onFailure) return false;
    if (onFailure.call === onSuccess.call) return onFailure.position === 1;
    return calleeName(onFailure.call) === 'catch' && calleeObject(onFailure.call) !== undefined && unwrap(calleeObject(onFailure.call)!) === onSuccess.call;
  });
  return eitherWay ? onSuccess.call : undefined;
}

/**
 * Whether the way round `ref` in `callback` is taken only while the answer read there is not final: it sits in a
 * branch of a test of that answer (`if (payment.paid) … else setTimeout(poll, ms)`), or after such a test that
 * leaves (`if (j.done) return;`). A test of anything else (`if (periodOver)`, a flag a timer sets) keeps a period.
 */
function goesRoundOnlyWhileNotDone(ref: ts.Node, callback: ts.Node): boolean {
  const answer = namesDeclaredIn(callback);
  if (answer.size === 0) return false;
  const readsAnswer = (test: ts.Expression): boolean => someDescendant(test, (node) => ts.isIdentifier(node) && answer.has(node.text));
  let steps = 0;
  for (let child = ref, node = ref.parent; node && node !== callback && steps < MAX_CONTEXT_STEPS; child = node, node = node.parent, steps++) {
    if (ts.isIfStatement(node) && child !== node.expression && readsAnswer(node.expression)) return true;
    if (ts.isConditionalExpression(node) && child !== node.condition && readsAnswer(node.condition)) return true;
    if (ts.isBinaryExpression(node) && child === node.right && isLogicalOperator(node.operatorToken.kind) && readsAnswer(node.left)) return true;
    if (ts.isStatement(node) && ts.isBlock(node.parent) && statementsBefore(node, MAX_STATEMENTS_BEFORE).some((before) => leavesOnATest(before, readsAnswer))) return true;
  }
  return false;
}

function isLogicalOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.AmpersandAmpersandToken || kind === ts.SyntaxKind.BarBarToken;
}

/** The parameters of a callback and the variables declared in it (or in a try block): what it read of the answer. */
function namesDeclaredIn(scope: ts.Node): Set<string> {
  const names = new Set<string>();
  if (isFunctionNode(scope)) for (const parameter of scope.parameters) if (ts.isIdentifier(parameter.name)) names.add(parameter.name.text);
  const body = isFunctionNode(scope) ? scope.body : scope;
  if (body && ts.isBlock(body)) {
    for (const statement of body.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

/** `if (j.done) return;`, `if (paid) { show(); return; }`: a test (of what `reads` accepts) whose branch leaves. */
function leavesOnATest(statement: ts.Statement, reads: (test: ts.Expression) => boolean): boolean {
  if (!ts.isIfStatement(statement) || !reads(statement.expression)) return false;
  const last = lastStatement(statement.thenStatement);
  return last !== undefined && isExitStatement(last);
}

/** The call whose callback argument holds a node (the innermost function around it), and at which position. */
function callbackCall(node: ts.Node): { call: ts.CallExpression; position: number } | undefined {
  let fn: ts.Node | undefined = node.parent;
  while (fn && !isFunctionNode(fn)) fn = fn.parent;
  const call = fn?.parent;
  if (!fn || !call || !ts.isCallExpression(call)) return undefined;
  const position = call.arguments.indexOf(fn as ts.Expression);
  return position >= 0 ? { call, position } : undefined;
}

/**
 * `if (errors.errors) return this.formatErrors(errors.errors)`, `walk(node.parent)`, `describe(err.cause)`:
 * the call hands a part of what it was given in the same place, so it works down a structure (a cause chain,
 * a tree) rather than trying the same thing again. So does `run(tests.filter((t) => !refused.has(t.id)))`:
 * what it was given, less what the failure named, is a different request, not the same one again.
 */
function descendsIntoArgument(ref: ts.Node, fn: FunctionNode): boolean {
  const call = ref.parent;
  if (!call || !ts.isCallExpression(call) || call.expression !== ref) return false;
  return call.arguments.some((argument, position) => {
    const parameter = fn.parameters[position];
    if (!parameter || !ts.isIdentifier(parameter.name)) return false;
    const name = parameter.name.text;
    const given = unwrap(argument);
    const value = ts.isIdentifier(given) && given.text !== name ? localInitializers(fn).get(given.text) ?? given : given;
    if (isFilteredFrom(value, name) || isPieceOf(value, name, call)) return true;
    if (!(ts.isPropertyAccessExpression(value) || ts.isElementAccessExpression(value))) return false;
    const root = unwrap(value.expression);
    return ts.isIdentifier(root) && root.text === name;
  });
}

const initializersByFunction = new WeakMap<FunctionNode, Map<string, ts.Expression>>();

/** The locals a function declares once with a value (`const next = tests.filter(…)`), outside nested functions; read once per function. */
function localInitializers(fn: FunctionNode): Map<string, ts.Expression> {
  return readOnce(initializersByFunction, fn, () => {
    const found = new Map<string, ts.Expression>();
    const repeated = new Set<string>();
    walkTree(fn.body ?? fn, undefined, (node) => {
      if (isFunctionNode(node)) return SKIP_CHILDREN;
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
        if (found.has(node.name.text)) repeated.add(node.name.text);
        found.set(node.name.text, node.initializer);
      }
      return undefined;
    });
    for (const name of repeated) found.delete(name);
    return found;
  });
}

/**
 * A piece of the named list: `batch.slice(0, half)`, or `[job]` inside `for (const job of batch)` (a batch
 * that failed as a whole, sent again item by item to find the bad one).
 */
function isPieceOf(value: ts.Expression, name: string, call: ts.CallExpression): boolean {
  const node = unwrap(value);
  if (isListMethodCall(node, name, 'slice')) return true;
  if (!ts.isArrayLiteralExpression(node) || node.elements.length === 0) return false;
  const items = itemsOf(name, call);
  return node.elements.every((element) => ts.isIdentifier(element) && items.has(element.text));
}

/** The names that `for (const item of list)` loops around the call bind to the list's items. */
function itemsOf(list: string, call: ts.Node): Set<string> {
  const items = new Set<string>();
  for (let node = call.parent; node && !isFunctionNode(node); node = node.parent) {
    if (!ts.isForOfStatement(node) || !ts.isIdentifier(unwrap(node.expression)) || (unwrap(node.expression) as ts.Identifier).text !== list) continue;
    const declarations = ts.isVariableDeclarationList(node.initializer) ? node.initializer.declarations : [];
    for (const declaration of declarations) if (ts.isIdentifier(declaration.name)) items.add(declaration.name.text);
  }
  return items;
}

/** `list.filter(…)` of the named list. */
function isFilteredFrom(value: ts.Expression, name: string): boolean {
  return isListMethodCall(unwrap(value), name, 'filter');
}

/** `list.method(…)` called on the named list itself. */
function isListMethodCall(node: ts.Expression, list: string, method: string): boolean {
  if (!ts.isCallExpression(node) || calleeName(node) !== method) return false;
  const object = calleeObject(node);
  return object !== undefined && ts.isIdentifier(unwrap(object)) && (unwrap(object) as ts.Identifier).text === list;
}

/** How many levels up from a call an `if` that tests the answer is looked for. */
const MAX_ANSWER_TEST_LEVELS = 12;

/**
 * `if (error.code === 'authorization_pending') { await wait(interval); return poll(…) }`: the call goes
 * round only when the server answered "not yet", so it polls for a result rather than retrying a failure
 * (device-code grants, job status); any other answer leaves.
 */
function answeredNotYet(ref: ts.Node, fn: FunctionNode): boolean {
  let child: ts.Node = ref;
  let levels = 0;
  for (let node = ref.parent; node && node !== fn && levels < MAX_ANSWER_TEST_LEVELS; child = node, node = node.parent, levels++) {
    if (ts.isIfStatement(node) && child === node.thenStatement && (comparesWithNotYet(node.expression) || goesRoundWhenEmptyToo(node.expression))) return true;
  }
  return false;
}

/** How many `if … else if …` links of one chain are read (real status polls test a handful of states). */
const MAX_CHAIN_LINKS = 16;

/**
 * `if (pending.includes(status)) setTimeout(poll, ms); else if (status === done) resolve(r); else if (status === 'failed')
 * reject(r); else setTimeout(poll, ms)`: the call goes round in a chain of tests of the answer's state, one of which
 * stops on a failed state without going round. A status poll: what failed leaves, what is not final yet goes round.
 */
function pollsUntilFailedState(ref: ts.Node, fn: FunctionNode, refs: readonly ts.Node[]): boolean {
  let child: ts.Node = ref;
  let levels = 0;
  for (let node = ref.parent; node && node !== fn && levels < MAX_ANSWER_TEST_LEVELS; child = node, node = node.parent, levels++) {
    if (ts.isIfStatement(node) && (child === node.thenStatement || child === node.elseStatement)) return chainStopsOnFailedState(node, refs);
  }
  return false;
}

/** Whether an `if` of the chain the statement belongs to tests for a failed state, and its branch does not go round. */
function chainStopsOnFailedState(statement: ts.IfStatement, refs: readonly ts.Node[]): boolean {
  let head = statement;
  for (let links = 0; ts.isIfStatement(head.parent) && head.parent.elseStatement === head && links < MAX_CHAIN_LINKS; links++) head = head.parent;
  let link: ts.Statement | undefined = head;
  for (let links = 0; link && ts.isIfStatement(link) && links < MAX_CHAIN_LINKS; link = link.elseStatement, links++) {
    const branch = link.thenStatement;
    if (testsFailedState(link.expression) && !refs.some((ref) => branch.pos <= ref.pos && ref.end <= branch.end)) return true;
  }
  return false;
}

/**
 * `if (err || !result || result.entries.length === 0) { setTimeout(() => self.fetchEvents(cb), interval) }`: the
 * same way round is taken when the answer holds no items yet, so it polls for items at its cadence (an event
 * stream's long poll), and a failure only keeps that cadence.
 */
function goesRoundWhenEmptyToo(condition: ts.Expression): boolean {
  const disjuncts = chainOperands(condition, ts.SyntaxKind.BarBarToken);
  return disjuncts.length > 1 && disjuncts.some(testsNoItems);
}

/** `items.length === 0`, `list.size == 0`, `!entries.length`, `results.length < 1`: the answer holds no items. */
function testsNoItems(node: ts.Expression): boolean {
  const counted = (side: ts.Expression): boolean => {
    const inner = unwrap(side);
    return ts.isPropertyAccessExpression(inner) && (inner.name.text === 'length' || inner.name.text === 'size');
  };
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return counted(node.operand);
  if (!ts.isBinaryExpression(node)) return false;
  const operator = node.operatorToken.kind;
  const isEmptyTest = ((operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken) && (numericValue(node.right) === 0 || numericValue(node.left) === 0))
    || (operator === ts.SyntaxKind.LessThanToken && numericValue(node.right) === 1);
  return isEmptyTest && (counted(node.left) || counted(node.right));
}

/**
 * `x === 'authorization_pending'`, `status == "PROCESSING"`, `error.message === 'not found'`, alone, a few joined by
 * `||`, or joined by `&&` to anything else (`error instanceof ValidateTransferError && (…)`).
 */
function comparesWithNotYet(condition: ts.Expression, depth = 0): boolean {
  const node = unwrap(condition);
  if (!ts.isBinaryExpression(node) || depth >= MAX_FLAG_TEST_DEPTH) return false;
  const operator = node.operatorToken.kind;
  if (operator === ts.SyntaxKind.BarBarToken) return comparesWithNotYet(node.left, depth + 1) && comparesWithNotYet(node.right, depth + 1);
  if (operator === ts.SyntaxKind.AmpersandAmpersandToken) return comparesWithNotYet(node.left, depth + 1) || comparesWithNotYet(node.right, depth + 1);
  if (operator !== ts.SyntaxKind.EqualsEqualsEqualsToken && operator !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const literal = stringValue(node.right) ?? stringValue(node.left);
  return literal !== undefined && (NOT_YET_ANSWER.test(literal) || NOT_THERE_YET.test(literal));
}

/**
 * A handler registered inside the function (`connection.on('close', () => setTimeout(connect, 1e4))`)
 * is a way back of its own beside the catch and the other handlers: each gets its finding, at its
 * call. They share the function's cap and wait. Where the cap leaks on one way, that way's finding
 * says so; each other handler's is about its own wait alone, its cap left unjudged.
 */
function otherHandlerPaths(construct: RetryConstruct, refs: ts.Expression[], fn: FunctionNode, callText: string, index: SourceIndex): RetryConstruct[] {
  const leaks = construct.bound.capped === false && construct.bound.leak !== undefined;
  const reportedAt = construct.report.start;
  const byHandler = new Map<ts.Node, ts.Expression[]>();
  for (const ref of refs) {
    const handler = registeredHandlerAround(ref, fn, index);
    if (handler) byHandler.set(handler, [...(byHandler.get(handler) ?? []), ref]);
  }
  const others: RetryConstruct[] = [];
  let scan: FunctionScan | undefined;
  for (const [handler, way] of byHandler) {
    if (handler.pos <= reportedAt && reportedAt < handler.end) continue;
    const label = `reconnect handler that calls \`${callText}\` again`;
    const report = firstLineSpan(callAround(way[0]!), index.sourceFile);
    if (!leaks) {
      others.push({ ...construct, label, report });
      continue;
    }
    scan ??= scanFunction(fn, index, refs);
    others.push({ ...construct, label, report, bound: { capped: 'unknown' }, backoff: wayBackoff(fn, scan, way, refs, index) });
  }
  return others;
}

/** How many lines apart two calls that go round must be to be read as two ways round, not one written over lines. */
const LINES_BETWEEN_WAYS = 3;
/** How many ways round of one function are reported: real retries have a few (a 429 branch, a network error, a 5xx). */
const MAX_WAYS_REPORTED = 8;

/**
 * `if (res.status === 502) return poll(); if (res.status !== 200) { await sleep(1000); return poll(); }`: each way round
 * of a recursive retry (not a reconnect: see otherHandlerPaths) is a retry of its own, with its own wait (or none),
 * reported where it is, capped or not: a reader fixes each. A cap that leaks on one way is that way's finding alone
 * (recursiveConstruct).
 */
function otherWaysRound(reported: readonly RetryConstruct[], refs: readonly ts.Expression[], fn: FunctionNode, index: SourceIndex): RetryConstruct[] {
  const first = reported[0]!;
  if ((first.bound.capped === false && first.bound.leak !== undefined) || refs.length < 2) return [];
  const sourceFile = index.sourceFile;
  const lineOf = (position: number): number => sourceFile.getLineAndCharacterOfPosition(position).line;
  const taken = reported.map((construct) => lineOf(construct.report.start));
  const others: RetryConstruct[] = [];
  let scan: FunctionScan | undefined;
  for (const ref of refs) {
    if (taken.length >= MAX_WAYS_REPORTED) break;
    const call = callAround(ref);
    const line = lineOf(call.getStart(sourceFile));
    if (taken.some((other) => Math.abs(other - line) < LINES_BETWEEN_WAYS)) continue;
    taken.push(line);
    scan ??= constructScans.get(first) ?? scanFunction(fn, index, refs as ts.Expression[]);
    others.push({ ...first, report: firstLineSpan(call, sourceFile), backoff: wayBackoff(fn, scan, [ref], refs as ts.Expression[], index) });
  }
  return others;
}

/** The failure handler a reference sits in, when it is registered inside `fn` (`.on('close', cb)`, `ws.onclose = cb`). */
function registeredHandlerAround(ref: ts.Node, fn: FunctionNode, index: SourceIndex): ts.Node | undefined {
  let child: ts.Node = ref;
  let steps = 0;
  for (let node = ref.parent; node && node !== fn && steps < MAX_CONTEXT_STEPS; child = node, node = node.parent, steps++) {
    if (!isFunctionNode(child)) continue;
    if (namedHandlerContext(child, fn, index) || handlerOptionContext(child)) return child;
    if (ts.isCallExpression(node) && node.arguments.includes(child as unknown as ts.Expression) && FAILURE_REGISTRATION.test(calleeName(node) ?? '')
      && FAILURE_EVENT.test(stringValue(node.arguments[0]) ?? '')) return child;
    if (ts.isCallExpression(node) && registersByMethod(node, child)) return child;
    if (ts.isBinaryExpression(node) && node.right === child && FAILURE_HANDLER_PROPERTY.test(namePath(node.left)?.split('.').pop() ?? '')) return child;
  }
  return undefined;
}

/** axios `instance.interceptors.response.use(ok, onError)` where onError re-sends `error.config`. */
export function findInterceptorRetries(index: SourceIndex): { constructs: RetryConstruct[]; clients: RetriedClient[] } {
  const constructs: RetryConstruct[] = [];
  const clients: RetriedClient[] = [];
  const registered = new Set<FunctionNode>();
  for (const call of index.calls) {
    if (calleeName(call) !== 'use') continue;
    const object = calleeObject(call);
    const path = object ? namePath(object) : undefined;
    if (!path || !INTERCEPTORS.test(path)) continue;
    const handler = resolveFunction(call.arguments[1], index);
    if (!handler) continue;
    registered.add(handler);
    const resends = resendCalls(handler);
    if (resends.length === 0) continue;
    // Reported where the error handler starts when it is written in the call on a line of its own (`use(\n (response)
    // => …,\n async (error) => {`), where the re-sending is; otherwise at the registration.
    const reportAt = isFunctionNode(unwrap(call.arguments[1]!)) && startsOnALaterLine(handler, call, index.sourceFile) ? handler : call;
    const construct = recursiveConstruct(handler, resends, 'axios response interceptor that re-sends `error.config`', 'interceptor', index, reportAt);
    constructs.push(construct);
    const instance = path.replace(INTERCEPTORS, '');
    // The instance stands for the POSTs it re-sends, reported once at the re-send (its cap and waits are the construct's).
    if (resendsAnyFailure(handler)) {
      clients.push({ name: instance, label: `\`${instance}\`'s response interceptor`, coversPost: true, reportedAt: resends[0]!.parent as ts.CallExpression });
    }
  }
  for (const handler of axiosErrorHandlers(index)) {
    if (registered.has(handler)) continue;
    const resends = resendCalls(handler);
    if (resends.length > 0) constructs.push(recursiveConstruct(handler, resends, 'axios error handler that re-sends `error.config`', 'interceptor', index));
  }
  return { constructs, clients };
}

function startsOnALaterLine(node: ts.Node, outer: ts.Node, sourceFile: ts.SourceFile): boolean {
  const line = (at: ts.Node): number => sourceFile.getLineAndCharacterOfPosition(at.getStart(sourceFile)).line;
  return line(node) > line(outer);
}

/**
 * `export async function retryOnNetworkError(error: AxiosError) { …; return axios(error.config) }`: a response
 * interceptor's error handler written here and put on the instance elsewhere. Its parameter's type says what it is.
 */
function axiosErrorHandlers(index: SourceIndex): FunctionNode[] {
  const handlers: FunctionNode[] = [];
  for (const functions of index.functions.values()) {
    for (const fn of functions) {
      const type = fn.parameters[0]?.type;
      if (type && ts.isTypeReferenceNode(type) && (ts.isIdentifier(type.typeName) ? type.typeName : type.typeName.right).text === AXIOS_ERROR_TYPE) handlers.push(fn);
    }
  }
  return handlers;
}

/** The type an error handler of axios takes (the pre-check looks for it too). */
export const AXIOS_ERROR_TYPE = 'AxiosError';

/** `api.interceptors.response`: what follows the instance the interceptor is put on. */
const INTERCEPTORS = /\.interceptors\.response$/;
/** What an interceptor that re-sends only some requests, or only after re-authenticating, reads: the method, an auth status, a token. */
const SELECTIVE_RESEND = /\bmethod\b|40[13]|unauthori[sz]ed|forbidden|refresh|token/i;

/**
 * Whether the interceptor re-sends a request whatever its method, after a failure the server may have acted on. One
 * that picks methods, or re-sends after a 401 with a fresh token (the server refused the first), covers no POST.
 */
function resendsAnyFailure(handler: FunctionNode): boolean {
  return !SELECTIVE_RESEND.test(codeText(handler));
}

function resolveFunction(node: ts.Expression | undefined, index: SourceIndex): FunctionNode | undefined {
  if (!node) return undefined;
  const inner = unwrap(node);
  if (isFunctionNode(inner)) return inner;
  const name = namePath(inner);
  return name ? index.functions.get(ownName(name))?.[0] : undefined;
}

/** Calls in an error handler that pass the failed request's config back in: `axios(error.config)`, `api.request(originalRequest)`. */
function resendCalls(handler: FunctionNode): ts.Expression[] {
  const parameter = handler.parameters[0];
  if (!parameter || !ts.isIdentifier(parameter.name)) return [];
  const errorName = parameter.name.text;
  const configNames = new Set([`${errorName}.config`]);
  const calls: ts.CallExpression[] = [];
  if (handler.body) {
    walkTree(handler.body, undefined, (node) => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && /\.config\b/.test(nodeText(node.initializer))
        && nodeText(node.initializer).startsWith(errorName)) configNames.add(node.name.text);
      // `const { config } = error`, `const { config: request } = err`.
      if (ts.isVariableDeclaration(node) && ts.isObjectBindingPattern(node.name) && node.initializer && namePath(unwrap(node.initializer)) === errorName) {
        for (const element of node.name.elements) {
          const property = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
          if (property === 'config' && ts.isIdentifier(element.name)) configNames.add(element.name.text);
        }
      }
      if (ts.isCallExpression(node)) calls.push(node);
    });
  }
  return calls.filter((call) => {
    const name = calleeName(call) ?? '';
    if (/^(reject|resolve|log|warn|error|info|debug|set|assign|refresh\w*|emit)$/i.test(name)) return false;
    // `logger.debug('retrying %s', describeRequest(config))`: what a log line is made of is printed, not sent.
    if (printedBy(call, handler)) return false;
    return call.arguments.some((argument) => {
      const inner = unwrap(argument);
      const path = namePath(inner);
      if (path && configNames.has(path)) return true;
      return ts.isObjectLiteralExpression(inner) && inner.properties.some((property) => ts.isSpreadAssignment(property) && configNames.has(namePath(property.expression) ?? ''));
    });
  }).map((call) => call.expression);
}

/**
 * Whether a call sits in the arguments of a call that prints a line (PRINT_NAME), within its own function. A call in a
 * callback handed on (`waiting.push(() => resolve(api.request(config)))`) runs later: it is no part of a log line.
 */
function printedBy(call: ts.CallExpression, handler: FunctionNode): boolean {
  for (let node: ts.Node = call, parent = call.parent; parent && parent !== handler && !isFunctionNode(node); node = parent, parent = parent.parent) {
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && PRINT_NAME.test(calleeName(parent) ?? '')) return true;
  }
  return false;
}

/** The kind of failure path a self-reference sits on, or undefined if it is not on one. */
function failureContext(ref: ts.Node, fn: FunctionNode, index: SourceIndex): Context | undefined {
  let child: ts.Node = ref;
  let steps = 0;
  for (let node = ref.parent; node && node !== fn && steps < MAX_CONTEXT_STEPS; child = node, node = node.parent, steps++) {
    if (ts.isCatchClause(node)) return 'catch';
    if (isFunctionNode(child)) {
      const registered = namedHandlerContext(child, fn, index) ?? handlerOptionContext(child);
      if (registered) return registered;
    }
    if (ts.isCallExpression(node) && node.arguments.includes(child as ts.Expression)) {
      const context = callbackContext(node, child);
      if (context) return context;
    }
    if (ts.isBinaryExpression(node) && node.right === child && node.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && FAILURE_HANDLER_PROPERTY.test(namePath(node.left)?.split('.').pop() ?? '')) {
      return handlerPropertyContext(namePath(node.left) ?? '');
    }
    // `if (connection === 'close') { … }` in a state-change handler: the way the connection was lost.
    if (ts.isIfStatement(node) && child === node.thenStatement && testsLossState(node.expression)) return 'event';
    if (ts.isIfStatement(node) && child !== node.expression) {
      const polarity = checkPolarity(node.expression, ANY_RESULT);
      const branch = branchOutcome(child, node, polarity);
      if (branch === 'failure' && !asksAgainForState(node, fn, ANY_RESULT)) return 'catch';
      // `else if (status < 400) { handle(body); poll() }`: the way the attempt worked, whatever a test further out
      // says (in a catch, the attempt failed whatever the test: `status < 500` there picks which failures).
      // In a loss handler the connection is gone whichever branch runs: `if (RESUMABLE.includes(event.code)) resume();
      // else connect()` picks how to come back, not whether the attempt worked.
      if (branch === 'success' && !someAncestor(node, fn, ts.isCatchClause) && !registeredHandlerAround(node, fn, index)) return undefined;
      // `if (!res.data.data) { logger.warn('login failure, retrying'); … return this.login() }`: a test the reading cannot
      // place, in a branch whose own log says the attempt failed.
      if (polarity === undefined && child === node.thenStatement && logsFailure(node.thenStatement)) return 'catch';
    }
    if (ts.isConditionalExpression(node) && child !== node.condition) {
      const polarity = checkPolarity(node.condition, ANY_RESULT);
      if ((child === node.whenTrue && polarity === 'failure') || (child === node.whenFalse && polarity === 'success')) return 'catch';
    }
    if (ts.isBlock(node) && child.pos >= failedAttemptStart(node)) return 'catch';
  }
  return undefined;
}

/** Words a log line uses to say that an attempt failed (not `retrying`, which a poll that waits says too). */
const FAILED_TEXT = /\b(fail(s|ed|ure)?|error|unable|could ?n[o']t|cannot)\b/i;

/** Whether a branch's own statements (not a nested function's) log a message that says the attempt failed. */
function logsFailure(branch: ts.Statement): boolean {
  const statements = ts.isBlock(branch) ? branch.statements : [branch];
  return statements.some((statement) => {
    const call = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
    if (!call || !ts.isCallExpression(call) || !LOG_NAME.test(calleeName(call) ?? '')) return false;
    return call.arguments.some((argument) => {
      const text = ts.isTemplateExpression(argument) ? argument.head.text : stringValue(argument);
      return text !== undefined && FAILED_TEXT.test(text);
    });
  });
}

/**
 * Whether a node of `fn`'s own body (not in a nested function or a catch, which are read as ways of their own)
 * runs only when an attempt failed: in the branch of an `if` that tests a result for a failure, the `else` of one
 * that tests it for success (`if (result.success) { … } else { this.scheduleRetry(id) }`), or after `if (ok) return`.
 * `results` are the names that hold the attempts' results (a state or a list tested is no outcome).
 */
export function onFailedBranch(node: ts.Node, fn: FunctionNode, results: ReadonlySet<string>): boolean {
  let child = node;
  for (let parent = node.parent, steps = 0; parent && parent !== fn && steps < MAX_CONTEXT_STEPS; child = parent, parent = parent.parent, steps++) {
    if (isFunctionNode(parent) || ts.isCatchClause(parent)) return false;
    if (ts.isIfStatement(parent) && branchOutcome(child, parent, checkPolarity(parent.expression, results)) === 'failure'
      && !asksAgainForState(parent, fn, results)) return true;
    if (ts.isBlock(parent) && leftOnSuccessBefore(parent, child, results)) return true;
  }
  return false;
}

/** Which outcome the branch of `statement` holding `child` runs on (its test's `polarity`, or the other one in its `else`). */
function branchOutcome(child: ts.Node, statement: ts.IfStatement, polarity: Polarity | undefined): Polarity | undefined {
  if (child === statement.thenStatement) return polarity;
  return child === statement.elseStatement ? invert(polarity) : undefined;
}

/**
 * `if (res.ok) { if (body.status === 'success') return body.url; else again() }`: a state word read from an answer
 * already found ok is the state of the job asked about, so the branch where it is not final asks again (a poll).
 */
function asksAgainForState(statement: ts.IfStatement, fn: FunctionNode, results: ReadonlySet<string>): boolean {
  if (!testsStatusWord(statement.expression)) return false;
  for (let child: ts.Node = statement, parent = statement.parent, steps = 0; parent && parent !== fn && steps < MAX_CONTEXT_STEPS; child = parent, parent = parent.parent, steps++) {
    if (isFunctionNode(parent)) return false;
    if (ts.isIfStatement(parent) && branchOutcome(child, parent, checkPolarity(parent.expression, results)) === 'success') return true;
  }
  return false;
}

/** `if (ok) return;` (no else) among a block's statements before `child`. */
function leftOnSuccessBefore(block: ts.Block, child: ts.Node, results: ReadonlySet<string>): boolean {
  return child.pos >= readOnce(successLeaves, block, () => firstSuccessLeave(block, results));
}

/**
 * Per block, where the first `if (ok) return;` ends (Infinity: none), read once: a block's statements are read
 * once however many calls in it ask. A block lies in one function, whose results are the ones asked with.
 */
const successLeaves = new WeakMap<ts.Block, number>();

function firstSuccessLeave(block: ts.Block, results: ReadonlySet<string>): number {
  const leave = block.statements.find((statement) => ts.isIfStatement(statement) && !statement.elseStatement
    && alwaysLeaves(statement.thenStatement) && checkPolarity(statement.expression, results) === 'success');
  return leave ? leave.end : Infinity;
}

/** Whether a node between `node` (exclusive) and `fn` passes the test. */
function someAncestor(node: ts.Node, fn: FunctionNode, test: (ancestor: ts.Node) => boolean): boolean {
  for (let ancestor = node.parent; ancestor && ancestor !== fn; ancestor = ancestor.parent) {
    if (test(ancestor)) return true;
  }
  return false;
}

/**
 * A local function registered by its name as a failure handler inside `fn`: `const onClose = () => …;
 * socket.addEventListener('close', onClose)`, `ws.onerror = onClose`, `fetch(url).catch(onError)`.
 */
function namedHandlerContext(handler: FunctionNode, fn: FunctionNode, index: SourceIndex): Context | undefined {
  const name = functionName(handler);
  return name && handler !== fn ? handlersRegisteredIn(fn, index).get(name) : undefined;
}

/** A failure handler given in an options object: `new Upload(file, { onError: (err) => … })`, `{ onclose() { … } }`. */
function handlerOptionContext(handler: FunctionNode): Context | undefined {
  const owner = ts.isMethodDeclaration(handler) ? handler : handler.parent;
  if (!owner || !(ts.isPropertyAssignment(owner) || ts.isMethodDeclaration(owner)) || !ts.isObjectLiteralExpression(owner.parent)) return undefined;
  const property = propertyNameText(owner.name) ?? '';
  if (!FAILURE_HANDLER_PROPERTY.test(property) && !OBSERVER_FAILURE_PROPERTY.test(property)) return undefined;
  return /close|disconnect|end/i.test(property) ? 'event' : 'catch';
}

const registeredHandlers = new WeakMap<FunctionNode, Map<string, Context>>();

/** The names `fn` registers as failure handlers, with the context each runs in (read once per function). */
function handlersRegisteredIn(fn: FunctionNode, index: SourceIndex): Map<string, Context> {
  let handlers = registeredHandlers.get(fn);
  if (handlers) return handlers;
  handlers = new Map();
  // `.then(next).catch(next)`: a function run after a success too goes on with the work, it does not retry.
  const runOnSuccess = new Set<string>();
  // The index lists calls in source order: those inside `fn` are one run of the list.
  for (let i = firstCallFrom(index.calls, fn.pos); i < index.calls.length && index.calls[i]!.pos < fn.end; i++) {
    const call = index.calls[i]!;
    const name = calleeName(call) ?? '';
    if ((name === 'then' || name === 'finally') && call.arguments[0]) for (const ran of handlerRuns(unwrap(call.arguments[0]))) runOnSuccess.add(ran);
    // `ws.onClose(retry)` and `.catch(retry)` take the handler first; `ws.on('close', retry)` and `.then(ok, retry)` second.
    const listener = registersByMethod(call, call.arguments[0]) || ERROR_CALLBACK_CALL.test(name) ? call.arguments[0] : call.arguments[1];
    if (!listener || !(FAILURE_CALLBACK_CALL.test(name) || listener === call.arguments[0])) continue;
    const context = callbackContext(call, listener);
    if (!context) continue;
    // `ws.on('close', retry)`, or `ws.on('close', () => { retry(); })`: the local functions the handler runs.
    for (const name of handlerRuns(unwrap(listener))) if (!handlers.has(name)) handlers.set(name, context);
  }
  for (const assignments of index.functionAssignments.get(fn)?.values() ?? []) {
    for (const binary of assignments) {
      const property = namePath(binary.left)?.split('.').pop() ?? '';
      if (!FAILURE_HANDLER_PROPERTY.test(property)) continue;
      // `ws.onclose = onclose`, or `ws.onerror = (error) => onclose(error)`: the local functions the handler runs.
      for (const name of handlerRuns(unwrap(binary.right))) if (!handlers.has(name)) handlers.set(name, handlerPropertyContext(property));
    }
  }
  for (const name of runOnSuccess) handlers.delete(name);
  registeredHandlers.set(fn, handlers);
  return handlers;
}


/** The names a handler runs: itself when named (`retry`, `retry.bind(this)`), or the bare calls of an inline handler's own statements (`() => { retry(); }`). */
function handlerRuns(listener: ts.Expression): string[] {
  // `socket.addEventListener('close', onClose.bind(this))` runs `onClose`.
  const handed = unbound(listener);
  if (ts.isIdentifier(handed)) return [handed.text];
  if (!ts.isArrowFunction(listener) && !ts.isFunctionExpression(listener)) return [];
  const statements = ts.isBlock(listener.body) ? listener.body.statements : [];
  const bareCall = (expression: ts.Expression): string | undefined => {
    const inner = unwrap(ts.isAwaitExpression(expression) ? expression.expression : expression);
    return ts.isCallExpression(inner) && ts.isIdentifier(inner.expression) ? inner.expression.text : undefined;
  };
  const called = ts.isBlock(listener.body) ? statements.flatMap((statement) => (ts.isExpressionStatement(statement) ? [bareCall(statement.expression)] : []))
    : [bareCall(listener.body)];
  return called.filter((name): name is string => name !== undefined);
}

/** Per block, where the statements that run only after a failed attempt begin (Infinity: nowhere). */
const failedAttemptStarts = new WeakMap<ts.Block, number>();

/**
 * Statements after `if (res.ok) return …;`, or after `try { return await op(); } catch { log(e) }`,
 * run only when the attempt failed: the success path has left the function by then.
 */
function failedAttemptStart(block: ts.Block): number {
  let start = failedAttemptStarts.get(block);
  if (start === undefined) {
    const marker = block.statements.find((statement) => leavesOnSuccess(statement));
    start = marker ? marker.end : Infinity;
    failedAttemptStarts.set(block, start);
  }
  return start;
}

function leavesOnSuccess(statement: ts.Statement): boolean {
  if (ts.isIfStatement(statement)) return isSuccessReturn(statement);
  if (!ts.isTryStatement(statement) || !statement.catchClause) return false;
  const successReturn = (inner: ts.Statement): boolean => ts.isIfStatement(inner) && isSuccessReturn(inner);
  // A catch that always leaves: only a try that stopped short of its success return falls through.
  if (alwaysLeaves(statement.catchClause.block)) return statement.tryBlock.statements.some(successReturn);
  return statement.tryBlock.statements.some((inner) => ts.isReturnStatement(inner) || successReturn(inner));
}

/** `if (res.ok) return res;` with no else. */
function isSuccessReturn(statement: ts.IfStatement): boolean {
  return !statement.elseStatement && alwaysLeaves(statement.thenStatement) && checkPolarity(statement.expression, ANY_RESULT) === 'success';
}

/** A `return` or `throw`, alone or closing a block. */
function alwaysLeaves(statement: ts.Statement): boolean {
  const last = lastStatement(statement);
  return last !== undefined && (ts.isReturnStatement(last) || ts.isThrowStatement(last));
}

/** `.catch(cb)`, `.mapErr(cb)`, `.then(ok, cb)`, `.on('error' | 'close', cb)`, `addEventListener('close', cb)`. */
function callbackContext(call: ts.CallExpression, argument: ts.Node): Context | undefined {
  const name = calleeName(call) ?? '';
  if (ERROR_CALLBACK_CALL.test(name)) return 'catch';
  if (registersByMethod(call, argument)) return handlerPropertyContext(name);
  if (name === 'then' && call.arguments[1] === argument) return 'catch';
  if (FAILURE_REGISTRATION.test(name)) {
    const event = stringValue(call.arguments[0]);
    if (event && FAILURE_EVENT.test(event) && call.arguments[0] !== argument) return /error|fail|abort|timeout/i.test(event) ? 'catch' : 'event';
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Cap and backoff of a recursive retry

export interface FunctionScan {
  advances: Map<string, ts.Node[]>;
  /** Comparisons that may stop the retry. */
  comparisons: Comparisons;
  /** Comparisons that only choose a wait (`if (fails > MAX_FAILS) retryTime = …`): they never stop it. */
  delayComparisons: Comparisons;
  /** `!config._retry` in a condition, and `config._retry = true` (or another truthy value) somewhere: the request is retried once. */
  negatedFlags: Set<string>;
  /** Where each flag is set to a truthy value. */
  flagsSetTrue: Map<string, ts.BinaryExpression[]>;
  waits: WaitSite[];
  declarations: ts.VariableDeclaration[];
  /** Counters declared in the function from a number (`let tries = 0`): each round starts them again, so they count nothing across rounds. */
  restarted: Set<string>;
  /** Counters handed to a call whose answer is tested (`if (await this.retryIf(this.retryCount, op))`): it may compare them with a cap out of sight. */
  askedWithCount: Set<string>;
}

/**
 * `let recount = 0; timer = setInterval(() => { recount++; if (recount < max) reconnect(); }, delay)`: the
 * interval's callback runs again and again in the scope the counter was declared in, so the count goes on
 * across its runs, whatever starts the function again.
 */
function keptAcrossTicks(step: ts.Node, declaration: ts.VariableDeclaration, fn: FunctionNode): boolean {
  for (let node = step.parent; node && node !== fn; node = node.parent) {
    if (!isFunctionNode(node)) continue;
    const call = node.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node || calleeName(call) !== 'setInterval') continue;
    return !contains(node, declaration);
  }
  return false;
}

/** `setInterval(() => { …; reconnect(); }, delay)`: the call that goes round runs a tick later, the interval's delay between attempts. */
function intervalAround(call: ts.CallExpression, refs: readonly ts.Node[] | undefined): WaitSite | undefined {
  const [callback, delay] = call.arguments;
  if (!refs || calleeName(call) !== 'setInterval' || !callback || !isFunctionNode(callback) || !refs.some((ref) => contains(callback, ref))) return undefined;
  return { call, delay };
}

/**
 * `if (isExpired) { const token = await refresh(); if (!token) return; }`: a test of the clock (a token's expiry) whose
 * branch does not leave, only leads to another test that may: what stops the way round is that test, not a deadline.
 */
function onlyOpensAnotherTest(owner: ts.Node, ifsByName: () => ReadonlyMap<string, ts.IfStatement[]>): boolean {
  // `const isExpired = token.exp * 1000 < Date.now()`: judged by the `if`s that test the name.
  if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name)) {
    const testing = ifsByName().get(owner.name.text) ?? [];
    return testing.length > 0 && testing.every(branchOpensAnotherTest);
  }
  return ts.isIfStatement(owner) && branchOpensAnotherTest(owner);
}

/** The `if`s among a function's tests by each name their conditions read (each condition read once). */
function ifsByTestedName(tests: readonly { owner: ts.Node; condition: ts.Expression }[]): Map<string, ts.IfStatement[]> {
  const byName = new Map<string, ts.IfStatement[]>();
  for (const { owner, condition } of tests) {
    if (!ts.isIfStatement(owner)) continue;
    const note = (node: ts.Node): void => {
      if (ts.isIdentifier(node)) addTo(byName, node.text, owner);
    };
    note(condition);
    visitDescendants(condition, note);
  }
  return byName;
}

function branchOpensAnotherTest(statement: ts.IfStatement): boolean {
  if (statement.elseStatement) return false;
  const last = ts.isBlock(statement.thenStatement) ? lastStatement(statement.thenStatement) : statement.thenStatement;
  // An inner test with an `else` may leave on both ways (`if (e.status) throw e; else throw timedOut`): still a deadline.
  return last !== undefined && ts.isIfStatement(last) && last.elseStatement === undefined;
}

/** `refs`: the calls that go round, when they are in this function (see ifEffect). */
/**
 * `const delay = DELAYS[attempt]; if (delay === undefined) throw err` (or `if (delay) { …retry } else exit()`): the
 * counter indexes a list, and a test of what it looked up stops once the list runs out: the test compares the counter.
 * An index that is clamped or wraps (`DELAYS[Math.min(n, 4)]`, `servers[n % k]`) never runs out, and is not read so.
 */
function comparesLookedUpCounters(scan: FunctionScan): void {
  for (const declaration of scan.declarations) {
    const value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    if (!ts.isIdentifier(declaration.name) || !value || !ts.isElementAccessExpression(value)) continue;
    const counter = namePath(value.argumentExpression);
    const tested = scan.comparisons.compared.has(declaration.name.text) || scan.delayComparisons.compared.has(declaration.name.text);
    if (!counter || !scan.advances.has(counter) || !tested) continue;
    // Compared with the list's length, not with zero: it is no test of whether an attempt was made yet.
    scan.comparisons.compared.add(counter);
    scan.comparisons.valueCompared.add(counter);
  }
}

/**
 * `const waitTime = 2 ** (retries + 1) + 500; if (status >= 500 && waitTime < MAX_BACKOFF) return fetchAgain(retries + 1)`:
 * a local worked out from the count (a parameter, or a counter the function steps), compared with a limit on the way
 * that may stop, compares the count: the retries stop once the wait grows past it.
 */
function comparesCountsThroughLocals(scan: FunctionScan, fn: FunctionNode): void {
  const counts = new Set([...parameterNames(fn), ...scan.advances.keys()]);
  for (const declaration of scan.declarations) {
    if (!ts.isIdentifier(declaration.name) || !declaration.initializer || !scan.comparisons.valueCompared.has(declaration.name.text)) continue;
    if (declaration.initializer.end - declaration.initializer.pos > MAX_COUNT_EXPRESSION_LENGTH || !isArithmetic(declaration.initializer)) continue;
    visitDescendants(declaration.initializer, (node) => {
      if (!ts.isIdentifier(node) || !counts.has(node.text)) return;
      scan.comparisons.compared.add(node.text);
      scan.comparisons.valueCompared.add(node.text);
    });
  }
}

/** How long an expression worked out from a count is read (`2 ** (retries + 1) + 500`; longer ones are not). */
const MAX_COUNT_EXPRESSION_LENGTH = 200;

/**
 * Arithmetic on names and numbers (`2 ** (retries + 1) + 500`, `Math.pow(2, n) * base`; not a clamp, `Math.min(…)`, which
 * may keep it under any limit): what a call answers or a list holds (`await handleErrors(res, retries)`, `DELAYS[n]`) is
 * not worked out from the count, it is looked up with it.
 */
function isArithmetic(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (ts.isIdentifier(node) || ts.isNumericLiteral(node)) return true;
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.MinusToken && isArithmetic(node.operand);
  if (ts.isBinaryExpression(node)) return isArithmeticOperator(node.operatorToken.kind) && isArithmetic(node.left) && isArithmetic(node.right);
  return ts.isCallExpression(node) && /^Math\.(pow|max|round|floor|ceil)$/.test(namePath(node.expression) ?? '') && node.arguments.every(isArithmetic);
}


export function scanFunction(fn: FunctionNode, index: SourceIndex, refs?: readonly ts.Node[]): FunctionScan {
  const scan: FunctionScan = {
    advances: new Map(), comparisons: emptyComparisons(), delayComparisons: emptyComparisons(), negatedFlags: new Set(), flagsSetTrue: new Map(), waits: [], declarations: [],
    restarted: new Set(), askedWithCount: new Set(),
  };
  // Conditions are read once the waits are known: those that only choose a wait are set apart.
  const tests: { owner: ts.Node; condition: ts.Expression; asCondition: boolean }[] = [];
  const helperWaits: WaitSite[] = [];
  const selfName = functionName(fn);
  if (fn.body) {
    walkTree(fn.body, undefined, (node) => {
      // A `for` loop's own index (`for (let i = 0; i < n; i++)`) walks a list; it counts no attempts of this function.
      const advanced = advancedName(node);
      if (advanced && !(node.parent && ts.isForStatement(node.parent) && node.parent.incrementor === node)) addTo(scan.advances, advanced, node);
      const condition = conditionOf(node);
      if (condition) {
        tests.push({ owner: node, condition, asCondition: true });
        noteNegatedFlags(condition, scan.negatedFlags);
      }
      if (ts.isVariableDeclaration(node)) {
        scan.declarations.push(node);
        if (node.initializer) tests.push({ owner: node, condition: node.initializer, asCondition: false });
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && !isFalsyLiteral(node.right)) {
        const path = namePath(node.left);
        if (path) addTo(scan.flagsSetTrue, path, node);
      }
      // The call that goes round is not a wait, whatever its name says (`retryAndWait()`).
      if (ts.isCallExpression(node) && calleeName(node) !== selfName) {
        const wait = waitSite(node) ?? intervalAround(node, refs);
        if (wait) scan.waits.push(wait);
        else if (ts.isAwaitExpression(node.parent)) {
          const helperWait = localHelperWait(node, index);
          if (helperWait) helperWaits.push(helperWait);
        }
      }
    });
  }
  // `await timeOut(pollInterval)`, a local function that waits though its name does not say so: a wait where no other is written.
  if (scan.waits.length === 0) scan.waits.push(...helperWaits);
  const delays = delayNames(scan.waits);
  const limits = infiniteLimits(index);
  let ifsByName: ReadonlyMap<string, ts.IfStatement[]> | undefined;
  for (const { owner, condition, asCondition } of tests) {
    const effect = testEffect(owner, refs, delays, (call) => localFunctionCalled(call, index));
    if (effect === 'inert') continue;
    const into = effect === 'chooses-delay' ? scan.delayComparisons : scan.comparisons;
    const deadlineBefore = into.deadline;
    collectComparisons(condition, asCondition, into, limits);
    if (asCondition && effect === 'may-stop' && spendsTimeBudget(condition, scan.declarations, index)) into.deadline = true;
    if (!deadlineBefore && into.deadline && onlyOpensAnotherTest(owner, () => (ifsByName ??= ifsByTestedName(tests)))) into.deadline = false;
    if (asCondition) for (const helper of testHelpers(condition, index)) collectHelperComparisons(helper, into, limits);
  }
  comparesLookedUpCounters(scan);
  comparesCountsThroughLocals(scan, fn);
  noteCountsAskedOf(tests, scan, index);
  withoutFirstAttemptTests(scan.comparisons, scan.advances);
  for (const declaration of scan.declarations) {
    if (!ts.isIdentifier(declaration.name) || numericValue(declaration.initializer) === undefined) continue;
    const steps = scan.advances.get(declaration.name.text);
    if (steps && !steps.every((step) => keptAcrossTicks(step, declaration, fn))) scan.restarted.add(declaration.name.text);
  }
  return scan;
}

/**
 * `if (await this.retryIf(this.retryCount, op))`, or `const shouldRetry = await this.retryIf(this.retryCount, op); if
 * (shouldRetry)`: a counter handed to a call whose answer is tested. Unless the call waits, logs or sizes a wait, or
 * is a function of the file that compares nothing, its answer may compare the count with a cap kept out of sight.
 */
function noteCountsAskedOf(tests: readonly { owner: ts.Node; condition: ts.Expression; asCondition: boolean }[], scan: FunctionScan, index: SourceIndex): void {
  const counters = [...scan.advances.keys()];
  if (counters.length === 0) return;
  // The names the conditions read, gathered once (each declaration is then a lookup, not a walk of every condition).
  const namesTested = new Set<string>();
  for (const test of tests) {
    if (!test.asCondition) continue;
    walkTree(test.condition, undefined, (node) => {
      // `shouldRetry`, not the property of `options.shouldRetry`.
      if (ts.isIdentifier(node) && !(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) namesTested.add(node.text);
      return undefined;
    });
  }
  const tested = (test: { owner: ts.Node; asCondition: boolean }): boolean => {
    if (test.asCondition) return true;
    return ts.isVariableDeclaration(test.owner) && ts.isIdentifier(test.owner.name) && namesTested.has(test.owner.name.text);
  };
  for (const test of tests) {
    if (test.condition.end - test.condition.pos > MAX_TEST_HELPER_LENGTH || !tested(test)) continue;
    walkTree(test.condition, undefined, (node) => {
      if (isFunctionNode(node)) return SKIP_CHILDREN;
      if (!ts.isCallExpression(node) || !asksAnswer(node, index)) return undefined;
      for (const counter of counters) if (node.arguments.some((argument) => referencesPath(argument, counter))) scan.askedWithCount.add(counter);
      return undefined;
    });
  }
}

/** A call whose answer may judge a count: not a wait, a log or a wait's size, nor a function of the file that compares nothing. */
function asksAnswer(call: ts.CallExpression, index: SourceIndex): boolean {
  const name = calleeName(call) ?? '';
  if (waitSite(call) || LOG_NAME.test(name) || DELAY_CALC_NAME.test(name)) return false;
  const local = index.functions.get(name);
  return !local || local.some((helper) => someDescendant(helper, (child) => ts.isBinaryExpression(child) && COMPARISON_OPERATORS.has(child.operatorToken.kind)));
}

/** How long a test helper may be (in characters) and how many a condition may call, to be read. */
const MAX_TEST_HELPER_LENGTH = 3000;
const MAX_TEST_HELPERS = 2;

/**
 * Local functions a condition asks (`if (this._canRetry(error))`, `if (shouldRetry(n))`): what they
 * compare is compared by the condition, so a cap kept in such a helper caps the retry.
 */
function testHelpers(condition: ts.Expression, index: SourceIndex): FunctionNode[] {
  const helpers: FunctionNode[] = [];
  if (condition.end - condition.pos > MAX_TEST_HELPER_LENGTH) return helpers;
  walkTree(condition, undefined, (node) => {
    if (helpers.length >= MAX_TEST_HELPERS || !ts.isCallExpression(node)) return undefined;
    const object = calleeObject(node);
    const name = calleeName(node);
    if (!name || (object && object.kind !== ts.SyntaxKind.ThisKeyword)) return undefined;
    const local = index.functions.get(name);
    if (local?.length === 1 && local[0]!.end - local[0]!.pos <= MAX_TEST_HELPER_LENGTH) helpers.push(local[0]!);
    return undefined;
  });
  return helpers;
}

/** How long a helper that computes a wait may be for its body to be read for the clock. */
const MAX_BUDGET_HELPER_LENGTH = 3000;

/**
 * `const retryDelay = this.getRetryDelay(); if (retryDelay <= 0) throw e;`: a wait computed by a helper of
 * the file that reads the clock (it counts down a time budget, `total - (Date.now() - start)`), tested for
 * nothing left: the retry stops at a deadline.
 */
function spendsTimeBudget(condition: ts.Expression, declarations: readonly ts.VariableDeclaration[], index: SourceIndex): boolean {
  const test = unwrap(condition);
  if (!ts.isBinaryExpression(test) || numericValue(test.right) !== 0 || !ts.isIdentifier(unwrap(test.left))) return false;
  const operator = test.operatorToken.kind;
  if (operator !== ts.SyntaxKind.LessThanEqualsToken && operator !== ts.SyntaxKind.LessThanToken) return false;
  const name = (unwrap(test.left) as ts.Identifier).text;
  const value = declarations.find((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name)?.initializer;
  const call = value ? unwrap(value) : undefined;
  if (!call || !ts.isCallExpression(call)) return false;
  const object = calleeObject(call);
  const helpers = !object || object.kind === ts.SyntaxKind.ThisKeyword ? index.functions.get(calleeName(call) ?? '') : undefined;
  const body = helpers?.length === 1 ? (helpers[0] as ts.FunctionLikeDeclaration).body : undefined;
  return body !== undefined && readsClock(body, MAX_BUDGET_HELPER_LENGTH);
}

/** The comparisons a test helper decides by: its conditions and what it returns. */
function collectHelperComparisons(helper: FunctionNode, into: Comparisons, limits: ReadonlySet<string>): void {
  let read = helperComparisons.get(helper);
  if (!read) {
    const comparisons = emptyComparisons();
    if (helper.body) {
      walkTree(helper.body, undefined, (node) => {
        if (isFunctionNode(node)) return SKIP_CHILDREN;
        const condition = conditionOf(node);
        if (condition) collectComparisons(condition, true, comparisons, limits);
        if (ts.isReturnStatement(node) && node.expression) collectComparisons(node.expression, true, comparisons, limits);
        return undefined;
      });
    }
    helperComparisons.set(helper, (read = comparisons));
  }
  // Read once per helper, however many tests ask it.
  for (const name of read.compared) into.compared.add(name);
  for (const name of read.valueCompared) into.valueCompared.add(name);
  for (const name of read.moduloOnly) into.moduloOnly.add(name);
  into.deadline ||= read.deadline;
}

const helperComparisons = new WeakMap<FunctionNode, Comparisons>();

/** The names the waits' delays are read from: `retryTime` in `setTimeout(cb, retryTime)`, `this.timeout` in `this.timeout * 1000`. */
function delayNames(waits: WaitSite[]): Set<string> {
  const names = new Set<string>();
  for (const wait of waits) {
    if (!wait.delay || wait.delay.end - wait.delay.pos > MAX_DELAY_TEXT) continue;
    walkTree(wait.delay, undefined, (node) => {
      const path = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? namePath(node as ts.Expression) : undefined;
      if (path) names.add(path);
      return undefined;
    });
  }
  return names;
}

/** A delay expression is short; a longer one is not read for names (keeps generated code linear). */
const MAX_DELAY_TEXT = 300;

/** `const retryTime = fails > MAX ? … : …` only chooses a wait; an `if` is read by ifEffect. */
function testEffect(owner: ts.Node, refs: readonly ts.Node[] | undefined, delays: ReadonlySet<string>, localFunction: LocalFunctionOf): TestEffect {
  if (ts.isIfStatement(owner)) return ifEffect(owner, refs, delays, localFunction);
  if (ts.isVariableDeclaration(owner) && ts.isIdentifier(owner.name) && delays.has(owner.name.text)) return 'chooses-delay';
  return 'may-stop';
}

/**
 * `true`, `1`, `'done'`: a value written to mark something (`config._retry = true`). A value made at run
 * time (`this.socket = new WebSocket(url)`) fills a slot that `!this.socket` tests; it marks no retry.
 */
function isTruthyLiteral(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (ts.isNumericLiteral(node)) return Number(node.text) !== 0;
  return ts.isStringLiteral(node) && node.text !== '';
}

/**
 * `retried = true`, `attempted = 1`: a flag set. A string (`options.cache = 'no-store'` when none was given) fills
 * in a setting; it marks nothing about the retry.
 */
function isFlagSet(expression: ts.Expression): boolean {
  return isTruthyLiteral(expression) && !ts.isStringLiteral(unwrap(expression));
}

/** `false`, `null`, `undefined`, `0`, `''`: a value that leaves a `!flag` guard open. */
function isFalsyLiteral(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword) return true;
  if (ts.isIdentifier(node)) return node.text === 'undefined';
  if (ts.isNumericLiteral(node)) return Number(node.text) === 0;
  return ts.isStringLiteral(node) && node.text === '';
}

function conditionOf(node: ts.Node): ts.Expression | undefined {
  if (ts.isIfStatement(node) || ts.isWhileStatement(node) || ts.isDoStatement(node)) return node.expression;
  if (ts.isConditionalExpression(node)) return node.condition;
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)
    && !ts.isBinaryExpression(node.parent)) return node.left;
  return undefined;
}

function noteNegatedFlags(condition: ts.Expression, into: Set<string>): void {
  walkTree(condition, undefined, (node) => {
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const path = namePath(node.operand);
      if (path) into.add(path);
    }
  });
}

function recursiveConstruct(fn: FunctionNode, refs: ts.Expression[], label: string, kind: 'recursion' | 'interceptor', index: SourceIndex, reportAt?: ts.Node): RetryConstruct {
  const scan = scanFunction(fn, index, refs);
  const bound = recursiveBound(fn, refs, scan, index);
  const leak = bound.capped === false ? bound.leak : undefined;
  // Where one way goes round at once beside others that wait, the finding points at that way.
  const reportNode = reportAt ?? callAround(leak ?? roundAtOnceBesideWaits(scan.waits, refs) ?? refs[0]!);
  const construct: RetryConstruct = {
    kind,
    label,
    report: firstLineSpan(reportNode, index.sourceFile),
    scopes: kind === 'recursion' && fn.body ? [fn.body] : [],
    rerunsScope: kind === 'recursion',
    selfCalls: refs,
    bound,
    // Where the cap leaks, the finding is that way's: handlers other than the leaking one get findings of their own (otherHandlerPaths).
    // A decision a call answered (decidedElsewhere) may come after that call waited: the waits are out of sight too.
    backoff: bound.capped === 'unknown' && bound.decidedElsewhere ? { kind: 'unknown' } : wayBackoff(fn, scan, leak ? outsideOtherHandlers(leak, refs, fn, index) : refs, refs, index),
  };
  constructScans.set(construct, scan);
  return construct;
}

/** The scan a recursion was read from, for its other ways round (a function of thousands of lines is scanned once). */
const constructScans = new WeakMap<RetryConstruct, FunctionScan>();

/** The calls that go round other than from a handler registered in the function, with the leaking one's handler: the ways the leak's finding speaks for. */
function outsideOtherHandlers(leak: ts.Node, refs: readonly ts.Expression[], fn: FunctionNode, index: SourceIndex): ts.Expression[] {
  const leakHandler = registeredHandlerAround(leak, fn, index);
  return refs.filter((ref) => {
    const handler = registeredHandlerAround(ref, fn, index);
    return handler === undefined || handler === leakHandler;
  });
}

/** The backoff of the ways round through `way` (some of `refs`), from the waits on the way to them. */
function wayBackoff(fn: FunctionNode, scan: FunctionScan, way: readonly ts.Expression[], refs: readonly ts.Expression[], index: SourceIndex): Backoff {
  const counters = new Set(scan.advances.keys());
  for (const parameter of parameterNames(fn)) counters.add(parameter);
  if (roundAtOnceBesideWaits(scan.waits, way)) return { kind: 'none' };
  const others = branchesOfOtherCalls(fn, refs, index).filter((branch) => !way.some((ref) => contains(branch, ref)));
  const ownWaits = others.length === 0 ? scan.waits : scan.waits.filter((wait) => !others.some((branch) => contains(branch, wait.call)));
  return backoffFromWaits([...waitsOnTheWay(ownWaits, way, refs), ...helperWaits(way, index)], scan.declarations, index, counters);
}

/**
 * The branches that hold the function's other calls of itself, which the failure does not lead back into: `if
 * (!this.socket) { await sleep(backoff(n)); await this.connect(); return this.send(msg, n + 1) }` beside a catch that
 * calls `this.send` again. That branch's wait is its own: the catch's way round re-enters past it, unless something
 * may clear what the branch tests (`this.socket = null` in the catch, or in a close handler), which sends the next
 * call into it. A clear in a method that closes on purpose (`disconnect()`) is no failure's.
 */
function branchesOfOtherCalls(fn: FunctionNode, refs: readonly ts.Expression[], index: SourceIndex): ts.Statement[] {
  const way = new Set<ts.Node>(refs);
  return guardedSelfCalls(fn, index).filter(({ ref }) => !way.has(ref)).map(({ branch }) => branch);
}

const guardedCallsCache = new WeakMap<FunctionNode, { ref: ts.Node; branch: ts.Statement }[]>();

/** The function's calls of itself (as many as a recursion is read for) that sit in a branch no failure clears the way into, read once. */
function guardedSelfCalls(fn: FunctionNode, index: SourceIndex): { ref: ts.Node; branch: ts.Statement }[] {
  return readOnce(guardedCallsCache, fn, () => {
    const guarded: { ref: ts.Node; branch: ts.Statement }[] = [];
    let read = 0;
    for (const { fn: owner, ref } of index.selfReferences) {
      if (owner !== fn) continue;
      if (++read > MAX_SELF_REFERENCES_READ) break;
      const branch = guardingBranch(ref, fn);
      if (branch && ![...namePathsIn(branch.expression)].some((path) => clearedOnFailure(path, index))) guarded.push({ ref, branch: branch.thenStatement });
    }
    return guarded;
  });
}

/** Methods that close or reset on purpose: what they clear is not cleared by a failure. */
const DELIBERATE_CLOSE_NAME = /^(disconnect|close|stop|destroy|dispose|shutdown|teardown|terminate|cleanup|logout|signOut|reset)/i;

const clearedPathsCache = new WeakMap<SourceIndex, Map<string, boolean>>();

/** Whether a name path is set to nothing (`null`, `undefined`, `false`) anywhere but in a method that closes on purpose. */
function clearedOnFailure(path: string, index: SourceIndex): boolean {
  const known = readOnce(clearedPathsCache, index, () => new Map<string, boolean>());
  let cleared = known.get(path);
  if (cleared === undefined) known.set(path, (cleared = isClearedOnFailure(path, index)));
  return cleared;
}

function isClearedOnFailure(path: string, index: SourceIndex): boolean {
  for (const [scope, assignments] of index.functionAssignments) {
    const name = isFunctionNode(scope) ? functionName(scope) : undefined;
    if (name && DELIBERATE_CLOSE_NAME.test(name)) continue;
    if (assignments.get(path)?.some((assignment) => isNothing(assignment.right))) return true;
  }
  return false;
}

function isNothing(value: ts.Expression): boolean {
  const node = unwrap(value);
  return node.kind === ts.SyntaxKind.NullKeyword || node.kind === ts.SyntaxKind.FalseKeyword || (ts.isIdentifier(node) && node.text === 'undefined');
}

/** The `if` of the function whose then-branch holds the node. */
function guardingBranch(node: ts.Node, fn: FunctionNode): ts.IfStatement | undefined {
  for (let at: ts.Node = node; at.parent && at.parent !== fn; at = at.parent) {
    if (ts.isIfStatement(at.parent) && at.parent.thenStatement === at) return at.parent;
    if (isFunctionNode(at.parent)) return undefined;
  }
  return undefined;
}

/** The name paths a condition reads (`this._socket` in `!this._socket`). */
function namePathsIn(condition: ts.Expression): Set<string> {
  const paths = new Set<string>();
  walkTree(condition, undefined, (node) => {
    const path = ts.isIdentifier(node) || ts.isPropertyAccessExpression(node) ? namePath(node) : undefined;
    if (path) paths.add(path);
    return path ? SKIP_CHILDREN : undefined;
  });
  return paths;
}

/**
 * `if (error.retry_after) { await sleep(error.retry_after * 1000); return call(n - 1); } if (n > 0) return call(n - 1);`:
 * one way round waits, another goes round at once, with nothing on its way.
 */
function roundAtOnceBesideWaits<T extends ts.Node>(waits: readonly WaitSite[], way: readonly T[]): T | undefined {
  if (waits.length === 0 || way.length < 2) return undefined;
  const spaced = (ref: ts.Node): boolean => waits.some((wait) => contains(wait.call, ref) || precedesInBlock(wait.call, ref));
  if (!way.some(spaced)) return undefined;
  let delays: Set<string> | undefined;
  return way.find((ref) => !spaced(ref) && !takenForNoDelay(ref, (delays ??= delayPaths(waits))));
}

/** The name paths the waits' delays read (`delayMs` in `setTimeout(retry, delayMs)`). */
function delayPaths(waits: readonly WaitSite[]): Set<string> {
  return new Set(waits.flatMap((wait) => (wait.delay ? [...namePathsIn(wait.delay)] : [])));
}

/**
 * `if (delayMs <= 0) { attempt(n + 1); return } setTimeout(() => attempt(n + 1), delayMs)`: the way round at once is
 * taken when the delay the other way waits is nothing, so it waits that delay too.
 */
function takenForNoDelay(ref: ts.Node, delays: ReadonlySet<string>): boolean {
  for (let node: ts.Node = ref; node.parent && !isFunctionNode(node); node = node.parent) {
    if (ts.isIfStatement(node.parent) && node.parent.thenStatement === node && testsForNothing(node.parent.expression, delays)) return true;
  }
  return false;
}

/** `!delayMs`, `delayMs <= 0`, `delayMs === 0`, `delayMs < 1`: a test that one of the delays is nothing (not one that reads the count it grows with). */
function testsForNothing(condition: ts.Expression, delays: ReadonlySet<string>): boolean {
  const node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return delays.has(namePath(node.operand) ?? '');
  if (!ts.isBinaryExpression(node) || !delays.has(namePath(node.left) ?? '')) return false;
  const limit = numericValue(node.right);
  const operator = node.operatorToken.kind;
  return (limit === 0 && [ts.SyntaxKind.LessThanEqualsToken, ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken].includes(operator))
    || (limit === 1 && operator === ts.SyntaxKind.LessThanToken);
}

/**
 * The waits on the way to a call that goes round: a timer that makes the call, or a wait before it in a
 * block that holds it. Other timers of the function (`setTimeout(() => this.globalUnblock(), retryAfter)`)
 * do not space the attempts. When none is on the way (the call is made in a helper's callback, say), all count
 * but those on the way to the function's other calls that go round (`refs`).
 */
function waitsOnTheWay(waits: readonly WaitSite[], way: readonly ts.Node[], refs: readonly ts.Node[] = way): WaitSite[] {
  const spaces = (wait: WaitSite, ref: ts.Node): boolean => contains(wait.call, ref) || precedesInBlock(wait.call, ref);
  const onTheWay = waits.filter((wait) => way.some((ref) => spaces(wait, ref)));
  if (onTheWay.length > 0) return onTheWay;
  const others = refs.filter((ref) => !way.includes(ref));
  return waits.filter((wait) => !inHandedOutFunction(wait.call) && !others.some((ref) => spaces(wait, ref)));
}

/**
 * `return { hash, wait: (n) => provider.waitForTransaction(hash, n) }`: a function given out as a property of
 * an object the attempt returns or keeps (or returned itself) runs when its receiver calls it, after this
 * attempt is over, not between attempts. One in an object handed to a call (`send(tx, { beforeSend: () =>
 * sleep(ms) })`) may run on the way, and counts.
 */
function inHandedOutFunction(node: ts.Node): boolean {
  const fn = enclosingFunction(node);
  const holder = fn?.parent;
  if (!fn || !holder) return false;
  if (ts.isReturnStatement(holder)) return true;
  const object = ts.isPropertyAssignment(holder) ? holder.parent : ts.isMethodDeclaration(fn) ? holder : undefined;
  return object !== undefined && ts.isObjectLiteralExpression(object) && !ts.isCallOrNewExpression(object.parent);
}

/**
 * `await sleep(ms); …; return retry()`: an awaited wait comes first in a block that also holds the call. (A
 * timer that is not awaited holds nothing up: only the call it makes is on its way.)
 */
function precedesInBlock(wait: ts.Node, ref: ts.Node): boolean {
  const awaited = awaitedWait(wait);
  if (!awaited || awaited.end > ref.pos) return false;
  let block: ts.Node | undefined = awaited.parent;
  while (block && !ts.isBlock(block) && !ts.isSourceFile(block) && !isFunctionNode(block)) block = block.parent;
  return block !== undefined && ts.isBlock(block) && contains(block, ref);
}

/** The expression that awaits a wait: `await sleep(ms)`, or `await new Promise((r) => setTimeout(r, ms))` around the timer. */
function awaitedWait(wait: ts.Node): ts.Node | undefined {
  let node: ts.Node = wait;
  const executor = enclosingFunction(wait);
  const created = executor?.parent;
  if (created && ts.isNewExpression(created) && ts.isIdentifier(created.expression) && created.expression.text === 'Promise') node = created;
  while (node.parent && ts.isParenthesizedExpression(node.parent)) node = node.parent;
  return node.parent && ts.isAwaitExpression(node.parent) ? node.parent : undefined;
}

/** The waits of local helpers a self-reference is handed to (`retryRequest(makeRequest, …)` schedules it with `setTimeout`). */
function helperWaits(refs: readonly ts.Expression[], index: SourceIndex): WaitSite[] {
  const waits: WaitSite[] = [];
  for (const ref of refs) {
    const call = ref.parent;
    if (!call || !ts.isCallExpression(call) || !call.arguments.includes(ref)) continue;
    const helper = resolveFunction(call.expression, index);
    if (helper && helper !== ref.parent) waits.push(...scanFunction(helper, index).waits.map((wait) => asToldBy(call, helper, wait)));
  }
  return waits;
}

/**
 * `schedule(delay, pollOnce)` where `schedule(ms, fn)` waits `Math.max(0, ms)`: the helper waits as long as
 * its caller says, so the argument given for that parameter sizes the wait. (A parameter the helper computes
 * the wait from, `this.sleepTime(retries)`, is not the wait.)
 */
function asToldBy(call: ts.CallExpression, helper: FunctionNode, wait: WaitSite): WaitSite {
  const position = wait.delay === undefined ? -1
    : helper.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && isScaledName(wait.delay!, parameter.name.text));
  const argument = position >= 0 ? call.arguments[position] : undefined;
  return argument ? { call: wait.call, delay: argument } : wait;
}

/**
 * Whether setting a `!flag`-tested flag marks the retry as done once: `config._retry = true` (a literal
 * mark, not in a branch that returns without going round: `if (!this.reconnect) { this.reconnect = true;
 * return; }` re-arms a switch), or any value set right before going round in the same function
 * (`conflictStrategy = strategy; return attemptCreate();`). A slot filled at run time elsewhere
 * (`this.socket = new WebSocket(url)`, tested as `!this.socket`) marks nothing.
 */
function marksRetry(assignment: ts.BinaryExpression, refs: readonly ts.Node[]): boolean {
  let block: ts.Node | undefined = assignment.parent;
  while (block && !ts.isBlock(block) && !isFunctionNode(block)) block = block.parent;
  if (!block || !ts.isBlock(block)) return isFlagSet(assignment.right);
  const around = enclosingFunction(assignment);
  if (refs.some((ref) => contains(block!, ref) && enclosingFunction(ref) === around)) return true;
  if (!isFlagSet(assignment.right)) return false;
  // A branch that ends the function or the program (`stopped = true; process.exit(1)`) marks nothing: it never goes round.
  const last = block.statements[block.statements.length - 1];
  return !(last && isExitStatement(last) && !ts.isBreakStatement(last));
}

/**
 * `if (!this.retrying) { this.retrying = true; setTimeout(() => { this.retrying = false; this.connect()… }) }`:
 * a flag cleared just before the call that goes round keeps two retries from overlapping; it lets every
 * later round through, so it stops nothing.
 */
function clearedOnTheWayRound(flag: string, fn: FunctionNode, refs: readonly ts.Node[]): boolean {
  const body = (fn as ts.FunctionDeclaration).body;
  if (!body) return false;
  let cleared = false;
  walkTree(body as ts.Node, undefined, (node) => {
    if (cleared) return SKIP_CHILDREN;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && isFalsyLiteral(node.right) && namePath(node.left) === flag) {
      const around = enclosingFunction(node);
      cleared = around !== undefined && refs.some((ref) => contains(around, ref) && ref.pos >= node.end);
    }
    return undefined;
  });
  return cleared;
}

/** The call a self-reference belongs to: `retry(fn, n - 1)` for its callee, `setTimeout(connect, ms)` for an argument. */
export function callAround(ref: ts.Node): ts.Node {
  const parent = ref.parent;
  if (parent && ts.isCallExpression(parent)) return parent;
  if (parent && ts.isPropertyAccessExpression(parent) && parent.parent && ts.isCallExpression(parent.parent)) return parent.parent;
  return ref;
}

function recursiveBound(fn: FunctionNode, refs: ts.Expression[], scan: FunctionScan, index: SourceIndex): Bound {
  if (!scan.comparisons.deadline) return countedBound(fn, refs, scan, index);
  // A retry that counts its attempts against a cap and also gives up at a timeout is a retry (its waits are
  // judged), not a poll that runs to a deadline.
  const counted = countedBound(fn, refs, scan, index);
  return counted.capped === true && counted.by === 'counter' ? counted : { capped: true, by: 'deadline' };
}

/**
 * `try { this.socket = await connectWithRetry(url, policy) } catch { finish(); return }`, then `onclose = () =>
 * setTimeout(() => this.open(), …)`: each reconnect goes through a helper that retries, and when that helper
 * gives up the function stops (its catch does not go round). The helper's cap, out of sight, ends each outage.
 */
function connectsThroughRetryHelper(fn: FunctionNode, refs: readonly ts.Node[]): boolean {
  const body = (fn as ts.FunctionDeclaration).body;
  if (!body) return false;
  let found = false;
  walkTree(body as ts.Node, undefined, (node) => {
    if (found || (node !== body && isFunctionNode(node))) return SKIP_CHILDREN;
    if (!ts.isTryStatement(node) || !node.catchClause || refs.some((ref) => contains(node.catchClause!, ref))) return undefined;
    found = someDescendant(node.tryBlock, (inner) => ts.isCallExpression(inner) && isRetryHelper(calleeName(inner)) && !holdsAWayRound(inner, fn, refs));
    return undefined;
  });
  return found;
}

/**
 * `let retry = () => { retry = () => {}; setTimeout(makeConn, wait); }` made inside `makeConn` and called in its
 * try: a local function that holds the way round itself, in sight (and made anew on each call, so its guard
 * stops nothing), not a helper out of sight that retries the connect.
 */
function holdsAWayRound(call: ts.CallExpression, fn: FunctionNode, refs: readonly ts.Node[]): boolean {
  const callee = unwrap(call.expression);
  if (!ts.isIdentifier(callee)) return false;
  return refs.some((ref) => {
    for (let node: ts.Node | undefined = ref.parent; node && node !== fn; node = node.parent) {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name)) return node.name.text === callee.text;
      if (ts.isFunctionDeclaration(node) && node.name) return node.name.text === callee.text;
    }
    return false;
  });
}

function isRetryHelper(name: string | undefined): boolean {
  return name !== undefined && RETRY_HELPER_NAME.test(name) && !NOT_RETRY_HELPER_NAME.test(name);
}

/** Calls that run a function handed to them later, as the language or the platform does: timers, promise callbacks, listeners. */
const RUNS_HANDED_FUNCTION = /^(setTimeout|setInterval|setImmediate|nextTick|queueMicrotask|requestAnimationFrame|requestIdleCallback|then|catch|finally|on|once|addListener|addEventListener|call|apply|bind)$/;

/**
 * `rateLimitManager.processQueue(this.processBatch.bind(this))`: the function itself (not a call of it) handed to code
 * out of sight, which decides whether, when and how often it runs again; a cap may well be kept there.
 */
function handedOutOfSight(ref: ts.Expression, index: SourceIndex): boolean {
  let value: ts.Node = ref;
  // `this.run.bind(this)`: the function bound, handed on.
  if (ts.isPropertyAccessExpression(value.parent) && value.parent.name.text === 'bind' && ts.isCallExpression(value.parent.parent)) value = value.parent.parent;
  const call = value.parent;
  if (!ts.isCallExpression(call) || !call.arguments.some((argument) => argument === value)) return false;
  const name = calleeName(call);
  return name !== undefined && !RUNS_HANDED_FUNCTION.test(name) && !index.functions.has(name);
}

/** What stops the recursion besides a deadline: a once-flag, a counter, a counting helper; or what leaks. */
function countedBound(fn: FunctionNode, refs: ts.Expression[], scan: FunctionScan, index: SourceIndex): Bound {
  if (connectsThroughRetryHelper(fn, refs) || refs.every((ref) => handedOutOfSight(ref, index))) return { capped: 'unknown' };
  if (refs.every((ref) => guardedByAnsweredDecision(ref, fn, scan, index))) return { capped: 'unknown', decidedElsewhere: true };
  const onceFlags = [...scan.negatedFlags].filter((flag) => !clearedOnTheWayRound(flag, fn, refs));
  if (onceFlags.some((flag) => (scan.flagsSetTrue.get(flag) ?? []).some((set) => marksRetry(set, refs)) && guardsEveryWayRound(flag, refs, fn))) return { capped: true, by: 'once-flag' };
  if (refs.every((ref) => passesOnceFlag(ref, new Set(onceFlags), fn) || passesTestedBoolean(ref, fn) || clearsItsOwnGuard(ref, fn) || turnsOffItsOwnSwitch(ref, fn)
    || handsOnWhatItTried(ref, fn) || startsOverWithoutInput(ref, fn) || handsItsRetryOptionOff(ref, fn))) {
    return { capped: true, by: 'once-flag' };
  }
  const parameters = parameterNames(fn);
  const compared = (name: string): boolean => scan.comparisons.compared.has(name) || [...scan.comparisons.compared].some((path) => path.endsWith(`.${name}`) || name.endsWith(`.${path}`));
  // Counters kept outside the arguments (`this.attempts++`, `config.__retryCount += 1`) advance on every call; one
  // declared in the function itself (`let attempts = 0` in its body) starts over with every call instead.
  const comparedCounters = [...scan.advances.keys()].filter((name) => compared(name) && !scan.restarted.has(name));
  const storedBudgets = comparedCounters.filter((name) => !declaredIn(fn, name, index));
  const leaking = refs.filter((ref) => storedBudgets.length === 0 && !advancingArguments(ref, parameters, scan).some(compared) && !handedOnWithBudget(ref, compared));
  if (leaking.length === 0) {
    const budgets = new Set([...storedBudgets, ...refs.flatMap((ref) => advancingArguments(ref, parameters, scan).filter(compared))]);
    return unguardedCall(fn, refs, budgets, index) ?? bypassingCall(fn, refs, budgets, scan, index) ?? restartingCall(fn, refs, budgets, index)
      ?? { capped: true, by: 'counter' };
  }
  if (leaking.every((ref) => decidedByCountingHelper(ref, fn, parameters, scan))) return { capped: true, by: 'helper' };
  const anyAdvancing = leaking.length < refs.length;
  if (anyAdvancing) {
    const line = index.sourceFile.getLineAndCharacterOfPosition(leaking[0]!.getStart(index.sourceFile)).line + 1;
    return { capped: false, reason: 'leak', leak: leaking[0], detail: String(line), counter: firstBudget(refs, parameters, scan) };
  }
  const counters = [...scan.advances.keys()];
  // A count handed on advanced (`send(url, attempt + 1)`) counts too, where it is compared only with a cap that is off.
  const off = offLimitBound([...counters, ...refs.flatMap((ref) => advancingArguments(ref, parameters, scan))], [scan.comparisons]);
  if (off) return off;
  const modulo = counters.find((name) => scan.comparisons.moduloOnly.has(name));
  if (modulo) return { capped: false, reason: 'modulo-only', counter: modulo };
  const sizesDelay = counters.find((name) => scan.delayComparisons.compared.has(name)
    || scan.waits.some((wait) => wait.delay !== undefined && nodeText(wait.delay).includes(name.split('.').pop()!)));
  if (sizesDelay) return { capped: false, reason: 'delay-only', counter: sizesDelay };
  const passedOn = countPassedOnUnchanged(refs, selfReferencesOf(fn, index), parameters, scan);
  if (passedOn) {
    const line = index.sourceFile.getLineAndCharacterOfPosition(passedOn.ref.getStart(index.sourceFile)).line + 1;
    return { capped: false, reason: 'leak', leak: passedOn.ref, detail: String(line), counter: passedOn.counter };
  }
  if (counters.some((name) => scan.askedWithCount.has(name))) return { capped: 'unknown' };
  const perCall = [...scan.advances.keys()].find((name) => compared(name) && ATTEMPT_COUNTER_NAME.test(name) && declaredIn(fn, name, index));
  if (perCall) return { capped: false, reason: 'count-per-call', counter: perCall };
  // The count named for attempts is the one to name (a connection's generation number also goes up each time).
  if (counters.length > 0) return { capped: false, reason: 'never-compared', counter: counters.find((name) => ATTEMPT_COUNTER_NAME.test(name)) ?? counters[0] };
  if ([...scan.comparisons.compared].some((path) => countKeptByAnInstance(path, index))) return { capped: 'unknown' };
  return { capped: false, reason: 'no-cap' };
}

/**
 * Whether a plain name is only declared inside the function, starting from a number each time (`let attempts = 0` in its
 * body or a closure of it). One read from what is handed on (`let tries = config.tries || 0`) carries the count along.
 */
function declaredIn(fn: FunctionNode, name: string, index: SourceIndex): boolean {
  if (name.includes('.')) return false;
  const declarations = index.declarations.get(name) ?? [];
  return declarations.length > 0 && declarations.every((declaration) => runsOncePerCall(enclosingFunction(declaration), fn)
    && (declaration.initializer === undefined || numericValue(declaration.initializer) !== undefined));
}

/** `fn` itself, or the executor of a `new Promise(…)` made in its body: code that runs once for each call of `fn`. */
function runsOncePerCall(scope: FunctionNode | undefined, fn: FunctionNode): boolean {
  if (scope === fn) return true;
  const made = scope?.parent;
  return made !== undefined && ts.isNewExpression(made) && calleeName(made) === 'Promise' && made.arguments?.[0] === scope && enclosingFunction(made) === fn;
}

/**
 * `const backoff = new Backoff({ min: 1000 }); …; if (backoff.attempts === 10) return; setTimeout(() => req(), backoff.duration())`:
 * an attempt count that an object made in the file keeps and its own methods advance, out of sight. It may well be the cap.
 */
function countKeptByAnInstance(path: string, index: SourceIndex): boolean {
  const dot = path.lastIndexOf('.');
  if (dot <= 0 || !ATTEMPT_COUNTER_NAME.test(path.slice(dot + 1)) || index.assignments.has(path)) return false;
  const initializer = index.declarations.get(path.slice(0, dot))?.[0]?.initializer;
  return initializer !== undefined && ts.isNewExpression(unwrap(initializer));
}

/**
 * A cap that one way round skips: `if (retries > 0) return retry(n - 1)` beside a 429 branch that calls
 * `retry(n - 1)` with no test of `retries`. Said only when some calls are guarded by a budget test and
 * others are not, or when a guard read here lets calls past the budget; where no call is guarded, the test
 * may be in a form not read here.
 */
function unguardedCall(fn: FunctionNode, refs: ts.Expression[], budgets: ReadonlySet<string>, index: SourceIndex): Bound | undefined {
  if (budgets.size === 0) return undefined;
  const unguarded = refs.filter((ref) => !guardedByBudget(ref, fn, budgets));
  if (unguarded.length === 0) return undefined;
  // Where a guard is read and lets calls past the budget (`if (offline || n < max)`), the form of the test is known.
  const letPast = unguarded.find((ref) => guardLetsPastBudget(ref, fn, budgets));
  if (!letPast && unguarded.length === refs.length) return undefined;
  const leak = letPast ?? unguarded[0]!;
  const line = index.sourceFile.getLineAndCharacterOfPosition(leak.getStart(index.sourceFile)).line + 1;
  return { capped: false, reason: 'leak', leak, detail: String(line), counter: [...budgets][0] };
}

/** A call reached past a branch that skips the budget's exit (see budgetBypassed). */
function bypassingCall(fn: FunctionNode, refs: ts.Expression[], budgets: ReadonlySet<string>, scan: FunctionScan, index: SourceIndex): Bound | undefined {
  if (budgets.size === 0) return undefined;
  const withFlags = new Set([...budgets, ...budgetFlags(scan.declarations, budgets)]);
  const bypassing = refs.find((ref) => !guardedByBudget(ref, fn, withFlags) && budgetBypassed(ref, fn, withFlags));
  if (!bypassing) return undefined;
  const line = index.sourceFile.getLineAndCharacterOfPosition(bypassing.getStart(index.sourceFile)).line + 1;
  return { capped: false, reason: 'leak', leak: bypassing, detail: String(line), counter: [...budgets][0] };
}

/**
 * `if (attempts >= MAX) { setTimeout(() => { attempts = 0; connect(); }, COOL_DOWN); return; }`: a way round that sets the
 * count back to nothing first. The cap only pauses the retry; the count starts over, and so do the attempts, for ever.
 */
function restartingCall(fn: FunctionNode, refs: ts.Expression[], budgets: ReadonlySet<string>, index: SourceIndex): Bound | undefined {
  if (budgets.size === 0) return undefined;
  // `if (this.authResets >= max) return; this.reconnects = 0; setTimeout(() => this.init(true), 2000)`: a way that starts one
  // count over is still capped by another that it does not.
  const restarting = refs.find((ref) => {
    const kept = new Set([...budgets].filter((name) => !budgetResetOnTheWay(ref, fn, new Set([name]))));
    return kept.size < budgets.size && !(kept.size > 0 && guardedByBudget(ref, fn, kept));
  });
  if (!restarting) return undefined;
  const line = index.sourceFile.getLineAndCharacterOfPosition(restarting.getStart(index.sourceFile)).line + 1;
  return { capped: false, reason: 'reset', leak: restarting, detail: String(line), counter: [...budgets].find((name) => budgetResetOnTheWay(restarting, fn, new Set([name]))) };
}

/** Whether a statement before the call, in a block around it within the function, sets a budget back to 0. */
export function budgetResetOnTheWay(ref: ts.Node, fn: FunctionNode, budgets: ReadonlySet<string>): boolean {
  for (let child: ts.Node = ref, node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if (!ts.isBlock(node)) continue;
    const at = node.statements.indexOf(child as ts.Statement);
    if (node.statements.slice(0, Math.max(at, 0)).some((statement) => setsBudgetToZero(statement, budgets))) return true;
  }
  return false;
}

function setsBudgetToZero(statement: ts.Statement, budgets: ReadonlySet<string>): boolean {
  if (!ts.isExpressionStatement(statement)) return false;
  const assignment = unwrap(statement.expression);
  return ts.isBinaryExpression(assignment) && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken
    && budgets.has(namePath(assignment.left) ?? '') && numericValue(assignment.right) === 0;
}

function firstBudget(refs: ts.Expression[], parameters: Set<string>, scan: FunctionScan): string | undefined {
  for (const ref of refs) {
    const names = advancingArguments(ref, parameters, scan);
    if (names.length > 0) return names[0];
  }
  return undefined;
}

/**
 * The budget names a recursive call advances: `retry(fn, retries - 1)` → retries,
 * `{ ...opts, attempt: opts.attempt + 1 }` → opts.attempt, `connect(--left)` → left, or a
 * parameter decremented earlier in the function (`retries--; return retry(fn, retries)`).
 */
function advancingArguments(ref: ts.Expression, parameters: Set<string>, scan: FunctionScan): string[] {
  const call = callOfReference(ref);
  if (!call) return [];
  const names: string[] = [];
  for (const argument of call.arguments) {
    walkTree(argument, undefined, (node) => {
      const advanced = advancedName(node) ?? arithmeticName(node);
      if (advanced) names.push(advanced);
      const path = ts.isIdentifier(node) ? node.text : undefined;
      if (path && parameters.has(path) && advancedOutsideOtherCalls(path, call, scan)) names.push(path);
      // `const nextAttempt = attempt + 1; … execute(nextAttempt)`: a local stepped from a parameter.
      const stepped = path && !parameters.has(path) ? steppedParameter(path, parameters, scan) : undefined;
      // The local is what the cap compares (`nextCount <= maxTries`), the parameter what the call advances.
      if (stepped) names.push(stepped, path!);
      // `const newErrors = [...errors, error]; … retry(f, newErrors)`: a list that grows each round counts them.
      const grown = ts.isArrayLiteralExpression(node) ? grownParameter(node, parameters) : path && !parameters.has(path) ? grownLocal(path, parameters, scan) : undefined;
      if (grown) names.push(...lengthNames(grown, scan));
    });
    // `{ ...options, retryDelays: options.retryDelays.slice(1) }`: a list of what is left that shrinks each round.
    names.push(...shrunkLists(argument, parameters, scan));
  }
  return names;
}

/**
 * `retries++; … this.send(url, retries)`: the parameter is stepped on the way to the call. Not where every step of it is
 * made in the arguments of another call of the same function (`return this.send(url, ++retries)` in another branch).
 */
function advancedOutsideOtherCalls(path: string, call: ts.CallExpression, scan: FunctionScan): boolean {
  const steps = scan.advances.get(path) ?? [];
  const name = calleeName(call);
  return steps.some((step) => {
    const around = argumentOfCall(step);
    return around === undefined || around === call || calleeName(around) !== name;
  });
}

/** Every call of `fn` made inside it (the ways round of any kind, failed or not). */
function selfReferencesOf(fn: FunctionNode, index: SourceIndex): ts.Expression[] {
  return index.selfReferences.filter((entry) => entry.fn === fn).map((entry) => entry.ref);
}

/** The call whose arguments a node is (a part of), within a few levels. */
function argumentOfCall(node: ts.Node): ts.CallExpression | undefined {
  let child = node;
  for (let parent = node.parent, levels = 0; parent && levels < 4; child = parent, parent = parent.parent, levels++) {
    if (ts.isCallExpression(parent)) return parent.arguments.includes(child as ts.Expression) ? parent : undefined;
    if (isFunctionNode(parent) || ts.isStatement(parent)) return undefined;
  }
  return undefined;
}

/**
 * `return this.runRequest(url, ++retries)` on a failure beside `return this.runRequest(url, retries)` after a 429:
 * the count, handed to a helper that decides on it (out of sight), advances on some ways round and is passed on
 * unchanged on another, so whatever cap the helper keeps never comes on that way.
 */
function countPassedOnUnchanged(refs: readonly ts.Expression[], all: readonly ts.Expression[], parameters: Set<string>, scan: FunctionScan): { ref: ts.Expression; counter: string } | undefined {
  const counted = new Set(all.flatMap((ref) => advancingArguments(ref, parameters, scan)).filter((name) => parameters.has(name) && scan.askedWithCount.has(name)));
  if (counted.size === 0) return undefined;
  for (const ref of refs) {
    const call = callOfReference(ref);
    if (!call || advancingArguments(ref, parameters, scan).some((name) => counted.has(name))) continue;
    const unchanged = call.arguments.map((argument) => unwrap(argument)).find((argument) => ts.isIdentifier(argument) && counted.has(argument.text));
    if (unchanged && ts.isIdentifier(unchanged)) return { ref, counter: unchanged.text };
  }
  return undefined;
}

/**
 * `const [delay, canRetry] = this.getRetryDelay(attempts, err); if (canRetry) return this.send(cfg, attempts + 1)`:
 * the count the call advances is handed to a helper whose answer decides whether to go round, so the
 * cap, if any, is the helper's (out of sight or not, the analysis stays silent).
 */
function decidedByCountingHelper(ref: ts.Expression, fn: FunctionNode, parameters: Set<string>, scan: FunctionScan): boolean {
  const counters = new Set(advancingArguments(ref, parameters, scan));
  if (counters.size === 0) return false;
  const decided = new Set<string>();
  for (const declaration of scan.declarations) {
    const value = declaration.initializer && unwrap(declaration.initializer);
    const call = value && ts.isAwaitExpression(value) ? unwrap(value.expression) : value;
    if (!call || !ts.isCallExpression(call) || LOG_NAME.test(calleeName(call) ?? '')) continue;
    if (!call.arguments.some((argument) => someDescendant(argument, (node) => counters.has(namePath(node as ts.Expression) ?? '')))) continue;
    for (const name of boundNames(declaration.name)) decided.add(name);
  }
  return (decided.size > 0 && guardedByBudget(ref, fn, decided)) || leavesEarlierOnHelperAnswer(ref, fn, counters);
}

/**
 * `if (!shouldRetry(err, options)) throw err; … return terminate(url, { ...options, retryDelays: rest })`:
 * before the call, an `if` that leaves asks a helper about what the call advances.
 */
function leavesEarlierOnHelperAnswer(ref: ts.Node, fn: FunctionNode, counters: ReadonlySet<string>): boolean {
  let child: ts.Node = ref;
  for (let node = ref.parent; node && node !== fn; child = node, node = node.parent) {
    if (!ts.isBlock(node)) continue;
    for (const statement of node.statements) {
      if (statement.end > child.pos) break;
      if (ts.isIfStatement(statement) && !statement.elseStatement && leavesAtOnce(statement.thenStatement) && asksHelperAbout(statement.expression, counters)) return true;
    }
  }
  return false;
}

function leavesAtOnce(branch: ts.Statement): boolean {
  const last = ts.isBlock(branch) ? branch.statements[branch.statements.length - 1] : branch;
  return last !== undefined && (ts.isThrowStatement(last) || ts.isReturnStatement(last));
}

/** A call in the condition (not a logger) given one of the names. */
function asksHelperAbout(condition: ts.Expression, names: ReadonlySet<string>): boolean {
  return someDescendant(condition, (node) => ts.isCallExpression(node) && !LOG_NAME.test(calleeName(node) ?? '')
    && node.arguments.some((argument) => names.has(namePath(argument) ?? '')));
}

/** The names a declaration binds: `x`, or each of `[a, b]` and `{ a, b: c }`. */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/**
 * `retryRequest(makeRequest, headers, requestRetries)`: the function is handed to a helper that calls it
 * later, together with the compared count; the helper steps the count out of sight, so the budget goes along.
 */
function handedOnWithBudget(ref: ts.Expression, compared: (name: string) => boolean): boolean {
  const call = ref.parent;
  if (!call || !ts.isCallExpression(call) || !call.arguments.includes(ref)) return false;
  const resolved = calleeName(call) === 'then' && call.arguments[0] === ref ? resolvedValue(call) : undefined;
  if (resolved && isBudget(arithmeticName(resolved), compared)) return true;
  return call.arguments.some((argument) => argument !== ref && isBudget(namePath(argument) ?? arithmeticName(unwrap(argument)), compared));
}

function isBudget(path: string | undefined, compared: (name: string) => boolean): boolean {
  return path !== undefined && ATTEMPT_COUNTER_NAME.test(path) && compared(path);
}


/** How many links of a promise chain are walked back to the value it started from. */
const MAX_PROMISE_LINKS = 6;

/**
 * `Promise.resolve(counter + 1).delay(ms).then(tryOp)`: the value the chain started from, which `.then`
 * hands to the function as its first argument (links that pass the value on, such as Bluebird's `.delay`).
 */
function resolvedValue(then: ts.CallExpression): ts.Expression | undefined {
  let link: ts.Expression = then.expression;
  for (let links = 0; links < MAX_PROMISE_LINKS && ts.isPropertyAccessExpression(link); links++) {
    const receiver = unwrap(link.expression);
    if (!ts.isCallExpression(receiver)) return undefined;
    const name = calleeName(receiver);
    if (name === 'resolve') return receiver.arguments.length === 1 ? unwrap(receiver.arguments[0]!) : undefined;
    if (name !== 'delay' && name !== 'tap') return undefined;
    link = receiver.expression;
  }
  return undefined;
}

/** How many levels up from a call the `if` that tests a once-flag is looked for. */
const MAX_GUARD_LEVELS = 24;

/**
 * Whether every way round sits behind a test of the flag negated (`if (!retried) { retried = true; return send() }`,
 * `if (status === 401 && !config._retry)`): a way round that no such test guards (`setTimeout(() => this.connect(),
 * 500)` beside `if (!this.connecting && !this.ready) …`) goes round whatever the flag says.
 */
function guardsEveryWayRound(flag: string, refs: readonly ts.Node[], fn: FunctionNode): boolean {
  return refs.every((ref) => {
    let child: ts.Node = ref;
    let levels = 0;
    for (let node = ref.parent; node && node !== fn && levels < MAX_GUARD_LEVELS; child = node, node = node.parent, levels++) {
      const branch = ts.isIfStatement(node) && child === node.thenStatement ? node.expression
        : ts.isConditionalExpression(node) && child === node.whenTrue ? node.condition : undefined;
      if (branch && requiresNegated(branch, flag)) return true;
    }
    return false;
  });
}

/** `!flag`, alone or among the parts of `a && b` the branch requires. */
function requiresNegated(condition: ts.Expression, flag: string): boolean {
  return chainOperands(condition, ts.SyntaxKind.AmpersandAmpersandToken)
    .some((part) => ts.isPrefixUnaryExpression(part) && part.operator === ts.SyntaxKind.ExclamationToken && namePath(part.operand) === flag);
}

/**
 * A recursive call that hands itself a flag its guard tests: `if (!opts?.skipRefresh) … return this.request(url,
 * { ...opts, skipRefresh: true })`, or `if (retried) throw error; return send({ …, retried: true })`, runs the
 * retry once.
 */
function passesOnceFlag(ref: ts.Expression, negatedFlags: ReadonlySet<string>, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  if (!call || !call.arguments.some((argument) => ts.isObjectLiteralExpression(unwrap(argument)))) return false;
  // Only a flag whose test opens or closes the way round: `if (!details) details = { logs: [] }` fills in a missing
  // argument, and handing the next call a `details` of its own stops nothing.
  const guarding = [...negatedFlags].filter((flag) => guardsEveryWayRound(flag, [ref], fn)).concat(flagsLeavingBefore(ref, fn));
  const guarded = new Set(guarding.map((flag) => flag.slice(flag.lastIndexOf('.') + 1)));
  return call.arguments.some((argument) => {
    const object = unwrap(argument);
    return ts.isObjectLiteralExpression(object) && object.properties.some((property) => ts.isPropertyAssignment(property)
      && guarded.has(propertyNameText(property.name) ?? '') && !isFalsyLiteral(property.initializer));
  });
}

/** How many statements before the way round are read for a guard that leaves (a block may be long). */
const MAX_GUARDS_BEFORE = 8;

/** `if (retried || attempt > 3) throw error;` before the way round: the names whose being set leaves first. */
function flagsLeavingBefore(ref: ts.Node, fn: FunctionNode): string[] {
  const flags: string[] = [];
  let levels = 0;
  for (let child: ts.Node = ref, node = ref.parent; node && node !== fn && levels < MAX_GUARD_LEVELS; child = node, node = node.parent, levels++) {
    if (!ts.isBlock(node)) continue;
    for (const guard of statementsBefore(child as ts.Statement, MAX_GUARDS_BEFORE)) {
      if (!ts.isIfStatement(guard) || guard.elseStatement || !isExitStatement(lastStatement(guard.thenStatement) ?? guard.thenStatement)) continue;
      for (const operand of chainOperands(guard.expression, ts.SyntaxKind.BarBarToken)) {
        const path = namePath(unwrap(operand));
        if (path !== undefined) flags.push(path);
      }
    }
  }
  return flags;
}

/** How many arguments (and properties of object arguments) of a call are read for a list of what was tried. */
const MAX_HANDED_VALUES = 16;

/**
 * `if (status === 401 && !retriedErrors.has(status)) { const tried = new Set(retriedErrors); tried.add(status);
 * return this.request(url, { retriedErrors: tried }); }`: the call hands on what was tried (statuses, hosts) with
 * the one just tried added, and the function goes round only for what is not among them: once for each.
 */
function handsOnWhatItTried(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callAround(ref);
  // Read only where the function tests a membership at all (the text says so before any walk).
  if (!ts.isCallExpression(call) || !testsMembership(fn)) return false;
  const handed = call.arguments.flatMap((argument) => {
    const inner = unwrap(argument);
    return ts.isObjectLiteralExpression(inner) ? inner.properties.map((property) => ts.isPropertyAssignment(property) ? unwrap(property.initializer)
      : ts.isShorthandPropertyAssignment(property) ? property.name : undefined) : [inner];
  }).slice(0, MAX_HANDED_VALUES);
  return handed.some((value) => value !== undefined && grownCopyOfTested(value, fn));
}

/**
 * Whether a value is a copy of a list the function tests for membership, grown by one: `[...tried, host]` or
 * `tried.concat(host)` as it is handed on, or a name declared in `fn` as one (or as `new Set(tried)`, then `.add(x)`).
 */
function grownCopyOfTested(value: ts.Expression, fn: FunctionNode): boolean {
  const lists = readOnce(listReadings, fn, readLists);
  const source = ts.isIdentifier(value) ? lists.copies.get(value.text) : copiedList(value, false);
  return source !== undefined && lists.tested.has(source.slice(source.lastIndexOf('.') + 1));
}

/** Per function: the lists it copies, grown, into a local (by the local's name), and the last names of the lists it tests for membership. */
interface ListReading {
  copies: Map<string, string>;
  tested: Set<string>;
}

const listReadings = new WeakMap<FunctionNode, ListReading>();

/** One walk of the function, however many calls of it hand a list on. */
function readLists(fn: FunctionNode): ListReading {
  const initializers = new Map<string, ts.Expression>();
  const added = new Set<string>();
  const tested = new Set<string>();
  walkTree(fn, undefined, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) initializers.set(node.name.text, unwrap(node.initializer));
    if (!ts.isCallExpression(node)) return undefined;
    const name = calleeName(node);
    const owner = name === 'add' || name === 'has' || name === 'includes' ? namePath(calleeObject(node) ?? node) : undefined;
    if (owner && name === 'add') added.add(owner);
    else if (owner) tested.add(owner.slice(owner.lastIndexOf('.') + 1));
    return undefined;
  });
  const copies = new Map<string, string>();
  for (const [name, initializer] of initializers) {
    const source = copiedList(initializer, added.has(name));
    if (source) copies.set(name, source);
  }
  return { copies, tested };
}

const membershipTests = new WeakMap<FunctionNode, boolean>();

function testsMembership(fn: FunctionNode): boolean {
  return readOnce(membershipTests, fn, () => /\.(has|includes)\(/.test(nodeText(fn)));
}

/** The list a grown copy is made of: `tried` in `[...tried, host]`, `tried.concat(host)`, or `new Set(tried)` when something is added to it. */
function copiedList(copy: ts.Expression, added: boolean): string | undefined {
  if (ts.isArrayLiteralExpression(copy) && copy.elements.length > 1 && ts.isSpreadElement(copy.elements[0]!)) return namePath(unwrap(copy.elements[0].expression));
  const list = ts.isCallExpression(copy) ? calleeObject(copy) : undefined;
  if (list && calleeName(copy as ts.CallExpression) === 'concat' && (copy as ts.CallExpression).arguments.length > 0) return namePath(list);
  if (added && ts.isNewExpression(copy) && ts.isIdentifier(copy.expression) && copy.expression.text === 'Set' && copy.arguments?.[0]) return namePath(unwrap(copy.arguments[0]));
  return undefined;
}

/**
 * `if (error && !canRetry) return …; await sleep(); return this.post(events, uri, false)`: the call hands
 * itself `true` or `false` (or `null`, `undefined`) for a parameter the function tests, so the next call takes the other way. Not where
 * the call sits in a branch that value opens (`if (isReconnecting) setTimeout(() => makeStream(true), 30e3)`):
 * the next call takes the same way again.
 */
function passesTestedBoolean(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  if (!call || !fn.body) return false;
  return call.arguments.some((argument, position) => {
    const kind = unwrap(argument).kind;
    const parameter = fn.parameters[position]?.name;
    // `null` and `undefined` hand the parameter nothing: as `false` for its tests (`this.#upload(store, rel, sha, undefined)`
    // from the branch `existing && isStatus(e, 404)` cannot take that branch again).
    const nothing = kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(unwrap(argument)) && (unwrap(argument) as ts.Identifier).text === 'undefined');
    if ((kind !== ts.SyntaxKind.TrueKeyword && kind !== ts.SyntaxKind.FalseKeyword && !nothing) || !parameter || !ts.isIdentifier(parameter)) return false;
    const passed = kind === ts.SyntaxKind.TrueKeyword;
    if (branchOpenedBy(call, parameter.text, fn) === passed) return false;
    // `if (!force && this.timer) return;` at the top, the call handing itself `force = true`: it steps past that exit.
    const exit = earlyExitOn(parameter.text, fn.body!);
    if (exit !== undefined) return exit === passed;
    return someDescendant(fn.body!, (node) => {
      if (ts.isIfStatement(node)) return testsFlag(node.expression, parameter.text) && !onlyStartsCountsOver(node);
      return ts.isConditionalExpression(node) && testsFlag(node.condition, parameter.text);
    });
  });
}

/**
 * `if (!isReinit) { this.authResetAttempts = 0; }`: a branch that only sets values back (a count to 0, a flag
 * to false) decides whether a count starts over, not whether the function goes on; past it, both values take one way.
 */
function onlyStartsCountsOver(branch: ts.IfStatement): boolean {
  const statements = [branch.thenStatement, ...(branch.elseStatement ? [branch.elseStatement] : [])]
    .flatMap((statement) => (ts.isBlock(statement) ? [...statement.statements] : [statement]));
  return statements.length > 0 && statements.every((statement) => {
    const expression = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
    return expression !== undefined && ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      && isPlainValue(unwrap(expression.right));
  });
}

function isPlainValue(value: ts.Expression): boolean {
  return ts.isNumericLiteral(value) || value.kind === ts.SyntaxKind.TrueKeyword || value.kind === ts.SyntaxKind.FalseKeyword || value.kind === ts.SyntaxKind.NullKeyword;
}

/**
 * The value a boolean parameter must have for `node` to run, where a branch around it tests the parameter itself:
 * `if (flag) …`, `if (!flag && …) …`, `flag ? … : …`; undefined where none does.
 */
function branchOpenedBy(node: ts.Node, flag: string, fn: FunctionNode): boolean | undefined {
  let guards = 0;
  let steps = 0;
  for (let child: ts.Node = node, parent = node.parent; parent && parent !== fn && guards < MAX_GUARDS_READ && steps < MAX_CONTEXT_STEPS; child = parent, parent = parent.parent, steps++) {
    const branch = ts.isIfStatement(parent) ? { condition: parent.expression, yes: parent.thenStatement, no: parent.elseStatement }
      : ts.isConditionalExpression(parent) ? { condition: parent.condition, yes: parent.whenTrue, no: parent.whenFalse } : undefined;
    if (!branch || (child !== branch.yes && child !== branch.no)) continue;
    guards++;
    const tested = child === branch.yes ? conjuncts(branch.condition) : [branch.condition];
    for (const test of tested) {
      const value = flagValue(test, flag);
      if (value !== undefined) return child === branch.yes ? value : !value;
    }
  }
  return undefined;
}

/**
 * The value of a boolean parameter that takes the function out at its top: `if (!force && timer) return;` needs
 * `force` false. Undefined where no such exit among the body's first statements tests the parameter.
 */
function earlyExitOn(flag: string, body: ts.ConciseBody): boolean | undefined {
  if (!ts.isBlock(body)) return undefined;
  for (const statement of body.statements.slice(0, MAX_GUARDS_READ)) {
    if (!ts.isIfStatement(statement) || statement.elseStatement || !alwaysLeaves(statement.thenStatement)) continue;
    for (const test of conjuncts(statement.expression)) {
      const value = flagValue(test, flag);
      if (value !== undefined) return value;
    }
  }
  return undefined;
}

/** `flag` → true, `!flag` → false; undefined for any other test. */
function flagValue(test: ts.Expression, flag: string): boolean | undefined {
  const node = unwrap(test);
  if (ts.isIdentifier(node)) return node.text === flag ? true : undefined;
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
    const operand = unwrap(node.operand);
    return ts.isIdentifier(operand) && operand.text === flag ? false : undefined;
  }
  return undefined;
}

/** The tests joined by `&&` in a condition, each of which must hold. */
function conjuncts(condition: ts.Expression, depth = 0): ts.Expression[] {
  const node = unwrap(condition);
  if (depth >= MAX_FLAG_TEST_DEPTH || !ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return [node];
  return [...conjuncts(node.left, depth + 1), ...conjuncts(node.right, depth + 1)];
}

/**
 * `if (retryable && options.retry) this.request(method, path, payload, { retry: false })`: the way round is opened by an
 * option of the function's own parameter, and the call hands itself that option turned off, so the next call takes the
 * other way. One retry.
 */
function turnsOffItsOwnSwitch(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  if (!call) return false;
  let guards = 0;
  for (let child: ts.Node = ref, node = ref.parent; node && node !== fn && guards < MAX_GUARDS_READ; child = node, node = node.parent) {
    if (!ts.isIfStatement(node) || node.thenStatement !== child) continue;
    guards++;
    if (conjunctPaths(node.expression).some((path) => handedOff(path, call, fn))) return true;
  }
  return false;
}

/** `options.retry` where `options` is the function's parameter at a place the call hands `{ retry: false }`. */
function handedOff(path: string, call: ts.CallExpression, fn: FunctionNode): boolean {
  const parts = path.split('.');
  if (parts.length !== 2) return false;
  const position = fn.parameters.findIndex((parameter) => ts.isIdentifier(parameter.name) && parameter.name.text === parts[0]);
  const argument = position >= 0 ? call.arguments[position] : undefined;
  const object = argument ? unwrap(argument) : undefined;
  return object !== undefined && ts.isObjectLiteralExpression(object) && object.properties.some((property) => ts.isPropertyAssignment(property)
    && propertyNameText(property.name) === parts[1] && isFalsyLiteral(property.initializer));
}

/**
 * `if (hasStorage && writable) { try { … } catch { writable = false; this.setState(…) } }`: the call goes
 * round from inside a branch that a flag opens, after setting that flag false; nothing in the function sets
 * it again, so the next call takes the other way. A fallback, tried once.
 */
function clearsItsOwnGuard(ref: ts.Expression, fn: FunctionNode): boolean {
  let guards = 0;
  for (let child: ts.Node = ref, node = ref.parent; node && node !== fn && guards < MAX_GUARDS_READ; child = node, node = node.parent) {
    if (!ts.isIfStatement(node) || node.thenStatement !== child) continue;
    guards++;
    const flags = conjunctPaths(node.expression);
    const cleared = flags.find((flag) => clearedBefore(flag, node.thenStatement, ref));
    if (cleared !== undefined && !setTruthyIn(fn, cleared)) return true;
  }
  return false;
}

/**
 * `createIncomingPayment(deps, { createArgs, walletAddress, retryOnTokenError: false })`: the call hands itself an option
 * named for retrying turned off, in the place of a parameter it has: the next call is told not to retry. One retry.
 */
function handsItsRetryOptionOff(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  return call !== undefined && call.arguments.some((argument, position) => {
    const object = unwrap(argument);
    return fn.parameters[position] !== undefined && ts.isObjectLiteralExpression(object) && object.properties.some((property) => ts.isPropertyAssignment(property)
      && RETRY_OPTION_NAME.test(propertyNameText(property.name) ?? '') && unwrap(property.initializer).kind === ts.SyntaxKind.FalseKeyword);
  });
}

/**
 * `const { shouldRetry, config } = await getRetryConfig(err); if (shouldRetry && config) return this._request(opts)`: the
 * way round is taken on a decision to retry that an imported function answered: it, out of sight, may say stop (and may
 * wait before it answers). A decision asked of the file's own code is read where it is (a counting helper).
 */
function guardedByAnsweredDecision(ref: ts.Expression, fn: FunctionNode, scan: FunctionScan, index: SourceIndex): boolean {
  for (let child: ts.Node = ref, node = ref.parent, steps = 0; node && node !== fn && steps < MAX_CONTEXT_STEPS; child = node, node = node.parent, steps++) {
    if (!ts.isIfStatement(node) || node.thenStatement !== child) continue;
    if (conjunctPaths(node.expression).some((name) => RETRY_DECISION_NAME.test(name) && answeredByImport(name, scan, index))) return true;
  }
  return false;
}

/** Whether a local is given what an imported function answers: `const { shouldRetry } = await getRetryConfig(e)`. */
function answeredByImport(name: string, scan: FunctionScan, index: SourceIndex): boolean {
  return scan.declarations.some((declaration) => {
    let value = declaration.initializer ? unwrap(declaration.initializer) : undefined;
    if (value && ts.isAwaitExpression(value)) value = unwrap(value.expression);
    const root = value && ts.isCallExpression(value) ? rootName(value.expression) : undefined;
    if (root === undefined || !index.imports.has(root)) return false;
    if (ts.isIdentifier(declaration.name)) return declaration.name.text === name;
    return ts.isObjectBindingPattern(declaration.name) && declaration.name.elements.some((element) => ts.isIdentifier(element.name) && element.name.text === name);
  });
}

/**
 * `catch (error) { if (error.message.includes('Invalid cursor')) return getPage(repo, limit, undefined); throw error }`:
 * on one kind of failure, told apart by a test of the error, the call goes round without an input it was given (an
 * optional parameter handed `undefined` or `null`): it starts over from scratch, a fallback tried once.
 */
function startsOverWithoutInput(ref: ts.Expression, fn: FunctionNode): boolean {
  const call = callOfReference(ref);
  if (!call) return false;
  const test = errorTestAround(ref, fn);
  if (!test) return false;
  return call.arguments.some((argument, position) => {
    const parameter = fn.parameters[position];
    const value = unwrap(argument);
    const nothing = value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined');
    if (!nothing || !parameter || !ts.isIdentifier(parameter.name) || (parameter.questionToken === undefined && parameter.initializer === undefined)) return false;
    // The failure told apart names the input dropped (`'Invalid cursor'` for `cursor`): a network error would not.
    return namesInput(test, parameter.name.text);
  });
}

/** Whether a test names an input, in its code or its text: `cursor` in `error.message.includes('Invalid cursor')`. */
function namesInput(test: ts.Expression, name: string): boolean {
  const word = new RegExp(`\\b${name}\\b`, 'i');
  return name.length <= MAX_INPUT_NAME && someDescendant(test, (node) => (ts.isIdentifier(node) || ts.isStringLiteralLike(node)) && word.test(node.text));
}

/** Names of inputs are short; a longer one is not looked for (the pattern is built from the code). */
const MAX_INPUT_NAME = 40;

/** The test of the `if` the node sits in, inside a catch of the function, where it tests the error caught there. */
function errorTestAround(node: ts.Node, fn: FunctionNode): ts.Expression | undefined {
  let test: ts.Expression | undefined;
  for (let child: ts.Node = node, parent = node.parent, steps = 0; parent && parent !== fn && steps < MAX_CONTEXT_STEPS; child = parent, parent = parent.parent, steps++) {
    if (ts.isIfStatement(parent) && parent.thenStatement === child) test ??= parent.expression;
    if (!ts.isCatchClause(parent)) continue;
    const caught = parent.variableDeclaration?.name;
    const testsCaught = test !== undefined && caught !== undefined && ts.isIdentifier(caught) && someDescendant(test, (inner) => ts.isIdentifier(inner) && inner.text === caught.text);
    return testsCaught ? test : undefined;
  }
  return undefined;
}

/** How many enclosing `if`s are read for the flag (each reads its branch; user code may nest thousands). */
const MAX_GUARDS_READ = 8;

/** The plain names a condition requires (`a && b.c`): each must be truthy for the branch to run. */
function conjunctPaths(condition: ts.Expression, depth = 0): string[] {
  const node = unwrap(condition);
  const path = namePath(node);
  if (path !== undefined) return [path];
  if (depth >= MAX_FLAG_TEST_DEPTH || !ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.AmpersandAmpersandToken) return [];
  return [...conjunctPaths(node.left, depth + 1), ...conjunctPaths(node.right, depth + 1)];
}

/** Whether `flag = false` (or another falsy literal) runs in the branch before the call. */
function clearedBefore(flag: string, branch: ts.Node, ref: ts.Node): boolean {
  const first = firstClears(branch).get(flag);
  return first !== undefined && first < ref.pos;
}

const clearsByBranch = new WeakMap<ts.Node, Map<string, number>>();

/** Where each flag is first set to a falsy literal in a branch (read once per branch: many calls may sit in one). */
function firstClears(branch: ts.Node): Map<string, number> {
  return readOnce(clearsByBranch, branch, () => {
    const found = new Map<string, number>();
    visitDescendants(branch, (node) => {
      if (!ts.isBinaryExpression(node) || node.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isFalsyLiteral(node.right)) return;
      const path = namePath(node.left);
      if (path !== undefined && !found.has(path)) found.set(path, node.pos);
    });
    return found;
  });
}

const truthySetsByFunction = new WeakMap<FunctionNode, Set<string>>();

/** Whether the function sets the flag to anything but a falsy literal (the function's assignments read once). */
function setTruthyIn(fn: FunctionNode, flag: string): boolean {
  return readOnce(truthySetsByFunction, fn, () => {
    const found = new Set<string>();
    if (fn.body) {
      visitDescendants(fn.body, (node) => {
        if (!ts.isBinaryExpression(node) || !isAssignmentOperator(node.operatorToken.kind) || isFalsyLiteral(node.right)) return;
        const path = namePath(node.left);
        if (path !== undefined) found.add(path);
      });
    }
    return found;
  }).has(flag);
}

/** How many `!`, `&&` and `||` deep a flag is looked for in a condition (real conditions join a few tests). */
const MAX_FLAG_TEST_DEPTH = 16;

/**
 * Whether a condition tests the flag itself (`flag`, `!flag`, `a && !flag`), not a value computed from it, or
 * hands it to the call that decides (`await session.refreshAndRetry(error, retried)`): that call is told
 * whether this is already the retry, and what it answers then is out of sight.
 */
function testsFlag(condition: ts.Expression, flag: string, depth = 0): boolean {
  const node = unwrap(condition);
  if (ts.isIdentifier(node)) return node.text === flag;
  if (ts.isCallExpression(node)) {
    return node.arguments.some((argument) => {
      const value = unwrap(argument);
      return ts.isIdentifier(value) && value.text === flag;
    });
  }
  if (depth >= MAX_FLAG_TEST_DEPTH) return false;
  if (ts.isAwaitExpression(node)) return testsFlag(node.expression, flag, depth + 1);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return testsFlag(node.operand, flag, depth + 1);
  if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || node.operatorToken.kind === ts.SyntaxKind.BarBarToken)) {
    return testsFlag(node.left, flag, depth + 1) || testsFlag(node.right, flag, depth + 1);
  }
  return false;
}

/** The call a self-reference makes: `retry(…)` or `this.retry(…)`. */
function callOfReference(ref: ts.Expression): ts.CallExpression | undefined {
  if (ref.parent && ts.isCallExpression(ref.parent) && ref.parent.expression === ref) return ref.parent;
  if (ref.parent && ts.isPropertyAccessExpression(ref.parent) && ref.parent.parent && ts.isCallExpression(ref.parent.parent)) return ref.parent.parent;
  return undefined;
}

/**
 * The lists a value hands on shorter by one or more (`list.slice(1)`), directly, through a local, or as a
 * property of an object (literal or local): the list's path and the parameter it belongs to.
 */
function shrunkLists(node: ts.Node, parameters: Set<string>, scan: FunctionScan, depth = 0): string[] {
  const value = ts.isIdentifier(node) && !parameters.has(node.text) && depth < 2 ? localValue(node.text, scan) ?? node : node;
  const sliced = slicedPath(value as ts.Expression);
  if (sliced) {
    const root = sliced.split('.')[0]!;
    return parameters.has(root) ? [sliced, `${sliced}.length`, root] : [];
  }
  if (depth >= 2 || !ts.isObjectLiteralExpression(value)) return [];
  return value.properties.flatMap((property) => (ts.isPropertyAssignment(property) ? shrunkLists(property.initializer, parameters, scan, depth + 1) : []));
}

/** `x.slice(1)`, `x.slice(n)`: the path of the list it leaves out the start of. */
function slicedPath(value: ts.Expression): string | undefined {
  const node = unwrap(value);
  if (!ts.isCallExpression(node) || calleeName(node) !== 'slice' || node.arguments.length !== 1) return undefined;
  const start = numericValue(node.arguments[0]!);
  const object = calleeObject(node);
  return start !== undefined && start > 0 && object ? namePath(object) : undefined;
}

/** The initializer of a local declared once in the function. */
function localValue(name: string, scan: FunctionScan): ts.Expression | undefined {
  const declarations = scan.declarations.filter((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === name);
  return declarations.length === 1 ? declarations[0]!.initializer : undefined;
}

/** `[...errors, error]` or `errors.concat(error)`: the parameter the list grows from, one or more elements longer. */
function grownParameter(list: ts.Expression, parameters: Set<string>): string | undefined {
  const node = unwrap(list);
  if (ts.isArrayLiteralExpression(node) && node.elements.length >= 2) {
    const spread = node.elements.find((element): element is ts.SpreadElement => ts.isSpreadElement(element) && ts.isIdentifier(unwrap(element.expression)));
    const name = spread && (unwrap(spread.expression) as ts.Identifier).text;
    return name && parameters.has(name) ? name : undefined;
  }
  if (ts.isCallExpression(node) && calleeName(node) === 'concat' && node.arguments.length > 0) {
    const object = calleeObject(node);
    const name = object && ts.isIdentifier(unwrap(object)) ? (unwrap(object) as ts.Identifier).text : undefined;
    return name && parameters.has(name) ? name : undefined;
  }
  return undefined;
}

/** A local declared as a list grown from a parameter (see grownParameter): the local's name. */
function grownLocal(local: string, parameters: Set<string>, scan: FunctionScan): string | undefined {
  return scan.declarations.some((declaration) => ts.isIdentifier(declaration.name) && declaration.name.text === local
    && declaration.initializer !== undefined && grownParameter(declaration.initializer, parameters) !== undefined) ? local : undefined;
}

/** What a cap on a list's length compares: `list.length`, or a local declared as it (`const tryNumber = newErrors.length`). */
function lengthNames(list: string, scan: FunctionScan): string[] {
  const length = `${list}.length`;
  const locals = scan.declarations.filter((declaration) => ts.isIdentifier(declaration.name) && declaration.initializer !== undefined
    && namePath(declaration.initializer) === length).map((declaration) => (declaration.name as ts.Identifier).text);
  return [length, ...locals];
}

/** The parameter a local is stepped from, when it is declared as one: `const next = attempt + 1`. */
function steppedParameter(local: string, parameters: Set<string>, scan: FunctionScan): string | undefined {
  for (const declaration of scan.declarations) {
    if (!ts.isIdentifier(declaration.name) || declaration.name.text !== local || !declaration.initializer) continue;
    const stepped = arithmeticName(unwrap(declaration.initializer));
    if (stepped && parameters.has(stepped)) return stepped;
  }
  return undefined;
}

/** `retries - 1`, `attempt + 1`, `opts.retries - 1`: the name stepped by a small constant. */
function arithmeticName(node: ts.Node): string | undefined {
  // `tries === -1 ? -1 : tries - 1`: a step, with a value kept as it is (a "forever" marker, a first call).
  if (ts.isConditionalExpression(node)) {
    const [stepped, kept] = [unwrap(node.whenTrue), unwrap(node.whenFalse)];
    if (numericValue(kept) !== undefined) return arithmeticName(stepped);
    if (numericValue(stepped) !== undefined) return arithmeticName(kept);
    return undefined;
  }
  if (!ts.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator !== ts.SyntaxKind.MinusToken && operator !== ts.SyntaxKind.PlusToken) return undefined;
  const right = unwrap(node.right);
  if (!ts.isNumericLiteral(right)) return undefined;
  return namePath(node.left);
}

function parameterNames(fn: FunctionNode): Set<string> {
  const names = new Set<string>();
  const add = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) add(element.name);
  };
  fn.parameters.forEach((parameter) => add(parameter.name));
  return names;
}

