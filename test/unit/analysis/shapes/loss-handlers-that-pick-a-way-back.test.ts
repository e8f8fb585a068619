// In a loss handler the connection is gone whichever branch runs: a test of the close code there picks how to
// come back (resume or connect afresh), not whether an attempt worked. Outside one, the branch a list of
// failure codes does not take is still the way the attempt worked.
import { runLibraryTable } from '../libraries/library-table';

describe('shapes: a loss handler that picks its way back by the close code', () => {
  runLibraryTable([], [
    {
      title: 'onclose resumes on some codes and connects afresh on the others: the fresh connect goes round for ever, at once',
      code: `const resumableCodes = [4000, 4001, 4002];
export function connect(url: string) {
  const ws = new WebSocket(url);
  ws.onclose = (event) => {
    if (resumableCodes.includes(event.code)) resume(ws);
    else connect(url);
  };
}
function resume(ws: WebSocket) { console.log('resuming', ws.url); }`,
      findings: [[6, 'unbounded-retry']],
    },
    {
      title: 'outside a loss handler, the branch a list of failure codes does not take is the success one: a next page, not a retry',
      code: `const RETRYABLE = [429, 503];
export async function readAll(url: string, pages: unknown[] = []): Promise<unknown[]> {
  const res = await fetch(url);
  if (RETRYABLE.includes(res.status)) throw new Error('busy');
  const body = await res.json();
  pages.push(body.items);
  return body.next ? readAll(body.next, pages) : pages;
}`,
      findings: [],
    },
  ]);
});
