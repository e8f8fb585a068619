// undici's retry handler: five retries of idempotent methods (not POST), 0.5 s doubling to 30 s, with no
// jitter and no option to add it.
import { undici } from '../../../../src/analysis/libraries/undici';
import { runLibraryTable } from './library-table';

describe('libraries: undici', () => {
  runLibraryTable([undici], [
    {
      title: 'a RetryAgent on the defaults (5 retries, no jitter) is reported',
      code: `import { Agent, RetryAgent } from 'undici';
export const dispatcher = new RetryAgent(new Agent());`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['(it has no option for it)'],
    },
    {
      title: 'the retry interceptor with a count is reported the same way',
      code: `import { Agent, interceptors } from 'undici';
export const dispatcher = new Agent().compose(interceptors.retry({ maxRetries: 3, minTimeout: 1000 }));`,
      findings: [[2, 'retry-without-jitter']],
    },
    {
      title: 'maxRetries: Infinity never stops',
      code: `import { Agent, RetryAgent } from 'undici';
export const dispatcher = new RetryAgent(new Agent(), { maxRetries: Infinity });`,
      findings: [[2, 'unbounded-retry']],
    },
    {
      title: 'maxRetries: Infinity where every request through the agent is aborted by a timer retries until that deadline: capped, its waits still without jitter',
      code: `import { Agent, RetryAgent } from 'undici';
export class Sender {
  constructor(retryTimeout) {
    this.retryTimeout = retryTimeout;
    this.dispatcher = new RetryAgent(new Agent(), { maxRetries: Infinity });
  }
  async send(body) {
    const controller = new AbortController();
    const timeoutId = setTimeout(() => controller.abort(), this.retryTimeout);
    try {
      return await this.dispatcher.request({ origin: 'https://db.example.com', path: '/write', method: 'GET', body, signal: controller.signal });
    } finally {
      clearTimeout(timeoutId);
    }
  }
  async read(path) {
    return this.dispatcher.request({ origin: 'https://db.example.com', path, method: 'GET', signal: AbortSignal.timeout(5000) });
  }
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'the same agent with one request sent without a signal never stops for that request',
      code: `import { Agent, RetryAgent } from 'undici';
export class Sender {
  constructor() {
    this.dispatcher = new RetryAgent(new Agent(), { maxRetries: Infinity });
  }
  async read(path) {
    return this.dispatcher.request({ origin: 'https://db.example.com', path, method: 'GET', signal: AbortSignal.timeout(5000) });
  }
  async ping() {
    return this.dispatcher.request({ origin: 'https://db.example.com', path: '/ping', method: 'GET' });
  }
}`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: 'an agent kept in a field whose methods name POST re-sends the POSTs made through it: the missing key is reported at the request',
      code: `import { Agent, RetryAgent } from 'undici';
export class Writer {
  constructor() {
    this.dispatcher = new RetryAgent(new Agent(), { maxRetries: 3, methods: ['GET', 'POST'] });
  }
  async write(body) {
    return this.dispatcher.request({ origin: 'https://db.example.com', path: '/write', method: 'POST', body });
  }
}`,
      findings: [[4, 'retry-without-jitter'], [7, 'missing-idempotency-key']],
      messages: ['`new RetryAgent(…)` has no jitter', 'retried by the `this.dispatcher` agent (`new RetryAgent(…)`)'],
    },
    {
      title: 'the same agent on its default methods (no POST) leaves the POST alone',
      code: `import { Agent, RetryAgent } from 'undici';
export class Writer {
  constructor() {
    this.dispatcher = new RetryAgent(new Agent(), { maxRetries: 3 });
  }
  async write(body) {
    return this.dispatcher.request({ origin: 'https://db.example.com', path: '/write', method: 'POST', body });
  }
}`,
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'maxRetries: 0 is no retry',
      code: `import { Agent, RetryAgent } from 'undici';
export const dispatcher = new RetryAgent(new Agent(), { maxRetries: 0 });`,
      findings: [],
    },
    {
      title: 'options out of sight say nothing',
      code: `import { Agent, RetryAgent } from 'undici';
export const makeDispatcher = (options) => new RetryAgent(new Agent(), options);`,
      findings: [],
    },
    {
      title: 'a RetryAgent from another module is not undici',
      code: `import { RetryAgent } from './agents';
export const dispatcher = new RetryAgent({ maxRetries: 2 });`,
      findings: [],
    },
  ]);
});
