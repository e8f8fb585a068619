// tus-js-client: `new tus.Upload(file, { retryDelays: [0, 3000, 5000] })`. A failed request is retried
// once per entry of `retryDelays`, after exactly that many milliseconds (the default is
// [0, 1000, 3000, 5000]; `null` or `[]` turns retrying off), with no randomness. As for TanStack Query,
// a list left at its default is not reported; a list written out is, for its missing jitter.
import ts from 'typescript';
import { calleeName, numericValue, unwrap } from '../ast';
import type { LibrarySpec } from './library-spec';
import { isFromLibrary, lastArgumentOptions, libraryConstruct, option } from './option-reading';

const RETRY_DELAYS = 'retryDelays';

export const tusJsClient: LibrarySpec = {
  id: 'tus-js-client',
  docs: 'https://github.com/tus/tus-js-client/blob/main/docs/api.md#retrydelays (retryDelays [0, 1000, 3000, 5000]: one retry per entry, after exactly that delay)',
  modules: ['tus-js-client'],
  entries: ['default', 'Upload'],
  names: [RETRY_DELAYS],
  options: { attempts: RETRY_DELAYS, delay: RETRY_DELAYS },
  defaults: { retries: 4, delay: '0, 1000, 3000 and 5000 ms', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site) || calleeName(site) !== 'Upload' || !isFromLibrary(site, index, tusJsClient)) return false;
    const options = lastArgumentOptions(site, index);
    if (typeof options === 'string') return true;
    const delays = option(options, RETRY_DELAYS, index);
    const list = delays ? unwrap(delays) : undefined;
    if (!list || !ts.isArrayLiteralExpression(list) || list.elements.length === 0 || !list.elements.every((element) => numericValue(element) !== undefined)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', 'tus-js-client upload retry', index, { capped: true, by: 'library' },
      { kind: 'library-default', detail: `it waits exactly the listed \`${RETRY_DELAYS}\` before each retry` }, []));
    return true;
  },
};
