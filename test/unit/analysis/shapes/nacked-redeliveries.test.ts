// A consumer that nacks a failed message with requeue on hands it back to the broker, which delivers it again at
// once: with nothing counting the deliveries, a lasting failure takes the same message round forever, no wait
// between. Anything that may count them (a test of a count, the broker's redelivery marks), a requeue flag out
// of sight, or a requeue turned off keeps it from being called endless; where a count is compared on the way,
// each redelivery it lets through still comes back at once, a retry with no wait.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: a consumed message nacked back to the broker', () => {
  runLibraryTable([], [
    {
      title: 'amqplib: channel.nack(msg) in the consumer\'s catch requeues by default, forever and at once',
      code: `import type { Channel, ConsumeMessage } from 'amqplib';
import { handleWebhook } from './webhooks';
export function startWorker(channel: Channel) {
  channel.consume('webhooks', async (msg: ConsumeMessage | null) => {
    if (!msg) return;
    try {
      await handleWebhook(JSON.parse(msg.content.toString()));
      channel.ack(msg);
    } catch (error) {
      console.error('webhook failed', error);
      channel.nack(msg);
    }
  });
}`,
      findings: [[11, 'unbounded-retry']],
      messages: ['message requeue by `channel.nack(msg)` has no cap on attempts or elapsed time. While the dependency stays down it retries forever, adding load exactly when the dependency is weakest: a retry storm. Count attempts and give up after a named maximum, or stop at a deadline. It also retries at once, with no wait'],
    },
    {
      title: 'a requeue flag worked out from the failure (not from a count) still requeues; reject(msg, true) too',
      code: `export function listen(ch: any, work: (body: string) => Promise<void>) {
  ch.consume('jobs', (msg: any) => {
    work(msg.content.toString()).then(() => ch.ack(msg)).catch((error: Error) => {
      const shouldRequeue = !error.message.includes('not found');
      ch.nack(msg, false, shouldRequeue);
    });
  });
  ch.consume('other', (msg: any) => {
    work(msg.content.toString()).then(() => ch.ack(msg), () => ch.reject(msg, true));
  });
}`,
      findings: [[5, 'unbounded-retry'], [9, 'unbounded-retry']],
    },
    {
      title: 'amqp-ts: msg.nack() in a consumer handed to activateConsumer requeues (its reject() does not)',
      code: `import * as Amqp from 'amqp-ts';
export function consumeTransfers(queue: Amqp.Queue, transfer: (body: unknown) => Promise<boolean>) {
  queue.activateConsumer(async (msg) => {
    const done = await transfer(msg.getContent());
    if (!done) {
      msg.nack();
      return;
    }
    msg.ack();
  });
  queue.activateConsumer(async (msg) => {
    if (!(await transfer(msg.getContent()))) msg.reject();
    else msg.ack();
  });
}`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'a consumer method registered by name, waiting a fixed time before the nack, is unbounded with that fixed wait',
      code: `export class OrderConsumer {
  constructor(private channel: any) {}
  start() {
    this.channel.consume('orders', (msg: any) => this.onMessage(msg));
  }
  async onMessage(msg: any) {
    try {
      await this.process(msg);
      this.channel.ack(msg);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 5000));
      this.channel.nack(msg);
    }
  }
  async process(msg: any) { return msg; }
}`,
      findings: [[12, 'unbounded-retry']],
      messages: ['It also waits a fixed delay'],
    },
    {
      title: 'requeue off, or a flag out of sight, is silent',
      code: `export function workers(channel: any, handle: (m: any) => Promise<void>, requeue: boolean) {
  channel.consume('a', async (msg: any) => {
    try { await handle(msg); channel.ack(msg); } catch { channel.nack(msg, false, false); }
  });
  channel.consume('b', async (msg: any) => {
    try { await handle(msg); channel.ack(msg); } catch { channel.nack(msg, false, requeue); }
  });
}`,
      findings: [],
    },
    {
      title: 'a count compared on the way keeps it from being endless, but each redelivery it lets through comes back at once',
      code: `export function worker(channel: any, handle: (m: any) => Promise<void>) {
  const attempts = new Map<string, number>();
  channel.consume('c', async (msg: any) => {
    const id = msg.properties.messageId;
    try { await handle(msg); channel.ack(msg); } catch {
      const seen = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, seen);
      if (seen < 5) channel.nack(msg);
      else channel.nack(msg, false, false);
    }
  });
}`,
      findings: [[8, 'retry-without-jitter']],
      messages: ['This message requeue by `channel.nack(msg)` retries immediately, with no wait between attempts.'],
    },
    {
      title: 'look-alike: a test on the way that reads a count word but compares nothing (the `>` of an arrow is no comparison) stays silent',
      code: `export function worker(channel: any, handle: (m: any) => Promise<void>) {
  channel.consume('d', async (msg: any) => {
    try { await handle(msg); channel.ack(msg); } catch (error: any) {
      if (error.causes.some((cause: any) => cause.retryable)) channel.nack(msg);
      else channel.nack(msg, false, false);
    }
  });
}`,
      findings: [],
    },
    {
      title: 'a file that reads the broker\'s redelivery marks may count the deliveries: silent',
      code: `export function worker(channel: any, handle: (m: any) => Promise<void>) {
  channel.consume('jobs', async (msg: any) => {
    try { await handle(msg); channel.ack(msg); } catch {
      if (msg.fields.redelivered) channel.nack(msg, false, false);
      else channel.nack(msg);
    }
  });
}`,
      findings: [],
    },
    {
      title: 'a nack outside any consumer (a message handed to a function no consume call registers) is silent',
      code: `export function makeSettle(channel: any) {
  return function settle(msg: any, ok: boolean) {
    if (ok) channel.ack(msg);
    else channel.nack(msg);
  };
}
export function startWorker(channel: any) {
  channel.consume('jobs', (msg: any) => channel.ack(msg));
}`,
      findings: [],
    },
  ]);
});
