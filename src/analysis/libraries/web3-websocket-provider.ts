// web3.js WebSocket providers. Version 1: `new Web3.providers.WebsocketProvider(url, { reconnect: { auto,
// delay, maxAttempts, onTimeout } })` reconnects only with `auto: true`, then without limit while
// `maxAttempts` is unset, `false` or 0, each time after the same `delay` (5 s by default, never randomised).
// Version 4: `new WebSocketProvider(url, clientOptions, { autoReconnect, delay, maxAttempts })` reconnects
// by default, 5 times, 5 s apart. A v4 provider is read only where its reconnect options are written
// (ethers also has a `WebSocketProvider`, which does not reconnect): the defaults alone stay silent.
import ts from 'typescript';
import { calleeName, numericValue } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { countBound, isFalse, isTrue, libraryConstruct, moduleOf, option, optionsAt, resolveObject, type Options } from './option-reading';

/** The constructor names of the two versions. */
const V1_PROVIDER = 'WebsocketProvider';
const V4_PROVIDER = 'WebSocketProvider';
const PROVIDER_MODULE = 'web3-providers-ws';

export const web3WebsocketProvider: LibrarySpec = {
  id: 'web3-providers-ws',
  title: 'web3.js',
  docs: 'https://github.com/web3/web3.js/blob/v1.10.0/packages/web3-providers-ws/src/index.js (reconnect: auto false, delay 5000, maxAttempts false = no limit); v4 web3-utils socket_provider.ts (autoReconnect true, delay 5000, maxAttempts 5)',
  modules: ['web3', PROVIDER_MODULE],
  entries: ['default', V1_PROVIDER, V4_PROVIDER],
  names: [V1_PROVIDER, V4_PROVIDER, 'autoReconnect'],
  options: { attempts: 'maxAttempts', delay: 'delay' },
  // Version 1 with `auto: true` (version 1 does not reconnect without it).
  defaults: { retries: 'unlimited', delay: '5 s, fixed', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isNewExpression(site)) return false;
    const name = calleeName(site);
    // By its name, or as the default export of web3-providers-ws (`import Web3WsProvider from 'web3-providers-ws'`).
    if (!name || (name !== V1_PROVIDER && name !== V4_PROVIDER && moduleOf(index, name) !== PROVIDER_MODULE)) return false;
    // Each version is told by the options it is given: v1's `reconnect` second, v4's reconnect options third.
    const reconnect = v1Reconnect(optionsAt(site, 1, index), index) ?? v4Reconnect(optionsAt(site, 2, index));
    if (!reconnect) return false;
    const label = `\`new ${name}(…)\``;
    const construct = libraryConstruct(site, 'library', label, index, reconnectBound(reconnect), fixedDelay(reconnect), []);
    // Where the options turn reconnecting on (v1's `reconnect: { auto: true, … }`), else at the call.
    const turnedOn = ts.isPropertyAssignment(reconnect.parent) ? reconnect.parent : undefined;
    facts.constructs.push(turnedOn ? { ...construct, report: firstLineSpan(turnedOn, index.sourceFile) } : construct);
    return true;
  },
};

/** The v1 `reconnect` options, when they turn reconnecting on (`auto: true`). */
function v1Reconnect(options: Options, index: SourceIndex): ts.ObjectLiteralExpression | undefined {
  const value = option(options, 'reconnect');
  const reconnect = value ? resolveObject(value, index) : undefined;
  return reconnect && isTrue(option(reconnect, 'auto')) ? reconnect : undefined;
}

/** The v4 reconnect options, when they are written and do not turn reconnecting off. */
function v4Reconnect(options: Options): ts.ObjectLiteralExpression | undefined {
  if (typeof options === 'string') return undefined;
  const written = option(options, 'autoReconnect') !== undefined || (option(options, 'maxAttempts') !== undefined && option(options, 'delay') !== undefined);
  return written && !isFalse(option(options, 'autoReconnect')) ? options : undefined;
}

/** Unset, `false` or 0 `maxAttempts` is no limit in v1 (v4 always writes one here: a number caps it). */
function reconnectBound(reconnect: ts.ObjectLiteralExpression): Bound {
  const attempts = option(reconnect, 'maxAttempts');
  if (attempts === undefined || isFalse(attempts) || numericValue(attempts) === 0) {
    return { capped: false, reason: 'infinite-option', detail: 'web3.js reconnects without limit unless `maxAttempts` is a number above 0' };
  }
  return countBound(reconnect, 'maxAttempts', 'unlimited');
}

/** web3.js waits the same `delay` before every reconnect: no option randomises it. */
function fixedDelay(reconnect: ts.ObjectLiteralExpression): Backoff {
  const delay = option(reconnect, 'delay');
  if (delay !== undefined && numericValue(delay) === undefined) return { kind: 'unknown' };
  return { kind: 'library-default', detail: 'web3.js waits the same `delay` (5 s unless set) before every reconnect, without randomness' };
}
