// Polls of a job's state seen in real code: a loop that waits, asks, throws what the answer reports as an
// error and leaves once the job is done (`if (done && url) return url`), and a function that asks again
// while the job's state is not final, after the answer itself was found to be ok (`if (res.ok) { if
// (body.status === 'success') … else again() }`). Neither goes round after a failure; their look-alikes do.
import { runLibraryTable } from '../libraries/library-table';

/** A loop that asks `loadRender()` each round after a wait; `leave` is its way out. */
function stateLoop(leave: string): string {
  return `export async function waitForRender(loadRender: () => Promise<{ completed: boolean; ready: boolean; ok: boolean; url?: string; error?: string }>, maxAttempts = 100) {
  for (let i = 0; i < maxAttempts; i++) {
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const { completed, ready, ok, url, error } = await loadRender();
    if (error) throw new Error(error);
    ${leave}
  }
  throw new Error('gave up');
}`;
}

/** A function that asks for a job's state and calls itself on `again`; `outer` tests the answer first. */
function stateRecursion(outer: string): string {
  return `const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function renderResult(jobId: string): Promise<string> {
  const response = await fetch(\`/api/render/\${jobId}\`);
  if (${outer}) {
    const body = await response.json();
    if (body.status === 'success') {
      return body.url;
    } else {
      await wait(1000);
      return renderResult(jobId);
    }
  }
  throw new Error('render status unavailable');
}`;
}

describe('shapes: polls of a job state', () => {
  runLibraryTable([], [
    {
      title: 'a loop that throws the error its answer reports and leaves once the job is completed is a poll: silent',
      code: stateLoop('if (completed && url) return url;'),
      findings: [],
    },
    {
      title: 'the same loop leaving once the job is ready is a poll too: silent',
      code: stateLoop('if (ready) return url;'),
      findings: [],
    },
    {
      title: 'the same loop leaving as soon as the call works (`if (ok)`) goes round after a failed answer: its fixed wait is reported',
      code: stateLoop('if (ok) return url;'),
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'a function that asks again while the state of an answer found ok is not `success` is a poll: silent',
      code: stateRecursion('response.ok'),
      findings: [],
    },
    {
      title: 'the same function with no test of the answer first asks again after a failed answer too: an unbounded retry',
      code: stateRecursion('true'),
      findings: [[10, 'unbounded-retry']],
    },
  ]);
});
