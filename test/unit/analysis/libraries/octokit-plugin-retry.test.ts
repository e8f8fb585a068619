// @octokit/plugin-retry: three retries waiting (retryCount + 1)² seconds, the same for every client. Applied with
// `Octokit.plugin(retry)`, or by @actions/github's `getOctokit(token, options, ...plugins)`.
import { octokitPluginRetry } from '../../../../src/analysis/libraries/octokit-plugin-retry';
import { runLibraryTable } from './library-table';

describe('libraries: @octokit/plugin-retry', () => {
  runLibraryTable([octokitPluginRetry], [
    {
      title: 'the defaults (3 retries, (n + 1)² s) are reported as a retry without jitter',
      code: `import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
const RetryingOctokit = Octokit.plugin(retry);
export const github = new RetryingOctokit({ auth: process.env.GITHUB_TOKEN });`,
      findings: [[3, 'retry-without-jitter']],
      messages: ['(n + 1)² s'],
    },
    {
      title: 'retry: { enabled: false } turns the plugin off',
      code: `import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
const RetryingOctokit = Octokit.plugin(retry);
export const github = new RetryingOctokit({ auth: process.env.GITHUB_TOKEN, retry: { enabled: false } });`,
      findings: [],
    },
    {
      title: 'another plugin is not the retry plugin',
      code: `import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
const ThrottledOctokit = Octokit.plugin(throttling);
export const github = new ThrottledOctokit({ auth: process.env.GITHUB_TOKEN });`,
      findings: [],
    },
    {
      title: 'a GitHub Action\'s client made with the plugin after its options (`getOctokit(token, options, retry)`) retries as the plugin does',
      code: `const github = require('@actions/github');
const { retry } = require('@octokit/plugin-retry');
exports.client = (token) => github.getOctokit(token, {}, retry);`,
      findings: [[3, 'retry-without-jitter']],
    },
    {
      title: 'the plugin put among the options (`{ additionalPlugins: [retry] }`) is not applied: silent',
      code: `const github = require('@actions/github');
const { retry } = require('@octokit/plugin-retry');
exports.client = (token) => github.getOctokit(token, { additionalPlugins: [retry] });`,
      findings: [],
    },
    {
      title: 'getOctokit with the plugin and `retry: { enabled: false }` in its options: silent',
      code: `import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
export const client = (token) => getOctokit(token, { retry: { enabled: false } }, retry);`,
      findings: [],
    },
    {
      title: 'getOctokit with the plugin and retry options made by a helper (out of sight): silent',
      code: `import { getOctokit } from '@actions/github';
import { retry } from '@octokit/plugin-retry';
import { getRetryOptions } from './retry-options';
export function client(token) {
  const [retryOpts, requestOpts] = getRetryOptions();
  return getOctokit(token, { retry: retryOpts, request: requestOpts }, retry);
}`,
      findings: [],
    },
    {
      title: 'a plugin named retry from another module is not this one',
      code: `import { Octokit } from '@octokit/core';
import { retry } from './my-retry-plugin';
export const MyOctokit = Octokit.plugin(retry);`,
      findings: [],
    },
  ]);
});
