// A copy of the wait's delay made for a log line (`const delaySeconds = delayMs / 1000`) is that delay, not a
// second one the loop computes and then ignores: the loop is judged by the wait it makes.
import { runLibraryTable } from '../libraries/library-table';

/** A loop of three attempts that waits `delayMs` after a failure and logs it in seconds. */
function loopLoggingItsWait(delay: string): string {
  return `const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export async function load(url: string, log: (line: string) => void) {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      const delayMs = ${delay};
      const delaySeconds = delayMs / 1000;
      log(\`retrying in \${delaySeconds} s\`);
      await sleep(delayMs);
    }
  }
  throw new Error('gave up');
}`;
}

describe('shapes: copies of the delay a loop waits', () => {
  runLibraryTable([], [
    {
      title: 'a doubling wait logged in seconds backs off without jitter (it is not an ignored delay)',
      code: loopLoggingItsWait('1000 * 2 ** attempt'),
      findings: [[3, 'retry-without-jitter']],
      messages: ['backs off without jitter'],
    },
    {
      title: 'a jittered wait logged in seconds is silent',
      code: loopLoggingItsWait('Math.random() * 1000 * 2 ** attempt'),
      findings: [],
    },
    {
      title: 'a doubling delay computed and then not waited for is still an ignored delay',
      code: loopLoggingItsWait('1000 * 2 ** attempt').replace('await sleep(delayMs);', 'await sleep(1000);'),
      findings: [[3, 'retry-without-jitter']],
      messages: ['computes a delay but waits a different, fixed time'],
    },
  ]);
});

/** An interceptor whose first wait comes from a helper named for waiting, then is reworked into milliseconds by `rework`. */
function reworkedWait(rework: string): string {
  return `const pause = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms)
  })
const baseWait = (attempts: number): number => {
  return Math.pow(2, attempts)
}
export function retryOnErrors(client, maxRetry = 5): void {
  client.interceptors.response.use(
    (response) => response,
    async function (error) {
      const { response } = error
      const { config } = error
      if (!config) return Promise.reject(error)
      const tries = config.tries || 1
      if (tries > maxRetry) return Promise.reject(error)
      let reason = null
      let wait = baseWait(tries)
      if (!response) {
        reason = 'network'
      } else if (response.status === 429) {
        reason = 'throttled'
        if (response.headers['x-reset']) wait = response.headers['x-reset']
      }
      if (reason) {
        wait = ${rework}
        config.tries = tries + 1
        return pause(wait).then(() => client(config))
      }
      return Promise.reject(error)
    },
  )
}`;
}

describe('shapes: a first delay worked on before it is waited', () => {
  runLibraryTable([], [
    {
      title: 'a wait reworked with a random part just before it is waited is jittered, whatever its first value (and the count stored back on the config caps it)',
      code: reworkedWait('Math.floor(wait * 1000 + Math.random() * 200 + 500)'),
      findings: [],
    },
    {
      title: 'the same wait reworked without a random part backs off without jitter',
      code: reworkedWait('Math.floor(wait * 1000 + 500)'),
      findings: [[11, 'retry-without-jitter']],
    },
    {
      title: 'a loop\'s delay given its random part first and only scaled after keeps it',
      code: `export async function send(url: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try { return await fetch(url); } catch {}
    let wait = 2 ** attempt + Math.random();
    wait = wait * 1000;
    await new Promise((r) => setTimeout(r, wait));
  }
}`,
      findings: [],
    },
  ]);
});
