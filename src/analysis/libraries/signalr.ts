// @microsoft/signalr: `new HubConnectionBuilder().withAutomaticReconnect(…)`. Without an argument it
// reconnects after 0, 2, 10 and 30 s, then stops: bounded, without jitter. An array of delays is just as
// fixed; a policy object's `nextRetryDelayInMilliseconds` stops when it returns null. A policy class
// (`class Backoff implements IRetryPolicy`) is read where it is written, since it is usually handed to
// `withAutomaticReconnect` in another file.
import ts from 'typescript';
import { calleeName, numericValue, statementInList, unwrap } from '../ast';
import { firstLineSpan } from '../spans';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { libraryConstruct, option, resolveObject } from './option-reading';
import { strategyBackoff, strategyBound, strategyFunction } from './strategy-function';

const POLICY_METHOD = 'nextRetryDelayInMilliseconds';

export const signalR: LibrarySpec = {
  id: '@microsoft/signalr',
  title: 'SignalR',
  docs: 'https://learn.microsoft.com/aspnet/core/signalr/javascript-client#automatically-reconnect (delays 0, 2000, 10000, 30000 ms, then stop)',
  modules: ['@microsoft/signalr', '@aspnet/signalr'],
  entries: ['HubConnectionBuilder'],
  names: ['withAutomaticReconnect', POLICY_METHOD],
  options: { delay: POLICY_METHOD },
  defaults: { retries: 4, delay: '0, 2, 10 and 30 s', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts, claimed }) {
    if (!ts.isCallExpression(site) || calleeName(site) !== 'withAutomaticReconnect') return false;
    const argument = site.arguments[0];
    const label = '`withAutomaticReconnect`';
    if (!argument) {
      facts.constructs.push(libraryConstruct(site, 'library', label, index, { capped: true, by: 'library' }, fixedDelays(`SignalR's default reconnect delays are ${signalR.defaults.delay}`), []));
      return true;
    }
    const inner = unwrap(argument);
    if (ts.isArrayLiteralExpression(inner)) {
      const numbers = inner.elements.every((element) => numericValue(element as ts.Expression) !== undefined);
      if (numbers) facts.constructs.push(libraryConstruct(site, 'library', label, index, { capped: true, by: 'library' }, fixedDelays('its reconnect delays are a fixed list'), []));
      return true;
    }
    const policy = resolveObject(argument, index);
    const fn = policy ? strategyFunction(option(policy, POLICY_METHOD), index) : undefined;
    if (fn) {
      claimed.add(fn);
      facts.constructs.push(libraryConstruct(site, 'library', label, index, strategyBound(fn, POLICY_METHOD), strategyBackoff(fn, POLICY_METHOD, index), []));
    }
    return true;
  },
  recogniseFile({ index, facts, claimed }) {
    for (const method of index.functions.get(POLICY_METHOD) ?? []) {
      if (!ts.isMethodDeclaration(method) || !ts.isClassLike(method.parent) || claimed.has(method)) continue;
      claimed.add(method);
      facts.constructs.push({
        kind: 'library', label: 'SignalR retry policy', report: firstLineSpan(method.name, index.sourceFile), scopes: [], rerunsScope: true,
        anchor: statementInList(method), bound: strategyBound(method, POLICY_METHOD), backoff: strategyBackoff(method, POLICY_METHOD, index),
      });
    }
  },
};

function fixedDelays(detail: string): Backoff {
  return { kind: 'library-default', detail };
}
