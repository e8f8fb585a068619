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
