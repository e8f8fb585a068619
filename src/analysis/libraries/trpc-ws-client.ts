// tRPC's WebSocket client: `createWSClient({ url, retryDelayMs })` from @trpc/client. After every close or error
// it reconnects, for as long as the client lives: it has no option for a number of attempts (only lazy mode
// stops it while nothing is subscribed). Each wait is `retryDelayMs(attemptIndex)`, by default
// `exponentialBackoff`: at once, then 2 s doubling to 30 s, never randomised.
// Decision: the endless reconnect is the library's design, with no option to cap it, so no cap finding; the
// waits are judged: the default, or a `retryDelayMs` of one's own without randomness, is `retry-without-jitter`.
import ts from 'typescript';
import { calleeName } from '../ast';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { delayBackoff, hasSpreadOptions, isFromLibrary, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, type Options } from './option-reading';

/** What the fix gives `retryDelayMs`: the library's own growth, each wait drawn at random below it. */
const JITTERED_DELAY = '(attemptIndex) => Math.random() * Math.min(1000 * 2 ** attemptIndex, 30_000)';

export const trpcWsClient: LibrarySpec = {
  id: '@trpc/client',
  title: 'tRPC `createWSClient`',
  docs: 'https://github.com/trpc/trpc/blob/main/packages/client/src/links/wsLink/wsClient/options.ts (retryDelayMs defaults to exponentialBackoff: 0, then min(1000 * 2 ** attemptIndex, 30000); wsClient.ts reconnects on every close and error with no attempt limit)',
  modules: ['@trpc/client'],
  entries: ['createWSClient'],
  names: ['createWSClient'],
  options: { delay: 'retryDelayMs', jitter: 'retryDelayMs' },
  defaults: { retries: 'unlimited', delay: 'at once, then 2 s doubling to 30 s', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || !isCreateWsClient(site, index)) return false;
    const options = optionsAt(site, 0, index);
    if (options === 'opaque' || options === 'absent') return true;
    facts.constructs.push(libraryConstruct(site, 'library', 'tRPC `createWSClient(…)` reconnection', index, { capped: 'unknown' }, reconnectBackoff(options, index), []));
    return true;
  },
};

/** `createWSClient(…)` imported under any name, or `trpc.createWSClient(…)` on the module imported whole. */
function isCreateWsClient(site: ts.CallExpression, index: Parameters<typeof delayBackoff>[1]): boolean {
  const name = plainCalleeName(site);
  if (name !== undefined) return isImportedEntry(index, name, trpcWsClient);
  return calleeName(site) === 'createWSClient' && isFromLibrary(site, index, trpcWsClient);
}

/** The library's doubling wait unless `retryDelayMs` replaces it (then what that function computes). */
function reconnectBackoff(options: Exclude<Options, 'opaque' | 'absent'>, index: Parameters<typeof delayBackoff>[1]): Backoff {
  const delay = option(options, 'retryDelayMs');
  if (delay !== undefined) return delayBackoff(delay, index);
  if (hasSpreadOptions(options)) return { kind: 'unknown' };
  return {
    kind: 'library-default',
    detail: 'tRPC\'s default `retryDelayMs` doubles from 2 s to 30 s without jitter',
    fix: { title: 'Add jitter to `retryDelayMs`', target: options, property: `retryDelayMs: ${JITTERED_DELAY}` },
  };
}
