// got and ky: `retry` options on a request (`got.post(url, { retry: { limit: 2, methods: ['POST'] } })`)
// or on a client (`ky.create({ retry: … })`, `got.extend({ retry: … })`). Both leave POST alone unless
// `methods` names it. got adds random noise to its waits; ky adds none unless `retry.jitter` is set.
import ts from 'typescript';
import { calleeName, findProperty, type FunctionNode, isFunctionNode, numericValue, rootName, someDescendant, unwrap } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { nodeText, textOr } from '../run-context';
import { classifyReturnedDelay, namesRandomness, returnedValues } from '../delays';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { holderName, isFalse, libraryConstruct, moduleOf, option, resolveObject, retriedFunction } from './option-reading';

export const got: LibrarySpec = {
  id: 'got',
  docs: 'https://github.com/sindresorhus/got/blob/main/documentation/7-retry.md (limit 2, methods without POST, noise up to 100 ms)',
  modules: ['got'],
  entries: ['default', 'got'],
  names: ['got'],
  options: { attempts: 'limit', delay: 'calculateDelay' },
  defaults: { retries: 2, delay: '2^(n-1) s plus up to 100 ms of noise', jitter: true, retriesPost: false, addsIdempotencyKey: false },
  recognise: (site, context) => clientRetry(site, context, 'got'),
};

export const ky: LibrarySpec = {
  id: 'ky',
  docs: 'https://github.com/sindresorhus/ky#retry (limit 2, methods without POST, delay 0.3 * 2^(n-1) s, jitter off)',
  modules: ['ky'],
  entries: ['default', 'ky'],
  names: ['ky'],
  options: { attempts: 'limit', delay: 'delay', jitter: 'jitter' },
  defaults: { retries: 2, delay: '0.3 s, doubling', jitter: false, retriesPost: false, addsIdempotencyKey: false },
  recognise: (site, context) => clientRetry(site, context, 'ky'),
};

function clientRetry(site: ts.CallExpression | ts.NewExpression, { index, facts }: LibraryContext, library: 'got' | 'ky'): boolean {
  if (!ts.isCallExpression(site)) return false;
  const root = rootName(site.expression);
  if (!root || (root !== library && moduleOf(index, root) !== library)) return false;
  const position = site.arguments.findIndex((argument) => resolveObject(argument, index) !== undefined && option(resolveObject(argument, index)!, 'retry') !== undefined);
  if (position < 0) return false;
  const options = resolveObject(site.arguments[position]!, index)!;
  const retry = option(options, 'retry')!;
  const retryObject = resolveObject(retry, index);
  const limit = retryObject ? option(retryObject, 'limit') : retry;
  if (numericValue(limit) === 0) return true;
  const methodsText = retryObject ? textOr(option(retryObject, 'methods')) : '';
  const coversPost = /['"`](post|patch)['"`]/i.test(methodsText);
  const bound: Bound = numericValue(limit) === Infinity ? { capped: false, reason: 'infinite-option', detail: `\`limit: ${nodeText(limit!)}\`` } : { capped: true, by: 'library' };
  const backoff = library === 'got' ? gotBackoff(retryObject, index) : kyBackoff(retry, retryObject);
  const method = calleeName(site);
  const isClientFactory = method === 'create' || method === 'extend';
  const calleeText = nodeText(site.expression).replace(/\s+/g, '');
  // A client made with retry options is named as a client; a request's own options as the call's.
  const label = isClientFactory ? `\`${calleeText}(…)\` client` : `\`${calleeText}\` call`;
  // The client re-sends the same options, so the request (not the code around it) is what repeats.
  const construct = libraryConstruct(site, 'library', label, index, bound, backoff, !isClientFactory && coversPost ? [site] : []);
  // A client's options say how every request through it retries: the finding points at the `retry` written in
  // the call, the setting to change, rather than at a factory call whose other options may run for lines first.
  const setting = retry.parent;
  if (isClientFactory && ts.isPropertyAssignment(setting) && setting.pos >= site.pos && setting.end <= site.end) construct.report = firstLineSpan(setting, index.sourceFile);
  facts.constructs.push({ ...construct, rerunsScope: false, optionsOfCall: !isClientFactory });
  const holder = isClientFactory ? holderName(site) : undefined;
  if (holder) facts.clients.push({ name: holder, label, coversPost, backoff, at: construct.report });
  return true;
}

/** What got hands `calculateDelay` as the attempt number (a delay read from it is not randomised either way). */
const GOT_ATTEMPT: ReadonlySet<string> = new Set(['attemptCount']);

/**
 * got adds noise to the delay it computes, unless `calculateDelay` replaces it: a function of the file is read for
 * what it returns (`({ computedValue }) => computedValue ? 1000 : 0`, the same second each time); one that hands back
 * got's own `computedValue`, or one out of sight, keeps or may keep the noise.
 */
function gotBackoff(retryObject: ts.ObjectLiteralExpression | undefined, index: SourceIndex): Backoff {
  const calculate = retryObject ? findProperty(retryObject, 'calculateDelay') : undefined;
  if (!calculate) return { kind: 'jittered' };
  const fn = delayFunction(calculate, index);
  if (!fn) return { kind: 'unknown' };
  if (handsBackComputedValue(fn)) return { kind: 'jittered' };
  const delay = classifyReturnedDelay(fn, index, GOT_ATTEMPT);
  if (delay === 'fixed' || delay === 'growing') return { kind: 'library-default', detail: 'its `calculateDelay` returns delays without randomness, in place of got\'s noise' };
  return delay === 'jittered' ? { kind: 'jittered' } : { kind: 'unknown' };
}

/** Whether a value the function returns is got's own `computedValue` (noise included), not only tested: `return computedValue`, `err ? 1000 : retryObject.computedValue`. */
function handsBackComputedValue(fn: FunctionNode): boolean {
  const leaves: ts.Expression[] = [];
  const collect = (value: ts.Expression): void => {
    const inner = unwrap(value);
    if (ts.isConditionalExpression(inner)) [inner.whenTrue, inner.whenFalse].forEach(collect);
    else if (ts.isBinaryExpression(inner) && [ts.SyntaxKind.BarBarToken, ts.SyntaxKind.QuestionQuestionToken].includes(inner.operatorToken.kind)) [inner.left, inner.right].forEach(collect);
    else leaves.push(inner);
  };
  const body = fn.body;
  if (body) (ts.isBlock(body) ? returnedValues(body) : [body]).forEach(collect);
  return leaves.some((leaf) => someDescendant(leaf, (node) => ts.isIdentifier(node) && node.text === 'computedValue'));
}

/** The function a `calculateDelay` property gives: written in place, as a method, or a function of the file by name. */
function delayFunction(property: ts.ObjectLiteralElementLike, index: SourceIndex): FunctionNode | undefined {
  if (ts.isMethodDeclaration(property)) return property;
  const value = ts.isPropertyAssignment(property) ? property.initializer : ts.isShorthandPropertyAssignment(property) ? property.name : undefined;
  const functions = retriedFunction(value, index);
  return functions.length === 1 && isFunctionNode(functions[0]!) ? functions[0] : undefined;
}

function kyBackoff(retry: ts.Expression, retryObject: ts.ObjectLiteralExpression | undefined): Backoff {
  if (!retryObject) {
    if (numericValue(retry) === undefined) return { kind: 'unknown' };
    const property = retry.parent as ts.PropertyAssignment;
    return { kind: 'library-default', detail: 'ky adds no jitter unless `retry.jitter` is set', fix: { title: 'Turn on ky jitter', target: property.parent as ts.ObjectLiteralExpression, property: `retry: { limit: ${nodeText(retry)}, jitter: true }`, replace: property } };
  }
  const jitter = option(retryObject, 'jitter');
  if (jitter && !isFalse(jitter)) return { kind: 'jittered' };
  const delay = option(retryObject, 'delay');
  if (delay && namesRandomness(delay)) return { kind: 'jittered' };
  return { kind: 'library-default', detail: 'ky adds no jitter unless `retry.jitter` is set', fix: { title: 'Turn on ky jitter', target: retryObject, property: 'jitter: true', replace: jitter ? findProperty(retryObject, 'jitter') : undefined } };
}
