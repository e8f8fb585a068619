// A worker's or consumer's loop that reads until told to stop takes new work each time round: no retry while the
// reads work. When the read fails into a catch that only logs, though, the same read goes out again at once, with
// nothing that stops it: while the broker is down the loop hammers it (a blind labeller's unbounded retry without a
// wait). A catch that waits, leaves or decides anything, a failure of one item's handling, or anything awaited on the
// way round outside the try, is not that shape: silent (precision first).
import { runLibraryTable } from '../libraries/library-table';

/** A Redis-stream consumer whose try holds the read; `handler` is its catch's body, `after` runs after the try. */
function streamConsumer(handler: string, after = ''): string {
  return `export function consume(redis, stream, onEntry) {
  let stopped = false;
  (async () => {
    while (!stopped) {
      try {
        const batch = await redis.xreadgroup('GROUP', 'workers', 'w1', 'BLOCK', 5000, 'STREAMS', stream, '>');
        if (!batch) continue;
        for (const entry of batch) await onEntry(entry);
      } catch (error) {
        ${handler}
      }
      ${after}
    }
  })();
  return () => { stopped = true; };
}`;
}

describe('shapes: read loops that spin on a failed read', () => {
  runLibraryTable([], [
    {
      title: 'a consumer loop whose failed read is only logged reads again at once, for ever: reported at the loop',
      code: streamConsumer("logger.error('stream read failed', { stream, error: String(error?.message || error) });"),
      findings: [[4, 'unbounded-retry']],
      messages: ['`while (!stopped)` read loop has no cap'],
    },
    {
      title: 'the same loop pausing in its catch: a consumer that backs off, silent',
      code: streamConsumer("logger.error('stream read failed', error);\n        await sleep(1000);"),
      findings: [],
    },
    {
      title: 'the same loop awaiting something after the try (it may wait): silent',
      code: streamConsumer("logger.error('stream read failed', error);", 'await metrics.flush();'),
      findings: [],
    },
    {
      title: 'a catch that decides (an if) may leave or wait: silent',
      code: streamConsumer("if (error.message.includes('NOGROUP')) stopped = true;"),
      findings: [],
    },
    {
      title: 'a `for (;;)` worker popping jobs, its catch only printing: reported',
      code: `export async function work(queue) {
  for (;;) {
    try {
      const job = await queue.pop();
      if (job) await job.run();
    } catch (problem) {
      console.log(problem);
    }
  }
}`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: "a catch around one job's handling (the read outside the try) moves on to the next job: silent",
      code: `export async function work(queue) {
  for (;;) {
    const job = await queue.pop();
    try {
      await job.run();
    } catch (problem) {
      console.log(problem);
    }
  }
}`,
      findings: [],
    },
    {
      title: 'a read loop counted against a cap is not a loop that runs until told to stop: not this shape',
      code: `export async function drain(queue) {
  for (let round = 0; round < 100; round++) {
    try {
      const job = await queue.pop();
      if (!job) return;
      await job.run();
    } catch (problem) {
      console.log(problem);
    }
  }
}`,
      findings: [],
    },
  ]);
});
