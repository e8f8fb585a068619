// A retry written out once: `try { return await send(order); } catch { await sleep(500); return await
// send(order); }`, or the second send put in a timer (`setTimeout(() => send(order), 500)`, `sleep(500).then(() =>
// send(order))`). The same goes for the branch that tests the first attempt's answer for a failure: `let res =
// await send(order); if (res.status === 500) { await sleep(500); res = await send(order); }`. The catch (or the
// branch) waits, then makes the same call again (same callee, same arguments): one more attempt, bounded, that
// waits what it waits. Without a wait it is left alone, unless the catch does nothing before it but tell of the
// failure: an immediate second call is as often a resend after re-authenticating (done between the two) as a retry
// of a failure. One inside a loop or a recursive retry belongs to that construct, read elsewhere.
import ts from 'typescript';
import { calleeName, calleeObject, contains, enclosingFunction, functionName, isFunctionNode, namePath, readOnce, statementsBefore, unwrap } from './ast';
import { checkPolarity } from './outcomes';
import { waitSite } from './delays';
import { retriedFunction } from './libraries/option-reading';
import { backoffFromWaits, localHelperWait } from './retry-loops';
import type { RetryConstruct, WaitSite } from './retry-model';
import { nodeText } from './run-context';
import { firstCallFrom, type SourceIndex } from './source-index';
import { firstLineSpan } from './spans';
import { LOG_NAME, TELLING_NAME } from './vocabulary';

/** How far up from a call its catch is looked for (real code: a few levels). */
const MAX_STEPS_TO_CATCH = 24;
/** How many calls of a try block are compared with a call in its catch. */
const MAX_TRY_CALLS = 200;
/** Calls longer than this (in characters) are not compared (keeps generated code linear). */
const MAX_CALL_LENGTH = 400;

/** How far up from a catch the code of another retry is looked for. */
const MAX_STEPS_TO_SCOPE = 200;

export function findCatchRetries(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  // One second attempt per catch: of calls that repeat the try's, the innermost (`fetchData()` in
  // `resolve(await fetchData())`), which the calls' source order brings last.
  const byCatch = new Map<ts.CatchClause, { call: ts.CallExpression; construct: RetryConstruct }>();
  let retried: Set<ts.Node> | undefined;
  for (const call of index.calls) {
    // A wait made in the try and again in the catch (`await sleep(ms)`) is no attempt of anything.
    if (call.end - call.pos > MAX_CALL_LENGTH || LOG_NAME.test(calleeName(call) ?? '') || waitSite(call)) continue;
    const place = catchAround(call);
    // A function that calls itself from its catch is recursion, read (and judged periodic or not) by retry-recursion.ts.
    if (!place || callsItsOwnFunction(call, index)) continue;
    const found = byCatch.get(place.handler);
    if (found && !contains(found.call, call)) continue;
    const waits = waitsBefore(call, place.handler.block, place.timer, index);
    if ((waits.length === 0 && (place.timer || !triedAgainAtOnce(call, place.handler))) || !sameCallIn(place.handler.parent.tryBlock, call, index)) continue;
    retried ??= new Set(known.flatMap((construct) => construct.scopes));
    if (insideAny(place.handler, retried)) continue;
    byCatch.set(place.handler, { call, construct: catchRetry(call, waits, index, 'in a catch') });
  }
  return [...byCatch.values()].map((found) => found.construct).concat(findFailedBranchRetries(index, known));
}

/** How many statements before a failed branch the first attempt is looked for. */
const MAX_STATEMENTS_TO_ATTEMPT = 8;

/**
 * `let res = await send(order); if (res.status === 500) { await sleep(500); res = await send(order); }`: the
 * branch taken when the first attempt's answer says it failed makes the same call again after a wait.
 */
function findFailedBranchRetries(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  const taken = new Set<ts.IfStatement>();
  let retried: Set<ts.Node> | undefined;
  for (const call of index.calls) {
    if (call.end - call.pos > MAX_CALL_LENGTH || LOG_NAME.test(calleeName(call) ?? '')) continue;
    const place = failedBranchAround(call);
    if (!place || taken.has(place.branch)) continue;
    const thenBlock = place.branch.thenStatement;
    const waits = ts.isBlock(thenBlock) ? waitsBefore(call, thenBlock, place.timer, index) : place.timer ? [place.timer] : [];
    if (waits.length === 0) continue;
    retried ??= new Set(known.flatMap((construct) => construct.scopes));
    if (insideAny(place.branch, retried)) continue;
    taken.add(place.branch);
    constructs.push(catchRetry(call, waits, index, 'after a failed answer'));
  }
  return constructs;
}

/** The `if` whose then-branch a call is made in, directly or in a wait's callback there, when its test says the same call failed just before. */
function failedBranchAround(call: ts.CallExpression): { branch: ts.IfStatement; timer?: WaitSite } | undefined {
  let timer: WaitSite | undefined;
  let child: ts.Node = call;
  for (let node = call.parent, steps = 0; node && steps < MAX_STEPS_TO_CATCH; child = node, node = node.parent, steps++) {
    if (ts.isIfStatement(node)) return child === node.thenStatement && firstAttemptFailed(node, call) ? { branch: node, timer } : undefined;
    if (ts.isIterationStatement(node, false) || ts.isCatchClause(node)) return undefined;
    if (isFunctionNode(node)) {
      const wait = deferringWait(node);
      if (!wait || timer) return undefined;
      timer = wait;
    }
  }
  return undefined;
}

/** Whether the `if`'s test reads the answer of the same call, made a few statements before, as a failure (`res.status === 500`, `!res.ok`). */
function firstAttemptFailed(branch: ts.IfStatement, call: ts.CallExpression): boolean {
  const text = callShape(call);
  for (const before of statementsBefore(branch, MAX_STATEMENTS_TO_ATTEMPT)) {
    const answer = answerOf(before, text);
    if (answer) return checkPolarity(branch.expression, new Set([answer])) === 'failure';
  }
  return false;
}

/** The name a statement keeps the answer of the call written as `text` in: `let res = await send(order)`, `res = await send(order)`. */
function answerOf(statement: ts.Statement, text: string): string | undefined {
  const isTheCall = (value: ts.Expression | undefined): boolean => {
    const called = value && unwrap(value);
    // Only a call as short as the one compared can be the same (and a long one is not read: linear on any input).
    return called !== undefined && ts.isCallExpression(called) && called.end - called.pos <= MAX_CALL_LENGTH && callShape(called) === text;
  };
  if (ts.isVariableStatement(statement)) {
    const declaration = statement.declarationList.declarations.find((candidate) => isTheCall(candidate.initializer));
    return declaration && ts.isIdentifier(declaration.name) ? declaration.name.text : undefined;
  }
  const assignment = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !isTheCall(assignment.right)) return undefined;
  return namePath(assignment.left);
}

/** `runQueue()` inside `function runQueue`: the function calling itself. */
function callsItsOwnFunction(call: ts.CallExpression, index: SourceIndex): boolean {
  const name = calleeName(call);
  // Only a name the file gives a function can be that of the function around (asked first: it is a lookup).
  if (name === undefined || !index.functions.has(name)) return false;
  const around = enclosingFunction(call);
  return around !== undefined && functionName(around) === name;
}

/** Whether a node lies in the code another retry re-runs (a loop's body, a recursive function's). */
export function insideAny(node: ts.Node, scopes: ReadonlySet<ts.Node>): boolean {
  let steps = 0;
  for (let current: ts.Node | undefined = node; current && steps < MAX_STEPS_TO_SCOPE; current = current.parent, steps++) {
    if (scopes.has(current)) return true;
  }
  return false;
}

/** The catch a call is made in, directly or in a timer's callback there (`setTimeout(() => send(), 500)`), within its function. */
export function catchAround(call: ts.CallExpression): { handler: ts.CatchClause & { parent: ts.TryStatement }; timer?: WaitSite } | undefined {
  let timer: WaitSite | undefined;
  for (let node = call.parent, steps = 0; node && steps < MAX_STEPS_TO_CATCH; node = node.parent, steps++) {
    if (ts.isCatchClause(node)) return { handler: node as ts.CatchClause & { parent: ts.TryStatement }, timer };
    if (ts.isIterationStatement(node, false)) return undefined;
    if (isFunctionNode(node)) {
      const wait = deferringWait(node);
      if (!wait || timer) return undefined;
      timer = wait;
    }
  }
  return undefined;
}

/** The wait a callback runs after: `setTimeout(callback, 500)`, or `sleep(500).then(callback)`. */
function deferringWait(callback: ts.Node): WaitSite | undefined {
  const call = callback.parent;
  if (!call || !ts.isCallExpression(call) || call.arguments[0] !== callback) return undefined;
  if (calleeName(call) !== 'then') return waitSite(call);
  const waited = calleeObject(call);
  const promise = waited && unwrap(waited);
  return promise && ts.isCallExpression(promise) ? waitSite(promise) : undefined;
}

/**
 * `try { return await sock.sendMessage(jid, body); } catch (err) { console.error(err); try { return await
 * sock.sendMessage(jid, body); } catch { … } }`: a try that makes one awaited call and nothing else, and a catch that
 * makes it again at once, with nothing done first but telling of the failure: one more attempt as it stands. Not a
 * resend after mending something (re-authenticating, switching hosts), which would be done between the two, nor a
 * call that also closes the try's other work (`clearTimeout(timer)`, `reject(err)`), whose try does more.
 */
function triedAgainAtOnce(call: ts.CallExpression, handler: ts.CatchClause & { parent: ts.TryStatement }): boolean {
  const first = firstAwaitedCall(handler.parent.tryBlock);
  if (!first || callShape(first) !== callShape(call)) return false;
  let statement: ts.Node | undefined = awaitedCallStatement(call);
  for (let steps = 0; statement && steps < MAX_STEPS_TO_CATCH; steps++) {
    const block: ts.Node = statement.parent;
    if (!ts.isBlock(block) || !block.statements.slice(0, block.statements.indexOf(statement as ts.Statement)).every(onlyTells)) return false;
    if (block === handler.block) return true;
    // The second call in a try of its own within the catch (its failure handled there).
    if (!ts.isTryStatement(block.parent) || block.parent.tryBlock !== block) return false;
    statement = block.parent;
  }
  return false;
}

/**
 * The call a block starts with, awaited, past statements that only tell (`console.log('sending')`): the attempt a
 * catch that starts with the same call makes again (`try { const res = await send(order); … } catch { const res =
 * await send(order); … }`), whatever the block does with the answer after it.
 */
function firstAwaitedCall(block: ts.Block): ts.CallExpression | undefined {
  const statement = block.statements.find((candidate) => !onlyTells(candidate));
  if (!statement) return undefined;
  const expression = ts.isReturnStatement(statement) || ts.isExpressionStatement(statement) ? statement.expression
    : ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1 ? statement.declarationList.declarations[0]!.initializer : undefined;
  const awaited = expression && ts.isAwaitExpression(expression) ? expression.expression : undefined;
  return awaited && ts.isCallExpression(awaited) ? awaited : undefined;
}

/** The statement that awaits a call and does nothing else with it but return it: `await f();`, `return await f();`. */
function awaitedCallStatement(call: ts.CallExpression): ts.Statement | undefined {
  const awaited = call.parent;
  if (!ts.isAwaitExpression(awaited) || awaited.expression !== call) return undefined;
  const statement = awaited.parent;
  if (ts.isExpressionStatement(statement) || ts.isReturnStatement(statement)) return statement;
  // `const response = await send(order);`: the answer kept to be read after it.
  const list = ts.isVariableDeclaration(statement) && statement.initializer === awaited ? statement.parent : undefined;
  return list && ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isVariableStatement(list.parent) ? list.parent : undefined;
}

/**
 * `console.error(err);`, `await logger.warn('retrying');`: a statement that only tells of what happened. Narrower
 * than the calls that cap nothing (LOG_NAME): `await session.write(item)` is work, though no counter passed to it caps.
 */
function onlyTells(statement: ts.Statement): boolean {
  const expression = ts.isExpressionStatement(statement) ? unwrap(statement.expression) : undefined;
  return expression !== undefined && ts.isCallExpression(expression) && TELLING_NAME.test(calleeName(expression) ?? '');
}

/** The waits on the way to the second call: the timer it runs in, or waits earlier in the catch block (or the failed branch). */
function waitsBefore(call: ts.CallExpression, block: ts.Block, timer: WaitSite | undefined, index: SourceIndex): WaitSite[] {
  if (timer) return [timer];
  return awaitedWaits(block, index).filter((wait) => wait.call.pos < call.pos);
}

const blockWaits = new WeakMap<ts.Block, WaitSite[]>();

/**
 * The waits a block awaits as statements of its own (`await sleep(500);`, or a local function that waits: `await
 * handleRateLimit(error)` sleeping for the answer's Retry-After), read once per block.
 */
function awaitedWaits(block: ts.Block, index: SourceIndex): WaitSite[] {
  let waits = blockWaits.get(block);
  if (!waits) {
    waits = [];
    for (const statement of block.statements) {
      const expression = ts.isExpressionStatement(statement) ? statement.expression : undefined;
      const awaited = expression && ts.isAwaitExpression(expression) ? unwrap(expression.expression) : undefined;
      const wait = awaited && ts.isCallExpression(awaited) ? waitSite(awaited) ?? localHelperWait(awaited, index) : awaited && ts.isNewExpression(awaited) ? promisedTimer(awaited) : undefined;
      if (wait) waits.push(wait);
    }
    blockWaits.set(block, waits);
  }
  return waits;
}

/** `new Promise((resolve) => setTimeout(resolve, 500))`: the timer the promise waits for. */
function promisedTimer(created: ts.NewExpression): WaitSite | undefined {
  const executor = created.arguments?.[0] ? unwrap(created.arguments[0]) : undefined;
  if (!ts.isIdentifier(created.expression) || created.expression.text !== 'Promise' || !executor || !isFunctionNode(executor)) return undefined;
  const body = executor.body;
  const inner = body && !ts.isBlock(body) ? unwrap(body) : body && ts.isBlock(body) && body.statements.length === 1 && ts.isExpressionStatement(body.statements[0]!) ? unwrap(body.statements[0].expression) : undefined;
  return inner && ts.isCallExpression(inner) ? waitSite(inner) : undefined;
}

/** The same call (callee and arguments as written) in the try block: the attempt the catch repeats. */
function sameCallIn(block: ts.Block, call: ts.CallExpression, index: SourceIndex): ts.CallExpression | undefined {
  const text = callShape(call);
  const name = calleeName(call);
  // The index lists calls in source order: those in the block are one run of the list.
  const first = firstCallFrom(index.calls, block.pos);
  // A try block of more calls than this is not read (keeps a huge try with a busy catch linear).
  const last = Math.min(index.calls.length, first + MAX_TRY_CALLS);
  for (let i = first; i < last && index.calls[i]!.pos < block.end; i++) {
    const other = index.calls[i]!;
    if (other !== call && calleeName(other) === name && callShape(other) === text) return other;
  }
  return undefined;
}

/** One more attempt of `call`, made `where` (`in a catch`, `after a failed answer`). */
function catchRetry(call: ts.CallExpression, waits: WaitSite[], index: SourceIndex, where: string): RetryConstruct {
  return {
    kind: 'catch-retry',
    label: `second attempt of \`${shortCallee(call)}()\` ${where}`,
    report: firstLineSpan(call, index.sourceFile),
    scopes: [call, ...retriedFunction(call.expression, index)],
    rerunsScope: true,
    bound: { capped: true, by: 'one-more-attempt' },
    backoff: backoffFromWaits(waits, [], index, new Set()),
  };
}

/**
 * A call as written, without its spacing: the same call written again in a block nested deeper is indented more.
 * Read once per call: a call is compared with every call of its name in the try blocks around it.
 */
function callShape(call: ts.CallExpression): string {
  return readOnce(callShapes, call, (node) => nodeText(node).replace(/\s+/g, ''));
}

const callShapes = new WeakMap<ts.CallExpression, string>();

function shortCallee(call: ts.CallExpression): string {
  const text = nodeText(call.expression).replace(/\s+/g, '');
  return text.length <= 40 ? text : `${text.slice(0, 39)}…`;
}
