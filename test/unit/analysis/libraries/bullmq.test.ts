// Bull and BullMQ: one attempt by default; with `attempts` and no `backoff` a failed job runs again at
// once; the built-in backoffs add no jitter unless BullMQ's `backoff.jitter` is set.
import { bullmq } from '../../../../src/analysis/libraries/bullmq';
import { runLibraryTable } from './library-table';

describe('libraries: bullmq', () => {
  runLibraryTable([bullmq], [
    {
      title: 'the default (one attempt) is no retry: silent',
      code: `import { Queue } from 'bullmq';
const emails = new Queue('emails');
export const queueWelcome = (userId: string) => emails.add('welcome', { userId });`,
      findings: [],
    },
    {
      title: 'attempts without backoff runs a failed job again at once',
      code: `import { Queue } from 'bullmq';
const emails = new Queue('emails');
export const queueWelcome = (userId: string) => emails.add('welcome', { userId }, { attempts: 5 });`,
      findings: [[3, 'retry-without-jitter']],
      messages: ['without `backoff` a failed job runs again at once'],
    },
    {
      title: 'the built-in exponential backoff adds no jitter unless jitter is set',
      code: `import { Queue } from 'bullmq';
const emails = new Queue('emails');
export const queueWelcome = (userId: string) => emails.add('welcome', { userId }, {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
});`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['`exponential`'],
    },
    {
      title: 'backoff with jitter is silent',
      code: `import { Queue } from 'bullmq';
const emails = new Queue('emails');
export const queueWelcome = (userId: string) => emails.add('welcome', { userId }, {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
});`,
      findings: [],
    },
    {
      title: 'attempts: Infinity never gives up on a job',
      code: `import { Queue } from 'bullmq';
export const webhooks = new Queue('webhooks', {
  defaultJobOptions: { attempts: Infinity, backoff: { type: 'exponential', delay: 2000, jitter: 0.3 } },
});`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'default job options kept in a const for another file are read',
      code: `export const queueOptions = {
  connection: { host: 'redis' },
  defaultJobOptions: { attempts: 3, backoff: { type: 'fixed', delay: 5000 } },
};`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'attempts read from the environment with a fallback count as that fallback; one that falls back to a single attempt is silent',
      code: `import { JobsOptions } from 'bullmq';
export const jobDefaults = {
  attempts: process.env.JOB_MAX_ATTEMPTS || 5,
  backoff: { type: 'fixed', delay: 60_000 },
} as unknown as JobsOptions;
export const onceDefaults = {
  attempts: Number(process.env.ONCE_ATTEMPTS) || 1,
  backoff: { type: 'fixed', delay: 60_000 },
} as unknown as JobsOptions;`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'Bull (the older package) reads the same job options',
      code: `import Queue from 'bull';
const reports = new Queue('reports', process.env.REDIS_URL);
export const queueReport = (id: string) => reports.add({ id }, { attempts: 3, backoff: 10000 });`,
      findings: [[3, 'retry-without-jitter']],
      messages: ['a numeric `backoff` is a fixed delay'],
    },
    {
      title: 'job options spread from elsewhere may carry the backoff: silent',
      code: `import { Queue } from 'bullmq';
import { jobDefaults } from './queue-config';
const emails = new Queue('emails');
export const queueWelcome = (userId: string) => emails.add('welcome', { userId }, { ...jobDefaults, attempts: 4 });`,
      findings: [],
    },
    {
      title: 'a queue made in another file: `…Queue.add` with attempts and a numeric backoff is a fixed wait (the file names a backoff)',
      code: `import { webhookQueue } from '../config/queue';
export async function notify(transactionId: string) {
  await webhookQueue.add('send-webhook', { transactionId }, { attempts: 3, backoff: 1000 });
}`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'job options kept in a constant, named by their built-in backoff type, are read where they are written',
      code: `export const SYNC_JOB_OPTIONS: JobOptions = {
  attempts: 12,
  backoff: { delay: 60_000, type: 'exponential' },
  removeOnComplete: true,
};`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'such a constant with a jittered backoff is silent',
      code: `export const SYNC_JOB_OPTIONS = { attempts: 12, backoff: { type: 'exponential', delay: 60_000, jitter: 0.5 } };`,
      findings: [],
    },
    {
      title: 'job options with a built-in backoff type written in a call of a wrapper around the queue are read there',
      code: `export async function queueStatusCheck(queueManager, payment) {
  await queueManager.addJob('bill-payments', 'status', { id: payment.id }, {
    attempts: 10,
    backoff: { type: 'exponential', delay: 5000 },
  });
}`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'the same call with a jittered backoff is silent',
      code: `export const queued = (jobs) => jobs.enqueue('sync', {}, { attempts: 10, backoff: { type: 'fixed', delay: 5000, jitter: 0.3 } });`,
      findings: [],
    },
    {
      title: 'a Worker takes no job options: attempts and a built-in backoff given to `new Worker` are ignored by BullMQ, silent',
      code: `import { Worker } from 'bullmq';
export const worker = new Worker('notify', notify, { connection, concurrency: 10, attempts: 3, backoff: { type: 'exponential', delay: 5000 } });`,
      findings: [],
    },
    {
      title: 'a call with attempts and a backoff of a type of its own is not Bull\'s job options',
      code: `export const sent = (client) => client.send('sync', { attempts: 5, backoff: { type: 'decorrelated', base: 100 } });`,
      findings: [],
    },
    {
      title: 'a constant with attempts and a backoff of a type of its own is not Bull\'s job options',
      code: `export const RETRY = { attempts: 5, backoff: { type: 'decorrelated', base: 100 } };`,
      findings: [],
    },
    ...([['Math.max(Math.min(Math.exp(times), 20000), 1000)', [[5, 'unbounded-retry']]], ['times > 10 ? null : Math.random() * Math.min(times * 200, 5000)', []]] as [string, [number, 'unbounded-retry'][]][]).map(([strategy, findings]) => ({
      title: findings.length > 0
        ? 'a Worker\'s `connection` is ioredis\'s options: a retryStrategy there that always returns a delay reconnects forever'
        : 'the same connection with a strategy that gives up and randomises is silent',
      code: `import { Worker } from 'bullmq';
export const worker = new Worker('email', sendEmail, {
  connection: {
    host: process.env.REDIS_HOST,
    retryStrategy(times) {
      return ${strategy};
    },
  },
});`,
      findings,
    })),
    ...([
      ['(attemptsMade) => Math.min(1000 * Math.pow(2, attemptsMade), 60000)', [[5, 'retry-without-jitter']]],
      ['(attemptsMade) => Math.random() * Math.min(1000 * 2 ** attemptsMade, 60000)', []],
    ] as [string, [number, 'retry-without-jitter'][]][]).map(([strategy, findings]) => ({
      title: findings.length > 0
        ? 'a Worker\'s `settings.backoffStrategy` that grows without a random part sizes the retried jobs\' waits without jitter (their attempts are set where they are added)'
        : 'the same strategy with a random part is silent',
      code: `import { Worker } from 'bullmq';
new Worker('source-usage', aggregate, {
  connection,
  settings: {
    backoffStrategy: ${strategy},
  },
});`,
      findings,
    })),
    {
      title: 'an add call with attempts on an object not named for a queue, without Bull imported, is not read',
      code: `export function track(stats, name: string) {
  stats.add(name, { attempts: 3 });
}`,
      findings: [],
    },
  ]);
});
