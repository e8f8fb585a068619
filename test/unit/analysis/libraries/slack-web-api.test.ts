// @slack/web-api: a WebClient retries every call with node-retry options. Its default policy
// (tenRetriesInAboutThirtyMinutes) is randomised; fiveRetriesInFiveMinutes and rapidRetryPolicy are not, and a
// policy object of the app's is jittered only with `randomize: true`; `forever: true` never stops.
import { slackWebApi } from '../../../../src/analysis/libraries/slack-web-api';
import { runLibraryTable } from './library-table';

describe('libraries: @slack/web-api', () => {
  runLibraryTable([slackWebApi], [
    {
      title: 'the default policy (10 retries, randomised) is silent',
      code: `import { WebClient } from '@slack/web-api';
export const slack = new WebClient(process.env.SLACK_TOKEN);
export const post = (text: string) => slack.chat.postMessage({ channel: '#ops', text });`,
      findings: [],
    },
    {
      title: 'retryPolicies.tenRetriesInAboutThirtyMinutes written out is silent too',
      code: `import { retryPolicies, WebClient } from '@slack/web-api';
export const slack = new WebClient(token, { retryConfig: retryPolicies.tenRetriesInAboutThirtyMinutes });`,
      findings: [],
    },
    {
      title: 'fiveRetriesInFiveMinutes is bounded but not randomised',
      code: `const { WebClient, retryPolicies } = require('@slack/web-api');
const client = new WebClient(token, {
  retryConfig: retryPolicies.fiveRetriesInFiveMinutes,
});`,
      fileName: 'case.js',
      findings: [[3, 'retry-without-jitter']],
      messages: ['`retryPolicies.fiveRetriesInFiveMinutes` is not randomised'],
    },
    {
      title: 'a policy object without randomize has no jitter (Bolt App clientOptions)',
      code: `import { App } from '@slack/bolt';
export const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  clientOptions: { retryConfig: { retries: 3, factor: 2 } },
});`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['does not randomize its delays unless `randomize: true` is set'],
    },
    {
      title: 'a policy object with randomize: true is silent',
      code: `import { WebClient } from '@slack/web-api';
export const slack = new WebClient(token, { retryConfig: { retries: 3, factor: 2, randomize: true } });`,
      findings: [],
    },
    {
      title: 'retries: 0 turns the client\'s retries off: silent',
      code: `const { WebClient } = require('@slack/web-api');
exports.client = (token, disableRetries) => (disableRetries ? new WebClient(token, { retryConfig: { retries: 0 } }) : new WebClient(token));`,
      findings: [],
    },
    {
      title: 'forever: true never stops',
      code: `import { WebClient } from '@slack/web-api';
export const slack = new WebClient(token, { retryConfig: { forever: true, randomize: true } });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'a policy set on the options before the client is made is read where it is set',
      code: `import { WebClient, type WebClientOptions } from '@slack/web-api';
export function makeClient(options: WebClientOptions) {
  if (options.retryConfig === undefined) {
    options.retryConfig = { retries: 100, factor: 1.3 };
  }
  return new WebClient('', { ...options });
}`,
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a retryConfig in a file that does not use Slack is not read',
      code: `export const settings = { retryConfig: { retries: 3 } };
settings.retryConfig = { retries: 5 };`,
      findings: [],
    },
  ]);
});
