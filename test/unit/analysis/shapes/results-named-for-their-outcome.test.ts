// A boolean result named for how the attempt went (`isSucceeded`, `wasSuccessful`, `hasFailed`) says which branch
// is the failed attempt's, as `ok` and `failed` do: the loop that goes round on it is a retry.
import { runLibraryTable } from '../libraries/library-table';

const chargeLoop = (result: string, test: string) => `const delay = (ms: number) => new Promise((res) => setTimeout(res, ms));
const MAX_RETRY = 3;
export async function chargeWithRetry(body: unknown, charge: (b: unknown) => Promise<boolean>) {
  let retryCount = 0;
  while (retryCount <= MAX_RETRY) {
    await delay(1000 * Math.pow(retryCount, 2));
    const ${result} = await charge(body);
    if (${test}) {
      retryCount++;
    } else {
      return body;
    }
  }
  throw new Error('declined');
}`;

/** A recursion that loads orders again, after a doubling wait, in the branch where `guard(result)` does not hold. */
const loadOrders = (guard: string) => `export function useOrders(api) {
  const attemptFetch = async (attempt) => {
    const result = await api.fetchOrders(attempt > 0);
    if (${guard}(result)) {
      return result.data;
    } else {
      if (attempt < 3) {
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000 * 2 ** attempt, 10000)));
        return attemptFetch(attempt + 1);
      }
    }
  };
  return attemptFetch(0);
}`;

describe('shapes: results named for their outcome', () => {
  runLibraryTable([], [
    { title: 'isSucceeded === false is the failed branch: a capped retry with a fixed, squared wait', code: chargeLoop('isSucceeded', 'isSucceeded === false'), findings: [[5, 'retry-without-jitter']] },
    { title: '!wasSuccessful likewise', code: chargeLoop('wasSuccessful', '!wasSuccessful'), findings: [[5, 'retry-without-jitter']] },
    { title: 'hasFailed likewise', code: chargeLoop('hasFailed', 'hasFailed'), findings: [[5, 'retry-without-jitter']] },
    { title: 'a result named for something else (isCached) says nothing of how the attempt went: silent', code: chargeLoop('isCached', 'isCached'), findings: [] },
    {
      title: 'the other branch of a type guard named for a well-formed answer (isStrictApiResponse) is the failed one: a capped retry without jitter',
      code: loadOrders('isStrictApiResponse'),
      findings: [[9, 'retry-without-jitter']],
    },
    { title: 'a guard named for an error answer (isErrorResponse) is not one: silent', code: loadOrders('isErrorResponse'), findings: [] },
    { title: 'nor one named for a state still to come (isPendingResult): silent', code: loadOrders('isPendingResult'), findings: [] },
  ]);
});
