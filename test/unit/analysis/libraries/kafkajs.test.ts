// kafkajs: 5 retries by default, waits growing from 300 ms and randomised by `factor` (0.2). Only
// `retries` written as forever and `factor: 0` are reported.
import { kafkajs } from '../../../../src/analysis/libraries/kafkajs';
import { runLibraryTable } from './library-table';

describe('libraries: kafkajs', () => {
  runLibraryTable([kafkajs], [
    {
      title: 'retries: Number.MAX_SAFE_INTEGER on the client never gives up',
      code: `const { Kafka } = require('kafkajs');
const kafka = new Kafka({ clientId: 'wiki', brokers: ['localhost:9092'], retry: { initialRetryTime: 100, retries: Number.MAX_SAFE_INTEGER } });`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
      messages: ['`retries` has no practical end'],
    },
    {
      title: 'factor: 0 on a producer takes the jitter out of its bounded retries',
      code: `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 'orders', brokers });
export const producer = kafka.producer({ retry: { retries: 8, factor: 0 } });`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'the defaults, and a finite count with the default randomisation, are silent',
      code: `import { Kafka } from 'kafkajs';
const kafka = new Kafka({ clientId: 'orders', brokers, retry: { retries: 10, initialRetryTime: 500 } });
export const consumer = kafka.consumer({ groupId: 'billing' });`,
      findings: [],
    },
    {
      // Its options still say it never stops (unlimited-attempt-options.ts), in words that do not name kafkajs.
      title: 'a producer() of a file that does not import kafkajs is not read as kafkajs',
      code: `export const producer = queue.producer({ retry: { retries: Infinity } });`,
      findings: [[1, 'unbounded-retry']],
      messages: ['This `producer` call is set to retry forever. In detail: `retries: Infinity` never stops'],
    },
    {
      title: 'NestJS hands its Kafka options on to kafkajs: a consumer retry with factor 0 has no jitter, a client retry on its defaults is fine',
      code: `import { Transport } from '@nestjs/microservices';
export const kafkaOptions = (brokers: string[]) => ({
  transport: Transport.KAFKA,
  options: {
    client: { clientId: 'feed', brokers, retry: { retries: 8 } },
    consumer: {
      groupId: 'feed',
      retry: { retries: 3, factor: 0, multiplier: 1 },
    },
  },
});`,
      findings: [[8, 'retry-without-jitter']],
      messages: ['kafkajs `consumer` retry (NestJS) has no jitter. In detail: `factor: 0` takes the randomness out of its waits'],
    },
    {
      title: 'look-alike: another NestJS transport with the same options is not kafkajs',
      code: `import { Transport } from '@nestjs/microservices';
export const KAFKA = 'kafka';
export const redisOptions = { transport: Transport.REDIS, options: { consumer: { retry: { retries: 3, factor: 0 } } } };`,
      findings: [],
    },
  ]);
});
