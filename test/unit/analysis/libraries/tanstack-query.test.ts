// TanStack Query: 3 retries for queries and none for mutations by default, `retryDelay` doubling from
// 1 s to 30 s without jitter; `retry: true` retries forever. Decision: only options written in the file
// are read, so a query left on the defaults is silent, and so is the delay of a query that sets none (its
// QueryClient's defaults decide it, and that client is made elsewhere); a mutation that turns retries on and
// sets no delay, and a client's own defaults that set no delay, keep the library's.
import { tanstackQuery } from '../../../../src/analysis/libraries/tanstack-query';
import { runLibraryTable } from './library-table';

/** A QueryClient whose query defaults retry as `retry` says, with a jittered delay. */
function jitteredQueryDefaults(retry: string): string {
  return `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: ${retry}, retryDelay: (n) => Math.random() * 1000 * 2 ** n } },
});`;
}

describe('libraries: TanStack Query', () => {
  runLibraryTable([tanstackQuery], [
    {
      title: 'a query and a mutation on the defaults are silent',
      code: `import { useMutation, useQuery } from '@tanstack/react-query';
export const useTodos = () => useQuery({ queryKey: ['todos'], queryFn: () => fetch('/api/todos').then((r) => r.json()) });
export const useAddTodo = () => useMutation({ mutationFn: (todo) => fetch('/api/todos', { method: 'POST', body: JSON.stringify(todo) }) });`,
      findings: [],
    },
    {
      title: 'retry: true retries a failing query forever',
      code: `import { useQuery } from '@tanstack/react-query';
export const useTodos = () => useQuery({
  queryKey: ['todos'],
  queryFn: () => fetch('/api/todos').then((r) => r.json()),
  retry: true,
  retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt,
});`,
      findings: [[5, 'unbounded-retry']],
      messages: ['`retry: true` retries a failing query forever'],
    },
    {
      title: 'a query that sets a count and no retryDelay waits as its QueryClient says, and that client is made elsewhere: silent',
      code: `import { useQuery } from '@tanstack/react-query';
export const useTodos = () => useQuery({
  queryKey: ['todos'],
  queryFn: () => fetch('/api/todos').then((r) => r.json()),
  retry: 5,
});`,
      findings: [],
    },
    {
      title: 'a hook generated for one query (graphql-codegen) in a file that uses TanStack Query takes its options: a doubling retryDelay is reported',
      code: `import { useQueryClient } from '@tanstack/react-query';
import { useMeQuery } from './generated/graphql';
export const useMe = (client) => useMeQuery(client, null, {
  staleTime: 300000,
  retry: 2,
  retryDelay: (attemptIndex) => Math.min(1000 * 2 ** attemptIndex, 30000),
});`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same hook in a file that does not use TanStack Query is not read',
      code: `import { useMeQuery } from './generated/graphql';
export const useMe = (client) => useMeQuery(client, null, { retry: 2, retryDelay: (n) => 1000 * 2 ** n });`,
      findings: [],
    },
    {
      title: 'a client whose defaults set a count and no retryDelay keeps the library\'s delay, which has no jitter',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 5 } },
});`,
      findings: [[3, 'retry-without-jitter']],
      messages: ["TanStack Query's default `retryDelay` doubles from 1 s to 30 s without jitter"],
    },
    {
      title: 'a retryDelay with a block body is read from what it returns: the server\'s wait or a doubling fallback has no jitter',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => failureCount < 3 && error.status >= 500,
      retryDelay: (attemptIndex, error) => {
        const after = error?.headers?.get('Retry-After');
        if (after) return Number(after) * 1000;
        return Math.min(1000 * 2 ** attemptIndex, 30000);
      },
    },
  },
});`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a block-bodied retryDelay that randomises is silent',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: 3,
      retryDelay: (attemptIndex) => {
        const base = Math.min(1000 * 2 ** attemptIndex, 30000);
        return base / 2 + Math.random() * base / 2;
      },
    },
  },
});`,
      findings: [],
    },
    {
      title: 'a client whose queries and mutations each set a retry without jitter: one finding each, at its own setting',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      retry: 2,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 15000),
    },
    mutations: {
      retry: 1,
      retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 10000),
    },
  },
});`,
      findings: [[5, 'retry-without-jitter'], [9, 'retry-without-jitter']],
    },
    {
      title: 'the same client whose mutations leave retrying off: only the queries\' retry',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: 2 },
    mutations: { retryDelay: 500 },
  },
});`,
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a fixed retryDelay alone keeps the default 3 retries, without jitter',
      code: `import { useQuery } from '@tanstack/react-query';
export const useTodos = () => useQuery({ queryKey: ['todos'], queryFn: loadTodos, retryDelay: 1000 });`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a count with a jittered retryDelay is silent',
      code: `import { useQuery } from '@tanstack/react-query';
export const useTodos = () => useQuery({
  queryKey: ['todos'],
  queryFn: () => fetch('/api/todos').then((r) => r.json()),
  retry: 3,
  retryDelay: (attempt) => Math.random() * Math.min(1000 * 2 ** attempt, 30_000),
});`,
      findings: [],
    },
    {
      title: 'a client whose default queries retry Infinity never stops',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: Infinity, retryDelay: (n) => Math.random() * 2000 * n } },
});`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a retried mutation re-sends its POST without a key',
      code: `import { useMutation } from '@tanstack/react-query';
export const useAddTodo = () => useMutation({
  mutationFn: (todo) => fetch('/api/todos', { method: 'POST', body: JSON.stringify(todo) }),
  retry: 2,
  retryDelay: (attempt) => Math.random() * 1000 * 2 ** attempt,
});`,
      findings: [[3, 'missing-idempotency-key']],
    },
    {
      title: 'a mutation that turns retries on and sets no retryDelay waits the library\'s doubling delay, without jitter',
      code: `import { useMutation } from '@tanstack/react-query';
const createPet = (pet) => axios.post('/pets', pet, { headers: { 'Idempotency-Key': pet.requestId } });
export const useCreatePet = () => useMutation({
  mutationFn: createPet,
  retry: 2,
});`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'v4 positional form: useQuery(key, queryFn, { retry, retryDelay: 10 }) has a fixed wait',
      code: `import { useQuery } from '@tanstack/react-query';
export const useConversion = (query) => useQuery(['conversion'], () => convert(query), {
  retry: 3,
  retryDelay: 10,
});`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'v4 positional form: useMutation(mutationFn, { retry }) retries the POST it sends',
      code: `import { useMutation } from '@tanstack/react-query';
export const useCreateOrder = () => useMutation((order) => axios.post('/orders', order), {
  retry: 2,
  retryDelay: (n) => Math.random() * 1000 * 2 ** n,
});`,
      findings: [[2, 'missing-idempotency-key']],
    },
    {
      title: "tRPC's queryClientConfig defaults with an exponential retryDelay have no jitter",
      code: `import { createTRPCNext } from '@trpc/next';
export const trpc = createTRPCNext({
  config() {
    return {
      links: [httpBatchLink({ url: '/api/trpc' })],
      queryClientConfig: {
        defaultOptions: {
          queries: { retry: 3, retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 30000) },
        },
      },
    };
  },
});`,
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: "tRPC's queryClientConfig that turns retries off is silent",
      code: `import { createTRPCReact } from '@trpc/react-query';
export const client = trpc.createClient({ queryClientConfig: { defaultOptions: { queries: { retry: false } } } });`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { useQuery } from '@tanstack/react-query';
export const useResource = (options) => useQuery(options);`,
      findings: [],
    },
      {
      title: 'setMutationDefaults for one key: retry: true retries forever, and its fixed retryDelay has no jitter',
      code: `import { useMutation } from '@tanstack/react-query';
import { queryClient } from './client';
queryClient.setMutationDefaults(['upload'], {
  retry: true,
  retryDelay: 5000,
  mutationFn: uploadFile,
});
export const useUpload = () => useMutation({ mutationKey: ['upload'] });`,
      findings: [[4, 'unbounded-retry']],
      messages: ['`retry: true` retries a failing mutation forever'],
    },
    {
      title: 'a retry function that never reads the failure count retries for as long as it answers true',
      code: jitteredQueryDefaults('(_count, error) => error.status !== 404'),
      findings: [[3, 'unbounded-retry']],
      messages: ['its `retry` function never reads the failure count'],
    },
    {
      title: 'a retry function that compares the failure count stops: silent',
      code: jitteredQueryDefaults('(failureCount, error) => failureCount < 3 && error.status !== 404'),
      findings: [],
    },
    {
      title: 'setQueryDefaults in a file that does not use TanStack Query is not read',
      code: `cache.setQueryDefaults(['todos'], { retry: true });`,
      findings: [],
    },
    {
      title: 'a retry function that only answers false turns retries off: silent',
      code: `import { QueryClient } from '@tanstack/react-query';
export const queryClient = new QueryClient({ defaultOptions: { queries: { retry: () => false } } });`,
      findings: [],
    },
    {
      title: 'setQueryDefaults with a count and no retryDelay: the client made elsewhere may set the delay, as for a query (silent)',
      code: `import { useQuery } from '@tanstack/react-query';
import { queryClient } from './client';
queryClient.setQueryDefaults(['todos'], { retry: 5 });
export const useTodos = () => useQuery({ queryKey: ['todos'] });`,
      findings: [],
    },
]);
});
