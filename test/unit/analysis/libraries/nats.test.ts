// nats.js: reconnects up to `maxReconnectAttempts` (10) times, `reconnectTimeWait` (2 s) plus a random
// `reconnectJitter` apart; `-1` reconnects forever. Only a limit written out as forever is reported.
import { nats } from '../../../../src/analysis/libraries/nats';
import { runLibraryTable } from './library-table';

describe('libraries: nats (nats.js)', () => {
  runLibraryTable([nats], [
    {
      title: 'maxReconnectAttempts: -1 reconnects forever (the default jitter stays)',
      code: `import { connect } from 'nats';
export const nc = await connect({ servers: process.env.NATS_URL, maxReconnectAttempts: -1 });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`maxReconnectAttempts: -1` reconnects forever'],
    },
    {
      title: "the older node-nats's NATS.connect(url, { maxReconnectAttempts: -1, reconnectJitter: 0 }) reconnects forever without jitter",
      code: `const NATS = require('nats');
const nc = NATS.connect(process.env.NATS_URL, { maxReconnectAttempts: -1, reconnectJitter: 0, reconnectTimeWait: 1000 });`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
      messages: ['takes the randomness out of its waits'],
    },
    {
      title: 'options kept in an object of their own: the finding points at the limit there',
      code: `const NATS = require('nats');
const opts = { servers: process.env.NATS_SERVERS, maxReconnectAttempts: -1 };
exports.connectNats = () => NATS.connect(opts);`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'the defaults (10 attempts, jittered waits) are silent',
      code: `import { connect } from 'nats';
export const nc = await connect({ servers: ['nats://a:4222', 'nats://b:4222'] });`,
      findings: [],
    },
    {
      title: 'reconnect: false turns reconnecting off',
      code: `import { connect } from 'nats';
export const nc = await connect({ servers: 'nats://a:4222', reconnect: false, maxReconnectAttempts: -1 });`,
      findings: [],
    },
    {
      title: 'options out of sight are left alone',
      code: `import { connect } from 'nats';
export const nc = await connect(natsOptions);`,
      findings: [],
    },
    {
      title: 'a connect of another library is not nats',
      code: `import { connect } from 'amqplib';
export const conn = await connect({ hostname: 'mq', maxReconnectAttempts: -1 });`,
      findings: [],
    },
  ]);
});
