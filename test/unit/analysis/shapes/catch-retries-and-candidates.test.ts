// Shapes from real code: a catch that waits and makes the failed call once more; a loop that tries a new
// candidate each round (a name with a generated suffix); a local variable that shadows the function's
// name; a local function that happens to be called like a library's builder.
import { runLibraryTable, type LibraryCase } from '../libraries/library-table';

/** A tool call tried once more from its catch, after `wait` (empty: at once). */
function secondAttempt(wait: string, again = 'return await attempt();'): string {
  return `export async function runTool(tool: Tool): Promise<Result> {
  const attempt = async () => executeTool(tool.name, tool.input);
  try {
    return await attempt();
  } catch (error) {
    if (error instanceof AbortError) throw error;
    ${wait}
    ${again}
  }
}`;
}

const cases: LibraryCase[] = [
  {
    title: 'a catch that waits a fixed time and makes the same call again is a bounded retry without jitter',
    code: secondAttempt('await new Promise((resolve) => setTimeout(resolve, 500));'),
    findings: [[8, 'retry-without-jitter']],
    messages: ['second attempt of `attempt()` in a catch'],
  },
  {
    title: 'the same with an awaited sleep helper',
    code: secondAttempt('await sleep(500);'),
    findings: [[8, 'retry-without-jitter']],
  },
  {
    title: 'a jittered wait before the second attempt is silent',
    code: secondAttempt('await sleep(250 + Math.random() * 500);'),
    findings: [],
  },
  {
    title: 'a second attempt made at once is left alone (as often a resend after re-authenticating)',
    code: secondAttempt('await refreshToken();'),
    findings: [],
  },
  {
    title: 'a catch that calls something else after a wait (a fallback) does not repeat the attempt',
    code: secondAttempt('await sleep(500);', 'return await executeTool(tool.name, fallbackInput);'),
    findings: [],
  },
  {
    title: 'the second attempt in a timer, in an async callback that also rejects, is still a retry after a fixed wait',
    code: `export function fetchWithRetry(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    async function fetchData() {
      const response = await fetch(url);
      return response.json();
    }
    async function fetchRetry() {
      try {
        resolve(await fetchData());
      } catch (err) {
        setTimeout(async () => {
          try {
            resolve(await fetchData());
          } catch (e) {
            reject(e);
          }
        }, 500);
      }
    }
    fetchRetry();
  });
}`,
    findings: [[13, 'retry-without-jitter']],
    // One finding for the catch, naming the innermost repeated call, not the `resolve(…)` around it.
    messages: ['second attempt of `fetchData()` in a catch'],
  },
  {
    title: 'a catch that returns inside a loop keeps the loop from going round: its second attempt is the retry',
    code: `export async function send(order: Order): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await post(order);
    } catch {
      await sleep(1000);
      return await post(order);
    }
  }
}`,
    findings: [[7, 'retry-without-jitter']],
  },
  {
    title: 'a loop that tries a new code with a generated suffix after a duplicate is a search, not a retry',
    code: `export async function createDiscount(code: string): Promise<string> {
  let attempt = 0;
  let currentCode = code;
  while (attempt < 5) {
    try {
      return await shopifyAdminGraphql({ query: CREATE, variables: { code: currentCode } });
    } catch (error) {
      if (!isDuplicate(error)) throw error;
      attempt++;
      const newCode = \`\${currentCode}\${nanoid(2)}\`;
      currentCode = newCode;
    }
  }
  throw new Error('no free code');
}`,
    findings: [],
  },
  {
    title: 'a loop that makes a new player name each round (generatePlayerName()) searches for a free one: not a retry',
    code: lookUpPlayer('generatePlayerName()'),
    findings: [],
  },
  {
    title: 'one that works an id out of the same name each round (generatePlayerIdFromName(name)) asks the same again: a retry with fixed waits',
    code: lookUpPlayer('generatePlayerIdFromName(name)'),
    findings: [[2, 'retry-without-jitter']],
  },
  {
    title: "a counter that shadows the function's name is not the function calling itself",
    code: `export const retry = (target: () => Promise<unknown>, maxRetries = 5) => async () => {
  let retry = 0;
  return (async function attemptOnce(): Promise<unknown> {
    try {
      return await target();
    } catch (e) {
      if (retry < maxRetries) {
        retry++;
        await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** retry));
        return attemptOnce();
      }
      throw e;
    }
  })();
};`,
    findings: [[10, 'retry-without-jitter']],
  },
  {
    title: "a function of the file's own named fetchRetry is not fetch-retry's builder",
    code: `export function load(url) {
  async function fetchRetry() {
    return fetch(url);
  }
  return fetchRetry();
}`,
    fileName: 'load.js',
    findings: [],
  },
];

/** A player looked up (and made) by an id from `makeId`, up to three times with a fixed second between tries. */
function lookUpPlayer(makeId: string): string {
  return `export async function findPlayer(name: string, retries = 3) {
  for (let i = 0; i < retries; i++) {
    try {
      const id = ${makeId};
      const [rows] = await db.query('SELECT id FROM players WHERE id = ?', [id]);
      return rows[0] ?? { id, name, found: false };
    } catch (error) {
      if (i === retries - 1) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}`;
}

describe('shapes: second attempts in a catch, new candidates, shadowed names', () => {
  runLibraryTable([], cases);
});

/** An order sent, then sent once more when the answer says it failed, after `wait` (written out in the branch). */
function failedAnswerResend(test: string, wait: string): string {
  return `export async function createOrder(order: Order): Promise<Response> {
  let res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
  if (${test}) {
    ${wait}
    res = await fetch('/api/orders', { method: 'POST', body: JSON.stringify(order) });
  }
  return res;
}`;
}

describe('shapes: a second attempt in the branch taken when the first answer failed', () => {
  runLibraryTable([], [
    {
      title: 'a failed answer (!res.ok) that waits a fixed time and sends the same POST again is a retry, without jitter and without a key',
      code: failedAnswerResend('!res.ok', 'await sleep(500);'),
      findings: [[5, 'retry-without-jitter'], [5, 'missing-idempotency-key']],
      messages: ['second attempt of `fetch()` after a failed answer'],
    },
    {
      title: 'the same on a 500 status, the second send made in the callback of the wait (sleep(ms).then(cb)), indented deeper',
      code: `export async function readReport(id: string): Promise<unknown> {
  let resp = await fetch(\`/api/reports/\${id}\`, {
    headers: { Accept: 'application/json' },
  });
  if (resp.status == 500) {
    sleep(1000).then(() => {
      resp = fetch(\`/api/reports/\${id}\`, {
        headers: { Accept: 'application/json' },
      });
    });
  }
  return resp;
}`,
      findings: [[7, 'retry-without-jitter']],
    },
    {
      title: 'a branch taken when the answer worked is no retry, even after a wait',
      code: failedAnswerResend('res.ok', 'await sleep(500);'),
      findings: [],
    },
    {
      title: 'a failed branch that sends again at once is left alone (as often a resend after re-authenticating)',
      code: failedAnswerResend('!res.ok', 'await refreshToken();'),
      findings: [],
    },
    {
      title: 'a failed branch that waits a jittered time and sends a GET once more is bounded and jittered: silent',
      code: `export async function getOrder(id: string): Promise<Response> {
  let res = await fetch(\`/api/orders/\${id}\`);
  if (!res.ok) {
    await sleep(250 + Math.random() * 250);
    res = await fetch(\`/api/orders/\${id}\`);
  }
  return res;
}`,
      findings: [],
    },
  ]);
});
