// @octokit/plugin-throttling retries a rate-limited request whenever its handler returns true, after the server's
// retryAfter; it caps nothing itself. A handler that answers true without reading the retry count never stops.
import { octokitPluginThrottling } from '../../../../src/analysis/libraries/octokit-plugin-throttling';
import { runLibraryTable } from './library-table';

/** An Octokit client made with the given `throttle` handlers. */
function client(handlers: string): string {
  return `import { Octokit } from 'octokit';
export const github = new Octokit({
  auth: process.env.GITHUB_TOKEN,
  throttle: {
${handlers}
  },
});`;
}

describe('libraries: @octokit/plugin-throttling', () => {
  runLibraryTable([octokitPluginThrottling], [
    {
      title: 'a secondary-limit handler that always answers true retries forever; the counted one beside it is bounded',
      code: client(`    onRateLimit: (retryAfter, options, octokit, retryCount) => {
      if (retryCount < 2) return true;
    },
    onSecondaryRateLimit: (retryAfter, options) => {
      console.warn(\`secondary limit for \${options.url}\`);
      return true;
    },`),
      findings: [[8, 'unbounded-retry']],
      messages: ['`onSecondaryRateLimit` returns true without looking at the retry count'],
    },
    {
      title: 'an arrow that answers true retries forever',
      code: client('    onRateLimit: () => true,\n    onSecondaryRateLimit: () => false,'),
      findings: [[5, 'unbounded-retry']],
    },
    {
      title: 'a count read from the request options bounds it',
      code: client('    onRateLimit: (after, options) => { if (options.request.retryCount <= 2) return true; },\n    onSecondaryRateLimit: (after, options) => { console.warn(options.url); },'),
      findings: [],
    },
    {
      title: 'an answer computed from the count is bounded',
      code: client('    onRateLimit: (_a, _o, _k, count) => count < 1,\n    onSecondaryRateLimit: (_a, _o, _k, count) => count < 1,'),
      findings: [],
    },
    {
      title: 'a handler of the file named in the options is read; one imported is out of sight',
      code: `import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import { onSecondaryRateLimit } from './limits';
function onRateLimit(retryAfter: number) {
  console.warn(\`waiting \${retryAfter}s\`);
  return true;
}
const Client = Octokit.plugin(throttling);
export const github = new Client({ throttle: { onRateLimit, onSecondaryRateLimit } });`,
      findings: [[9, 'unbounded-retry']],
    },
    {
      title: 'throttle options of something else than a client made with new are not read',
      code: `export const limits = { throttle: { onRateLimit: () => true } };`,
      findings: [],
    },
  ]);
});
