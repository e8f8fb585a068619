// rpc-websockets: a JSON-RPC client over WebSocket. `new Client(url, { reconnect, reconnect_interval,
// max_reconnects })`, and the same options third in `new CommonClient(webSocketFactory, url, options)`
// (the class solana-web3.js builds on). It reconnects after every close by default, at most
// `max_reconnects` times (5; 0 means no limit), each time after the same `reconnect_interval` (1 s), never
// randomised. `reconnect: false` turns it off.
import ts from 'typescript';
import { calleeName, numericValue, rootName } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, hasSpreadOptions, isFalse, isImportedEntry, libraryConstruct, moduleOf, option, optionsAt, type Options } from './option-reading';

const COMMON_CLIENT = 'CommonClient';
/** Where its classes are defined: the default export of this file is the CommonClient. */
const CLIENT_FILE = 'rpc-websockets/dist/lib/client';

export const rpcWebsockets: LibrarySpec = {
  id: 'rpc-websockets',
  docs: 'https://github.com/elpheria/rpc-websockets/blob/master/src/lib/client.ts (constructor defaults: reconnect true, reconnect_interval 1000, max_reconnects 5; 0 reconnects without limit; the interval is never randomised)',
  modules: ['rpc-websockets'],
  entries: ['default', 'Client', COMMON_CLIENT],
  names: [],
  options: { attempts: 'max_reconnects', delay: 'reconnect_interval' },
  defaults: { retries: 5, delay: '1 s, fixed', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site)) return false;
    const name = calleeName(site);
    if (!name || !isClient(site, name, index)) return false;
    const options = optionsAt(site, optionsPosition(site, name, index), index);
    if (options === 'opaque' || isFalse(option(options, 'reconnect'))) return true;
    facts.constructs.push(libraryConstruct(site, 'library', `\`new ${name}(…)\``, index, reconnectBound(options), fixedInterval(options), []));
    return true;
  },
};

/** `new Client(…)` of a name imported from the package, or `new rpc.Client(…)` of the package imported whole. */
function isClient(site: ts.NewExpression, name: string, index: SourceIndex): boolean {
  const root = rootName(site.expression);
  if (root === name) return isImportedEntry(index, name, rpcWebsockets);
  return (name === 'Client' || name === COMMON_CLIENT) && root !== undefined && moduleOf(index, root) === 'rpc-websockets';
}

/** The CommonClient takes a socket factory first, so its options come third; the Client's come second. */
function optionsPosition(site: ts.NewExpression, name: string, index: SourceIndex): number {
  const imported = rootName(site.expression) === name ? index.imports.get(name) : undefined;
  return name === COMMON_CLIENT || imported === `rpc-websockets#${COMMON_CLIENT}` || imported === CLIENT_FILE ? 2 : 1;
}

/** 0 and Infinity reconnect without limit; no `max_reconnects` is 5. */
function reconnectBound(options: Exclude<Options, 'opaque'>): Bound {
  if (numericValue(option(options, 'max_reconnects')) === 0) {
    return { capped: false, reason: 'infinite-option', detail: '`max_reconnects: 0` (rpc-websockets reconnects without limit)' };
  }
  return countBound(options, 'max_reconnects', 5);
}

/** The same `reconnect_interval` before every reconnect; one given out of sight leaves the waits unjudged. */
function fixedInterval(options: Exclude<Options, 'opaque'>): Backoff {
  const interval = option(options, 'reconnect_interval');
  if ((interval !== undefined && numericValue(interval) === undefined) || (interval === undefined && hasSpreadOptions(options))) return { kind: 'unknown' };
  return { kind: 'library-default', detail: 'rpc-websockets waits the same `reconnect_interval` (1 s unless set) before every reconnect, without randomness' };
}
