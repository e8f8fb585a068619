// ioredis: `new Redis(url, { retryStrategy(times) { … } })`, `new Redis.Cluster(nodes, { clusterRetryStrategy })`.
// It reconnects while the strategy returns a number. The default strategy, `Math.min(times * 50, 2000)`,
// never stops and has no jitter: a client created with its options in sight and no strategy is read with
// that default (the module asks for a cap on every retry); options out of sight say nothing.
import ts from 'typescript';
import type { LibrarySpec } from './library-spec';
import { isFromLibrary } from './option-reading';
import { readClient, readConfigDeclarations, type StrategyClient } from './strategy-options';

const CLIENT: StrategyClient = {
  names: ['retryStrategy', 'clusterRetryStrategy'],
  label: 'ioredis reconnect strategy',
  clientLabel: 'ioredis client',
  defaultBound: { capped: false, reason: 'infinite-option', detail: 'ioredis reconnects without limit unless a `retryStrategy` returns a non-number' },
  defaultBackoff: { kind: 'library-default', detail: 'the default `retryStrategy` waits `Math.min(times * 50, 2000)` ms, the same for every client' },
};

export const ioredis: LibrarySpec = {
  id: 'ioredis',
  docs: 'https://github.com/redis/ioredis#auto-reconnect (retryStrategy defaults to Math.min(times * 50, 2000), without limit)',
  modules: ['ioredis'],
  entries: ['default', 'Redis', 'Cluster'],
  names: CLIENT.names,
  options: { strategy: 'retryStrategy' },
  defaults: { retries: 'unlimited', delay: 'Math.min(times * 50, 2000)', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, context) {
    if (!ts.isNewExpression(site) || !isFromLibrary(site, context.index, ioredis)) return false;
    return readClient(site, context, CLIENT);
  },
  recogniseFile: (context) => readConfigDeclarations(context, CLIENT),
};
