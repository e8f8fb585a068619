// Failed jobs filed again in a Redis delayed queue, a sorted set scored by the time each is due
// (`redis.zadd(DELAYED, Date.now() + delay, JSON.stringify({ ...task, attempt }))`), in a catch or a function named for
// retrying, the attempt count raised: the worker runs the job again when it is due. The cap is the worker's (out of
// sight); the wait is judged. A time stored as `Date.now() + delay` is judged by the delay added to the clock.
// Look-alikes: a job filed for later with no attempt raised (a scheduled send); a randomised wait; a delay the
// function is handed by its caller (worked out out of sight).
import { runLibraryTable } from '../libraries/library-table';

/** A queue whose `retry` files the failed task in the delayed set, due `delay` from now. */
function delayedQueue(delay: string, attempt = 'const attempt = (task.attempt ?? 0) + 1;'): string {
  return `import { redis } from './redis';
export class JobQueue {
  static async enqueueDelayed(task, delayMs) {
    const runAt = Date.now() + delayMs;
    await redis.zadd('jobs:delayed', runAt, JSON.stringify(task));
  }
  static async retry(task, errorMsg) {
    ${attempt}
    const updated = { ...task, attempt, lastError: errorMsg };
    const delay = ${delay};
    const runAt = Date.now() + delay;
    await redis.zadd('jobs:delayed', runAt, JSON.stringify(updated));
  }
}`;
}

describe('shapes: delayed sets and stored times', () => {
  runLibraryTable([], [
    {
      title: 'a failed task filed in the delayed set with its attempt raised and a doubling wait: reported for its jitter',
      code: delayedQueue('Math.min(60000, 1000 * Math.pow(2, attempt - 1))'),
      findings: [[12, 'retry-without-jitter']],
    },
    {
      title: 'the same with a randomised wait: silent',
      code: delayedQueue('Math.random() * Math.min(60000, 1000 * Math.pow(2, attempt - 1))'),
      findings: [],
    },
    {
      title: 'a task filed for later with no attempt raised is a scheduled job, not a retry: silent',
      code: delayedQueue('60000', 'const attempt = task.attempt;'),
      findings: [],
    },
    {
      title: 'a failed delivery stored with its next attempt as `Date.now() + delay` (no Date made): judged by the delay',
      code: `export async function deliver(db, hook) {
  try {
    await fetch(hook.url, { method: 'POST', body: hook.body, headers: { 'Idempotency-Key': hook.id } });
  } catch (error) {
    await db.hooks.update(hook.id, { attempts: hook.attempts + 1, lastError: String(error), nextRetryAt: Date.now() + 60000 * 2 ** hook.attempts });
  }
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same record stored with a delay the function is handed (its caller works it out, out of sight): silent',
      code: `export async function deliver(db, hook, delay) {
  try {
    await fetch(hook.url, { method: 'POST', body: hook.body, headers: { 'Idempotency-Key': hook.id } });
  } catch (error) {
    await db.hooks.update(hook.id, { attempts: hook.attempts + 1, lastError: String(error), nextRetryAt: Date.now() + delay });
  }
}`,
      findings: [],
    },
  ]);
});
