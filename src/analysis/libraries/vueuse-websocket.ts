// VueUse's `useWebSocket(url, { autoReconnect })` (@vueuse/core). It reconnects after a close only with
// `autoReconnect` on (`true`, or `{ retries, delay, onFailed }`); then `retries` times (-1 by default: no limit,
// as is any number below 0; a function of the count decides by itself), each time after the same `delay`
// (1 s by default; newer releases also take a function of the count): never randomised.
// Decision: a hook whose reconnecting is on in sight is judged by those options; a delay or a count given from
// elsewhere (a prop, a parameter) is left unjudged.
import ts from 'typescript';
import { calleeName, isFunctionNode, numericValue, unwrap } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, delayBackoff, isImportedEntry, isTrue, libraryConstruct, option, optionsAt, resolveObject } from './option-reading';

const AUTO_RECONNECT = 'autoReconnect';
const RETRIES = 'retries';
const DELAY = 'delay';

export const vueuseWebSocket: LibrarySpec = {
  id: '@vueuse/core',
  title: 'VueUse `useWebSocket`',
  docs: 'https://vueuse.org/core/useWebSocket/#auto-reconnection (autoReconnect false; with it: retries -1 = no limit, delay 1000 ms, the same before every reconnect)',
  modules: ['@vueuse/core'],
  entries: ['useWebSocket'],
  names: [],
  options: { attempts: RETRIES, delay: DELAY },
  defaults: { retries: 'unlimited', delay: '1 s, the same each time', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site);
    if (!ts.isCallExpression(site) || !name || !isImportedEntry(index, name, vueuseWebSocket)) return false;
    const reconnect = autoReconnect(site, index);
    if (!reconnect) return true;
    facts.constructs.push(libraryConstruct(site, 'library', `\`${name}(…)\` auto-reconnect`, index, retriesBound(reconnect), delayOf(reconnect, index), []));
    return true;
  },
};

/** The `autoReconnect` options when reconnecting is on in sight: `true` (every default) or the object given. */
function autoReconnect(site: ts.CallExpression, index: SourceIndex): ts.ObjectLiteralExpression | 'defaults' | undefined {
  const options = optionsAt(site, 1, index);
  if (options === 'opaque' || options === 'absent') return undefined;
  const value = option(options, AUTO_RECONNECT);
  if (value === undefined) return undefined;
  if (isTrue(value)) return 'defaults';
  return resolveObject(value, index);
}

function retriesBound(reconnect: ts.ObjectLiteralExpression | 'defaults'): Bound {
  const noLimit: Bound = { capped: false, reason: 'infinite-option', detail: 'VueUse reconnects without limit unless `retries` is a number above 0' };
  if (reconnect === 'defaults') return noLimit;
  const retries = option(reconnect, RETRIES);
  if (retries !== undefined && isFunctionNode(unwrap(retries))) return { capped: 'unknown' };
  const count = retries === undefined ? -1 : numericValue(retries);
  if (count !== undefined && count < 0) return noLimit;
  return countBound(reconnect, RETRIES, 'unlimited');
}

/** The same `delay` before every reconnect, or what a function of the count returns; one given from elsewhere is unjudged. */
function delayOf(reconnect: ts.ObjectLiteralExpression | 'defaults', index: SourceIndex): Backoff {
  const delay = reconnect === 'defaults' ? undefined : option(reconnect, DELAY);
  if (delay === undefined || numericValue(delay) !== undefined) return { kind: 'library-default', detail: 'VueUse waits the same `delay` (1 s unless set) before every reconnect, without randomness' };
  return isFunctionNode(unwrap(delay)) ? delayBackoff(delay, index) : { kind: 'unknown' };
}
