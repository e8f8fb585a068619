// A worker's or consumer's loop that reads forever (`while (!stopped) { try { const batch = await redis.xreadgroup(…);
// … } catch (error) { logger.error(error) } }`) is no retry while the reads work: each one takes new work. When the
// read fails, though, the catch only logs and the loop sends the same read again at once, with no wait and nothing
// that stops it: while the broker is down it hammers it as fast as the failures come back. That way round is an
// unbounded retry of the read, without a wait.
import ts from 'typescript';
import { calleeName, contains, isFunctionNode, isExitStatement, unwrap, walkTree, SKIP_CHILDREN } from './ast';
import { LOG_NAME } from './vocabulary';

/** What the loop's scan found that this shape reads. */
export interface ReadLoopParts {
  tries: readonly ts.TryStatement[];
  /** Calls that take a new item of work (`xreadgroup`, `receiveMessage`, `pop`). */
  newInputCalls: readonly ts.CallExpression[];
}

/**
 * The try of a loop that runs until told to stop whose awaited read fails into a catch that only logs, with
 * nothing awaited on the way round outside the try: the read is sent again at once. Undefined for any other loop.
 */
export function tryThatSpinsOnFailedRead(loop: ts.IterationStatement, condition: ts.Expression | undefined, parts: ReadLoopParts): ts.TryStatement | undefined {
  if (!runsUntilToldToStop(loop, condition) || !ts.isBlock(loop.statement)) return undefined;
  const body = loop.statement;
  return parts.tries.find((attempt) => attempt.parent === body
    && parts.newInputCalls.some((read) => contains(attempt.tryBlock, read) && isAwaited(read))
    && attempt.catchClause !== undefined && onlyLogs(attempt.catchClause.block)
    && !body.statements.some((statement) => statement !== attempt && awaitsOutsideFunctions(statement)));
}

/** `while (true)`, `for (;;)`, `while (!stopped)`, `while (this.running)`: a loop that ends only when told to. */
function runsUntilToldToStop(loop: ts.IterationStatement, condition: ts.Expression | undefined): boolean {
  if (!ts.isWhileStatement(loop) && !ts.isForStatement(loop)) return false;
  if (condition === undefined) return ts.isForStatement(loop);
  let node = unwrap(condition);
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) node = unwrap(node.operand);
  return node.kind === ts.SyntaxKind.TrueKeyword || ts.isIdentifier(node) || (ts.isPropertyAccessExpression(node) && node.expression.kind === ts.SyntaxKind.ThisKeyword);
}

function isAwaited(call: ts.CallExpression): boolean {
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isNonNullExpression(node.parent)) node = node.parent;
  return ts.isAwaitExpression(node.parent);
}

/** A catch that logs and does nothing else that could wait, leave or decide: no await, no exit, only log calls. */
function onlyLogs(block: ts.Block): boolean {
  let quiet = true;
  walkTree(block, undefined, (node) => {
    if (!quiet) return SKIP_CHILDREN;
    if (isFunctionNode(node)) return SKIP_CHILDREN;
    // What a log call is given (`String(error?.message || error)`) is only what it says.
    if (ts.isCallExpression(node) && LOG_NAME.test(calleeName(node) ?? '')) return SKIP_CHILDREN;
    if (ts.isAwaitExpression(node) || isExitStatement(node) || ts.isContinueStatement(node) || ts.isIfStatement(node) || ts.isCallExpression(node)) quiet = false;
    return quiet ? undefined : SKIP_CHILDREN;
  });
  return quiet;
}

/** Whether a statement awaits anything (a wait, or a call that may wait out of sight), outside nested functions. */
function awaitsOutsideFunctions(statement: ts.Statement): boolean {
  let found = false;
  walkTree(statement, undefined, (node) => {
    if (found || isFunctionNode(node)) return SKIP_CHILDREN;
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found = true;
    return found ? SKIP_CHILDREN : undefined;
  });
  return found;
}
