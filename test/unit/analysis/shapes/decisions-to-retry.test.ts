// A loop that goes round on a decision named for retrying (`needsRetry`, `shouldRetry`), set `true` in the loop when
// the answer is one to retry, is a retry loop: `do { … if (retryStatuses.has(res.status)) needsRetry = true … }
// while (needsRetry && retry <= max)`. A flag of another name, or one the loop never sets, decides nothing.
import { runLibraryTable } from '../libraries/library-table';

const dispatch = (flag: string) => `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function dispatch(request: Request, retryStatuses: Set<number>, maxRetries: number): Promise<Response> {
  let retry = 0;
  let timeout = 500;
  let response: Response;
  let ${flag} = false;
  do {
    response = await fetch(request.clone());
    if (retryStatuses.has(response.status)) {
      ${flag} = true;
      retry += 1;
      if (retry <= maxRetries) {
        await sleep(timeout);
        timeout = timeout * 2;
      }
    } else {
      ${flag} = false;
    }
  } while (${flag} && retry <= maxRetries);
  return response;
}`;

describe('shapes: a loop that goes round on a decision to retry', () => {
  runLibraryTable([], [
    {
      title: 'do … while (needsRetry && retry <= max), the decision set true on a status to retry: a retry, growing without jitter',
      code: dispatch('needsRetry'),
      findings: [[7, 'retry-without-jitter']],
      messages: ['`do … while (needsRetry && retry <= …` retry loop backs off without jitter'],
    },
    {
      title: 'look-alike: the same loop on a flag not named for retrying decides nothing here',
      code: dispatch('busy'),
      findings: [],
    },
  ]);
});
