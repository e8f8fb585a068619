// Two ways a recursion's next round is decided where the analysis cannot count it. A decision to retry that an imported
// function answers (`const { shouldRetry, config } = await getRetryConfig(err); if (shouldRetry) return this._request(opts)`):
// it may say stop, and may wait before it answers: silent. And a call that hands itself an option named for
// retrying turned off (`create(deps, { ...args, retryOnTokenError: false })`): the next call is told not to retry, one
// retry. Look-alikes: the same recursion tested on a name no call answered, or handing the option on unchanged.
import { runLibraryTable } from '../libraries/library-table';

/** A request method that calls itself from its catch when `test` holds, after `decide`. */
function requestDecidedBy(decide: string, test: string): string {
  return `import { getRetryConfig } from './retry';
export class Client {
  async _request(opts: Options): Promise<Response> {
    try {
      return await this.send(opts);
    } catch (err) {
      ${decide}
      if (${test}) {
        return this._request(opts);
      }
      throw err;
    }
  }
}`;
}

/** A create that, on a token error, hands itself `retryOnTokenError` as `handed`. */
function createRetriedWith(handed: string): string {
  return `export async function createPayment(deps: Deps, { args, retryOnTokenError = true }: Options): Promise<Payment> {
  try {
    return await deps.client.create(args);
  } catch (err) {
    if (retryOnTokenError && isTokenError(err)) {
      await deps.grants.rotate();
      return createPayment(deps, { args, retryOnTokenError: ${handed} });
    }
    throw err;
  }
}`;
}

describe('shapes: retry decisions a call answers, and retry switches handed on', () => {
  runLibraryTable([], [
    {
      title: 'a decision to retry that an imported function answers may say stop, and wait first: silent',
      code: requestDecidedBy('const { shouldRetry, config } = await getRetryConfig(err);', 'shouldRetry && config'),
      findings: [],
    },
    {
      title: 'a test of a flag no call answered leaves the recursion uncounted: reported',
      code: requestDecidedBy('const shouldRetry = err.code === "ECONNRESET";', 'shouldRetry'),
      findings: [[9, 'unbounded-retry']],
    },
    {
      title: 'an option named for retrying handed back turned off: one retry, silent',
      code: createRetriedWith('false'),
      findings: [],
    },
    {
      title: 'the same option handed on as it was goes round again: reported',
      code: createRetriedWith('retryOnTokenError'),
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'an option that turns retrying off when true (`noRetry: false`) opens the way again: reported',
      code: createRetriedWith('retryOnTokenError').replace('retryOnTokenError: retryOnTokenError', 'retryOnTokenError, noRetry: false'),
      findings: [[7, 'unbounded-retry']],
    },
  ]);
});
