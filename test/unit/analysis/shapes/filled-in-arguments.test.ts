// `if (!details) details = { logs: [] }` fills in an argument the first call leaves out; the recursive call
// then hands itself a `details` of its own. That stops nothing: a once-flag is a test that opens the way
// round (`if (!opts.retried) return send(…, { ...opts, retried: true })`) or closes it (`if (retried) throw error`),
// not any test of a name passed on.
import { runLibraryTable } from '../libraries/library-table';

/** A recursive fetch that keeps a log in `details`, filled in when absent, and passes it on. */
function loggingFetch(stop: string): string {
  return `const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export function fetchRetry({ url, details, retried }) {
  if (!details) details = { logs: [] };
  return fetch(url).then((response) => response.json()).catch((error) => {
    details.logs.push(String(error));
${stop}
    return wait(1000).then(() => fetchRetry({ url, details: { logs: details.logs }, retried: true }));
  });
}`;
}

describe('shapes: arguments filled in when absent are not once-flags', () => {
  runLibraryTable([], [
    {
      title: 'a log filled in when absent and passed on: the retry never stops',
      code: loggingFetch(''),
      findings: [[7, 'unbounded-retry']],
    },
    {
      title: 'a flag tested before the way round, leaving when set, stops it after one retry: only its fixed wait is reported',
      code: loggingFetch('    if (retried) throw error;'),
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'the same flag tested negated around the way round stops it too',
      code: loggingFetch('').replace('    return wait(1000)', '    if (!retried) return wait(1000)').replace(/(fetchRetry\(\{ url, details: \{ logs: details.logs \}, retried: true \}\)\);)/, '$1\n    throw error;'),
      findings: [[7, 'retry-without-jitter']],
    },
  ]);
});
