// A retry that, at its cap, hands the failure to an error handler its owner was given (`this.onMajorError(err)`,
// "should trigger shutdown") rather than leaving: what that handler does (a shutdown that a test on the way round
// reads) is out of sight, so the cap may stop it. Look-alike: the same cap that only logs still goes round.
import { runLibraryTable } from '../libraries/library-table';

/** A queue that gives jobs back, retrying with a growing wait; at the cap it runs `atCap`. */
function jobsGivenBack(atCap: string): string {
  return `const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export class LocalQueue {
  constructor(db, onMajorError) {
    this.db = db;
    this.onMajorError = onMajorError;
    this.mode = 'RUNNING';
  }
  giveBack(jobs) {
    let attempts = 1;
    const onError = (error) => {
      if (this.mode === 'RELEASED') throw error;
      if (attempts >= 20) {
        ${atCap}
      }
      const delay = Math.random() * Math.min(30000, 100 * 2 ** attempts);
      ++attempts;
      return sleep(delay).then(() => this.db.returnJobs(jobs).then(() => {}, onError));
    };
    return this.db.returnJobs(jobs).then(() => {}, onError);
  }
}`;
}

describe('shapes: caps that hand the failure to an error handler', () => {
  runLibraryTable([], [
    {
      title: 'at the cap the failure goes to the owner\'s major-error handler (a shutdown out of sight): silent',
      code: jobsGivenBack('this.onMajorError(new Error(`gave up after ${attempts} attempts`));'),
      findings: [],
    },
    {
      title: 'at the cap it only logs, and goes round again: reported',
      code: jobsGivenBack('console.error(`still failing after ${attempts} attempts`);'),
      findings: [[17, 'unbounded-retry']],
    },
  ]);
});
