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
      title: 'the job itself handed back, its count raised on it first (`job.retries += 1`), after a doubling wait: reported',
      code: worker(`job.retries += 1;
    if (job.retries <= 3) setTimeout(() => enqueueJob(job), 2 ** job.retries * 1000);`),
      findings: [[7, 'retry-without-jitter']],
      messages: ['re-enqueue of the failed job through `enqueueJob()`'],
    },
    {
      title: 'look-alike: a count raised on an object that is not the one handed on after the wait: silent',
      code: worker(`job.retries += 1;
    setTimeout(() => notify(alert), 5000);
    report.attempts++;
    setTimeout(() => archive(job.id), 5000);`),
      findings: [],
    },
    {
      title: 'a new job built from parts (no spread of the failed one) is not the job again: silent',
      code: worker("setTimeout(() => enqueueJob({ type: 'alert', attempt: 1 }), 5000);"),
      findings: [],
    },
  ]);
});

/** A delivery whose failure is stored with the time of its next attempt: `record` is the update's data. */
function storedFailure(record: string, inCatch = true): string {
  const update = `await db.delivery.update({ where: { id: delivery.id }, data: ${record} });`;
  return inCatch ? `export async function deliver(delivery) {
  try {
    await post(delivery);
  } catch (err) {
    ${update}
  }
}` : `export async function markFailed(delivery) {
  ${update}
}`;
}

describe('shapes: a failed record stored with the time of its next attempt', () => {
  runLibraryTable([], [
    {
      title: 'attempts raised and nextRetryAt = now + a doubling delay: the retry backs off without jitter',
      code: storedFailure('{ attempts: delivery.attempts + 1, nextRetryAt: new Date(Date.now() + 2 ** delivery.attempts * 60_000) }'),
      findings: [[5, 'retry-without-jitter']],
      messages: ['retry scheduled through `nextRetryAt` backs off without jitter'],
    },
    {
      title: 'the same record set field by field in a catch (`job.nextRetryAt = new Date(Date.now() + DELAYS[i])`), from a fixed table: reported',
      code: `const RETRY_DELAYS = [1000, 5000, 30000];
export async function processJob(job, queue) {
  try {
    await deliver(job);
  } catch (error) {
    job.lastError = String(error);
    job.nextRetryAt = new Date(Date.now() + RETRY_DELAYS[Math.min(job.attempts - 1, RETRY_DELAYS.length - 1)]);
    queue.push(job);
  }
}`,
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'the same field set outside a catch (a reminder scheduled after a success) is no retry: silent',
      code: `export async function remind(user) {
  await send(user);
  user.nextRetryAt = new Date(Date.now() + 24 * 3600 * 1000);
}`,
      findings: [],
    },
    {
      title: 'a snake_case field, its time computed first and kept as an ISO string, outside a catch but with the error stored: reported',
      code: `const RETRY_DELAY_MS = 5 * 60_000;
export async function markFailed(job, message) {
  const nextAttempt = new Date(Date.now() + RETRY_DELAY_MS).toISOString();
  logger.warn({ jobId: job.id, attempts: job.attempts, nextAttempt }, 'job failed');
  await supabase.from('jobs').update({ status: 'failed', last_error: message, next_attempt_at: nextAttempt }).eq('id', job.id);
}`,
      findings: [[5, 'retry-without-jitter']],
      messages: ['`next_attempt_at` waits a fixed delay'],
    },
    {
      title: 'a time cleared on the last attempt (`done ? null : nextRetryAt`) is still the next attempt\'s',
      code: storedFailure('{ attempts, nextRetryAt: attempts >= 5 ? null : new Date(Date.now() + 30_000) }'),
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a delay with a random part is jittered: silent',
      code: storedFailure('{ attempts: delivery.attempts + 1, nextRetryAt: new Date(Date.now() + Math.random() * 2 ** delivery.attempts * 60_000) }'),
      findings: [],
    },
    {
      title: 'a delay computed out of sight may be jittered: silent',
      code: storedFailure('{ attempts: delivery.attempts + 1, nextRetryAt: new Date(Date.now() + backoffFor(delivery.attempts)) }'),
      findings: [],
    },
    {
      title: 'a retry time kept with nothing that says the record failed, outside a catch (an OTP resend cooldown) is not a retry: silent',
      code: storedFailure('{ phone: user.phone, otpRetryAt: new Date(Date.now() + 60_000) }', false),
      findings: [],
    },
    {
      title: 'a next-run time of a schedule is not a retry: silent',
      code: storedFailure('{ attempts: 0, nextRunAt: new Date(Date.now() + 60_000) }'),
      findings: [],
    },
  ]);
});

/** A webhook delivery whose try POSTs `body` with `headers`; its catch hands the job back or stores its next attempt. */
function delivery(body: string, headers: string, onFailure: string): string {
  return `import axios from 'axios';
export async function handle(job) {
  try {
    await axios.post(job.url, ${body}, { headers: ${headers} });
  } catch (err) {
    ${onFailure}
  }
}`;
}

const requeueAfterFixedWait = 'setTimeout(() => enqueueJob({ ...job, attempt: job.attempt + 1 }), 5000);';
/** The catch stores the next attempt a fixed five minutes on through SQL, with `placeholder` for its value. */
const sqlNextAttempt = (placeholder: string) =>
  `await db.query('UPDATE jobs SET attempt = attempt + 1, next_attempt_at = ${placeholder} WHERE id = ${placeholder === '?' ? '?' : '$2'}', [new Date(Date.now() + 5 * 60 * 1000), job.id]);`;
const nextAttemptStored = 'await db.job.update({ where: { id: job.id }, data: { attempts: job.attempts + 1, nextRetryAt: new Date(Date.now() + 60_000) } });';

/** An Agenda job's failure handler that sets its next run `raise` later in each branch; `count` is what it does to the retry count. */
function agendaFailure(raise: [string, string], count: string, event = "'fail:' + JOB_NAME"): string {
  return `const JOB_NAME = 'fireWebhooks';
export default function addWebhooksJob(agenda) {
  agenda.define(JOB_NAME, fireWebhooks);
  agenda.on(${event}, async (error, job) => {
    const retryCount = job.attrs.data.retryCount;
    let nextRunAt = Date.now();
    if (retryCount === 0) {
      nextRunAt += ${raise[0]};
    } else if (retryCount === 1) {
      nextRunAt += ${raise[1]};
    } else {
      return;
    }
    ${count}
    job.attrs.nextRunAt = new Date(nextRunAt);
    await job.save();
  });
}`;
}

describe('shapes: a job run again from the handler of its failure', () => {
  runLibraryTable([], [
    {
      title: 'an Agenda fail handler that raises the retry count and sets the next run 30 s, then 5 min on: fixed waits',
      code: agendaFailure(['30000', '300000'], 'job.attrs.data.retryCount++;'),
      findings: [[15, 'retry-without-jitter']],
      messages: ['retry scheduled through `nextRunAt` waits a fixed delay'],
    },
    {
      title: 'the same with a random part in each raise: silent',
      code: agendaFailure(['30000 * Math.random()', '300000 * Math.random()'], 'job.attrs.data.retryCount++;'),
      findings: [],
    },
    {
      title: 'a next run set with no retry count raised (a schedule kept going after a failure) is no retry: silent',
      code: agendaFailure(['30000', '300000'], ''),
      findings: [],
    },
    {
      title: 'the same handler on a success event (`complete:` …) is no retry: silent',
      code: agendaFailure(['30000', '300000'], 'job.attrs.data.retryCount++;', "'complete:' + JOB_NAME"),
      findings: [],
    },
  ]);
});

describe('shapes: what a failed job does is done again when it comes back', () => {
  runLibraryTable([], [
    {
      title: 'the POST a re-enqueued job made is sent again: reported without a key, beside the fixed wait',
      code: delivery('job.payload', "{ 'Content-Type': 'application/json' }", requeueAfterFixedWait),
      findings: [[4, 'missing-idempotency-key'], [6, 'retry-without-jitter']],
    },
    {
      title: 'the POST of a delivery stored with its next attempt (a fixed minute on) is sent again too',
      code: delivery('job.payload', "{ 'Content-Type': 'application/json' }", nextAttemptStored),
      findings: [[4, 'missing-idempotency-key'], [6, 'retry-without-jitter']],
    },
    {
      title: 'the POST of a delivery whose next attempt is stored through SQL (`SET next_attempt_at = ?`) is sent again too',
      code: delivery('job.payload', "{ 'Content-Type': 'application/json' }", sqlNextAttempt('?')),
      findings: [[4, 'missing-idempotency-key'], [6, 'retry-without-jitter']],
      messages: ['`next_attempt_at`', '`next_attempt_at` waits a fixed delay'],
    },
    {
      title: 'the same with numbered placeholders (`$1`)',
      code: delivery('job.payload', "{ 'Content-Type': 'application/json' }", sqlNextAttempt('$1')),
      findings: [[4, 'missing-idempotency-key'], [6, 'retry-without-jitter']],
    },
    {
      title: 'an SQL statement that stores the time outside a catch (a reminder after a success) is no retry: silent',
      code: `export async function remind(db, user) {
  await send(user);
  await db.query('UPDATE users SET next_attempt_at = ? WHERE id = ?', [new Date(Date.now() + 86_400_000), user.id]);
}`,
      findings: [],
    },
    {
      title: 'a key made from the job\'s own id is the same on every delivery: only the wait is reported',
      code: delivery('job.payload', "{ 'Idempotency-Key': job.id }", requeueAfterFixedWait),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'a report of where a known thing stands (`{ callId: call.id, status }`) states the same again: only the wait is reported',
      code: delivery("{ callId: job.call.id, status: 'completed' }", '{}', requeueAfterFixedWait),
      findings: [[6, 'retry-without-jitter']],
    },
  ]);
});
