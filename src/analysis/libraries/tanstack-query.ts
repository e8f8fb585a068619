// TanStack Query (react-query, vue-query, …): `useQuery({ retry, retryDelay })`, `useMutation({ mutationFn, retry })`,
// `new QueryClient({ defaultOptions: { queries: { retry } } })`. `retry` is a number, `true` (forever) or a
// function; 3 for queries and 0 for mutations by default; the default `retryDelay` is
// `Math.min(1000 * 2 ** failureIndex, 30000)`: exponential, capped, without jitter. Only options written in
// the file are read: a query that relies on the defaults is not reported.
import ts from 'typescript';
import { calleeName, findProperty, isFunctionNode, numericValue, propertyNameText, SKIP_CHILDREN, statementInList, unwrap, walkTree } from '../ast';
import { classifyDelay, classifyReturnedDelay } from '../delays';
import type { Backoff, Bound, RetryConstruct } from '../retry-model';
import { nodeText } from '../run-context';
import type { SourceIndex } from '../source-index';
import { firstLineSpan } from '../spans';
import type { LibraryFacts, LibrarySpec } from './library-spec';
import { answersOnlyFalse, decidesWithoutCounting, fileImports, isFalse, isTrue, option, resolveObject, retriedFunction } from './option-reading';

const QUERY_CALLS = ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useSuspenseInfiniteQuery', 'useMutation', 'useQueries', 'queryOptions', 'infiniteQueryOptions', 'createQuery', 'createMutation', 'createInfiniteQuery'];
const CLIENT = 'QueryClient';
/** A QueryClient's defaults for the queries or mutations of one key: `queryClient.setMutationDefaults(key, options)`. */
const KEYED_DEFAULTS = ['setQueryDefaults', 'setMutationDefaults'];
/**
 * A hook generated for one query or mutation (graphql-codegen's `useMeQuery(client, variables, options)`), read in a
 * file that uses TanStack Query: its options are TanStack's.
 */
const GENERATED_HOOK = /^use[A-Z]\w{0,60}(Query|Mutation)$/;
/** tRPC's client option that holds the QueryClient's configuration. */
const TRPC_CLIENT_CONFIG = 'queryClientConfig';
const JITTERED_DELAY = '(attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30_000)';

export const tanstackQuery: LibrarySpec = {
  id: '@tanstack/query',
  title: 'TanStack Query',
  docs: 'https://tanstack.com/query/latest/docs/framework/react/guides/query-retries (retry 3 for queries, 0 for mutations; retryDelay min(1000 * 2^n, 30000))',
  modules: ['@tanstack/react-query', '@tanstack/vue-query', '@tanstack/svelte-query', '@tanstack/solid-query', '@tanstack/angular-query-experimental', '@tanstack/query-core', 'react-query'],
  entries: ['useQuery', 'useSuspenseQuery', 'useInfiniteQuery', 'useSuspenseInfiniteQuery', 'useMutation', 'useQueries', 'queryOptions', 'infiniteQueryOptions', 'createQuery', 'createMutation', 'createInfiniteQuery', 'QueryClient'],
  names: [...QUERY_CALLS, CLIENT, TRPC_CLIENT_CONFIG, ...KEYED_DEFAULTS],
  options: { attempts: 'retry', delay: 'retryDelay' },
  defaults: { retries: 3, delay: '1 s, doubling to 30 s', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site) ?? '';
    if (ts.isCallExpression(site) && KEYED_DEFAULTS.includes(name)) return recogniseKeyedDefaults(site, name, index, facts);
    const isClient = ts.isNewExpression(site) && name === CLIENT;
    const generated = ts.isCallExpression(site) && !QUERY_CALLS.includes(name) && GENERATED_HOOK.test(name) && fileImports(index, tanstackQuery.modules);
    if (!isClient && !generated && !(ts.isCallExpression(site) && QUERY_CALLS.includes(name))) return false;
    // v5 takes one options object; v3 and v4 also `useQuery(key, queryFn, options)` and `useMutation(mutationFn, options)`.
    const args = site.arguments ?? [];
    const last = args[args.length - 1];
    const options = last ? resolveObject(last, index) : undefined;
    if (!options) return true;
    // A generated hook's other arguments are its client and variables, not the code it runs.
    const positionalCode = isClient || generated ? [] : args.filter((argument) => argument !== last);
    const constructs = isClient
      ? clientDefaultsRetries(options, '`new QueryClient(…)` default retry', statementInList(site), index)
      : [optionsRetry(options, name.includes('Mutation') ? 'mutation' : 'query', `\`${name}\` retry`, statementInList(site), index, positionalCode)];
    for (const construct of constructs) if (construct) facts.constructs.push(construct);
    return true;
  },
  // tRPC's React and Next.js clients build their QueryClient from `queryClientConfig: { defaultOptions }`.
  recogniseFile({ index, facts }) {
    if (!index.names.has(TRPC_CLIENT_CONFIG)) return;
    walkTree(index.sourceFile, undefined, (node) => {
      if (!ts.isPropertyAssignment(node) || propertyNameText(node.name) !== TRPC_CLIENT_CONFIG) return undefined;
      const options = resolveObject(node.initializer, index);
      if (options) facts.constructs.push(...clientDefaultsRetries(options, '`queryClientConfig` default retry', statementInList(node), index));
      return SKIP_CHILDREN;
    });
  },
};

/**
 * `queryClient.setMutationDefaults([KEY], { retry, retryDelay, mutationFn })` in a file that uses TanStack Query: a
 * client's defaults for one key, read as its `defaultOptions` are (a delay left out is the library's).
 */
function recogniseKeyedDefaults(site: ts.CallExpression, name: string, index: SourceIndex, facts: LibraryFacts): boolean {
  if (!fileImports(index, tanstackQuery.modules)) return false;
  const options = site.arguments[1] ? resolveObject(site.arguments[1], index) : undefined;
  // Query defaults for a key sit under the client's own (made elsewhere), which may set the delay, as a query's options do.
  const queries = name === 'setQueryDefaults';
  const construct = options ? optionsRetry(options, queries ? 'query' : 'mutation', `\`${name}\` retry`, statementInList(site), index, queries ? [] : undefined) : undefined;
  if (construct) facts.constructs.push(construct);
  return true;
}

/**
 * The retries of a QueryClient's `defaultOptions`: its queries' and its mutations', each a retry of its own
 * (two settings to change); options with neither key are read as the queries', else the mutations'.
 */
function clientDefaultsRetries(options: ts.ObjectLiteralExpression, label: string, anchor: ts.Statement | undefined, index: SourceIndex): RetryConstruct[] {
  const defaults = resolveObject(option(options, 'defaultOptions') ?? options, index);
  if (!defaults) return [];
  const kinds = (['queries', 'mutations'] as const).filter((kind) => option(defaults, kind) !== undefined);
  const retries: RetryConstruct[] = [];
  for (const kind of kinds.length > 0 ? kinds : (['queries', 'mutations'] as const)) {
    const scope = resolveObject(option(defaults, kind) ?? defaults, index);
    const construct = scope ? optionsRetry(scope, kind === 'queries' ? 'query' : 'mutation', label, anchor, index) : undefined;
    if (construct) retries.push(construct);
    if (construct && kinds.length === 0) break;
  }
  return retries;
}

/** The retry that a query's or mutation's options turn on, or undefined when they leave the defaults (or turn it off). */
/** `code`: the query or mutation functions given before the options (v3 and v4), read with `queryFn` and `mutationFn`; undefined for a client's defaults. */
function optionsRetry(options: ts.ObjectLiteralExpression, subject: 'query' | 'mutation', label: string, anchor: ts.Statement | undefined, index: SourceIndex, code?: readonly ts.Expression[]): RetryConstruct | undefined {
  // A `retryDelay` alone keeps the default count: 3 for queries, none for mutations.
  if (option(options, 'retry') === undefined && !(subject === 'query' && option(options, 'retryDelay') !== undefined)) return undefined;
  const retry = option(options, 'retry');
  const count = retry ? numericValue(retry) : tanstackQuery.defaults.retries as number;
  const decision = retry ? retriedFunction(retry, index)[0] : undefined;
  if (count === 0 || isFalse(retry) || (decision && isFunctionNode(decision) && answersOnlyFalse(decision))) return undefined;
  const bound: Bound = isTrue(retry) || count === Infinity
    ? { capped: false, reason: 'infinite-option', detail: `\`retry: ${nodeText(retry!)}\` retries a failing ${subject} forever` }
    : decision && isFunctionNode(decision) && decidesWithoutCounting(decision)
      ? { capped: false, reason: 'infinite-option', detail: `its \`retry\` function never reads the failure count, so it retries a failing ${subject} for as long as it answers true` }
      : { capped: true, by: 'library' };
  const delay = option(options, 'retryDelay');
  // A query that sets no delay waits as its QueryClient's query defaults say, and that client is made elsewhere (a
  // provider), where apps do set a `retryDelay` for queries. A mutation that turns retries on itself (they are off by
  // default) and sets no delay waits the library's: a client's mutation defaults that set a delay but no retries are
  // rare. A client's own defaults that leave the delay out are the library's too, in sight.
  const backoff: Backoff = delay !== undefined ? explicitDelay(delay, index)
    : code === undefined || subject === 'mutation' ? { kind: 'library-default', detail: 'TanStack Query\'s default `retryDelay` doubles from 1 s to 30 s without jitter', fix: { title: 'Add jitter to `retryDelay`', target: options, property: `retryDelay: ${JITTERED_DELAY}` } }
    : { kind: 'unknown' };
  const retriedCode = code ? [...code, ...['mutationFn', 'queryFn'].map((key) => option(options, key)).filter((value): value is ts.Expression => value !== undefined)] : [];
  return {
    // Reported at the option that turns the retry on: that is the line to change.
    kind: 'library', label, report: firstLineSpan((findProperty(options, 'retry') ?? findProperty(options, 'retryDelay'))!, index.sourceFile),
    scopes: retriedCode.flatMap((value) => retriedFunction(value, index)), rerunsScope: true, anchor, bound, backoff,
  };
}

/** A `retryDelay` written out: a number (fixed), or a function whose returned values say whether it randomises. */
function explicitDelay(delay: ts.Expression, index: SourceIndex): Backoff {
  const inner = unwrap(delay);
  if (numericValue(inner) !== undefined) return { kind: 'fixed', waits: [] };
  if (!isFunctionNode(inner)) return { kind: 'unknown' };
  const body = (inner as ts.ArrowFunction).body;
  const counters = new Set(inner.parameters.slice(0, 1).map((parameter) => (ts.isIdentifier(parameter.name) ? parameter.name.text : '')).filter(Boolean));
  // A block body is read from the values it returns: where one is the server's wait, the others (the fallback) decide.
  const delayClass = ts.isBlock(body) ? classifyReturnedDelay(inner, index, counters) : classifyDelay(body, index, counters);
  if (delayClass === 'growing') return { kind: 'growing', waits: [] };
  if (delayClass === 'fixed') return { kind: 'fixed', waits: [] };
  return { kind: delayClass === 'jittered' ? 'jittered' : 'unknown' };
}
