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
