// node-redis reconnects while its strategy returns a number; the default strategy never stops (v4 waits
// `Math.min(retries * 50, 500)`, v5 adds jitter); a client left on it is not reported, a strategy written out is.
import { nodeRedis } from '../../../../src/analysis/libraries/node-redis';
import { runLibraryTable } from './library-table';

describe('libraries: node-redis', () => {
  runLibraryTable([nodeRedis], [
    {
      title: 'a client left on the default strategy is not reported: the reconnect is the library\'s, not a retry written here',
      code: `import { createClient } from 'redis';
export const client = createClient({ url: process.env.REDIS_URL });`,
      findings: [],
    },
    {
      title: 'a reconnectStrategy that returns an Error after some tries, with jitter, is silent',
      code: `import { createClient } from 'redis';
export const client = createClient({
  url: process.env.REDIS_URL,
  socket: {
    reconnectStrategy: (retries) => (retries > 20 ? new Error('redis unreachable') : Math.random() * Math.min(retries * 100, 3000)),
  },
});`,
      findings: [],
    },
    {
      title: 'a config module (module.exports = { retry_strategy }) with a bounded, linear strategy has no jitter',
      code: `module.exports = {
  host: process.env.REDIS_HOST,
  retry_strategy: (options) => {
    if (options.attempt > 10) return undefined;
    return Math.min(options.attempt * 100, 3000);
  },
};`,
      fileName: 'redis.config.js',
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a reconnectStrategy that always returns a delay never stops',
      code: `import { createClient } from 'redis';
export const client = createClient({
  socket: { reconnectStrategy: (retries) => Math.random() * Math.min(retries * 50, 2000) },
});`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'reconnectStrategy: false turns reconnecting off',
      code: `import { createClient } from 'redis';
export const client = createClient({ socket: { host: 'cache', reconnectStrategy: false } });`,
      findings: [],
    },
    {
      title: 'a v3 retry_strategy with a cap and a fixed delay has no jitter',
      code: `const redis = require('redis');
module.exports = redis.createClient({
  retry_strategy(options) {
    if (options.attempt > 10) return undefined;
    return 2000;
  },
});`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { createClient } from 'redis';
export const connect = (options) => createClient(options);`,
      findings: [],
    },
  ]);
});
