// An interval that tries to connect on every tick and clears itself only once a connect succeeds:
// `const timer = setInterval(async () => { try { await connect(); clearInterval(timer); } catch {} }, 5000)`,
// or `this.retry = setInterval(() => this.stream.connect().then(() => this.clearRetry()).catch(() => {}), ms)`.
// A failure is swallowed and the next tick tries again: nothing counts the ticks, so it goes on for as long
// as the connection fails, every `ms` on the dot. Only a clear reached on success, with no test on the way
// and none on the failure side, makes this reading: any test may be a cap, and then nothing is said.
import ts from 'typescript';
import { calleeName, calleeObject, type FunctionNode, isFunctionNode, namePath, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import { backoffFromWaits } from './retry-loops';
import type { RetryConstruct } from './retry-model';
import type { SourceIndex } from './source-index';
import { firstLineSpan } from './spans';
import { nodeText } from './run-context';
import { NO_MORE_TRIES_MESSAGE, TRIES_AGAIN_MESSAGE } from './vocabulary';

/** The callback is a few lines; longer ones are not read (which also keeps nested intervals linear). */
const MAX_CALLBACK_LENGTH = 1500;
/** A clearing method is short: it clears the timer and forgets it. */
const MAX_CLEARER_LENGTH = 600;
/**
 * What is tried on each tick: opening a connection (`stream.connect()`, `connectBroker(url)`, `initSocket()`), or logging a
 * client in, which opens its connection (discord.js and Telegram bots' `client.login(token)`, an IMAP client's `login()`).
 */
const CONNECT_CALL = /^(re)?connect\w{0,30}$|^(re)?login$|^(open|init|setup|start|create)\w{0,20}(socket|ws|connection|stream|broker|client)$/i;
/** Anything that may decide to stop: a test, a loop, a throw, a return that ends the tick early. */
const DECIDING_KINDS = new Set([
  ts.SyntaxKind.IfStatement, ts.SyntaxKind.ConditionalExpression, ts.SyntaxKind.SwitchStatement, ts.SyntaxKind.ThrowStatement,
  ts.SyntaxKind.ForStatement, ts.SyntaxKind.ForOfStatement, ts.SyntaxKind.ForInStatement, ts.SyntaxKind.WhileStatement, ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.AmpersandAmpersandToken, ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken,
]);

export function findIntervalRetries(index: SourceIndex, known: readonly RetryConstruct[]): RetryConstruct[] {
  const constructs: RetryConstruct[] = [];
  for (const call of index.calls) {
    if (calleeName(call) !== 'setInterval' || (calleeObject(call) && namePath(calleeObject(call)!) !== 'window')) continue;
    const callback = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    const handle = timerHandle(call);
    if (!callback || !isFunctionNode(callback) || !handle || callback.end - callback.pos > MAX_CALLBACK_LENGTH) continue;
    if (known.some((construct) => call.pos <= construct.report.start && construct.report.start < call.end)) continue;
    const attempt = connectsUntilCleared(callback, handle, index);
    if (attempt) constructs.push(intervalConstruct(call, attempt, index));
  }
  return constructs;
}

/** The name path the interval's id is kept in: `timer` in `const timer = setInterval(…)`, `this.retryTimer` in `this.retryTimer = setInterval(…)`. */
function timerHandle(call: ts.CallExpression): string | undefined {
  const parent = call.parent;
  if (ts.isVariableDeclaration(parent) && parent.initializer === call && ts.isIdentifier(parent.name)) return parent.name.text;
  if (ts.isBinaryExpression(parent) && parent.right === call && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return namePath(parent.left);
  return undefined;
}

/**
 * The connect call each tick makes, when the tick clears the interval only after that call succeeded and
 * decides nothing else: in `try { await connect(); clearInterval(t) } catch { log }`, or in
 * `connect().then(() => clearInterval(t)).catch(log)`.
 */
function connectsUntilCleared(callback: FunctionNode, handle: string, index: SourceIndex): ts.CallExpression | undefined {
  if (!callback.body || decides(callback.body)) return undefined;
  let found: ts.CallExpression | undefined;
  walkTree(callback.body, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    if (ts.isTryStatement(node)) found = clearedAfterAwait(node, handle, index);
    else if (ts.isCallExpression(node)) found = clearedInThen(node, handle, index);
    return undefined;
  });
  return found;
}

/** `try { await connect(); clearInterval(t); } catch { … }`: the clear follows the awaited connect in the try, the catch never clears. */
function clearedAfterAwait(statement: ts.TryStatement, handle: string, index: SourceIndex): ts.CallExpression | undefined {
  if (!statement.catchClause || clears(statement.catchClause.block, handle, index)) return undefined;
  const statements = statement.tryBlock.statements;
  const clearAt = statements.findIndex((inner) => ts.isExpressionStatement(inner) && clearsAt(inner.expression, handle, index));
  if (clearAt < 0) return undefined;
  const awaited = statements.slice(0, clearAt).map(awaitedCall).filter((call): call is ts.CallExpression => call !== undefined);
  const connect = awaited.find((call) => CONNECT_CALL.test(calleeName(call) ?? ''));
  // Otherwise, what the tick awaits last before the clear is what it tries again, where its catch says it will try again
  // (`catch { log('still down, will try again') }`).
  return connect ?? (awaited.length > 0 && announcesRetry(statement.catchClause.block) ? awaited[awaited.length - 1] : undefined);
}

/** `connect().then(() => clearInterval(t)).catch(() => {})`: the success handler clears, no failure handler does. */
function clearedInThen(call: ts.CallExpression, handle: string, index: SourceIndex): ts.CallExpression | undefined {
  if (calleeName(call) !== 'then' || !ts.isPropertyAccessExpression(call.expression)) return undefined;
  const onSuccess = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!onSuccess || !isFunctionNode(onSuccess) || !onSuccess.body || !clears(onSuccess.body, handle, index)) return undefined;
  if (call.arguments[1] && clears(call.arguments[1], handle, index)) return undefined;
  const chained = call.parent;
  if (ts.isPropertyAccessExpression(chained) && ts.isCallExpression(chained.parent) && chained.parent.arguments.some((argument) => clears(argument, handle, index))) return undefined;
  const connect = unwrap(call.expression.expression);
  return ts.isCallExpression(connect) && CONNECT_CALL.test(calleeName(connect) ?? '') ? connect : undefined;
}

function awaitedCall(statement: ts.Statement): ts.CallExpression | undefined {
  let expression: ts.Expression | undefined;
  if (ts.isExpressionStatement(statement)) expression = statement.expression;
  else if (ts.isVariableStatement(statement) && statement.declarationList.declarations.length === 1) expression = statement.declarationList.declarations[0]!.initializer;
  if (!expression || !ts.isAwaitExpression(expression)) return undefined;
  const call = unwrap(expression.expression);
  return ts.isCallExpression(call) ? call : undefined;
}

/** Whether a string or template in the block says the code will try again (TRIES_AGAIN_MESSAGE); comments do not count. */
function announcesRetry(block: ts.Block): boolean {
  let found = false;
  walkTree(block, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    if ((ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node))
      && TRIES_AGAIN_MESSAGE.test(node.text) && !NO_MORE_TRIES_MESSAGE.test(node.text)) found = true;
    return undefined;
  });
  return found;
}

/** Whether a node clears the interval: `clearInterval(t)` in it, or a call of a short local function that does. */
function clears(node: ts.Node, handle: string, index: SourceIndex): boolean {
  let found = false;
  walkTree(node, undefined, (inner) => {
    if (found) return SKIP_CHILDREN;
    if (ts.isCallExpression(inner) && clearsAt(inner, handle, index)) found = true;
    return undefined;
  });
  return found;
}

function clearsAt(expression: ts.Expression, handle: string, index: SourceIndex): boolean {
  const call = unwrap(expression);
  if (!ts.isCallExpression(call)) return false;
  if (calleeName(call) === 'clearInterval') return call.arguments[0] !== undefined && namePath(unwrap(call.arguments[0])) === handle;
  const name = calleeName(call);
  const local = name === undefined ? undefined : index.functions.get(name);
  if (local?.length !== 1) return false;
  const clearer = local[0]!;
  return clearer.end - clearer.pos <= MAX_CLEARER_LENGTH && nodeText(clearer).includes('clearInterval(') && clearsHandleIn(clearer, handle);
}

function clearsHandleIn(fn: FunctionNode, handle: string): boolean {
  let found = false;
  walkTree(fn, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    if (ts.isCallExpression(node) && calleeName(node) === 'clearInterval' && node.arguments[0] && namePath(unwrap(node.arguments[0])) === handle) found = true;
    return undefined;
  });
  return found;
}

/** Whether the tick has anything that may decide to stop or to skip (a test, a loop, a throw). */
function decides(body: ts.Node): boolean {
  let found = false;
  walkTree(body, undefined, (node) => {
    if (found) return SKIP_CHILDREN;
    if (DECIDING_KINDS.has(node.kind)) found = true;
    return undefined;
  });
  return found;
}

function intervalConstruct(call: ts.CallExpression, connect: ts.CallExpression, index: SourceIndex): RetryConstruct {
  return {
    kind: 'handler',
    label: `interval that calls \`${calleeName(connect)}()\` until it succeeds`,
    report: firstLineSpan(call, index.sourceFile),
    scopes: [],
    rerunsScope: false,
    reconnects: true,
    bound: { capped: false, reason: 'no-cap' },
    backoff: backoffFromWaits([{ call, delay: call.arguments[1] }], [], index, new Set()),
  };
}
