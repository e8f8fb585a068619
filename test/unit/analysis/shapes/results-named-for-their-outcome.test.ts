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

describe('shapes: results named for their outcome', () => {
  runLibraryTable([], [
    { title: 'isSucceeded === false is the failed branch: a capped retry with a fixed, squared wait', code: chargeLoop('isSucceeded', 'isSucceeded === false'), findings: [[5, 'retry-without-jitter']] },
    { title: '!wasSuccessful likewise', code: chargeLoop('wasSuccessful', '!wasSuccessful'), findings: [[5, 'retry-without-jitter']] },
    { title: 'hasFailed likewise', code: chargeLoop('hasFailed', 'hasFailed'), findings: [[5, 'retry-without-jitter']] },
    { title: 'a result named for something else (isCached) says nothing of how the attempt went: silent', code: chargeLoop('isCached', 'isCached'), findings: [] },
  ]);
});
