// ioredis: `new Redis(url, { retryStrategy(times) { … } })`, `new Redis.Cluster(nodes, { clusterRetryStrategy })`.
// It reconnects while the strategy returns a number. The default strategy, `Math.min(times * 50, 2000)`,
// never stops and has no jitter; a client left on it is not reported (see readClient); a strategy written
// out is read for its cap and jitter.
import ts from 'typescript';
import type { LibrarySpec } from './library-spec';
import { isFromLibrary } from './option-reading';
import { readClient, readConfigDeclarations, type StrategyClient } from './strategy-options';

/** ioredis's strategy options: also what BullMQ's `connection` option takes (bullmq.ts). */
export const IOREDIS_STRATEGIES: StrategyClient = {
  names: ['retryStrategy', 'clusterRetryStrategy'],
  label: 'ioredis reconnect strategy',
};

export const ioredis: LibrarySpec = {
  id: 'ioredis',
  docs: 'https://github.com/redis/ioredis#auto-reconnect (retryStrategy defaults to Math.min(times * 50, 2000), without limit)',
  modules: ['ioredis'],
  entries: ['default', 'Redis', 'Cluster'],
  names: IOREDIS_STRATEGIES.names,
  options: { strategy: 'retryStrategy' },
  defaults: { retries: 'unlimited', delay: 'Math.min(times * 50, 2000)', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, context) {
    if (!ts.isNewExpression(site) || !isFromLibrary(site, context.index, ioredis)) return false;
    return readClient(site, context, IOREDIS_STRATEGIES);
  },
  recogniseFile: (context) => readConfigDeclarations(context, IOREDIS_STRATEGIES, ioredis.modules),
};
