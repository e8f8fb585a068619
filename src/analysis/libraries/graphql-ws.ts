// graphql-ws: `createClient({ url, retryAttempts, retryWait, shouldRetry })`. The client reconnects a
// lost socket up to `retryAttempts` times (5 by default), waiting `retryWait(retries)`: by default a
// randomised exponential backoff (2^retries s plus 0.3 to 3 s at random). A `retryWait` of one's own
// replaces that randomness; `retryAttempts: Infinity` never stops.
import ts from 'typescript';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { countBound, delayBackoff, hasSpreadOptions, isFromLibrary, libraryConstruct, option, optionsAt, plainCalleeName, retriesZero, type Options } from './option-reading';

export const graphqlWs: LibrarySpec = {
  id: 'graphql-ws',
  docs: 'https://github.com/enisdenjo/graphql-ws/blob/master/src/client.ts (retryAttempts 5, retryWait: randomised exponential backoff)',
  modules: ['graphql-ws'],
  entries: ['createClient'],
  names: ['retryAttempts', 'retryWait'],
  options: { attempts: 'retryAttempts', delay: 'retryWait', jitter: 'retryWait' },
  defaults: { retries: 5, delay: '2^n s plus 0.3 to 3 s at random', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || plainCalleeName(site) !== 'createClient' || !isFromLibrary(site, index, graphqlWs)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque' || options === 'absent' || retriesZero(options, 'retryAttempts', index)) return true;
    const bound = countBound(options, 'retryAttempts', graphqlWs.defaults.retries);
    facts.constructs.push(libraryConstruct(site, 'library', 'graphql-ws `createClient(…)`', index, bound, retryWaitBackoff(options, index), []));
    return true;
  },
};

/** The library's randomised wait unless `retryWait` replaces it (then what that function computes). */
function retryWaitBackoff(options: Exclude<Options, 'opaque' | 'absent'>, index: Parameters<typeof delayBackoff>[1]): Backoff {
  const wait = option(options, 'retryWait');
  if (wait === undefined) return hasSpreadOptions(options) ? { kind: 'unknown' } : { kind: 'jittered' };
  return delayBackoff(wait, index);
}
