// A loop that calls a generator again after a failure: one named for a candidate it makes (`generateInviteCode`,
// `generateSlug`) hands the next round new input (a search for a free one, no retry); one named for content
// (`generateReport(events)`, an answer from a model) makes the same thing again from the same input: a retry.
import { runLibraryTable } from '../libraries/library-table';

/** Five rounds of `make(events)` then a save, a linear wait after each failure. */
function roundsOf(make: string): string {
  return `export async function runPipeline(events) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    try {
      const result = await ${make}(events);
      return await save(result);
    } catch (error) {
      await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}`;
}

describe('shapes: generators of content and of candidates', () => {
  runLibraryTable([], [
    { title: '`generateReport(events)` again after a failure: a retry, its waits growing without jitter', code: roundsOf('generateReport'), findings: [[2, 'retry-without-jitter']] },
    { title: '`generateSummary(events)` (a model\'s answer) the same', code: roundsOf('generateSummary'), findings: [[2, 'retry-without-jitter']] },
    { title: '`generateUniqueSlug(events)`: a new candidate each round, a search: silent', code: roundsOf('generateUniqueSlug'), findings: [] },
    { title: '`generateInviteCode(events)`: the same', code: roundsOf('generateInviteCode'), findings: [] },
  ]);
});
