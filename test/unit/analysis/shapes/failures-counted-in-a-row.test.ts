// A status poll or a page walk goes round on success by design, so by itself it is no retry. One whose catch
// counts the failures in a row, gives up once they reach a limit, and clears the count after a success says
// in its own code that a failed call is tried again: its way round from the catch is a retry, capped by that
// count, and its waits are judged. A loop that takes a new item each round (a consumer) stays what it is.
import { runLibraryTable } from '../libraries/library-table';

/** A status poll whose catch counts failures; `clear` is what its try does after a success, `wait` its wait. */
const poll = (clear: string, wait: string) => `import { sleep } from './utils';
import { MAX_FAILURES } from './constants';
export async function waitForJob(client: { status(id: string): Promise<{ status: string }> }, id: string) {
  let failures = 0;
  while (true) {
    try {
      const { status } = await client.status(id);
      if (status === 'completed' || status === 'failed') return status;
      ${clear}
    } catch (error) {
      if (++failures >= MAX_FAILURES) throw error;
    }
    await ${wait};
  }
}`;

describe('shapes: a poll or page walk that counts its failures in a row', () => {
  runLibraryTable([], [
    {
      title: 'a status poll whose catch counts failures in a row waits a fixed 2 s between tries: no jitter',
      code: poll('failures = 0;', 'sleep(2000)'),
      findings: [[5, 'retry-without-jitter']],
      messages: ['`while (true)` retry loop waits a fixed delay between attempts'],
    },
    {
      title: 'a page walk that fetches the same page again after a failure, up to a limit in a row',
      code: `export async function allPages(get: (page: number) => Promise<{ items: string[]; next?: number }>) {
  const items: string[] = [];
  let page: number | undefined = 1;
  let failures = 0;
  while (page !== undefined) {
    try {
      const result = await get(page);
      items.push(...result.items);
      page = result.next;
      failures = 0;
    } catch (error) {
      failures++;
      if (failures > 3) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return items;
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'look-alike: the same poll with a jittered wait',
      code: poll('failures = 0;', 'sleep(1000 + Math.random() * 1000)'),
      findings: [],
    },
    {
      title: 'look-alike: the same poll whose failure count is never cleared on success (no shape)',
      code: poll('console.debug(status);', 'sleep(2000)'),
      findings: [],
    },
    {
      title: 'look-alike: a consumer that takes a new message each round, with a failure count, is a consumer',
      code: `import { sleep } from './utils';
export async function consume(queue: { receive(): Promise<{ body: string } | undefined> }, handle: (body: string) => Promise<void>) {
  let failures = 0;
  while (true) {
    try {
      const message = await queue.receive();
      if (message) await handle(message.body);
      failures = 0;
    } catch (error) {
      if (++failures >= 10) throw error;
    }
    await sleep(1000);
  }
}`,
      findings: [],
    },
  ]);
});
