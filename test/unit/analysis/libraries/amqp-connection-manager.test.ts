// amqp-connection-manager: reconnects after every failed connect and lost connection, `reconnectTimeInSeconds`
// (by default the 5 s heartbeat) apart, with no limit until the app closes it. The default is reported as
// unbounded with a fixed wait.
import { amqpConnectionManager } from '../../../../src/analysis/libraries/amqp-connection-manager';
import { runLibraryTable } from './library-table';

describe('libraries: amqp-connection-manager', () => {
  runLibraryTable([amqpConnectionManager], [
    {
      title: 'the default reconnects forever, a fixed 5 s apart',
      code: `import amqp from 'amqp-connection-manager';
export const connection = amqp.connect(['amqp://broker.example.com']);`,
      findings: [[2, 'unbounded-retry']],
      messages: ['amqp-connection-manager waits the same 5 s before every reconnect'],
    },
    {
      title: 'a reconnectTimeInSeconds set is still a fixed wait, without limit (required, named export)',
      code: `const { connect } = require('amqp-connection-manager');
const connection = connect(process.env.AMQP_URL, { reconnectTimeInSeconds: 10 });`,
      fileName: 'case.js',
      findings: [[2, 'unbounded-retry']],
      messages: ['the same 10 s'],
    },
    {
      title: 'the heartbeat interval sizes the wait when no reconnect time is given (new AmqpConnectionManager)',
      code: `import { AmqpConnectionManager } from 'amqp-connection-manager';
export const connection = new AmqpConnectionManager(['amqp://broker'], { heartbeatIntervalInSeconds: 15 });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['the same 15 s'],
    },
    {
      title: 'a manager the file closes when a connect fails is stopped by the app',
      code: `import amqp from 'amqp-connection-manager';
export const connection = amqp.connect(['amqp://broker.example.com']);
connection.on('connectFailed', () => connection.close());`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import amqp from 'amqp-connection-manager';
export const open = (urls: string[], options) => amqp.connect(urls, options);`,
      findings: [],
    },
    {
      title: "amqplib's own connect (one attempt) is not the manager's",
      code: `import amqp from 'amqplib';
export const connection = await amqp.connect('amqp://broker.example.com');`,
      findings: [],
    },
    {
      title: 'a class method named `connect` that calls the imported one is the class\'s own: only the library call is reported',
      code: `import { connect } from 'amqp-connection-manager';
export class Broker {
  async onModuleInit() { await this.connect(); }
  private async connect() { this.connection = connect([this.url], { reconnectTimeInSeconds: 2 }); }
}`,
      findings: [[4, 'unbounded-retry']],
    },
  ]);
});
