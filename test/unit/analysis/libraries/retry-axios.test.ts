// retry-axios: `rax.attach()` retries GET, HEAD, OPTIONS, PUT and DELETE three times with an exponential
// backoff and no jitter; `raxConfig` changes that per client or request.
import { retryAxios } from '../../../../src/analysis/libraries/retry-axios';
import { runLibraryTable } from './library-table';

describe('libraries: retry-axios', () => {
  runLibraryTable([retryAxios], [
    {
      title: 'the defaults (3 retries, exponential, no jitter) are reported at the attach',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
export const api = axios.create({ baseURL: '/api' });
rax.attach(api);`,
      findings: [[4, 'retry-without-jitter']],
      messages: ['without jitter by default'],
    },
    {
      title: 'raxConfig named only in a type sets nothing: the defaults apply; an instance made from the caller\'s config may carry one',
      code: `import axios, { AxiosRequestConfig } from 'axios';
import * as rax from 'retry-axios';
const defaults: AxiosRequestConfig = { timeout: 10000 };
export const shared = axios.create(defaults);
rax.attach(shared);
export type Config = { raxConfig?: rax.RetryConfig } & AxiosRequestConfig;
export function clientFor(config?: Config) {
  config = { ...defaults, ...config };
  const instance = axios.create(config);
  rax.attach(instance);
  return instance;
}`,
      findings: [[5, 'retry-without-jitter']],
    },
    {
      title: 'a static backoff in raxConfig has no jitter, reported at the config',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
export const api = axios.create({
  baseURL: '/api',
  raxConfig: { retry: 5, backoffType: 'static', retryDelay: 1000 },
});
rax.attach(api);`,
      findings: [[5, 'retry-without-jitter']],
      messages: ['`static`'],
    },
    {
      title: 'retry: 0 in raxConfig turns the retries off',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
export const api = axios.create({ baseURL: '/api', raxConfig: { retry: 0 } });
rax.attach(api);`,
      findings: [],
    },
    {
      title: 'retry: Infinity never stops',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
export const api = axios.create({ baseURL: '/api', raxConfig: { retry: Infinity } });
rax.attach(api);`,
      findings: [[3, 'unbounded-retry']],
    },
    {
      title: 'a raxConfig set out of sight says nothing',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
import { retryConfig } from './retry-config';
export const api = axios.create({ baseURL: '/api' });
api.defaults.raxConfig = retryConfig;
rax.attach(api);`,
      findings: [],
    },
    {
      title: 'a config a static method of the file builds and returns from a const, with POST in httpMethodsToRetry: no jitter, and POST retried with no key',
      code: `import axios, { AxiosInstance } from 'axios';
import * as rax from 'retry-axios';
export class RequestWrapper {
  private axiosInstance = axios.create();
  private raxConfig?: rax.RetryConfig;
  private static getRaxConfig(instance: AxiosInstance): rax.RetryConfig {
    const config: rax.RetryConfig = {
      retry: 4,
      retryDelay: 1000,
      httpMethodsToRetry: ['GET', 'PUT', 'POST'],
      instance,
    };
    return config;
  }
  enableRetries(): void {
    this.raxConfig = RequestWrapper.getRaxConfig(this.axiosInstance);
    rax.attach(this.axiosInstance);
  }
}`,
      findings: [[7, 'retry-without-jitter'], [10, 'missing-idempotency-key']],
      messages: ["retry-axios's `exponential` backoff has no jitter", 'This `raxConfig` also retries POST, with no idempotency key in sight. Its `httpMethodsToRetry` adds POST'],
    },
    {
      title: 'a config built for retry-axios where it is not attached is read by its own option names',
      code: `module.exports = (rax, httpOptions) => ({
  onRetryAttempt: (err) => console.log(rax.getConfig(err).currentRetryAttempt, httpOptions.url),
  httpMethodsToRetry: ['GET', 'PATCH'],
  backoffType: 'static',
  retryDelay: 15000,
});`,
      findings: [[1, 'retry-without-jitter'], [3, 'missing-idempotency-key']],
    },
    {
      title: 'look-alike: POST among the methods of one request that reads (a GraphQL query), or no POST at all',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
rax.attach();
export const query = (data: unknown) => axios({
  url: 'https://api.github.com/graphql', method: 'post', data,
  raxConfig: { retry: 3, httpMethodsToRetry: ['POST'], backoffType: 'exponential', jitter: 'full' },
});
export const reads = { raxConfig: { httpMethodsToRetry: ['GET', 'PUT'], statusCodesToRetry: [[500, 599]], jitter: 'full' } };`,
      findings: [],
    },
    {
      title: 'look-alike: POST among the methods in a file that sends idempotency keys',
      code: `import axios from 'axios';
import * as rax from 'retry-axios';
export const api = axios.create({ headers: { 'Idempotency-Key': crypto.randomUUID() } });
api.defaults.raxConfig = { retry: 3, httpMethodsToRetry: ['GET', 'POST'], backoffType: 'exponential', jitter: 'full' };
rax.attach(api);`,
      findings: [],
    },
    {
      title: 'an attach from another module is not retry-axios',
      code: `import * as tracing from './tracing';
tracing.attach(window);`,
      findings: [],
    },
  ]);
});
