// The integration suite's generic wait (test/integration/wait.ts), in plain Node: when it times out,
// its error must say what the probe returned, how often it was asked and for how long, since the
// real-VS-Code suite shows nothing else of a wait that failed.
import * as assert from 'node:assert/strict';
import { waitFor } from '../../integration/wait';

describe('integration waits', () => {
  it('return the first truthy value the probe gives', async () => {
    const values = [0, '', { tabs: 1 }];
    assert.deepEqual(await waitFor(() => values.shift(), 'a panel', 10_000, 1), { tabs: 1 });
  });

  it('say on a time-out what the probe returned, the last value included, the polls and the time', async () => {
    // Say, the number of lesson tabs: none known at first, then none open.
    let polls = 0;
    const probe = () => (++polls === 1 ? undefined : 0);
    const error = await waitFor(probe, 'the lesson panel', 200, 1).then(
      () => assert.fail('the wait cannot succeed'),
      (failure: unknown) => failure as Error,
    );
    assert.match(error.message, /^timed out after 200 ms waiting for the lesson panel$/m);
    assert.match(error.message, new RegExp(`^  ${polls} polls over [\\d,]+ ms`, 'm'));
    assert.match(error.message, /^ {4}after [\d,]+ ms: undefined$/m);
    assert.match(error.message, /^ {4}after [\d,]+ ms: 0$/m, 'the last value');
  });
});
