// Which retry re-sends a request: the retry whose re-run code holds it (a loop body, a retried
// callback, a recursive function), a retry that calls the local function holding it, or a client
// that retries on its own. Lookups walk up from the request through a map of scope nodes, so the
// cost per request is its depth, not the number of retries in the file.
import ts from 'typescript';
import { calleeName, calleeObject, enclosingFunction, type FunctionNode, functionName, isFunctionNode, SKIP_CHILDREN, statementInList, walkTree } from './ast';
import type { HttpRequest } from './requests';
import type { RetryConstruct, RetryFacts, RetryKind, Span } from './retry-model';
import { firstLineSpan } from './spans';
import { callsNamed, type SourceIndex } from './source-index';

export interface Coverage {
  /** How messages name the retry. */
  label: string;
  construct?: RetryConstruct;
  /** The code that runs again on each attempt and holds the request (a key made here is new each attempt). */
  rerunRegion?: ts.Node;
  /** Where a key made once for all attempts can go, for the fix. */
  keyAnchor?: ts.Statement;
  /** The retry is around a call of the request's function, not around the request (callerCoverage). */
  throughCaller?: boolean;
  /** That call, which the retry runs: where the retried request shows (`await this.doFetch(url, opts)` in the loop). */
  retriedCall?: ts.CallExpression;
  /** Where the retry is in this file, when it is no construct around the request: a client's set-up, a helper's retry. */
  retryAt?: Span;
}

const scopeOwnersCache = new WeakMap<RetryFacts, Map<ts.Node, RetryConstruct>>();

function scopeOwners(facts: RetryFacts): Map<ts.Node, RetryConstruct> {
  let owners = scopeOwnersCache.get(facts);
  if (!owners) {
    owners = new Map();
    for (const construct of facts.constructs) {
      for (const scope of construct.scopes) if (!owners.has(scope)) owners.set(scope, construct);
    }
    scopeOwnersCache.set(facts, owners);
  }
  return owners;
}

export function coverageOf(request: HttpRequest, facts: RetryFacts, index: SourceIndex): Coverage | undefined {
  return directCoverage(request.call, facts)
    ?? callerCoverage(request.call, facts, index)
    ?? clientCoverage(request, facts, index);
}

/** Whether a retry runs the node: a retry scope around it, or around a call of its function. */
export function isRetried(node: ts.Node, facts: RetryFacts, index: SourceIndex): boolean {
  return (directCoverage(node, facts) ?? callerCoverage(node, facts, index)) !== undefined;
}

/** The innermost retry scope around the node, skipping code in a catch (reporting a failure is not the retried operation). */
function directCoverage(node: ts.Node, facts: RetryFacts): Coverage | undefined {
  const owners = scopeOwners(facts);
  let inCatch = false;
  for (let current: ts.Node | undefined = node; current; current = current.parent) {
    const construct = owners.get(current);
    if (construct && !inCatch) {
      return {
        label: construct.kind === 'library' && construct.optionsOfCall ? `retry options of the ${construct.label}` : construct.label,
        construct,
        rerunRegion: construct.rerunsScope ? current : undefined,
        keyAnchor: construct.kind === 'recursion' || construct.kind === 'interceptor' || construct.kind === 'handler' ? undefined : construct.anchor,
      };
    }
    // A catch belongs to the scope it sits in; past that scope, the next one out starts fresh.
    if (construct) inCatch = false;
    if (ts.isCatchClause(current)) inCatch = true;
  }
  return undefined;
}

/** The request sits in a local function (`createOrder`) that a retry calls (`await createOrder(order)` in the loop). */
function callerCoverage(node: ts.Node, facts: RetryFacts, index: SourceIndex): Coverage | undefined {
  const fn = enclosingFunction(node);
  const name = fn ? functionName(fn) : undefined;
  if (!fn || !name) return undefined;
  for (const call of callsNamed(index, name)) {
    const object = calleeObject(call);
    if (object && object.kind !== ts.SyntaxKind.ThisKeyword) continue;
    const coverage = directCoverage(call, facts);
    if (coverage?.construct && RETRIES_WHEN_CALL_FAILS.has(coverage.construct.kind) && turnsFailureIntoValue(fn, node)) continue;
    if (coverage) return { label: coverage.label, construct: coverage.construct, rerunRegion: coverage.construct?.rerunsScope ? fn : undefined, throughCaller: true, retriedCall: call };
  }
  return undefined;
}

/**
 * Retries that go round when the call they run throws or rejects: a helper (`retryWithBackoff(() => update())`),
 * a library (p-retry, async-retry), a catch that calls again. A loop may go round on a value (`if (!r.ok) continue`).
 */
const RETRIES_WHEN_CALL_FAILS: ReadonlySet<RetryKind> = new Set<RetryKind>(['helper-call', 'library', 'catch-retry']);

/**
 * Whether the function turns every failure of the node into a value: the node is awaited in a `try` whose catch
 * neither throws nor rejects (`catch (e) { return { success: false } }`), and nothing after that `try` throws.
 * Such a function never fails, so a retry that goes round on failures never runs the node again.
 */
function turnsFailureIntoValue(fn: FunctionNode, node: ts.Node): boolean {
  let guard: ts.TryStatement | undefined;
  // A request the try does not await (`try { return fetch(…) }`) fails after the try is left, uncaught.
  let awaited = false;
  for (let current = node.parent; current && current !== fn && !guard; current = current.parent) {
    if (isFunctionNode(current)) return false;
    if (ts.isAwaitExpression(current)) awaited = true;
    if (ts.isTryStatement(current) && current.catchClause && node.pos >= current.tryBlock.pos && node.end <= current.tryBlock.end) guard = current;
  }
  if (!guard || !awaited || fails(guard.catchClause!, 0) || (guard.finallyBlock && fails(guard.finallyBlock, 0))) return false;
  return !fails(fn.body ?? fn, guard.end);
}

/** Whether code throws or rejects at or after a position, outside the functions it defines. */
function fails(code: ts.Node, from: number): boolean {
  let found = false;
  walkTree(code, undefined, (inner) => {
    if (found || inner.end <= from || (inner !== code && isFunctionNode(inner))) return SKIP_CHILDREN;
    if (inner.pos >= from && (ts.isThrowStatement(inner) || isRejection(inner))) found = true;
    return undefined;
  });
  return found;
}

/** `reject(err)`, `Promise.reject(err)`. */
function isRejection(node: ts.Node): boolean {
  return ts.isCallExpression(node) && calleeName(node) === 'reject';
}

function clientCoverage(request: HttpRequest, facts: RetryFacts, index: SourceIndex): Coverage | undefined {
  const anchor = anchorInSameFunction(request.call);
  if (request.retriedByHelper) return { label: `${request.retriedByHelper} helper`, keyAnchor: anchor, retryAt: helperRetryAt(request.clientName, facts, index) };
  const client = facts.clients.find((candidate) => candidate.coversPost && candidate.name === request.clientName && !candidate.notRetried?.has(request.call)
    && (!candidate.only || candidate.only.has(request.call)));
  if (!client) return undefined;
  // Reported once, where the client sends them again: a key added to one request there would miss the others.
  return client.reportedAt ? { label: client.label, retriedCall: client.reportedAt } : { label: client.label, keyAnchor: anchor, retryAt: client.at };
}

/** The retry inside the file's one function of the helper's name, or that function's first line when its retry is not read. */
function helperRetryAt(name: string | undefined, facts: RetryFacts, index: SourceIndex): Span | undefined {
  const declared = name === undefined ? undefined : index.functions.get(name);
  if (declared?.length !== 1) return undefined;
  const helper = declared[0]!;
  const inside = facts.constructs.find((construct) => construct.scopes.some((scope) => scope.pos >= helper.pos && scope.end <= helper.end));
  return inside?.report ?? firstLineSpan(helper, index.sourceFile);
}

/** The statement holding a request, if it is in the same function (a key made there is made once per call). */
export function anchorInSameFunction(node: ts.Node): ts.Statement | undefined {
  const statement = statementInList(node);
  if (!statement) return undefined;
  return enclosingFunction(statement) === enclosingFunction(node) ? statement : undefined;
}
