// A catch that waits through a local function before its second attempt (`await handleRateLimit(error)`, which
// sleeps for the answer's Retry-After or a second) waits what that function waits: a fixed fallback is all the
// backoff there is. A line the helper prints about the delay (`console.log(\`retrying after ${s} s\`)`) sizes nothing.
import { runLibraryTable } from '../libraries/library-table';

/** A wrapper whose catch awaits `handle(error)` (its body `helperBody`), then calls `fn` again. */
function wrapper(helperBody: string): string {
  return `const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const handle = async (error) => {
  ${helperBody}
};
export const withRateLimit = (fn) => async (...args) => {
  try {
    return await fn(...args);
  } catch (error) {
    console.error(error);
    await handle(error);
    return await fn(...args);
  }
};`;
}

describe('shapes: waits through local helpers in a catch', () => {
  runLibraryTable([], [
    {
      title: "a helper that sleeps for Retry-After or a second, and prints it: the fixed fallback decides",
      code: wrapper(`if (error.code === 'rate_limited') {
    const retryAfter = error.response?.headers?.['retry-after'] || 1;
    console.log(\`rate limited, retrying after \${retryAfter} seconds\`);
    await delay(retryAfter * 1000);
  }`),
      fileName: 'notion.js',
      findings: [[15, 'retry-without-jitter']],
      messages: ['fixed delay'],
    },
    {
      title: '`Math.log` in a delay is arithmetic, not a printed line: a wait growing with the attempt',
      code: `export async function load(url) {
  for (let attempt = 1; attempt < 5; attempt++) {
    try {
      return await fetch(url);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, Math.log(attempt + 1) * 1000));
    }
  }
}`,
      findings: [[2, 'retry-without-jitter']],
      messages: ['backs off without jitter'],
    },
    {
      title: 'a helper that sleeps a random part of a second: silent',
      code: wrapper('await delay(Math.random() * 1000);'),
      fileName: 'notion.js',
      findings: [],
    },
    {
      title: 'a helper whose body waits for nothing (it calls `reportError(error)`, out of sight) before the second call: no wait in sight, and not an attempt made at once after only telling: silent',
      code: wrapper('await reportError(error);'),
      fileName: 'notion.js',
      findings: [],
    },
  ]);
});
