// TanStack Query (react-query, vue-query, …): `useQuery({ retry, retryDelay })`, `useMutation({ mutationFn, retry })`,
// `new QueryClient({ defaultOptions: { queries: { retry } } })`. `retry` is a number, `true` (forever) or a
// function; 3 for queries and 0 for mutations by default; the default `retryDelay` is
// `Math.min(1000 * 2 ** failureIndex, 30000)`: exponential, capped, without jitter. Only options written in
// the file are read: a query that relies on the defaults is not reported.
import ts from 'typescript';
import { calleeName, findProperty, isFunctionNode, numericValue, statementInList, unwrap } from '../ast';
import { classifyDelay } from '../delays';
import type { Backoff, Bound } from '../retry-model';
import { nodeText } from '../run-context';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { isFalse, isTrue, option, resolveObject, retriedFunction } from './option-reading';

const QUERY_CALLS = ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useSuspenseInfiniteQuery', 'useMutation', 'useQueries', 'queryOptions', 'infiniteQueryOptions', 'createQuery', 'createMutation', 'createInfiniteQuery'];
const CLIENT = 'QueryClient';
const JITTERED_DELAY = '(attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30_000)';

export const tanstackQuery: LibrarySpec = {
  id: '@tanstack/query',
  docs: 'https://tanstack.com/query/latest/docs/framework/react/guides/query-retries (retry 3 for queries, 0 for mutations; retryDelay min(1000 * 2^n, 30000))',
  modules: ['@tanstack/react-query', '@tanstack/vue-query', '@tanstack/svelte-query', '@tanstack/solid-query', '@tanstack/angular-query-experimental', '@tanstack/query-core', 'react-query'],
  entries: ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useSuspenseInfiniteQuery', 'useMutation', 'useQueries', 'queryOptions', 'infiniteQueryOptions', 'createQuery', 'createMutation', 'createInfiniteQuery', 'QueryClient'],
  names: [...QUERY_CALLS, CLIENT],
  options: { attempts: 'retry', delay: 'retryDelay' },
  defaults: { retries: 3, delay: '1 s, doubling to 30 s', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site) ?? '';
    const isClient = ts.isNewExpression(site) && name === CLIENT;
    if (!isClient && !(ts.isCallExpression(site) && QUERY_CALLS.includes(name))) return false;
    const first = site.arguments?.[0];
    const options = first ? resolveObject(first, index) : undefined;
    if (!options) return true;
    const defaults = isClient ? resolveObject(option(options, 'defaultOptions') ?? options, index) : undefined;
    const scopes = isClient ? ['queries', 'mutations'].map((kind) => (defaults ? resolveObject(option(defaults, kind) ?? defaults, index) : undefined)) : [options];
    const subject = isClient ? 'query' : name.includes('Mutation') ? 'mutation' : 'query';
    // A `retryDelay` alone keeps the default count: 3 for queries, none for mutations.
    const retried = scopes.find((scope) => scope && (option(scope, 'retry') !== undefined || (subject === 'query' && option(scope, 'retryDelay') !== undefined)));
    if (!retried) return true;
    const retry = option(retried, 'retry');
    const count = retry ? numericValue(retry) : tanstackQuery.defaults.retries as number;
    if (count === 0 || isFalse(retry)) return true;
    const bound: Bound = isTrue(retry) || count === Infinity
      ? { capped: false, reason: 'infinite-option', detail: `\`retry: ${nodeText(retry!)}\` retries a failing ${subject} forever` }
      : { capped: true, by: 'library' };
    const delay = option(retried, 'retryDelay');
    const backoff: Backoff = delay === undefined
      ? { kind: 'library-default', detail: 'TanStack Query\'s default `retryDelay` doubles from 1 s to 30 s without jitter', fix: { title: 'Add jitter to `retryDelay`', target: retried, property: `retryDelay: ${JITTERED_DELAY}` } }
      : explicitDelay(delay, index);
    const retriedCode = isClient ? [] : ['mutationFn', 'queryFn'].map((key) => option(retried, key)).filter((value): value is ts.Expression => value !== undefined);
    facts.constructs.push({
      // Reported at the option that turns the retry on: that is the line to change.
      kind: 'library', label: isClient ? '`new QueryClient(…)` default retry' : `\`${name}\` retry`, report: firstLineSpan((findProperty(retried, 'retry') ?? findProperty(retried, 'retryDelay'))!, index.sourceFile),
      scopes: retriedCode.flatMap((value) => retriedFunction(value, index)), rerunsScope: true, anchor: statementInList(site), bound, backoff,
    });
    return true;
  },
};

/** A `retryDelay` written out: a number (fixed), or a function whose body says whether it randomises. */
function explicitDelay(delay: ts.Expression, index: SourceIndex): Backoff {
  const inner = unwrap(delay);
  if (numericValue(inner) !== undefined) return { kind: 'fixed', waits: [] };
  if (!isFunctionNode(inner)) return { kind: 'unknown' };
  const body = (inner as ts.ArrowFunction).body;
  const counters = new Set(inner.parameters.slice(0, 1).map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : '')).filter(Boolean));
  const delayClass = ts.isBlock(body) ? 'unknown' : classifyDelay(body, index, counters);
  if (delayClass === 'growing') return { kind: 'growing', waits: [] };
  if (delayClass === 'fixed') return { kind: 'fixed', waits: [] };
  return { kind: delayClass === 'jittered' ? 'jittered' : 'unknown' };
}
