// A jQuery request's `.fail(cb)` runs its callback only when the request failed, as a promise's `.catch(cb)` does: a
// function that calls itself again from there, after a wait, retries. Look-alike: the same call from `.done(cb)`, which
// runs after a success (a periodic poll).
import { runLibraryTable } from '../libraries/library-table';

/** A ping that asks the server again from `callback`, five seconds after each answer. */
function pingFrom(callback: string): string {
  return `export function ping(getState, dispatch) {
  setTimeout(() => {
    const request = $.ajax({ url: '/system/status', method: 'GET' });
    request.${callback}((xhr) => {
      ping(getState, dispatch);
    });
  }, 5000);
}`;
}

describe('shapes: deferred fail callbacks', () => {
  runLibraryTable([], [
    {
      title: 'a ping that calls itself again from `request.fail(cb)` after a fixed wait: reported',
      code: pingFrom('fail'),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'the same from `request.done(cb)` runs after a success: silent',
      code: pingFrom('done'),
      findings: [],
    },
  ]);
});
