// @lifeomic/attempt: three attempts 200 ms apart by default, no jitter unless `jitter: true`;
// `maxAttempts: 0` has no limit unless a `timeout` ends the retry.
import { lifeomicAttempt } from '../../../../src/analysis/libraries/lifeomic-attempt';
import { runLibraryTable } from './library-table';

describe('libraries: @lifeomic/attempt', () => {
  runLibraryTable([lifeomicAttempt], [
    {
      title: 'the entry read off the module where it is required (`require(\'@lifeomic/attempt\').retry(fn, opts)`): no jitter unless asked',
      code: `async function load() {
  return require('@lifeomic/attempt').retry(() => fetch('https://api.example.com/items'), { maxAttempts: 5, delay: 200, factor: 2 });
}`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'the defaults (3 attempts, a fixed 200 ms) are a retry without jitter, at the call',
      code: `import { retry } from '@lifeomic/attempt';
export const load = () => retry(async () => fetch('/api/items'));`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['@lifeomic/attempt waits without jitter unless `jitter: true` is set'],
    },
    {
      title: 'jitter: true with a factor is silent',
      code: `import { retry } from '@lifeomic/attempt';
export const load = () => retry(async () => fetch('/api/items'), { maxAttempts: 5, factor: 2, jitter: true });`,
      findings: [],
    },
    {
      title: 'maxAttempts: 0 without a timeout retries forever',
      code: `import { retry } from '@lifeomic/attempt';
export const connect = () => retry(async () => openSocket(), { maxAttempts: 0, delay: 1000, factor: 2, jitter: true });`,
      findings: [[2, 'unbounded-retry']],
      messages: ['`maxAttempts: 0` (no limit) and no `timeout`'],
    },
    {
      title: 'maxAttempts: 0 with a timeout stops at that deadline',
      code: `import { retry } from '@lifeomic/attempt';
export const connect = () => retry(async () => openSocket(), { maxAttempts: 0, timeout: 30_000, jitter: true });`,
      findings: [],
    },
    {
      title: 'maxAttempts and timeout from configuration are out of sight: silent',
      code: `import { retry } from '@lifeomic/attempt';
export const connect = (config) => retry(async () => openSocket(), { maxAttempts: config.maxAttempts, timeout: config.timeout, jitter: true });`,
      findings: [],
    },
    {
      title: 'maxAttempts: 1 is no retry',
      code: `import { retry } from '@lifeomic/attempt';
export const load = () => retry(async () => fetch('/api/items'), { maxAttempts: 1 });`,
      findings: [],
    },
    {
      title: "a retry function of the file's own is not @lifeomic/attempt's",
      code: `import { retry } from './retry';
export const load = () => retry(async () => fetch('/api/items'));`,
      findings: [],
    },
    {
      title: 'options read from the class\'s defaults object, which callers only merge over, take its values: `maxAttempts: 0` and `timeout: 0` never stop',
      code: providerWithDefaults('maxAttempts: 0, timeout: 0, jitter: true'),
      findings: [[10, 'unbounded-retry']],
    },
    {
      title: 'the same defaults with a finite maxAttempts and jitter on are silent',
      code: providerWithDefaults('maxAttempts: 5, timeout: 0, jitter: true'),
      findings: [],
    },
    {
      title: 'defaults the class replaces outright (not merged over) are not the values the call reads',
      code: providerWithDefaults('maxAttempts: 0, timeout: 0, jitter: true').replace('{ ...this.configuration, ...configuration }', 'configuration as Settings'),
      findings: [],
    },
    {
      title: '`timeout: 0` written out is no timeout either',
      code: `import { retry } from '@lifeomic/attempt';
export const load = () => retry(async () => fetch('/api/items'), { maxAttempts: 0, timeout: 0, jitter: true });`,
      findings: [[2, 'unbounded-retry']],
    },
  ]);
});

/** A provider class whose `configuration` starts as a defaults object (`defaults`) that `setConfiguration` merges over. */
function providerWithDefaults(defaults: string): string {
  return `import { retry } from '@lifeomic/attempt';
type Settings = { url: string; maxAttempts: number; timeout: number; jitter: boolean };
export class Provider {
  configuration: Settings = { url: '', delay: 1000, factor: 2, ${defaults} } as Settings;
  constructor(configuration: Partial<Settings>) { this.setConfiguration(configuration); }
  setConfiguration(configuration: Partial<Settings> = {}) {
    this.configuration = { ...this.configuration, ...configuration };
  }
  connect() {
    return retry(() => this.open(), {
      maxAttempts: this.configuration.maxAttempts,
      timeout: this.configuration.timeout,
      jitter: this.configuration.jitter,
    });
  }
  open() { return new Promise((resolve) => resolve(new WebSocket(this.configuration.url))); }
}`;
}
