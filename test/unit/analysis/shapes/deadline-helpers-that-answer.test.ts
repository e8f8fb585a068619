// A loop that runs while a helper of the file says the time is not up, where the helper answers with the comparison
// itself (`return start + timeoutMs <= Date.now()`) rather than testing it in an `if`: a poll bounded by a deadline,
// not an endless retry. A helper that compares no clock bounds nothing.
import { runLibraryTable } from '../libraries/library-table';

/** A poll of a job while `reached(start)` is false, the helper's body being `helperBody`. */
function pollWhileNotReached(helperBody: string): string {
  return `const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export class Jobs {
  reached(start) {
    ${helperBody}
  }
  async result(id) {
    let response = await this.fetchResult(id);
    let retryCount = 0;
    const start = Date.now();
    while (response.status === 202 && !this.reached(start)) {
      retryCount += 1;
      await wait(Math.min(1000 * 2 ** retryCount, 30000));
      try {
        response = await this.fetchResult(id);
      } catch (error) {
        if (!(error instanceof AcceptedError)) throw error;
      }
    }
    return response;
  }
}`;
}

describe('shapes: deadline helpers that answer with the comparison', () => {
  runLibraryTable([], [
    {
      title: 'the helper returns `start + timeout <= now`: a poll to a deadline, silent',
      code: pollWhileNotReached('const now = Date.now();\n    return start + this.config.timeoutMs <= now;'),
      fileName: 'jobs.js',
      findings: [],
    },
    {
      title: 'an arrow helper answering `Date.now() - start > limit` does too: silent',
      code: pollWhileNotReached('return Date.now() - start > this.limitMs;'),
      fileName: 'jobs.js',
      findings: [],
    },
  ]);
});
