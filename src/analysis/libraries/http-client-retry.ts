// got and ky: `retry` options on a request (`got.post(url, { retry: { limit: 2, methods: ['POST'] } })`)
// or on a client (`ky.create({ retry: … })`, `got.extend({ retry: … })`). Both leave POST alone unless
// `methods` names it. got adds random noise to its waits; ky adds none unless `retry.jitter` is set.
import ts from 'typescript';
import { calleeName, findProperty, numericValue, rootName } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { nodeText, textOr } from '../run-context';
import { namesRandomness } from '../delays';
import { firstLineSpan } from '../spans';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { holderName, isFalse, libraryConstruct, moduleOf, option, resolveObject } from './option-reading';

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
  const backoff = library === 'got' ? { kind: 'jittered' } as Backoff : kyBackoff(retry, retryObject);
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
  if (holder) facts.clients.push({ name: holder, label, coversPost, backoff });
  return true;
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
