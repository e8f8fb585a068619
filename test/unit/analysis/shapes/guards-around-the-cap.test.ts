// A recursive retry whose guard tests the attempt count only beside another way in (`if (code === 'NETWORK' ||
// retry < MAX)`) goes round without limit while the other test holds. A guard whose other test reads the limit
// itself (`!max || n < max`, a limit that 0 turns off) is judged as that limit, not as a way past it.
import { runLibraryTable } from '../libraries/library-table';

function retryingRequest(condition: string): string {
  return `const MAX_RETRIES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function send(call: () => Promise<Response>, retry = 1, max = MAX_RETRIES): Promise<Response> {
  try {
    return await call();
  } catch (error) {
    if (${condition}) {
      await sleep(1000 * Math.random());
      return send(call, retry + 1, max);
    }
    throw error;
  }
}`;
}

function retryingLoop(condition: string): string {
  return `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function send(url: string) {
  let attempt = 0;
  while (true) {
    try {
      return await fetch(url);
    } catch (error) {
      attempt++;
      if (${condition}) {
        await sleep(1000 * Math.random());
        continue;
      }
      throw error;
    }
  }
}`;
}

describe('shapes: guards that let a retry past its cap', () => {
  runLibraryTable([], [
    {
      title: 'a kind of error that skips the count retries for ever',
      code: retryingRequest("(error as { code?: string }).code === 'NETWORK' || retry < max"),
      findings: [[9, 'unbounded-retry']],
      messages: ['has a cap that leaks on line 9. On that path it goes round again without advancing `retry` or past its check'],
    },
    {
      title: 'both tests required (&&) is a cap',
      code: retryingRequest("(error as { code?: string }).code === 'NETWORK' && retry < max"),
      findings: [],
    },
    {
      title: 'the count alone is a cap',
      code: retryingRequest('retry < max'),
      findings: [],
    },
    {
      title: 'another test that reads the limit (a limit 0 turns off) is not read as a way past it',
      code: retryingRequest('!max || retry < max'),
      findings: [],
    },
    {
      title: 'a loop that goes round on one kind of error past its count never stops on that error',
      code: retryingLoop("(error as { code?: string }).code === 'ECONNRESET' || attempt < 3"),
      findings: [[4, 'unbounded-retry']],
      messages: ['has a cap that leaks on line 11'],
    },
    {
      title: 'a loop that goes round while both hold is capped',
      code: retryingLoop("(error as { code?: string }).code === 'ECONNRESET' && attempt < 3"),
      findings: [],
    },
  ]);
});

/**
 * A request handler that passes its retry count to helpers out of sight (which decide on it), advancing it on the
 * failures they ask to retry; `rateLimited` is how the 429 branch calls the function again.
 */
function countHandedToHelpers(rateLimited: string): string {
  return `import { send, handleErrors, sleep } from './net';
export class Handler {
  private async runRequest(url: string, retries = 0): Promise<Response> {
    const res = await send(url, retries);
    if (res === null) return this.runRequest(url, ++retries);
    if (res.status === 429) {
      await sleep(Number(res.headers.get('retry-after')) * 1000);
      ${rateLimited}
    }
    const handled = await handleErrors(res, retries);
    if (handled === null) return this.runRequest(url, ++retries);
    return handled;
  }
}`;
}

describe('shapes: a count advanced on some ways round and passed on unchanged on another', () => {
  runLibraryTable([], [
    {
      title: 'the 429 branch passes the count on unchanged: whatever cap the helpers keep never comes there',
      code: countHandedToHelpers('return this.runRequest(url, retries);'),
      findings: [[8, 'unbounded-retry']],
      messages: ['leaks on line 8'],
    },
    {
      title: 'the 429 branch advances it too: the helpers decide, out of sight',
      code: countHandedToHelpers('return this.runRequest(url, retries + 1);'),
      findings: [],
    },
    {
      title: 'a count stepped on the way to the call (`retries++` before it) is advanced there',
      code: countHandedToHelpers('retries++;\n      return this.runRequest(url, retries);'),
      findings: [],
    },
  ]);
});

/** A capped retry that waits the server's `retry_after` on a rate limit; `otherFailures` is what it does before going round on the rest. */
function rateLimitWaitBeside(otherFailures: string): string {
  return `export async function callApi(apiCall, args, retries = 3) {
  try {
    return await apiCall(args);
  } catch (error) {
    if (retries <= 0) throw error;
    if (error.data?.retry_after) {
      await new Promise((resolve) => setTimeout(resolve, error.data.retry_after * 1000));
      return callApi(apiCall, args, retries - 1);
    }
    ${otherFailures}
    return callApi(apiCall, args, retries - 1);
  }
}`;
}

describe('shapes: one way round waits, another goes round at once', () => {
  runLibraryTable([], [
    {
      title: 'a capped retry that waits the server\'s retry_after on a rate limit and goes round at once on other failures',
      code: rateLimitWaitBeside('// other failures: again'),
      findings: [[11, 'retry-without-jitter']],
      messages: ['retries immediately'],
    },
    {
      title: 'the same retry waiting a jittered time on the other failures too is silent',
      code: rateLimitWaitBeside('await new Promise((resolve) => setTimeout(resolve, Math.random() * 1000 * 2 ** (3 - retries)));'),
      findings: [],
    },
  ]);
});
