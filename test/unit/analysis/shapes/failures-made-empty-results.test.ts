// A loop that goes round while its result is empty, where the attempt's `.catch` makes a failure an empty result
// (`created = await api.create().catch((err) => { …; return null; })`): each failure goes round again, a retry of the
// failed call. Look-alikes: a check's answer or a call that may find nothing (`queue.next()`, `findUser(id)`) made
// empty the same way is a poll; so is one whose `.catch` makes only one kind of failure empty and throws the rest; a
// `.catch` that rethrows makes nothing empty.
import { runLibraryTable } from '../libraries/library-table';

/** `while (!created)` around `await <attempt>.catch(<handler>)`. */
function untilCreated(attempt: string, handler: string): string {
  return `export async function create(api: Api, id: string) {
  let created = null;
  while (!created) {
    created = await ${attempt}.catch(${handler});
  }
  return created;
}`;
}

describe('shapes: failures made empty results', () => {
  runLibraryTable([], [
    {
      title: 'a `.catch` that answers null, in a loop that goes round while the result is empty: unbounded, at once',
      code: untilCreated('api.createItem(id)', '() => null'),
      findings: [[3, 'unbounded-retry']],
      messages: ['It also retries at once, with no wait'],
    },
    {
      title: 'the same with a handler that logs, then answers null: unbounded',
      code: untilCreated('api.createItem(id)', `async (err: any) => {
      console.error(err);
      return null;
    }`),
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a handler that answers null on one kind of failure (`notFound`) and throws the rest may be waiting for it to exist: silent',
      code: untilCreated('api.getRecord(id)', `(err: any) => {
      if (err.notFound) return null;
      throw err;
    }`),
      findings: [],
    },
    {
      title: 'a `.catch` that rethrows makes nothing empty: silent',
      code: untilCreated('api.createItem(id)', '(err) => { throw err; }'),
      findings: [],
    },
    {
      title: 'a check\'s answer made false on failure is a poll: silent',
      code: untilCreated('api.isReady(id)', '() => false'),
      findings: [],
    },
    {
      title: 'the next message of a queue may be nothing without a failure: a poll, silent',
      code: untilCreated('api.next()', '() => null'),
      findings: [],
    },
  ]);
});
