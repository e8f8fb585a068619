// `Promise.resolve(counter + 1).delay(ms).then(tryOp)`: the chain starts from the advanced count and `.then`
// hands it to the function as its first argument, so the test of that parameter caps the recursion.
import { runLibraryTable } from '../libraries/library-table';

/** A Bluebird retry whose way round is `Promise.resolve(<started>).delay(250).then(tryOp)`. */
const chainStartedFrom = (started: string) => `const Promise = require('bluebird');
const retryCounter = 5;
function withRetry(op) {
  const tryOp = (counter = 0) => op().catch((err) => {
    if (counter > retryCounter) throw err;
    return Promise.resolve(${started}).delay(250).then(tryOp);
  });
  return tryOp();
}
module.exports = { withRetry };`;

describe('shapes: a count handed on through a promise chain', () => {
  runLibraryTable([], [
    {
      title: 'Promise.resolve(counter + 1).delay(ms).then(tryOp) advances the count its test caps: bounded, the fixed wait reported',
      code: chainStartedFrom('counter + 1'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'the same chain started from the count as it was (Promise.resolve(counter)) never advances it: unbounded',
      code: chainStartedFrom('counter'),
      findings: [[6, 'unbounded-retry']],
    },
  ]);
});
