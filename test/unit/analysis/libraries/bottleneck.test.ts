// Bottleneck retries nothing by default: a job is retried only when the `failed` handler returns a delay.
import { bottleneck } from '../../../../src/analysis/libraries/bottleneck';
import { runLibraryTable } from './library-table';

describe('libraries: bottleneck', () => {
  runLibraryTable([bottleneck], [
    {
      title: 'the default (a failed handler that only logs) retries nothing: silent',
      code: `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 2, minTime: 200 });
limiter.on('failed', (error, jobInfo) => {
  console.warn('job failed', jobInfo.options.id, error);
});
export const sendMail = limiter.wrap(mailer.send);`,
      findings: [],
    },
    {
      title: 'a handler that always returns a delay retries without end',
      code: `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 2 });
limiter.on('failed', async (error, jobInfo) => {
  return 1000 * 2 ** jobInfo.retryCount;
});`,
      findings: [[3, 'unbounded-retry']],
      messages: ['`failed`'],
    },
    {
      title: 'a handler capped on retryCount with a random delay is silent',
      code: `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 2 });
limiter.on('failed', async (error, jobInfo) => {
  if (jobInfo.retryCount >= 4) return undefined;
  return Math.random() * 1000 * 2 ** jobInfo.retryCount;
});`,
      findings: [],
    },
    {
      title: 'a capped handler with a fixed delay has no jitter',
      code: `import Bottleneck from 'bottleneck';
const limiter = new Bottleneck({ maxConcurrent: 2 });
limiter.on('failed', async (error, jobInfo) => {
  if (jobInfo.retryCount < 3) return 500;
});`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'a handler imported from elsewhere is out of sight: silent',
      code: `import Bottleneck from 'bottleneck';
import { onJobFailed } from './retry-policy';
const limiter = new Bottleneck({ maxConcurrent: 2 });
limiter.on('failed', onJobFailed);`,
      findings: [],
    },
    {
      title: 'a failed event of something else in a file without Bottleneck is not read',
      code: `import { EventEmitter } from 'node:events';
const jobs = new EventEmitter();
jobs.on('failed', () => 1000);`,
      findings: [],
    },
  ]);
});
