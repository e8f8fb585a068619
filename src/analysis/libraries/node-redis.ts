// node-redis: `createClient({ socket: { reconnectStrategy } })` (v4+) and `redis.createClient({ retry_strategy })`
// (v2, v3). It reconnects while the strategy returns a number. The default strategy never stops (v4 waits
// `Math.min(retries * 50, 500)`, v5 adds jitter); a client left on it is not reported (see readClient); a
// strategy written out is read for its cap and jitter.
import { calleeName } from '../ast';
import type { LibrarySpec } from './library-spec';
import { isFromLibrary } from './option-reading';
import { readClient, readConfigDeclarations, type StrategyClient } from './strategy-options';

const CLIENT: StrategyClient = {
  names: ['reconnectStrategy', 'retry_strategy'],
  label: 'node-redis reconnect strategy',
};

export const nodeRedis: LibrarySpec = {
  id: 'redis',
  docs: 'https://github.com/redis/node-redis/blob/master/docs/client-configuration.md (socket.reconnectStrategy: Math.min(retries * 50, 500) in v4, without limit)',
  modules: ['redis', '@redis/client'],
  entries: ['default', 'createClient', 'createCluster'],
  names: CLIENT.names,
  options: { strategy: 'reconnectStrategy' },
  defaults: { retries: 'unlimited', delay: 'Math.min(retries * 50, 500)', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, context) {
    if (calleeName(site) !== 'createClient' || !isFromLibrary(site, context.index, nodeRedis)) return false;
    return readClient(site, context, CLIENT);
  },
  recogniseFile: (context) => readConfigDeclarations(context, CLIENT),
};
