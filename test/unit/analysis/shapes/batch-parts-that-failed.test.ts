// A batch call that answers with the part it could not do (DynamoDB's `UnprocessedItems`, an ORM's `unprocessed`,
// Kinesis's `FailedRecordCount`), sent again by the function calling itself with that part: a retry of what failed,
// judged for its cap and its waits. Look-alike: a page walk that calls itself with the next page of an answer.
import { runLibraryTable } from '../libraries/library-table';

/** A batch write that calls itself with `left` while `test` holds, waiting a growing delay. */
function batchWrite(test: string, left: string): string {
  return `export const batchWrite = async (rows: Row[], attempts = 0): Promise<void> => {
  const res = await Table.put(rows).go();
  if (${test}) {
    if (attempts >= 8) throw new Error('max retries exceeded');
    const delay = Math.pow(2, attempts) * 1000;
    attempts++;
    await new Promise((resolve) => setTimeout(resolve, delay));
    return batchWrite(${left}, attempts);
  }
};`;
}

describe('shapes: the parts of a batch that failed, sent again', () => {
  runLibraryTable([], [
    {
      title: 'the unprocessed part sent again, capped, with a plain exponential wait: no jitter',
      code: batchWrite('res.unprocessed.length', 'res.unprocessed'),
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'DynamoDB\'s UnprocessedItems likewise',
      code: batchWrite('res.UnprocessedItems.length', 'res.UnprocessedItems'),
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'the next page of an answer is no failure: silent',
      code: batchWrite('res.next.length', 'res.next'),
      findings: [],
    },
  ]);
});
