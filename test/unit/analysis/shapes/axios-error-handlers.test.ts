// An axios response interceptor's error handler written in one file and put on the instance in another
// (`export function retryOnNetworkError(error: AxiosError) { …; return axios(config) }`): the parameter's type
// says what it is. Its count is often read out of the config (`const { __retryCount = 0 } = config`) and
// stored back stepped (`config.__retryCount = __retryCount + 1`), which caps it as the property would.
import { runLibraryTable } from '../libraries/library-table';

/** A handler that reads its count out of the config; `test` decides whether it goes again. */
function destructuredCount(test: string, registered = false): string {
  return `import axios, { AxiosError } from 'axios';
${registered ? '' : 'export '}function retryOnNetworkError(error: AxiosError) {
  const { config }: any = error;
  const { retries = 0, __retryCount = 0 } = config;
  ${test}
  config.__retryCount = __retryCount + 1;
  return axios(config);
}${registered ? '\naxios.interceptors.response.use(undefined, retryOnNetworkError);' : ''}`;
}

/** An interceptor that logs a description of the request (a call given the config) before it waits (`wait`) and re-sends. */
function loggedResend(wait: string): string {
  return `import axios, { AxiosError } from 'axios';
import { describeRequest, logger, nextSleepTime, sleep } from './util';
const api = axios.create();
api.interceptors.response.use((response) => response, async (error: AxiosError) => {
  const config = error.config as any;
  const state = (config.__retry ??= { tries: 0, slept: 1 });
  if (state.tries >= 5) return Promise.reject(error);
  state.tries++;
  logger.debug('retrying %s after %s', describeRequest(config), error.message);
  ${wait}
  return api.request(config);
});`;
}

/** An interceptor that refreshes its token after a fixed wait and re-sends, registered over several lines (`layout`). */
function refreshingInterceptor(layout: 'own-lines' | 'one-line'): string {
  const open = layout === 'own-lines' ? 'api.interceptors.response.use(\n  (response) => response,\n  async (error) => {' : 'api.interceptors.response.use((response) => response, async (error) => {';
  return `import axios from 'axios';
const api = axios.create();
let tries = 0;
${open}
    if (tries >= 2) return Promise.reject(error);
    tries += 1;
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return api(error.config);
  },
);`;
}

describe('shapes: error handlers of axios put on an instance elsewhere', () => {
  runLibraryTable([], [
    {
      title: 'an error handler written on a line of its own in the registration is reported where it starts (line 6), where the re-send is',
      code: refreshingInterceptor('own-lines'),
      findings: [[6, 'retry-without-jitter']],
    },
    {
      title: 'one that starts on the registration\'s line is reported there (line 4)',
      code: refreshingInterceptor('one-line'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a handler that counts on the config and waits a fixed second: bounded, no jitter',
      code: `import axios, { AxiosError } from 'axios';
export async function retryInterceptor(error: AxiosError) {
  const config = error.config as any;
  config.__retryCount = config.__retryCount || 0;
  if (config.__retryCount >= 3) return Promise.reject(error);
  config.__retryCount += 1;
  await new Promise((r) => setTimeout(r, 1000));
  return axios(config);
}`,
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'a handler that re-sends every failure with nothing counted: unbounded',
      code: `import axios, { AxiosError } from 'axios';
export const resendOnFailure = (error: AxiosError) => {
  if (error.response && error.response.status < 500) return Promise.reject(error);
  return axios.request(error.config!);
};`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: 'a count read out of the config and stored back stepped caps it (re-sent at once)',
      code: destructuredCount('if (__retryCount >= retries) return Promise.reject(error);'),
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'the same count tested through a flag first',
      code: destructuredCount('const shouldRetry = __retryCount < retries && !error.response;\n  if (!shouldRetry) return Promise.reject(error);'),
      findings: [[8, 'retry-without-jitter']],
    },
    {
      title: 'the same handler registered in the file is read as the interceptor it is, with the same cap',
      code: destructuredCount('if (__retryCount >= retries) return Promise.reject(error);', true),
      findings: [[9, 'retry-without-jitter']],
    },
    {
      title: 'a description of the config made for a log line is no re-send: the wait before the re-send is seen',
      code: loggedResend('await sleep(2000);'),
      findings: [[4, 'retry-without-jitter']],
      messages: ['waits a fixed delay'],
    },
    {
      title: 'the same, with its wait worked out by a helper out of sight: silent',
      code: loggedResend('const seconds = nextSleepTime(state.slept);\n    state.slept = seconds;\n    await sleep(seconds * 1000);'),
      findings: [],
    },
    {
      title: 'a re-send handed on in a callback (`waiting.push(() => resolve(api.request(config)))`) is still a re-send: nothing counts it',
      code: `import axios, { AxiosError } from 'axios';
const api = axios.create();
const waiting: Array<() => void> = [];
api.interceptors.response.use((response) => response, (error: AxiosError) => {
  const config = error.config as any;
  return new Promise((resolve) => {
    waiting.push(() => resolve(api.request(config)));
    setTimeout(() => waiting.shift()?.(), 1000);
  });
});`,
      findings: [[4, 'unbounded-retry']],
    },
    {
      title: 'a function that takes an AxiosError and only describes it is no retry',
      code: `import { AxiosError } from 'axios';
export function describeError(error: AxiosError): string {
  const { config } = error;
  return \`\${config?.method?.toUpperCase()} \${config?.url} failed: \${error.message}\`;
}`,
      findings: [],
    },
  ]);
});
