// A failed job handed back to its queue after a wait, its attempt count raised (src/analysis/requeues.ts):
// its wait is judged, its cap is not (the consumer that takes the job may stop it, out of sight).
import { runLibraryTable } from '../libraries/library-table';

/** A worker that delivers a job and, when that fails, `onFailure` runs in the catch. */
function worker(onFailure: string): string {
  return `export async function handle(job) {
  try {
    await deliver(job);
  } catch (err) {
    log.warn('delivery failed', err);
    ${onFailure}
  }
}`;
}

describe('shapes: failed jobs handed back to their queue', () => {
  runLibraryTable([], [
    {
      title: 'a job re-enqueued after an exponential wait without jitter, its attempt count raised: reported for jitter, at the timer',
      code: worker(`if (job.attempt < 5) {
      setTimeout(() => enqueueJob({ ...job, attempt: job.attempt + 1 }), 2 ** job.attempt * 1000);
    }`),
      findings: [[7, 'retry-without-jitter']],
      messages: ['re-enqueue of the failed job through `enqueueJob()`'],
    },
    {
      title: 'the count raised through a local (`const next = job.retries + 1`), after a fixed wait: reported',
      code: worker(`const next = job.retries + 1;
    setTimeout(() => queue.push({ ...job, retries: next }), 5000);`),
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'the count kept in a local named for it (read back from the store), after a linear wait: reported',
      code: worker(`const { attempts: newAttempts } = await store.markFailed(job.id);
    setTimeout(() => enqueueJob({ ...job, attempts: newAttempts }), 5000 * newAttempts);`),
      findings: [[7, 'retry-without-jitter']],
      messages: ['re-enqueue of the failed job through `enqueueJob()`'],
    },
    {
      title: 'a field that is not a count (`{ ...job, status: nextStatus }`) is not the job sent round again: silent',
      code: worker("setTimeout(() => enqueueJob({ ...job, status: nextStatus }), 5000);"),
      findings: [],
    },
    {
      title: 'a jittered wait before the re-enqueue is silent',
      code: worker('setTimeout(() => enqueueJob({ ...job, attempt: job.attempt + 1 }), Math.random() * 2 ** job.attempt * 1000);'),
      findings: [],
    },
    {
      title: 'a job re-enqueued at once leaves the wait to the queue: silent, and never reported as unbounded',
      code: worker('await enqueueJob({ ...job, attempt: job.attempt + 1 });'),
      findings: [],
    },
    {
      title: 'a re-enqueue inside a function that also calls itself from the same catch belongs to that recursion: one finding, the recursion\'s',
      code: `export async function handle(job) {
  try {
    await deliver(job);
  } catch (err) {
    setTimeout(() => {
      enqueueJob({ ...job, attempt: job.attempt + 1 });
      handle(job);
    }, 1000);
  }
}`,
      findings: [[7, 'unbounded-retry']],
      messages: ['recursive retry of `handle()`'],
    },
    {
      title: 'a new job built from parts (no spread of the failed one) is not the job again: silent',
      code: worker("setTimeout(() => enqueueJob({ type: 'alert', attempt: 1 }), 5000);"),
      findings: [],
    },
  ]);
});
