// Temporal activities: retried by the server's policy, each wait `backoffCoefficient` times the last with no
// randomness, without limit unless `maximumAttempts` or `scheduleToCloseTimeout` ends it. Only a policy written
// in the workflow is read.
import { temporal } from '../../../../src/analysis/libraries/temporal';
import { runLibraryTable } from './library-table';

/** A workflow that proxies its activities with `proxy`, its two option lines `timeout` and `retry` (the retry on line 4). */
function activities(proxy: string, timeout: string, retry: string): string {
  return `import { ${proxy} } from '@temporalio/workflow';
const { deploy } = ${proxy}({
  ${timeout},
  ${retry},
});`;
}

describe('libraries: Temporal', () => {
  runLibraryTable([temporal], [
    {
      title: 'activities left on the default policy are not reported',
      code: `import { proxyActivities } from '@temporalio/workflow';
const { charge } = proxyActivities({ startToCloseTimeout: '30s' });`,
      findings: [],
    },
    {
      title: 'a policy capped at three attempts still waits without randomness',
      code: activities('proxyActivities', "startToCloseTimeout: '30s'", "retry: { maximumAttempts: 3 }"),
      findings: [[4, 'retry-without-jitter']],
      messages: ['without randomness'],
    },
    {
      title: 'a policy that sets no maximumAttempts and no scheduleToCloseTimeout retries for ever',
      code: activities('proxyLocalActivities', "startToCloseTimeout: '15m'", "retry: { initialInterval: '1m' }"),
      findings: [[4, 'unbounded-retry']],
      messages: ['no `maximumAttempts` (no limit) and no `scheduleToCloseTimeout`'],
    },
    {
      title: 'the same policy ended by a scheduleToCloseTimeout is bounded (its waits are still reported)',
      code: activities('proxyActivities', "scheduleToCloseTimeout: '1h'", "retry: { initialInterval: '1m', maximumAttempts: 0 }"),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'maximumAttempts: 1 turns retrying off; a count out of sight leaves the cap unjudged but not the waits',
      code: `import { proxyActivities } from '@temporalio/workflow';
import { MAX_ATTEMPTS } from './constants';
const once = proxyActivities({ startToCloseTimeout: '1m', retry: { maximumAttempts: 1 } });
const steps = proxyActivities({ startToCloseTimeout: '1m', retry: { maximumAttempts: MAX_ATTEMPTS } });`,
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a proxyActivities of another module is not this one',
      code: `import { proxyActivities } from './my-proxy';
const { deploy } = proxyActivities({ retry: { initialInterval: '1m' } });`,
      findings: [],
    },
  ]);
});
