// amqp-ts: `new Connection(url, socketOptions, { retries, interval })` tries a failed connect again every
// `interval` (1.5 s by default), for ever when `retries` is 0, its default.
import { amqpTs } from '../../../../src/analysis/libraries/amqp-ts';
import { runLibraryTable } from './library-table';

describe('libraries: amqp-ts', () => {
  runLibraryTable([amqpTs], [
    {
      title: 'the default strategy tries for ever, 1.5 s apart each time',
      code: `import { Connection } from 'amqp-ts';
export const connection = new Connection('amqp://broker.example.com');`,
      findings: [[2, 'unbounded-retry']],
      messages: ['amqp-ts waits the same 1500 ms before every connect attempt'],
    },
    {
      title: 'retries: 0 is for ever too (the fork, required)',
      code: `const { Connection } = require('@droidsolutions-oss/amqp-ts');
module.exports = new Connection(process.env.AMQP_URL, {}, { retries: 0, interval: 3000 });`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
      messages: ['the same 3000 ms'],
    },
    {
      title: 'a finite retries is a cap; its fixed interval has no jitter (namespace import)',
      code: `import * as Amqp from 'amqp-ts';
export const connection = new Amqp.Connection('amqp://broker', {}, { interval: 3000, retries: 50 });`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['the same 3000 ms'],
    },
    {
      title: 'a strategy out of sight says nothing',
      code: `import { Connection } from 'amqp-ts';
export const open = (url: string, strategy) => new Connection(url, {}, strategy);`,
      findings: [],
    },
    {
      title: 'a retries count out of sight says nothing',
      code: `import { Connection } from 'amqp-ts';
export const open = (url: string, retries: number) => new Connection(url, {}, { retries, interval: 1000 });`,
      findings: [],
    },
    {
      title: "another library's Connection is not amqp-ts's",
      code: `import { Connection } from 'typeorm';
export const connection = new Connection({ type: 'postgres' });`,
      findings: [],
    },
  ]);
});
