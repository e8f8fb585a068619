// A function that calls itself again from the branch a parameter opens, handing that parameter nothing
// (`undefined`, `null`): the next call cannot take the branch again, so it is one more attempt, not a retry
// without end (an update that turns into a create once the remote copy is gone). Look-alike: the same call
// handing the parameter back as it was goes the same way again. Also, on one kind of failure told by a test of the
// error, an optional input handed nothing (`getPage(repo, limit, undefined)` on an invalid cursor): it starts over.
import { runLibraryTable } from '../libraries/library-table';

/** An upload that updates `existing`, or creates; a 404 on the update calls it again with `handedBack`. */
function upload(handedBack: string): string {
  return `export class Sync {
  async upload(store, path, existing) {
    try {
      return existing ? await this.client.update(existing.id, { path }) : await this.client.create({ path });
    } catch (e) {
      if (existing && e.status === 404) {
        return await this.upload(store, path, ${handedBack});
      }
      throw e;
    }
  }
}`;
}

/** A page read that, on an invalid-cursor error, calls itself again with `cursorAgain` for its cursor. */
function startOverWith(cursorAgain: string): string {
  return `export async function openOrders(repo, limit, cursor?: string) {
  try {
    const page = await repo.getOrders(limit, cursor);
    return { hashes: page.orders.map((order) => order.hash), cursor: page.cursor };
  } catch (error) {
    if (error instanceof Error && error.message.includes('Invalid cursor')) {
      console.info('invalid cursor, starting from the beginning');
      return openOrders(repo, limit, ${cursorAgain});
    }
    throw error;
  }
}`;
}

describe('shapes: parameters handed back empty', () => {
  runLibraryTable([], [
    { title: 'the branch `existing && 404` calls again with `existing` undefined: one more attempt, silent', code: upload('undefined'), findings: [] },
    { title: 'the same with `null`: silent', code: upload('null'), findings: [] },
    {
      title: 'the same call handing `existing` back goes the same way again: reported',
      code: upload('existing'),
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'on one kind of failure, told by a test of the error, the call starts over without an optional input (`cursor` handed `undefined`): a fallback, silent',
      code: startOverWith('undefined'),
      findings: [],
    },
    {
      title: 'the same call handing the input back as it was goes the same way again: reported',
      code: startOverWith('cursor'),
      findings: [[8, 'unbounded-retry']],
    },
    {
      title: 'a failure that does not name the input dropped (`ECONNRESET`) goes the same way again: reported',
      code: startOverWith('undefined').replace("error.message.includes('Invalid cursor')", "(error as { code?: string }).code === 'ECONNRESET'"),
      findings: [[8, 'unbounded-retry']],
    },
  ]);
});
