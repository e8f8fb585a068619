// ofetch (and Nuxt's `$fetch`): `ofetch(url, { retry, retryDelay, method })`, `ofetch.create({ retry })`.
// By default one retry for GET and none for POST, PUT, PATCH and DELETE, with no delay. An explicit
// `retry` applies to every method, so a POST with `retry` set is sent again.
import ts from 'typescript';
import { numericValue, rootName, stringValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { calleeName, delayBackoff, holderName, libraryConstruct, moduleOf, option, optionsAt } from './option-reading';

export const ofetch: LibrarySpec = {
  id: 'ofetch',
  docs: 'https://github.com/unjs/ofetch#%EF%B8%8F-auto-retry (retry 1, 0 for POST/PUT/PATCH/DELETE; retryDelay 0)',
  modules: ['ofetch', 'ohmyfetch'],
  entries: ['ofetch', '$fetch', 'default'],
  names: ['$fetch'],
  options: { attempts: 'retry', delay: 'retryDelay' },
  defaults: { retries: 1, delay: 'none', jitter: false, retriesPost: false, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site)) return false;
    const root = rootName(site.expression);
    if (!root || (root !== '$fetch' && !ofetch.modules.includes(moduleOf(index, root) ?? ''))) return false;
    const isFactory = calleeName(site) === 'create';
    const options = optionsAt(site, isFactory ? 0 : 1, index);
    const retry = option(options, 'retry');
    const count = numericValue(retry);
    if (!retry || count === 0 || typeof options === 'string') return true;
    const bound: Bound = count === Infinity ? { capped: false, reason: 'infinite-option', detail: `\`retry: ${nodeText(retry)}\`` } : count === undefined ? { capped: 'unknown' } : { capped: true, by: 'library' };
    const delay = option(options, 'retryDelay');
    const backoff: Backoff = delay ? delayBackoff(delay, index) : { kind: 'library-default', detail: 'ofetch retries at once unless `retryDelay` is set' };
    const method = stringValue(option(options, 'method'))?.toUpperCase();
    const label = isFactory ? '`ofetch.create(…)` client' : `\`${nodeText(site.expression)}\` call`;
    facts.constructs.push({ ...libraryConstruct(site, 'library', label, index, bound, backoff, !isFactory && (method === 'POST' || method === 'PATCH') ? [site] : []), rerunsScope: false, optionsOfCall: !isFactory });
    const holder = isFactory ? holderName(site) : undefined;
    if (holder) facts.clients.push({ name: holder, label, coversPost: true, backoff, at: firstLineSpan(site, index.sourceFile) });
    return true;
  },
};
