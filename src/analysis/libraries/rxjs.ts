// rxjs: `source.pipe(retry())`, `retry(n)`, `retry({ count, delay })`, `retryWhen(notifier)`, rxjs 5's
// dot-chained `source.retry(n)` / `.retryWhen(…)`, and `catchError((err, caught) => … caught)`, which
// re-subscribes by hand. `retry()` without a count re-subscribes forever, at once.
import ts from 'typescript';
import { calleeName, calleeObject, enclosingFunction, functionName, type FunctionNode, isFunctionNode, numericValue, SKIP_CHILDREN, someDescendant, statementInList, unwrap, walkTree } from '../ast';
import { advancedName } from '../counters';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
import { namesRandomness } from '../delays';
import { callsNamed, type SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryFacts, LibrarySpec } from './library-spec';
import { countBound, delayBackoff, isImportedEntry, libraryConstruct, option, resolveObject } from './option-reading';

export const rxjs: LibrarySpec = {
  id: 'rxjs',
  docs: 'https://rxjs.dev/api/operators/retry (count Infinity, no delay, resetOnSuccess false)',
  modules: ['rxjs', 'rxjs/operators'],
  entries: ['retry', 'retryWhen'],
  names: ['retry', 'retryWhen', 'catchError'],
  options: { attempts: 'count', delay: 'delay' },
  defaults: { retries: 'unlimited', delay: 'none', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site)) return false;
    const name = calleeName(site);
    if (name === 'catchError' && isInsidePipe(site)) return recogniseResubscription(site, index, facts);
    if (name !== 'retry' && name !== 'retryWhen') return false;
    // In a pipe, `retry(…)` or rxjs's own (`operators.retry(…)`); a service's method (`this.retryService.retry()`) makes an
    // operator of its own, out of sight.
    const piped = isInsidePipe(site) && (ts.isIdentifier(site.expression) || isFromRxjs(site.expression, index));
    const source = piped ? calleeObject(site.parent as ts.CallExpression) : isInsidePipe(site) ? undefined : dotChainedSource(site, index);
    // An operator made here and piped elsewhere (`return retryWhen(…)` from a helper): the retry is read, the source is out of sight.
    const standalone = !source && ts.isIdentifier(site.expression) && isImportedEntry(index, site.expression.text, rxjs);
    if (!source && !standalone) return false;
    const { bound, backoff } = name === 'retryWhen' ? retryWhen(site, index) : retryConfig(site, index);
    const label = `rxjs \`${shortCall(site)}\``;
    facts.constructs.push(libraryConstruct(site, 'rxjs', label, index, bound, delayAfterRetry(site, backoff), source ? [source] : []));
    return true;
  },
  recogniseFile({ index, facts }) {
    // Where the file hands notifiers to `retryWhen` itself, each is read there.
    if (!fileImportsRxjs(index) || callsNamed(index, 'retryWhen').length > 0) return;
    for (const notifier of standaloneNotifiers(index)) {
      facts.constructs.push({
        kind: 'rxjs', label: `rxjs \`retryWhen\` notifier${notifier.name ? ` \`${notifier.name}\`` : ''}`, report: firstLineSpan(notifier.fn, index.sourceFile), scopes: [],
        rerunsScope: false, anchor: statementInList(notifier.fn), bound: retryWhenBound(notifier.fn), backoff: notifierBackoff(notifier.fn, index),
      });
    }
  },
};

function fileImportsRxjs(index: SourceIndex): boolean {
  return [...index.imports.values()].some((module) => module === 'rxjs' || module.startsWith('rxjs/'));
}

/** What a notifier's stream of failures is called: `errors`, `error$`, `attempts`, `failures`. */
const ERRORS_NAME = /err|attempt|fail/i;

/** Operators whose callback turns each error of the notifier into what happens next (a timer, or an error that ends it). */
const ERROR_MAPPING_OPERATOR = /^(mergeMap|concatMap|switchMap|flatMap|exhaustMap)$/;

/**
 * `export const genericRetryStrategy = (opts) => (attempts: Observable<any>) => attempts.pipe(mergeMap((error, i) => …
 * timer(waitTime)))`: a notifier written for `retryWhen` in another file. It is a function whose parameter, the errors,
 * is piped through an operator that maps each error to a `timer` or `delay` (and, to give up, to `throwError`).
 */
function standaloneNotifiers(index: SourceIndex): { fn: FunctionNode; name: string | undefined }[] {
  const found: { fn: FunctionNode; name: string | undefined }[] = [];
  for (const call of callsNamed(index, 'pipe')) {
    const errors = call.expression && ts.isPropertyAccessExpression(call.expression) ? unwrap(call.expression.expression) : undefined;
    const fn = errors && ts.isIdentifier(errors) ? enclosingFunction(call) : undefined;
    const parameter = fn?.parameters[0]?.name;
    if (!fn || !parameter || !ts.isIdentifier(parameter) || parameter.text !== (errors as ts.Identifier).text || fn.parameters.length !== 1) continue;
    const mapsErrors = call.arguments.some((argument) => ts.isCallExpression(argument) && ERROR_MAPPING_OPERATOR.test(calleeName(argument) ?? '') && findTimerArgument(argument) !== undefined);
    // `(source) => source.pipe(concatMap((item) => of(item).pipe(delay(500))))` spaces out values: the piped stream must be
    // named for errors or attempts, or the mapping must be able to give up.
    if (mapsErrors && (ERRORS_NAME.test(parameter.text) || notifierCanStop(call))) found.push({ fn, name: notifierName(fn) });
  }
  return found;
}

/** The name a notifier is known by: its own, or the outer function's that makes it (`genericRetryStrategy`). */
function notifierName(fn: FunctionNode): string | undefined {
  const own = functionName(fn);
  if (own) return own;
  const outer = isFunctionNode(fn.parent) ? fn.parent : undefined;
  return outer ? functionName(outer) : undefined;
}

/**
 * `catchError((err, caught) => timer(1000).pipe(mergeMap(() => caught)))`: the selector hands back the
 * source (its second parameter), so rxjs subscribes to it again: a retry, as often as that branch is
 * taken. A count kept in the selector (a step of a name) or a `take` on the source bounds it.
 */
function recogniseResubscription(site: ts.CallExpression, index: SourceIndex, facts: LibraryFacts): boolean {
  const selector = site.arguments[0] ? unwrap(site.arguments[0]) : undefined;
  const caught = selector && isFunctionNode(selector) ? selector.parameters[1]?.name : undefined;
  if (!selector || !caught || !ts.isIdentifier(caught) || !someDescendant(selector, (node) => ts.isIdentifier(node) && node.text === caught.text && node !== caught)) return false;
  const counts = someDescendant(selector, (node) => advancedName(node) !== undefined || (ts.isCallExpression(node) && ENDING_CALL.test(calleeName(node) ?? '') && calleeName(node) !== 'throwError'));
  const bound: Bound = counts ? { capped: 'unknown' } : { capped: false, reason: 'infinite-option', detail: 'its selector hands back the source (`' + caught.text + '`) with no count' };
  const source = calleeObject(site.parent as ts.CallExpression);
  facts.constructs.push(libraryConstruct(site, 'rxjs', 'rxjs `catchError(…)` that re-subscribes to its source', index, bound, delayBackoff(findTimerArgument(selector), index), source ? [source] : []));
  return true;
}

function isInsidePipe(call: ts.CallExpression): boolean {
  const parent = call.parent;
  return parent !== undefined && ts.isCallExpression(parent) && parent.arguments.includes(call) && calleeName(parent) === 'pipe';
}

/** rxjs 5: `http.get(url).map(…).retry(3)` in a file that uses rxjs; the observable chain is what repeats. */
function dotChainedSource(call: ts.CallExpression, index: SourceIndex): ts.Expression | undefined {
  const object = calleeObject(call);
  if (!object || !ts.isCallExpression(object) || !index.text.includes('rxjs')) return undefined;
  return object;
}

/** A `delay(…)` after a `retry()` in the same pipe delays the values, not the retries. */
function delayAfterRetry(call: ts.CallExpression, backoff: Backoff): Backoff {
  const pipe = call.parent;
  if (!pipe || !ts.isCallExpression(pipe) || !pipe.arguments.includes(call) || backoff.kind !== 'none') return backoff;
  const later = pipe.arguments.slice(pipe.arguments.indexOf(call) + 1);
  const delayAfter = later.some((argument) => ts.isCallExpression(argument) && /^(delay|delayWhen)$/.test(calleeName(argument) ?? ''));
  return delayAfter ? { kind: 'delay-after-retry' } : backoff;
}

function shortCall(call: ts.CallExpression): string {
  const name = calleeName(call)!;
  const text = `${name}(${call.arguments.map((argument) => nodeText(argument)).join(', ')})`.replace(/\s+/g, ' ');
  return text.length <= 24 ? text : `${name}(…)`;
}

function retryConfig(call: ts.CallExpression, index: SourceIndex): { bound: Bound; backoff: Backoff } {
  const argument = call.arguments[0];
  if (!argument) return { bound: { capped: false, reason: 'infinite-option', detail: 'no count' }, backoff: { kind: 'none' } };
  const count = numericValue(argument);
  if (count !== undefined) {
    return { bound: count === Infinity ? { capped: false, reason: 'infinite-option', detail: 'an infinite count' } : { capped: true, by: 'library' }, backoff: { kind: 'none' } };
  }
  const config = resolveObject(argument, index);
  if (!config) return { bound: { capped: 'unknown' }, backoff: { kind: 'unknown' } };
  const bound = countBound(config, 'count', rxjs.defaults.retries);
  const delay = option(config, 'delay');
  // A `delay` function that can error or complete its notifier decides when to give up (`throwError(…)` once it has had enough).
  if (bound.capped === false && delay && notifierCanStop(delay)) return { bound: { capped: true, by: 'library' }, backoff: delayBackoff(delay, index) };
  return { bound: bound.capped === false ? { ...bound, detail: 'no `count`' } : bound, backoff: delayBackoff(delay, index) };
}

function retryWhen(call: ts.CallExpression, index: SourceIndex): { bound: Bound; backoff: Backoff } {
  const notifier = call.arguments[0] && notifierCode(call.arguments[0], index);
  if (!notifier) return { bound: { capped: 'unknown' }, backoff: { kind: 'unknown' } };
  return { bound: retryWhenBound(notifier), backoff: notifierBackoff(notifier, index) };
}

function retryWhenBound(notifier: ts.Node): Bound {
  return notifierCanStop(notifier) ? { capped: true, by: 'library' } : { capped: false, reason: 'infinite-option', detail: 'a notifier that never gives up' };
}

function notifierBackoff(notifier: ts.Node, index: SourceIndex): Backoff {
  return namesRandomness(notifier) ? { kind: 'jittered' } : delayBackoff(findTimerArgument(notifier), index);
}

/**
 * The code that decides when a notifier ends and how long it waits: the notifier itself, or the function it hands
 * that decision to (`retryWhen(retryStrategy({ maxAttempts: 3 }))`, `retryWhen((e) => this.backoff(e))`) where
 * the file defines it; undefined where that function is out of sight (imported, or a method of another class).
 */
function notifierCode(notifier: ts.Expression, index: SourceIndex): ts.Node | undefined {
  const inner = unwrap(notifier);
  const handedTo = ts.isCallExpression(inner) ? inner : isFunctionNode(inner) ? soleCall(inner) : undefined;
  const callee = handedTo ? unwrap(handedTo.expression) : inner;
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) && isNamedObject(callee.expression) ? callee.name.text : undefined;
  if (!name || isFromRxjs(callee, index) || (isFunctionNode(inner) && !handedTo)) return inner;
  const local = index.functions.get(name);
  return local?.length === 1 ? local[0] : undefined;
}

/** The one call a function's body is: `(e) => helper(e)`, `function (e) { return helper(e); }`. */
function soleCall(fn: ts.Node): ts.CallExpression | undefined {
  const body = (fn as ts.FunctionLikeDeclaration).body;
  const value = body && ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]!) ? body.statements[0].expression : undefined) : body;
  const call = value ? unwrap(value) : undefined;
  return call && ts.isCallExpression(call) ? call : undefined;
}

/** `this.x`, `Shared.x`: a method of an object named in the code, not of a value computed there (`errors.pipe`). */
function isNamedObject(object: ts.Expression): boolean {
  return object.kind === ts.SyntaxKind.ThisKeyword || (ts.isIdentifier(object) && /^[A-Z]/.test(object.text));
}

/** rxjs's own functions (`zip(errors, range(1, 3))`, rxjs 5's `Observable.timer(…)`) are read where they stand. */
function isFromRxjs(callee: ts.Expression, index: SourceIndex): boolean {
  const root = ts.isPropertyAccessExpression(callee) ? callee.expression : callee;
  const module = ts.isIdentifier(root) ? index.imports.get(root.text) : undefined;
  return module !== undefined && module.startsWith('rxjs');
}

/** Operators and values that end a notifier: it errors (`throwError`), completes (`EMPTY`, `take(n)`), or a `throw` ends it. */
const ENDING_CALL = /^(throwError|take|takeWhile|first)$/;

/** Whether a notifier (or a `delay` function) can error or complete, which ends the retry. */
function notifierCanStop(notifier: ts.Node): boolean {
  let stops = false;
  walkTree(notifier, undefined, (child) => {
    if (stops) return SKIP_CHILDREN;
    stops = ts.isThrowStatement(child) || (ts.isIdentifier(child) && child.text === 'EMPTY')
      || (ts.isCallExpression(child) && ENDING_CALL.test(calleeName(child) ?? ''));
    return stops ? SKIP_CHILDREN : undefined;
  });
  return stops;
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
