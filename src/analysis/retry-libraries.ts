// Retry libraries and operators, and local helpers named for retrying. Their defaults matter:
// p-retry and node-retry do not randomize unless asked, async-retry does; exponential-backoff has
// no jitter unless `jitter: 'full'`; ky has none unless `jitter` is set, got adds noise; axios-retry
// waits nothing by default and its `exponentialDelay` is jittered; fetch-retry waits a fixed
// second and retries every method; rxjs `retry()` without a count never stops; cockatiel retries
// without limit unless `maxAttempts` is set, and its ExponentialBackoff is jittered by default.
import ts from 'typescript';
import {
  calleeName, calleeObject, expressionName, findProperty, isFunctionNode, namePath, numericValue,
  rootName, SKIP_CHILDREN, statementInList, stringValue, unwrap, walkTree,
} from './ast';
import { classifyDelay, type DelayClass } from './delays';
import type { Backoff, Bound, RetriedClient, RetryConstruct, RetryKind } from './retry-model';
import { callsNamed, type SourceIndex } from './source-index';
import { callHeadSpan, firstLineSpan } from './spans';
import { NOT_RETRY_HELPER_NAME, RETRY_HELPER_NAME } from './vocabulary';
import { nodeText, textOr } from './run-context';

export interface LibraryFacts {
  constructs: RetryConstruct[];
  clients: RetriedClient[];
}

type Options = ts.ObjectLiteralExpression | 'absent' | 'opaque';

/** Recognises library retries among the file's calls, in one pass over the call list. */
export function findLibraryRetries(index: SourceIndex, extraHelpers: readonly string[]): LibraryFacts {
  const facts: LibraryFacts = { constructs: [], clients: [] };
  const helpers = new Set(extraHelpers);
  for (const call of index.calls) recogniseCall(call, index, helpers, facts);
  for (const creation of [...index.calls, ...index.newExpressions]) push(facts, tanstackQuery(creation, index));
  return facts;
}

// ---------------------------------------------------------------------------------------------
// TanStack Query (react-query, vue-query, …)

/**
 * TanStack Query's documented retry behaviour (tanstack.com/query, "Query Retries"): `retry` is a number,
 * `true` (retry forever) or a function; its default is 3 for queries and 0 for mutations, and the default
 * `retryDelay` is `Math.min(1000 * 2 ** failureIndex, 30000)`: exponential, capped, without jitter.
 * Only options written in the file are read: a query that relies on the defaults is not reported.
 */
const TANSTACK_QUERY = {
  calls: /^(useQuery|useSuspenseQuery|useInfiniteQuery|useSuspenseInfiniteQuery|useMutation|useQueries|queryOptions|infiniteQueryOptions|createQuery|createMutation|createInfiniteQuery)$/,
  client: 'QueryClient',
  defaultDelay: 'TanStack Query\'s default `retryDelay` doubles from 1 s to 30 s without jitter',
  jitteredDelay: '(attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30_000)',
} as const;

/** `useQuery({ retry: true })`, `useMutation({ mutationFn, retry: 2 })`, `new QueryClient({ defaultOptions: { queries: { retry: 5 } } })`. */
function tanstackQuery(creation: ts.CallExpression | ts.NewExpression, index: SourceIndex): RetryConstruct | undefined {
  const name = calleeName(creation) ?? '';
  const isClient = ts.isNewExpression(creation) && name === TANSTACK_QUERY.client;
  if (!isClient && !(ts.isCallExpression(creation) && TANSTACK_QUERY.calls.test(name))) return undefined;
  const first = creation.arguments?.[0];
  const options = first ? resolveObject(first, index) : undefined;
  if (!options) return undefined;
  const defaults = isClient ? resolveObject(option(options, 'defaultOptions') ?? options, index) : undefined;
  const scopes = isClient ? ['queries', 'mutations'].map((kind) => (defaults ? resolveObject(option(defaults, kind) ?? defaults, index) : undefined)) : [options];
  const retried = scopes.find((scope) => scope && option(scope, 'retry') !== undefined);
  if (!retried) return undefined;
  const retry = option(retried, 'retry')!;
  const count = numericValue(retry);
  if (count === 0 || isFalse(retry)) return undefined;
  const bound: Bound = isTrue(retry) || count === Infinity
    ? { capped: false, reason: 'infinite-option', detail: `\`retry: ${nodeText(retry)}\` retries a failing ${isClient ? 'query' : name.includes('Mutation') ? 'mutation' : 'query'} forever` }
    : { capped: true, by: 'library' };
  const delay = option(retried, 'retryDelay');
  const backoff: Backoff = delay === undefined
    ? { kind: 'library-default', detail: TANSTACK_QUERY.defaultDelay, fix: { title: 'Add jitter to `retryDelay`', target: retried, property: `retryDelay: ${TANSTACK_QUERY.jitteredDelay}` } }
    : tanstackDelay(delay, index);
  const retriedCode = isClient ? [] : ['mutationFn', 'queryFn'].map((key) => option(retried, key)).filter((value): value is ts.Expression => value !== undefined);
  const label = isClient ? '`new QueryClient(…)` default retry' : `\`${name}\` retry`;
  return {
    // Reported at the option that turns the retry on: that is the line to change.
    kind: 'library', label, report: firstLineSpan(findProperty(retried, 'retry')!, index.sourceFile), scopes: retriedCode.flatMap((value) => retriedFunction(value, index)),
    rerunsScope: true, anchor: statementInList(creation), bound, backoff,
  };
}

/** A `retryDelay` written out: a number (fixed), or a function whose body says whether it randomises. */
function tanstackDelay(delay: ts.Expression, index: SourceIndex): Backoff {
  const inner = unwrap(delay);
  if (numericValue(inner) !== undefined) return { kind: 'fixed', waits: [] };
  if (!isFunctionNode(inner)) return { kind: 'unknown' };
  const body = (inner as ts.ArrowFunction).body;
  const counters = new Set(inner.parameters.slice(0, 1).map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : '')).filter(Boolean));
  const delayClass = ts.isBlock(body) ? 'unknown' : classifyDelay(body, index, counters);
  if (delayClass === 'growing') return { kind: 'growing', waits: [] };
  if (delayClass === 'fixed') return { kind: 'fixed', waits: [] };
  return { kind: delayClass === 'jittered' ? 'jittered' : 'unknown' };
}

function recogniseCall(call: ts.CallExpression, index: SourceIndex, helpers: Set<string>, facts: LibraryFacts): void {
  const name = calleeName(call);
  if (!name) return;
  const callee = unwrap(call.expression);
  const plain = ts.isIdentifier(callee);
  const module = plain ? moduleOf(index, callee.text) : undefined;
  if (plain && (module === 'p-retry' || name === 'pRetry')) return push(facts, pRetry(call, index));
  if (plain && (module === 'exponential-backoff' || (name === 'backOff' && !index.functions.has(name)))) return push(facts, exponentialBackoff(call, index));
  if (plain && (module === 'axios-retry' || name === 'axiosRetry')) return axiosRetry(call, index, facts);
  if ((plain && (module === 'fetch-retry' || name === 'fetchRetry')) || isRequireCall(callee, 'fetch-retry')) return fetchRetry(call, index, facts);
  if (name === 'operation' && isNodeRetry(call, index)) return push(facts, nodeRetry(call, index));
  if ((name === 'retry' || name === 'retryWhen') && isInsidePipe(call)) return push(facts, rxjsRetry(call, index));
  if (plain && name === 'retry' && isCockatiel(call, index, module)) return push(facts, cockatiel(call, index));
  if (plain && (module === 'async-retry' || name === 'asyncRetry' || (name === 'retry' && !index.functions.has(name) && firstParameterIs(call, 'bail')))) {
    return push(facts, asyncRetry(call, index));
  }
  if (httpClientRetry(call, index, facts)) return;
  if (isRetryHelperName(name, helpers) && !module?.startsWith('rxjs')) push(facts, helperCall(call, name, index));
}

function push(facts: LibraryFacts, construct: RetryConstruct | undefined): void {
  if (construct) facts.constructs.push(construct);
}

function moduleOf(index: SourceIndex, localName: string): string | undefined {
  const module = index.imports.get(localName);
  return module?.split('#')[0];
}

function isRequireCall(node: ts.Expression, module: string): boolean {
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'require' && stringValue(node.arguments[0]) === module;
}

/** The options object passed at a position: the literal, a const it names, or opaque. */
function optionsAt(call: ts.CallExpression, position: number, index: SourceIndex): Options {
  const argument = call.arguments[position];
  if (!argument) return 'absent';
  return resolveObject(argument, index) ?? 'opaque';
}

export function resolveObject(expression: ts.Expression, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const inner = unwrap(expression);
  if (ts.isObjectLiteralExpression(inner)) return inner;
  if (ts.isIdentifier(inner)) {
    const declarations = index.declarations.get(inner.text) ?? [];
    const initializer = declarations.length === 1 ? declarations[0]!.initializer : undefined;
    if (initializer && ts.isObjectLiteralExpression(unwrap(initializer))) return unwrap(initializer) as ts.ObjectLiteralExpression;
  }
  return undefined;
}

function option(options: Options, name: string): ts.Expression | undefined {
  if (typeof options === 'string') return undefined;
  const property = findProperty(options, name);
  if (!property) return undefined;
  if (ts.isPropertyAssignment(property)) return property.initializer;
  if (ts.isShorthandPropertyAssignment(property)) return property.name;
  return undefined;
}

function isTrue(expression: ts.Expression | undefined): boolean {
  return expression !== undefined && unwrap(expression).kind === ts.SyntaxKind.TrueKeyword;
}

function isFalse(expression: ts.Expression | undefined): boolean {
  return expression !== undefined && unwrap(expression).kind === ts.SyntaxKind.FalseKeyword;
}

/** Bound from a count option (`retries`, `limit`, …): Infinity or `forever: true` never stops. */
function countBound(options: Options, countName: string, defaultCount: number | undefined): Bound {
  if (options === 'opaque') return { capped: 'unknown' };
  if (isTrue(option(options, 'forever'))) return { capped: false, reason: 'infinite-option', detail: '`forever: true`' };
  const countExpression = option(options, countName);
  const count = countExpression ? numericValue(countExpression) : defaultCount;
  if (countExpression && count === undefined) return { capped: 'unknown' };
  if (count === undefined) return { capped: false, reason: 'infinite-option', detail: `no \`${countName}\`` };
  if (count === Infinity) return { capped: false, reason: 'infinite-option', detail: `\`${countName}: ${nodeText(countExpression!)}\`` };
  return { capped: true, by: 'library' };
}

function retriesZero(options: Options, countName: string): boolean {
  const value = option(options, countName);
  return value !== undefined && numericValue(value) === 0;
}

function libraryConstruct(call: ts.CallExpression, kind: RetryKind, label: string, index: SourceIndex, bound: Bound, backoff: Backoff, scopes: ts.Node[]): RetryConstruct {
  return {
    kind, label, report: callHeadSpan(call, index.sourceFile), scopes, rerunsScope: kind !== 'rxjs', anchor: statementInList(call), bound, backoff,
  };
}

/** The body of the function a retry library runs: an inline function, or a local function named there. */
function retriedFunction(argument: ts.Expression | undefined, index: SourceIndex): ts.Node[] {
  if (!argument) return [];
  const inner = unwrap(argument);
  if (isFunctionNode(inner)) return [inner];
  const name = namePath(inner)?.replace(/^this\./, '');
  const local = name ? index.functions.get(name) : undefined;
  return local ? [...local] : [];
}

/** "randomize: true" style options: jittered when set, otherwise a fix that sets it. */
function randomizeOption(call: ts.CallExpression, options: Options, library: string): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  if (isTrue(option(options, 'randomize'))) return { kind: 'jittered' };
  const existing = typeof options === 'string' ? undefined : findProperty(options, 'randomize');
  const target = typeof options === 'string' ? call : options;
  return {
    kind: 'library-default',
    detail: `${library} does not randomize its delays unless \`randomize: true\` is set`,
    fix: { title: 'Set `randomize: true`', target, property: 'randomize: true', replace: existing },
  };
}

// ---------------------------------------------------------------------------------------------
// The libraries

function pRetry(call: ts.CallExpression, index: SourceIndex): RetryConstruct | undefined {
  const options = optionsAt(call, 1, index);
  if (retriesZero(options, 'retries')) return undefined;
  let bound = countBound(options, 'retries', 10);
  if (bound.capped === false && numericValue(option(options, 'maxRetryTime')) !== undefined && numericValue(option(options, 'maxRetryTime')) !== Infinity) {
    bound = { capped: true, by: 'deadline' };
  }
  const label = `\`${calleeName(call)}\` call`;
  return libraryConstruct(call, 'library', label, index, bound, randomizeOption(call, options, 'p-retry'), retriedFunction(call.arguments[0], index));
}

function asyncRetry(call: ts.CallExpression, index: SourceIndex): RetryConstruct | undefined {
  const options = optionsAt(call, 1, index);
  if (retriesZero(options, 'retries')) return undefined;
  const randomize = typeof options === 'string' ? undefined : findProperty(options, 'randomize');
  const backoff: Backoff = options !== 'opaque' && isFalse(option(options, 'randomize'))
    ? { kind: 'library-default', detail: 'async-retry has `randomize: false`, which turns its jitter off', fix: { title: 'Set `randomize: true`', target: options as ts.ObjectLiteralExpression, property: 'randomize: true', replace: randomize } }
    : { kind: 'jittered' };
  return libraryConstruct(call, 'library', `async-retry \`${calleeName(call)}\` call`, index, countBound(options, 'retries', 10), backoff, retriedFunction(call.arguments[0], index));
}

function exponentialBackoff(call: ts.CallExpression, index: SourceIndex): RetryConstruct | undefined {
  const options = optionsAt(call, 1, index);
  const jitter = option(options, 'jitter');
  const existing = typeof options === 'string' ? undefined : findProperty(options, 'jitter');
  const backoff: Backoff = options === 'opaque' ? { kind: 'unknown' }
    : stringValue(jitter) === 'full' ? { kind: 'jittered' }
    : jitter !== undefined && stringValue(jitter) === undefined ? { kind: 'unknown' }
    : { kind: 'library-default', detail: "exponential-backoff adds no jitter unless `jitter: 'full'` is set", fix: { title: "Set `jitter: 'full'`", target: typeof options === 'string' ? call : options, property: "jitter: 'full'", replace: existing } };
  return libraryConstruct(call, 'library', '`backOff` call', index, countBound(options, 'numOfAttempts', 10), backoff, retriedFunction(call.arguments[0], index));
}

function isNodeRetry(call: ts.CallExpression, index: SourceIndex): boolean {
  const object = calleeObject(call);
  const name = object ? namePath(object) : undefined;
  return name !== undefined && (moduleOf(index, name) === 'retry' || name === 'retry');
}

function nodeRetry(call: ts.CallExpression, index: SourceIndex): RetryConstruct {
  const options = optionsAt(call, 0, index);
  const scopes: ts.Node[] = [];
  const holder = call.parent && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) ? call.parent.name.text : undefined;
  if (holder) {
    for (const other of callsNamed(index, 'attempt')) {
      const object = calleeObject(other);
      if (object && namePath(object) === holder) scopes.push(...retriedFunction(other.arguments[0], index));
    }
  }
  return libraryConstruct(call, 'library', '`retry.operation()`', index, countBound(options, 'retries', 10), randomizeOption(call, options, 'retry'), scopes);
}

function isCockatiel(call: ts.CallExpression, index: SourceIndex, module: string | undefined): boolean {
  if (module === 'cockatiel') return true;
  if (index.functions.has('retry')) return false;
  const policy = call.arguments[0];
  return policy !== undefined && /^(handleAll|handleType|handleWhen|handleResultType|handleWhenResult)\b/.test(nodeText(policy));
}

function cockatiel(call: ts.CallExpression, index: SourceIndex): RetryConstruct {
  const options = optionsAt(call, 1, index);
  const bound = countBound(options, 'maxAttempts', undefined);
  const backoffOption = option(options, 'backoff');
  let backoff: Backoff;
  if (options === 'opaque') backoff = { kind: 'unknown' };
  else if (!backoffOption) backoff = { kind: 'none' };
  else {
    const text = nodeText(backoffOption);
    if (/ExponentialBackoff/.test(text)) backoff = /noJitterGenerator/.test(text) ? { kind: 'library-default', detail: 'cockatiel `ExponentialBackoff` with `noJitterGenerator` has no jitter' } : { kind: 'jittered' };
    else if (/ConstantBackoff|IterableBackoff/.test(text)) backoff = { kind: 'library-default', detail: 'cockatiel `ConstantBackoff` waits the same time for every client' };
    else backoff = { kind: 'unknown' };
  }
  const holder = call.parent && ts.isVariableDeclaration(call.parent) && ts.isIdentifier(call.parent.name) ? call.parent.name.text : undefined;
  const scopes: ts.Node[] = [];
  if (holder) {
    for (const other of callsNamed(index, 'execute')) {
      const object = calleeObject(other);
      if (object && namePath(object)?.replace(/^this\./, '') === holder) scopes.push(...retriedFunction(other.arguments[0], index));
    }
  }
  return libraryConstruct(call, 'library', 'cockatiel `retry` policy', index, bound, backoff, scopes);
}

function firstParameterIs(call: ts.CallExpression, parameterName: string): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const inner = unwrap(first);
  if (!isFunctionNode(inner)) return false;
  const parameter = inner.parameters[0];
  return parameter !== undefined && ts.isIdentifier(parameter.name) && parameter.name.text === parameterName;
}

function isInsidePipe(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return parent !== undefined && ts.isCallExpression(parent) && parent.arguments.includes(call) && calleeName(parent) === 'pipe';
}

/** rxjs `retry()`, `retry(n)`, `retry({ count, delay })`, `retryWhen(notifier)` inside a `.pipe(…)`. */
function rxjsRetry(call: ts.CallExpression, index: SourceIndex): RetryConstruct {
  const pipe = call.parent as ts.CallExpression;
  const source = calleeObject(pipe);
  const name = calleeName(call)!;
  const { bound, backoff } = name === 'retryWhen' ? rxjsRetryWhen(call, index) : rxjsRetryConfig(call, index);
  const later = pipe.arguments.slice(pipe.arguments.indexOf(call) + 1);
  const delayAfter = later.some((argument) => ts.isCallExpression(argument) && /^(delay|delayWhen)$/.test(calleeName(argument) ?? ''));
  const finalBackoff: Backoff = delayAfter && (backoff.kind === 'none') ? { kind: 'delay-after-retry' } : backoff;
  const label = `rxjs \`${shortCall(call)}\``;
  return libraryConstruct(call, 'rxjs', label, index, bound, finalBackoff, source ? [source] : []);
}

function shortCall(call: ts.CallExpression): string {
  const text = nodeText(call).replace(/\s+/g, ' ');
  return text.length <= 24 ? text : `${calleeName(call)}(…)`;
}

function rxjsRetryConfig(call: ts.CallExpression, index: SourceIndex): { bound: Bound; backoff: Backoff } {
  const argument = call.arguments[0];
  if (!argument) return { bound: { capped: false, reason: 'infinite-option', detail: 'no count' }, backoff: { kind: 'none' } };
  const count = numericValue(argument);
  if (count !== undefined) {
    return { bound: count === Infinity ? { capped: false, reason: 'infinite-option', detail: 'an infinite count' } : { capped: true, by: 'library' }, backoff: { kind: 'none' } };
  }
  const config = resolveObject(argument, index);
  if (!config) return { bound: { capped: 'unknown' }, backoff: { kind: 'unknown' } };
  const bound = countBound(config, 'count', undefined);
  const delay = option(config, 'delay');
  return { bound: bound.capped === false ? { ...bound, detail: 'no `count`' } : bound, backoff: delayBackoff(delay, index) };
}

function rxjsRetryWhen(call: ts.CallExpression, index: SourceIndex): { bound: Bound; backoff: Backoff } {
  const notifier = call.arguments[0];
  if (!notifier) return { bound: { capped: 'unknown' }, backoff: { kind: 'unknown' } };
  const text = nodeText(notifier);
  const capped = /\b(take|takeWhile|first)\(|throwError|\bthrow\b/.test(text);
  return {
    bound: capped ? { capped: true, by: 'library' } : { capped: false, reason: 'infinite-option', detail: 'a notifier that never gives up' },
    backoff: /Math\.random|jitter|random/i.test(text) ? { kind: 'jittered' } : delayBackoff(findTimerArgument(notifier), index),
  };
}

/** The argument of the first `delay(…)` or `timer(…)` inside an rxjs notifier. */
function findTimerArgument(node: ts.Node): ts.Expression | undefined {
  let found: ts.Expression | undefined;
  walkTree(node, undefined, (child) => {
    if (found) return SKIP_CHILDREN;
    if (ts.isCallExpression(child) && /^(delay|timer)$/.test(calleeName(child) ?? '') && child.arguments[0]) found = child.arguments[0];
    return found ? SKIP_CHILDREN : undefined;
  });
  return found;
}

/** A delay option: a number, or a function (possibly returning `timer(ms)`) that sizes each wait. */
function delayBackoff(delay: ts.Expression | undefined, index: SourceIndex): Backoff {
  if (!delay) return { kind: 'none' };
  const inner = unwrap(delay);
  let cls: DelayClass;
  if (isFunctionNode(inner)) {
    const text = nodeText(inner);
    if (/Math\.random|jitter|random/i.test(text)) return { kind: 'jittered' };
    cls = /\*\*|Math\.pow|<</.test(text) ? 'growing' : 'fixed';
    if (/\^/.test(text)) cls = 'xor';
  } else {
    cls = classifyDelay(inner, index, new Set());
  }
  if (cls === 'jittered' || cls === 'server') return { kind: 'jittered' };
  if (cls === 'unknown') return { kind: 'unknown' };
  return { kind: 'library-default', detail: cls === 'growing' ? 'its delay grows but has no jitter' : cls === 'xor' ? 'its delay uses `^`, which is XOR, not a power, and has no jitter' : 'its delay is the same for every client' };
}

function axiosRetry(call: ts.CallExpression, index: SourceIndex, facts: LibraryFacts): void {
  const client = call.arguments[0] ? namePath(call.arguments[0]) : undefined;
  const options = optionsAt(call, 1, index);
  if (retriesZero(options, 'retries')) return;
  const calleeText = nodeText(call.expression);
  const retryDelay = option(options, 'retryDelay');
  let backoff: Backoff;
  if (options === 'opaque') backoff = { kind: 'unknown' };
  else if (!retryDelay) {
    backoff = { kind: 'library-default', detail: 'axios-retry waits no time between attempts unless `retryDelay` is set', fix: { title: `Set \`retryDelay: ${calleeText}.exponentialDelay\``, target: typeof options === 'string' ? call : options, property: `retryDelay: ${calleeText}.exponentialDelay` } };
  } else if (/exponentialDelay$/.test(nodeText(retryDelay))) backoff = { kind: 'jittered' };
  else if (/linearDelay/.test(nodeText(retryDelay))) backoff = { kind: 'library-default', detail: 'axios-retry `linearDelay` has no jitter' };
  else backoff = delayBackoff(retryDelay, index);
  const label = client ? `\`${calleeText}\` on \`${client}\`` : `\`${calleeText}\``;
  facts.constructs.push(libraryConstruct(call, 'library', label, index, countBound(options, 'retries', 3), backoff, []));
  if (client) {
    const condition = option(options, 'retryCondition');
    facts.clients.push({ name: client, label, coversPost: condition !== undefined && conditionCoversPost(condition, index) });
  }
}

/**
 * A custom axios-retry `retryCondition` re-sends a POST unless it keeps to safe or idempotent
 * requests: `isIdempotentRequestError`, `axiosRetry.isSafeRequestError`, or a test of the method
 * against GET/HEAD/OPTIONS/PUT/DELETE that never names POST or PATCH
 * (`e.config?.method === 'get'`, `['get', 'head'].includes(e.config.method)`). The restriction
 * must hold on every way to `true`: `a && safe` restricts, `status === 429 || safe` does not.
 * A condition we cannot read (an imported predicate) is not taken to cover POST: a false alarm
 * costs more than a miss.
 */
function conditionCoversPost(condition: ts.Expression, index: SourceIndex): boolean {
  const inner = unwrap(condition);
  if (isFunctionNode(inner)) return !restrictsToSafeMethods(inner);
  const name = namePath(inner)?.replace(/^this\./, '');
  if (name && /idempotent|safe/i.test(name)) return false;
  const local = name ? index.functions.get(name) : undefined;
  return local !== undefined && local.every((fn) => !restrictsToSafeMethods(fn));
}

function restrictsToSafeMethods(fn: ts.Node): boolean {
  const body = (fn as ts.ArrowFunction).body as ts.Node | undefined;
  if (!body) return false;
  if (!ts.isBlock(body)) return expressionRestricts(body as ts.Expression);
  const returns = body.statements.filter(ts.isReturnStatement);
  // A single `return` is read like an expression body; other block bodies only by their text.
  if (returns.length === 1 && body.statements.length === 1 && returns[0]!.expression) return expressionRestricts(returns[0]!.expression);
  const text = nodeText(body);
  return /idempotent|isSafe|safeRequest/i.test(text) && !/\|\|/.test(text);
}

function expressionRestricts(expression: ts.Expression): boolean {
  const node = unwrap(expression);
  if (ts.isBinaryExpression(node)) {
    if (node.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) return expressionRestricts(node.left) || expressionRestricts(node.right);
    if (node.operatorToken.kind === ts.SyntaxKind.BarBarToken) return expressionRestricts(node.left) && expressionRestricts(node.right);
  }
  if (ts.isCallExpression(node) && /idempotent|isSafe|safeRequest/i.test(calleeName(node) ?? '')) return true;
  const text = nodeText(node);
  return /\bmethod\b/i.test(text) && /['"`](get|head|options|put|delete)['"`]/i.test(text) && !/['"`](post|patch)['"`]/i.test(text)
    && !/^!|!==|!=(?!=)/.test(text);
}

/**
 * fetch-retry: the wrapper's builder options are defaults, and each call may override them
 * (`f(url, { retries: 0 })`, `f(url, { retryDelay: (n) => Math.random() * … })`). So the calls of
 * the wrapper in this file are read too: a call with `retries: 0` is not retried, a call with its
 * own `retryDelay` is judged (and reported) on that call, and the builder's delay is reported only
 * if some call uses it (or the wrapper is not called here, say because it is exported).
 */
function fetchRetry(call: ts.CallExpression, index: SourceIndex, facts: LibraryFacts): void {
  const options = optionsAt(call, 1, index);
  const holder = holderName(call);
  const uses = holder ? callsNamed(index, holder.slice(holder.lastIndexOf('.') + 1)).filter((use) => namePath(use.expression) === holder) : [];
  const notRetried = new Set<ts.Node>();
  let builderDelayUsed = uses.length === 0;
  for (const use of uses) {
    const own = optionsAt(use, 1, index);
    if (retriesZero(own, 'retries') || (own !== 'opaque' && !option(own, 'retries') && retriesZero(options, 'retries'))) {
      notRetried.add(use);
      continue;
    }
    const ownDelay = option(own, 'retryDelay');
    if (own === 'opaque') continue;
    if (!ownDelay) {
      builderDelayUsed = true;
      continue;
    }
    const bound = option(own, 'retries') ? countBound(own, 'retries', 3) : countBound(options, 'retries', 3);
    const backoff = fetchRetryDelay(ownDelay, own as ts.ObjectLiteralExpression, index);
    facts.constructs.push(libraryConstruct(use, 'library', `fetch-retry call \`${holder}(…)\``, index, bound, backoff, []));
  }
  const retryDelay = option(options, 'retryDelay');
  let backoff: Backoff;
  if (options === 'opaque' || !builderDelayUsed) backoff = { kind: 'unknown' };
  else if (!retryDelay) {
    backoff = { kind: 'library-default', detail: 'fetch-retry waits a fixed 1000 ms between attempts by default', fix: { title: 'Set a jittered `retryDelay`', target: typeof options === 'string' ? call : options, property: JITTERED_FETCH_RETRY_DELAY } };
  } else backoff = fetchRetryDelay(retryDelay, options as ts.ObjectLiteralExpression, index);
  const label = holder ? `fetch-retry wrapper \`${holder}\`` : 'fetch-retry wrapper';
  if (!retriesZero(options, 'retries') || uses.length > notRetried.size) {
    facts.constructs.push(libraryConstruct(call, 'library', label, index, countBound(options, 'retries', 3), backoff, []));
  }
  if (holder) facts.clients.push({ name: holder, label, coversPost: true, notRetried });
}

const JITTERED_FETCH_RETRY_DELAY = 'retryDelay: (attempt) => Math.random() * Math.min(30_000, 1000 * 2 ** attempt)';

/** A `retryDelay` set explicitly (on the builder or on a call): judged as written, with a fix that replaces it. */
function fetchRetryDelay(delay: ts.Expression, options: ts.ObjectLiteralExpression, index: SourceIndex): Backoff {
  const backoff = delayBackoff(delay, index);
  if (backoff.kind !== 'library-default') return backoff;
  const detail = backoff.detail.replace(/^its delay/, `its \`retryDelay: ${shortExpression(delay)}\``);
  return { kind: 'library-default', detail, fix: { title: 'Make `retryDelay` jittered', target: options, property: JITTERED_FETCH_RETRY_DELAY, replace: findProperty(options, 'retryDelay') } };
}

function shortExpression(expression: ts.Expression): string {
  const text = nodeText(expression).replace(/\s+/g, ' ');
  return text.length <= 32 ? text : `${text.slice(0, 31)}…`;
}

/** The name a call's result is stored in: `const api = …`, `this.client = …`. */
function holderName(call: ts.CallExpression): string | undefined {
  let node: ts.Node = call;
  while (node.parent && (ts.isAwaitExpression(node.parent) || ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return namePath(parent.left);
  if (parent && (ts.isPropertyDeclaration(parent) || ts.isPropertyAssignment(parent))) return ts.isIdentifier(parent.name) ? `this.${parent.name.text}` : undefined;
  return undefined;
}

/**
 * got and ky `retry` options, on a request (`got.post(url, { retry: { limit: 2, methods: ['POST'] } })`)
 * or on a client (`ky.create({ retry: … })`, `got.extend({ retry: … })`).
 */
function httpClientRetry(call: ts.CallExpression, index: SourceIndex, facts: LibraryFacts): boolean {
  const root = rootName(call.expression);
  if (!root) return false;
  const library = root === 'got' || moduleOf(index, root) === 'got' ? 'got' : root === 'ky' || moduleOf(index, root) === 'ky' ? 'ky' : undefined;
  if (!library) return false;
  const position = call.arguments.findIndex((argument) => resolveObject(argument, index) !== undefined && option(resolveObject(argument, index)!, 'retry') !== undefined);
  if (position < 0) return false;
  const options = resolveObject(call.arguments[position]!, index)!;
  const retry = option(options, 'retry')!;
  const retryObject = resolveObject(retry, index);
  const limit = retryObject ? option(retryObject, 'limit') : retry;
  if (numericValue(limit) === 0) return true;
  const methodsText = retryObject ? textOr(option(retryObject, 'methods')) : '';
  const coversPost = /['"`](post|patch)['"`]/i.test(methodsText);
  const bound: Bound = numericValue(limit) === Infinity ? { capped: false, reason: 'infinite-option', detail: `\`limit: ${nodeText(limit!)}\`` } : { capped: true, by: 'library' };
  const backoff = library === 'got' ? { kind: 'jittered' } as Backoff : kyBackoff(retry, retryObject);
  const method = calleeName(call);
  const isClientFactory = method === 'create' || method === 'extend';
  const calleeText = nodeText(call.expression).replace(/\s+/g, '');
  // A client made with retry options is named as a client; a request's own options as the call's.
  const label = isClientFactory ? `\`${calleeText}(…)\` client` : `\`${calleeText}\` call`;
  // The client re-sends the same options, so the request (not the code around it) is what repeats.
  facts.constructs.push({
    ...libraryConstruct(call, 'library', label, index, bound, backoff, !isClientFactory && coversPost ? [call] : []), rerunsScope: false, optionsOfCall: !isClientFactory,
  });
  const holder = isClientFactory ? holderName(call) : undefined;
  if (holder) facts.clients.push({ name: holder, label, coversPost });
  return true;
}

function kyBackoff(retry: ts.Expression, retryObject: ts.ObjectLiteralExpression | undefined): Backoff {
  if (!retryObject) {
    const count = numericValue(retry);
    if (count === undefined) return { kind: 'unknown' };
    const property = retry.parent as ts.PropertyAssignment;
    return { kind: 'library-default', detail: 'ky adds no jitter unless `retry.jitter` is set', fix: { title: 'Turn on ky jitter', target: property.parent as ts.ObjectLiteralExpression, property: `retry: { limit: ${nodeText(retry)}, jitter: true }`, replace: property } };
  }
  const jitter = option(retryObject, 'jitter');
  if (jitter && !isFalse(jitter)) return { kind: 'jittered' };
  const delay = option(retryObject, 'delay');
  if (delay && /Math\.random|jitter|random/i.test(nodeText(delay))) return { kind: 'jittered' };
  return { kind: 'library-default', detail: 'ky adds no jitter unless `retry.jitter` is set', fix: { title: 'Turn on ky jitter', target: retryObject, property: 'jitter: true', replace: jitter ? findProperty(retryObject, 'jitter') : undefined } };
}

// ---------------------------------------------------------------------------------------------
// Local helpers named for retrying

export function isRetryHelperName(name: string, extra: ReadonlySet<string>): boolean {
  if (extra.has(name)) return true;
  return RETRY_HELPER_NAME.test(name) && !NOT_RETRY_HELPER_NAME.test(name);
}

/** `withRetry(() => client.post(…))`: the callback runs again on every attempt. */
function helperCall(call: ts.CallExpression, name: string, index: SourceIndex): RetryConstruct | undefined {
  const scopes = call.arguments.flatMap((argument) => retriedFunction(argument, index));
  if (scopes.length === 0) return undefined;
  const display = expressionName(unwrap(call.expression)) ?? name;
  return libraryConstruct(call, 'helper-call', `\`${display}\` call`, index, { capped: 'unknown' }, { kind: 'unknown' }, scopes);
}

