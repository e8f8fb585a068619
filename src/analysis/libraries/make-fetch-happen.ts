// make-fetch-happen (npm's fetch): `fetch(url, { retry })` and `fetch.defaults({ retry })`. `retry` is a
// count or node-retry's options through promise-retry; absent, it is `{ retries: 0 }` (no retry). The
// waits double from 1 s and are not randomised unless `randomize: true`. It never retries a POST. A count
// that is not written out (the caller's) may be 0: then nothing is said.
import ts from 'typescript';
import { calleeName, findProperty, numericValue, rootName } from '../ast';
import { firstLineSpan } from '../spans';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { countBound, holderName, libraryConstruct, moduleOf, option, randomizeOption, resolveObject } from './option-reading';

export const makeFetchHappen: LibrarySpec = {
  id: 'make-fetch-happen',
  docs: 'https://github.com/npm/make-fetch-happen#opts-retry (retries 0; node-retry timing: factor 2, minTimeout 1000, randomize false; POST never retried)',
  modules: ['make-fetch-happen'],
  entries: ['default'],
  names: [],
  options: { attempts: 'retries', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: 0, delay: '1 s, doubling', jitter: false, retriesPost: false, addsIdempotencyKey: false },
  recognise: (site, context) => recogniseFetch(site, context),
};

function recogniseFetch(site: ts.CallExpression | ts.NewExpression, { index, facts }: LibraryContext): boolean {
  if (!ts.isCallExpression(site)) return false;
  const root = rootName(site.expression);
  if (!root || moduleOf(index, root) !== 'make-fetch-happen') return false;
  const options = site.arguments.map((argument) => resolveObject(argument, index)).find((object) => object !== undefined && option(object, 'retry') !== undefined);
  const retry = options ? option(options, 'retry')! : undefined;
  if (!retry) return true;
  const retryObject = resolveObject(retry, index);
  const count = retryObject ? option(retryObject, 'retries') : retry;
  // No count (or 0) is `{ retries: 0 }`: the request is made once. A count from the caller may be 0 too.
  const retries = count ? numericValue(count) : undefined;
  if (retries === undefined || retries === 0) return true;
  const bound: Bound = retryObject ? countBound(retryObject, 'retries', 0) : retries === Infinity ? { capped: false, reason: 'infinite-option', detail: `\`retry: ${nodeText(count!)}\`` } : { capped: true, by: 'library' };
  const backoff: Backoff = retryObject ? randomizeOption(site, retryObject, 'make-fetch-happen') : { kind: 'library-default', detail: 'make-fetch-happen does not randomize its delays unless `randomize: true` is set' };
  const isClientFactory = calleeName(site) === 'defaults';
  const calleeText = nodeText(site.expression).replace(/\s+/g, '');
  const label = isClientFactory ? `\`${calleeText}(…)\` client` : `\`${calleeText}\` call`;
  // The same request is sent again (never a POST), so the code around it does not re-run.
  // Reported at the option that turns the retry on.
  const report = firstLineSpan(findProperty(options!, 'retry')!, index.sourceFile);
  facts.constructs.push({ ...libraryConstruct(site, 'library', label, index, bound, backoff, []), report, rerunsScope: false, optionsOfCall: !isClientFactory });
  const holder = isClientFactory ? holderName(site) : undefined;
  if (holder) facts.clients.push({ name: holder, label, coversPost: false, backoff });
  return true;
}
