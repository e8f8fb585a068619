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
  ]);
});
