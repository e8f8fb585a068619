// missing-idempotency-key: a retried POST or PATCH (or a Stripe create) without an idempotency key.
import ts from 'typescript';
import { contains, enclosingFunction, findProperty, functionName, statementInList, unwrap, valueOfProperty } from '../ast';
import { type Coverage, coverageOf, isRetried } from '../coverage';
import { addProperty, insertLinesBefore, type OffsetEdit, type OffsetFix, setArgument, unusedName } from '../edits';
import { callDisplay, type HttpRequest, isUnsafe, speaksOfKeys, toldNoRetries } from '../requests';
import type { RetryConstruct, Span } from '../retry-model';
import { retriedOnlyWhenRefused } from '../refusals';
import { type RelatedPlace, type Rule, type RuleContext, shortCode, shortLabel } from '../rule-kit';
import type { RuleMeta } from '../types';
import { ruleMeta } from './catalog';
import { callHeadSpan, firstLineSpan } from '../spans';

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
  // One finding per place: two requests in one function that a retry calls are reported once, at that call. (Also the
  // lists of callers reported at: the requests of one function share theirs.)
  const reported = new Set<ts.Node | readonly ts.CallExpression[]>();
  // Retries that a reported request names: an option of theirs that lets POST be retried is said there.
  const judged = new Set<RetryConstruct>();
  // The requests by their call, made once where callers are reported.
  let byCall: ReadonlyMap<ts.Node, HttpRequest> | undefined;
  const requestAt = (call: ts.Node): HttpRequest | undefined => (byCall ??= new Map(context.requests().map((candidate) => [candidate.call, candidate]))).get(call);
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
    // A poll sends its request again after each answer that is not final yet: by its own design, safe to repeat.
    if (coverage?.construct?.pollsUntilDone) continue;
    // A client's one request function, retried inside, that the file's methods call each with its own address and POST
    // (`verify(email) { return this.request('POST', '/verify', …) }`): each of those calls is a request of its own.
    if (coverage && !coverage.throughCaller && request.addressedCallers) {
      if (!reported.has(request.addressedCallers)) reportAtCallers(request, { coverage, requestAt, reported }, context);
      if (coverage.construct) judged.add(coverage.construct);
      continue;
    }
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
    const span = callHeadSpan(reportedAt, context.index.sourceFile);
    const related = [...retryPlace(coverage, span), ...(fromCaller ? [callerPlace(request.methodFrom!, request.method!, context)] : [])];
    context.report({ messageId, data, span, fixes: fix ? [fix] : undefined, related });
    if (coverage?.construct) judged.add(coverage.construct);
  }
  reportPostRetriedByOption(context, judged);
}

/**
 * Reports each call that gives the request POST or PATCH and names its address, where that call carries no key and is
 * not safe to repeat as a request of its own (a search sent as POST, a key among its options).
 */
function reportAtCallers(request: HttpRequest, reading: CallerReading, context: RuleContext): void {
  const { coverage, requestAt, reported } = reading;
  const callers = request.addressedCallers!;
  reported.add(callers);
  const fn = enclosingFunction(request.call);
  const sender = `${(fn && functionName(fn)) ?? 'request'}()`;
  const sent: RelatedPlace = { span: callHeadSpan(request.call, context.index.sourceFile), message: 'The request it sends, retried' };
  // The key belongs where the request is sent, made before the retry: one fix serves every caller.
  const anchor = coverage.keyAnchor;
  const fix = anchor && contains(anchor, request.call) ? keyFix(request, anchor, context) : undefined;
  for (const caller of callers) {
    const own = requestAt(caller);
    // A caller that turns the retries off for itself (`noRetry: true`) sends once.
    if (reported.has(caller) || toldNoRetries(caller, context.index) || (own && (own.safeToRepeat || own.key || own.keyMayBeHidden))) continue;
    reported.add(caller);
    const span = callHeadSpan(caller, context.index.sourceFile);
    const data = { method: own?.method ?? request.method!, request: shortCode(callDisplay(caller)), retry: coverage.label, sender };
    context.report({ messageId: 'missingKeyRetriedInside', data, span, fixes: fix ? [fix] : undefined, related: [...retryPlace(coverage, span), sent] });
  }
}

/** What reporting at a request's callers reads: the retry that repeats it, the requests by their call, what was reported. */
interface CallerReading {
  coverage: Coverage;
  requestAt: (call: ts.Node) => HttpRequest | undefined;
  reported: Set<ts.Node | readonly ts.CallExpression[]>;
}

/**
 * A library told to retry POST (`httpMethodsToRetry: [..., 'POST']`) in a file that speaks of no key: reported at that
 * option, unless a request it retries was reported above (the finding is there, next to the request), or the option
 * is given to one request of the file, which is judged as a request (a read sent as POST needs no key).
 */
function reportPostRetriedByOption(context: RuleContext, judged: ReadonlySet<RetryConstruct>): void {
  for (const construct of context.retries.constructs) {
    const retriesPost = construct.kind === 'library' ? construct.retriesPost : undefined;
    if (!retriesPost || judged.has(construct) || speaksOfKeys(context.index.text, context.options.idempotencyHeaders ?? [])) continue;
    if (context.requests().some((request) => contains(request.call, retriesPost.option))) continue;
    const data = { construct: shortLabel(construct.label), option: retriesPost.name };
    context.report({ messageId: 'retriesPostOption', data, span: firstLineSpan(retriesPost.option, context.index.sourceFile) });
  }
}

export const rule: Rule = { meta, check };

// ---------------------------------------------------------------------------------------------
// Helpers

/** Where the retry that repeats the request is, when it is in this file but not where the request is reported. */
function retryPlace(coverage: Coverage | undefined, reported: Span): RelatedPlace[] {
  const at = coverage?.construct?.report ?? coverage?.retryAt;
  if (!at || (at.start < reported.end && reported.start < at.end)) return [];
  return [{ span: at, message: `The ${coverage!.label} that repeats the request` }];
}

/** The call that gives the request its method (`this.handler(this.options(uri, 'POST', data))` in `post()`). */
function callerPlace(caller: ts.CallExpression, method: string, context: RuleContext): RelatedPlace {
  return { span: callHeadSpan(caller, context.index.sourceFile), message: `The call that makes it a ${method}` };
}

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
