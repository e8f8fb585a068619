// missing-idempotency-key: a retried POST or PATCH (or a Stripe create) without an idempotency key.
import ts from 'typescript';
import { chainOperands, COMPARISON_OPERATORS, contains, enclosingFunction, findProperty, functionName, isExitStatement, isFunctionNode, lastStatement, numericValue, SKIP_CHILDREN, statementInList, unwrap, valueOfProperty, walkTree } from '../ast';
import { coverageOf, isRetried } from '../coverage';
import { addProperty, insertLinesBefore, type OffsetEdit, type OffsetFix, setArgument, unusedName } from '../edits';
import { callDisplay, type HttpRequest, isUnsafe } from '../requests';
import { type Rule, type RuleContext, shortCode } from '../rule-kit';
import type { RetryConstruct } from '../retry-model';
import type { RuleMeta } from '../types';
import { ruleMeta } from './catalog';
import { callHeadSpan } from '../spans';

// ---------------------------------------------------------------------------------------------
// Meta

/** Its id, lesson section, severity, description and messages: in the rule catalog. */
export const meta: RuleMeta = ruleMeta('missing-idempotency-key');

// ---------------------------------------------------------------------------------------------
// Defaults

/** Methods that continue a superagent request chain after `.post(url)`. */
const SUPERAGENT_CHAIN = /^(send|set|type|accept|query|field|attach|auth|timeout|retry|ok|redirects|then|end)$/;

/** The header the fix adds; the module's name for it. */
const KEY_HEADER = 'Idempotency-Key';

// ---------------------------------------------------------------------------------------------
// Check

function check(context: RuleContext): void {
  // One finding per place: two requests in one function that a retry calls are reported once, at that call.
  const reported = new Set<ts.Node>();
  for (const request of context.requests()) {
    if (!isUnsafe(request) || request.safeToRepeat || request.key || request.keyMayBeHidden) continue;
    const coverage = coverageOf(request, context.retries, context.index);
    // An SDK send is judged only where a retry repeats it: unretried, the SDK's own handling is out of sight.
    if (!coverage && (!context.options.flagUnretriedRequests || request.library === 'sdk')) continue;
    // A request sending its callers' method, retried around those calls: each call that gives a method is reported instead.
    if (coverage?.throughCaller && request.methodFrom && request.methodFrom !== request.call && isRetried(request.methodFrom, context.retries, context.index)) continue;
    if (coverage?.construct && retriedOnlyWhenRefused(request.call, coverage.construct)) continue;
    // A reconnect runs again what a connection does once it is up (a "bot online" message): the connection is what is retried, not the send.
    if (request.library === 'sdk' && coverage?.construct?.reconnects) continue;
    // Retried through a call of its function, the request is reported at that call, next to the retry that runs it.
    const reportedAt = coverage?.retriedCall ?? request.call;
    if (reported.has(reportedAt)) continue;
    reported.add(reportedAt);
    const display = reportedAt === request.call ? request.display : callDisplay(reportedAt);
    const data: Record<string, string> = { method: request.method!, request: shortCode(display), retry: coverage?.label ?? '' };
    const fromCaller = request.methodFrom !== undefined && request.methodFrom !== request.call;
    if (fromCaller) Object.assign(data, callerData(request.methodFrom!, context));
    if (request.sdk) data.sdk = request.sdk;
    const messageId = !coverage ? 'missingKeyUnretried' : request.library === 'stripe' ? 'missingKeyStripe' : request.library === 'sdk' ? 'missingKeySdk'
      : fromCaller ? 'missingKeyCallerMethod' : 'missingKey';
    const anchor = coverage ? coverage.keyAnchor : anchorInSameFunction(request.call);
    const fix = anchor && contains(anchor, request.call) ? keyFix(request, anchor, context) : undefined;
    context.report({ messageId, data, span: callHeadSpan(reportedAt, context.index.sourceFile), fixes: fix ? [fix] : undefined });
  }
}

export const rule: Rule = { meta, check };

// ---------------------------------------------------------------------------------------------
// Helpers

/** Statuses with which a server says it did not act on the request: not signed in, forbidden, a conflict, too many requests, unavailable. */
const REFUSAL_STATUSES = new Set([401, 403, 409, 429, 503]);
/** Error codes and names that say the same: `rate_limit`, `TooManyRequests`, `resource_already_exists`, `isRateLimitError`. */
const REFUSAL_WORDS = /rate[\s_-]?limit|too[\s_-]?many[\s_-]?requests|already[\s_-]?exists|conflict/i;

/** Whether the retry goes round only after an answer with which the server refused to act: nothing was done twice. */
function retriedOnlyWhenRefused(call: ts.Node, construct: RetryConstruct): boolean {
  if (construct.kind === 'loop') return loopRetriedOnlyWhenRefused(call) || catchGoesRoundOnlyOnRefusal(construct.loop);
  if (construct.kind !== 'recursion') return false;
  return construct.selfCalls.every((selfCall) => {
    const fn = recursingFunction(selfCall);
    return fn !== undefined && guardedByRefusal(selfCall, fn);
  });
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
  return endsInRefusalChain(handler);
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

/** The request's head, through the called name when a chained call spans lines (`ky` then `.post(…)`). */
/** How the message names the call that gives the request its method: `this.makeRequest(…)`, and its line. */
function callerData(caller: ts.CallExpression, context: RuleContext): { caller: string; line: string } {
  const sourceFile = context.index.sourceFile;
  const line = sourceFile.getLineAndCharacterOfPosition(caller.getStart(sourceFile)).line + 1;
  return { caller: shortCode(callDisplay(caller)), line: String(line) };
}


function anchorInSameFunction(node: ts.Node): ts.Statement | undefined {
  const statement = statementInList(node);
  return statement && enclosingFunction(statement) === enclosingFunction(node) ? statement : undefined;
}

/** Creates the key once, before the retry, and sends it with the request. */
function keyFix(request: HttpRequest, anchor: ts.Statement, context: RuleContext): OffsetFix | undefined {
  const sourceFile = context.index.sourceFile;
  const name = unusedName('idempotencyKey', context.index.names);
  const attach = request.library === 'stripe' ? stripeOption(request, name, context) : keyHeader(request, name, context);
  if (!attach) return undefined;
  const create = insertLinesBefore(anchor, [`const ${name} = ${uuidCall(context)};`], sourceFile);
  return { title: `Send an ${KEY_HEADER} made once before the retry`, edits: [create, attach] };
}

/** `randomUUID()` when the file imports it, otherwise the global `crypto.randomUUID()` (Node 19+, browsers). */
function uuidCall(context: RuleContext): string {
  const module = context.index.imports.get('randomUUID');
  return module === 'crypto#randomUUID' || module === 'node:crypto#randomUUID' ? 'randomUUID()' : 'crypto.randomUUID()';
}

function stripeOption(request: HttpRequest, name: string, context: RuleContext): OffsetEdit | undefined {
  const sourceFile = context.index.sourceFile;
  const property = name === 'idempotencyKey' ? 'idempotencyKey' : `idempotencyKey: ${name}`;
  if (request.config) return addProperty(request.config, property, sourceFile);
  if (request.call.arguments[request.configPosition]) return undefined;
  return setArgument(request.call, request.configPosition, `{ ${property} }`, sourceFile);
}

function keyHeader(request: HttpRequest, name: string, context: RuleContext): OffsetEdit | undefined {
  const sourceFile = context.index.sourceFile;
  const header = `'${KEY_HEADER}': ${name}`;
  if (request.config) {
    const headers = findProperty(request.config, 'headers');
    if (!headers) return addProperty(request.config, `headers: { ${header} }`, sourceFile);
    const value = valueOfProperty(headers);
    const inner = value ? unwrap(value) : undefined;
    if (inner && ts.isObjectLiteralExpression(inner)) return addProperty(inner, header, sourceFile);
    if (inner && ts.isNewExpression(inner) && inner.arguments?.[0] && ts.isObjectLiteralExpression(inner.arguments[0])) return addProperty(inner.arguments[0], header, sourceFile);
    return undefined;
  }
  // superagent takes headers on its chain: `request.post(url).set(name, value).send(body)`.
  const chain = request.call.parent;
  if (ts.isPropertyAccessExpression(chain) && chain.expression === request.call && SUPERAGENT_CHAIN.test(chain.name.text)) {
    return { start: request.call.end, end: request.call.end, newText: `.set('${KEY_HEADER}', ${name})` };
  }
  if (request.call.arguments[request.configPosition]) return undefined;
  if (request.library === 'fetch' || request.library === 'retry-helper' || request.library === 'request' || request.library === 'sdk') return undefined;
  return setArgument(request.call, request.configPosition, `{ headers: { ${header} } }`, sourceFile);
}
