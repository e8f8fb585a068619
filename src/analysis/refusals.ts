// Retries that go round only after the server refused to act (a 409, 429 or 503, a `rate_limit` code): the
// request was not done, so sending it again does nothing twice. Read by missing-idempotency-key, and by the
// summaries of helpers other files import (project/module-summary.ts), whose callers cannot see their catch.
import ts from 'typescript';
import { chainOperands, COMPARISON_OPERATORS, enclosingFunction, functionName, isExitStatement, isFunctionNode, lastStatement, numericValue, SKIP_CHILDREN, unwrap, walkTree } from './ast';
import type { RetryConstruct } from './retry-model';

/** Statuses with which a server says it did not act on the request: not signed in, forbidden, a conflict, too many requests, unavailable. */
const REFUSAL_STATUSES = new Set([401, 403, 409, 429, 503]);
/** Error codes and names that say the same: `rate_limit`, `TooManyRequests`, `resource_already_exists`, `isRateLimitError`. */
const REFUSAL_WORDS = /rate[\s_-]?limit|too[\s_-]?many[\s_-]?requests|already[\s_-]?exists|conflict/i;

/** Whether the retry goes round only after an answer with which the server refused to act: nothing was done twice. */
export function retriedOnlyWhenRefused(call: ts.Node, construct: RetryConstruct): boolean {
  if (construct.kind === 'helper-call' || construct.kind === 'library') return construct.onlyOnRefusal === true;
  if (construct.kind === 'loop') return loopRetriedOnlyWhenRefused(call) || catchGoesRoundOnlyOnRefusal(construct.loop);
  if (construct.kind !== 'recursion') return false;
  return construct.selfCalls.every((selfCall) => {
    const fn = recursingFunction(selfCall);
    return fn !== undefined && guardedByRefusal(selfCall, fn);
  });
}

/**
 * `promiseRetry((retry) => send().catch((e) => { if (e.statusCode === 429) return retry(e); throw e; }))`: the retry
 * function a library hands the callback (its parameter at `position`) is called, and only under a test for a refusal.
 */
export function callsHandedRetryOnlyOnRefusal(fn: ts.Node, position: number): boolean {
  if (!isFunctionNode(fn)) return false;
  const parameter = fn.parameters[position];
  if (!parameter || !ts.isIdentifier(parameter.name)) return false;
  const name = parameter.name.text;
  const calls: ts.CallExpression[] = [];
  let handedOn = false;
  walkTree(fn.body ?? fn, undefined, (node) => {
    if (!ts.isIdentifier(node) || node.text !== name) return undefined;
    // `.catch(retry)`: handed on, it goes round on whatever failure reaches it.
    if (ts.isCallExpression(node.parent) && node.parent.expression === node) calls.push(node.parent);
    else if (!(ts.isPropertyAccessExpression(node.parent) && node.parent.name === node)) handedOn = true;
    return undefined;
  });
  return !handedOn && calls.length > 0 && calls.every((call) => guardedByRefusal(call, fn));
}

/** The function a self-call enters again: the nearest one around it of the name it calls (past callbacks: `.then(() => this.send())`). */
function recursingFunction(selfCall: ts.Node): ts.Node | undefined {
  const name = ts.isPropertyAccessExpression(selfCall) ? selfCall.name.text : ts.isIdentifier(selfCall) ? selfCall.text : undefined;
  let fn = enclosingFunction(selfCall);
  while (fn && functionName(fn) !== name) fn = enclosingFunction(fn);
  return fn;
}

/**
 * `for (…) { const r = await fetch(url, { method: 'POST', … }); if (r.ok) return r; if (r.status === 429)
 * { await sleep(wait); continue; } throw … }`: outside any try (a lost response throws out of the loop),
 * the loop goes round only on a status with which the server refused to act, so nothing was done twice.
 */
function loopRetriedOnlyWhenRefused(call: ts.Node): boolean {
  let loop: ts.Node | undefined = call.parent;
  for (; loop && !ts.isIterationStatement(loop, false); loop = loop.parent) {
    if (ts.isTryStatement(loop) || isFunctionNode(loop)) return false;
  }
  if (!loop || !ts.isBlock(loop.statement)) return false;
  const last = loop.statement.statements[loop.statement.statements.length - 1];
  if (!last || !(ts.isThrowStatement(last) || ts.isReturnStatement(last))) return false;
  const continues: ts.ContinueStatement[] = [];
  walkTree(loop.statement, undefined, (node) => {
    if (isFunctionNode(node) || ts.isIterationStatement(node, false)) return SKIP_CHILDREN;
    if (ts.isContinueStatement(node)) continues.push(node);
    return undefined;
  });
  return continues.length > 0 && continues.every((next) => guardedByRefusal(next, loop!));
}

/**
 * `for (;;) { try { return await this.submit(); } catch (err) { if (!(err instanceof ConflictError) || …)
 * throw err; await this.waitForOther(); } }`: the attempt leaves on success, and its catch rethrows every
 * error but a refusal, so only a refused request goes round.
 */
function catchGoesRoundOnlyOnRefusal(loop: ts.IterationStatement): boolean {
  const body = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
  const attempt = body.length === 1 ? body[0] : undefined;
  if (!attempt || !ts.isTryStatement(attempt) || !attempt.catchClause) return false;
  const leavesOnSuccess = lastStatement(attempt.tryBlock);
  if (leavesOnSuccess === undefined || !ts.isReturnStatement(leavesOnSuccess)) return false;
  const handler = attempt.catchClause.block;
  const first = handler.statements[0];
  const rethrows = first !== undefined && ts.isIfStatement(first) && !first.elseStatement ? lastStatement(first.thenStatement) : undefined;
  if (rethrows !== undefined && ts.isThrowStatement(rethrows) && rethrowsAllButRefusals((first as ts.IfStatement).expression)) return true;
  return endsInRefusalChain(handler) || continuesOnlyOnRefusal(handler);
}

/**
 * `catch (e) { attempt++; if (e.code === 429) { await sleep(wait); if (attempt < max) continue; } throw e; }`: the
 * catch ends by leaving, and each way round it takes sits under a test for a refusal.
 */
function continuesOnlyOnRefusal(handler: ts.Block): boolean {
  const last = lastStatement(handler);
  if (!last || !isExitStatement(last)) return false;
  const continues: ts.ContinueStatement[] = [];
  walkTree(handler, undefined, (node) => {
    if (isFunctionNode(node) || ts.isIterationStatement(node, false)) return SKIP_CHILDREN;
    if (ts.isContinueStatement(node)) continues.push(node);
    return undefined;
  });
  return continues.length > 0 && continues.every((next) => guardedByRefusal(next, handler));
}

/** How many branches of an `if … else if …` chain are read; longer chains count as going round on other errors too. */
const MAX_CHAIN_BRANCHES = 16;

/**
 * `catch (error) { if (retry < max && error instanceof RateLimitExceededError) { await wait(error.retryAfter); }
 * else if (error.name === 'AbortError') { throw … } else { throw error; } }`: the catch ends in a chain
 * whose branches either test for a refusal alone or leave, so only a refused request goes round. No other
 * statement of the catch may go round (`continue`) on its own.
 */
function endsInRefusalChain(handler: ts.Block): boolean {
  const chain = lastStatement(handler);
  if (!chain || !ts.isIfStatement(chain) || handler.statements.slice(0, -1).some(goesRound)) return false;
  let branch: ts.Statement | undefined = chain;
  for (let read = 0; read < MAX_CHAIN_BRANCHES && branch; read++) {
    if (!ts.isIfStatement(branch)) return leavesWithoutGoingRound(branch);
    if (!testsOnlyRefusals(branch.expression) && !leavesWithoutGoingRound(branch.thenStatement)) return false;
    if (!branch.elseStatement) return false;
    branch = branch.elseStatement;
  }
  return false;
}

/** A statement that ends by leaving the attempt (`throw`, `return`, `break`) on its last line, with no `continue` on the way. */
function leavesWithoutGoingRound(statement: ts.Statement): boolean {
  const last = ts.isBlock(statement) ? lastStatement(statement) : statement;
  return last !== undefined && isExitStatement(last) && !goesRound(statement);
}

/** A `continue` of the loop around (not of a loop or function inside the statement). */
function goesRound(statement: ts.Statement): boolean {
  let found = false;
  walkTree(statement, undefined, (node) => {
    if (isFunctionNode(node) || ts.isIterationStatement(node, false)) return SKIP_CHILDREN;
    if (ts.isContinueStatement(node)) found = true;
    return undefined;
  });
  return found;
}

/** How many `||` deep a rethrow test is read: a few tests are joined in real code, generated ones may join thousands. */
const MAX_REFUSAL_TEST_DEPTH = 32;

/** `!(err instanceof ConflictError) || …`, `err.status !== 429 || …`: one side that holds for every error but a refusal. */
function rethrowsAllButRefusals(condition: ts.Expression, depth = 0): boolean {
  const node = unwrap(condition);
  if (depth > MAX_REFUSAL_TEST_DEPTH) return false;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.BarBarToken) {
    return rethrowsAllButRefusals(node.left, depth + 1) || rethrowsAllButRefusals(node.right, depth + 1);
  }
  if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) return testsOnlyRefusals(node.operand);
  return ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsEqualsToken || node.operatorToken.kind === ts.SyntaxKind.ExclamationEqualsToken)
    && testsOnlyRefusals(node);
}

function guardedByRefusal(next: ts.Node, loop: ts.Node): boolean {
  let child: ts.Node = next;
  for (let node = next.parent; node && node !== loop; child = node, node = node.parent) {
    if (ts.isIfStatement(node) && child === node.thenStatement && testsOnlyRefusals(node.expression)) return true;
  }
  return false;
}

/**
 * A condition that tests for refusals alone: its numbers are refusal statuses and its strings refusal
 * codes (`r.status === 429 || r.status === 503`, `err.type === 'rate_limit' || err.code === 'resource_already_exists'`).
 */
function testsOnlyRefusals(condition: ts.Expression): boolean {
  let refusals = 0;
  let others = false;
  // `retries > 0 && err.message.includes('rate limit')`: a budget test beside the refusal test limits it, and says nothing of what failed.
  const tested = chainOperands(condition, ts.SyntaxKind.AmpersandAmpersandToken).filter((conjunct) => !isBudgetTest(conjunct));
  for (const part of tested) walkTree(part, undefined, (node) => {
    if (ts.isNumericLiteral(node)) {
      if (REFUSAL_STATUSES.has(Number(node.text))) refusals++;
      else others = true;
    } else if (ts.isStringLiteralLike(node)) {
      if (REFUSAL_WORDS.test(node.text)) refusals++;
      else others = true;
    } else if (ts.isIdentifier(node) && REFUSAL_WORDS.test(node.text)) refusals++;
    return undefined;
  });
  return refusals > 0 && !others;
}

/** `retries > 0`, `attempt < 3`: a count compared with a small number (not a status). */
function isBudgetTest(node: ts.Expression): boolean {
  if (!ts.isBinaryExpression(node) || !COMPARISON_OPERATORS.has(node.operatorToken.kind)) return false;
  const value = numericValue(node.right) ?? numericValue(node.left);
  return value !== undefined && value < 100;
}
