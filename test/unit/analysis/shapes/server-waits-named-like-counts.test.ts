// A way round through helpers (`handleErrors` → `handleRateLimit` → `handleErrors`) whose helper keeps the server's wait
// in a local named like a count (`const retry = headers.get('Retry-After')`): that local is a wait, not a count another
// function may compare, so it caps nothing; the way round has no cap. Look-alike: a count of attempts read the same way
// (`const retry = error.state.retries`) and compared may be a cap kept out of sight: only its fixed wait is reported.
import { runLibraryTable } from '../libraries/library-table';

/** Errors handled by waiting and calling `handleErrors` again; `read` sizes the wait and `test` reads it. */
function errorHandlers(read: string, test: string): string {
  return `import { setTimeout as sleep } from 'node:timers/promises';
async function handleRateLimit(error: any, request: () => Promise<unknown>) {
  ${read}
  const timeout = ${test} ? Number(retry) * 1000 : 300_000;
  await sleep(timeout);
  return handleErrors(request);
}
export async function handleErrors(request: () => Promise<unknown>): Promise<unknown> {
  try {
    return await request();
  } catch (error: any) {
    if (error.status === 429) return handleRateLimit(error, request);
    throw error;
  }
}`;
}

describe('shapes: a server\'s wait kept in a local named like a count', () => {
  runLibraryTable([], [
    {
      title: 'the Retry-After value in `retry`, tested, caps nothing: the way round through the helper is unbounded',
      code: errorHandlers(`const retry = error.headers.get('Retry-After') || error.headers.get('RateLimit-Reset');`, 'retry'),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a count of retries read off state and tested may be a cap out of sight: no cap finding, only the fixed wait',
      code: errorHandlers(`const retry = error.state.retries;`, 'retry'),
      findings: [[5, 'retry-without-jitter']],
    },
  ]);
});
