// A create whose answer the code reads for "it exists already" (409, or a 422 the code says means that): the
// server refuses a second one by its natural key, so the POST a retry repeats cannot make two.
import { runLibraryTable } from '../libraries/library-table';

/** A repository created through a retrying fetch; `answer` is what the code does with a failed answer. */
function createRepository(answer: string): string {
  return `async function fetchWithRetry(url: string, init: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= 3) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** attempt * 500));
    }
  }
}
export async function ensureRepository(name: string, token: string): Promise<void> {
  const res = await fetchWithRetry('https://git.example.com/api/repos', {
    method: 'POST',
    headers: { Authorization: \`Bearer \${token}\` },
    body: JSON.stringify({ name }),
  });
  ${answer}
}`;
}

describe('shapes: creates whose conflict answer is read', () => {
  runLibraryTable([], [
    {
      title: 'a create that goes on when the server answers 409 (it exists) cannot make two: silent',
      code: createRepository("if (res.status === 409) return;\n  if (!res.ok) throw new Error(`create failed: ${res.status}`);"),
      findings: [],
    },
    {
      title: 'a 422 the code says means "already exists" is read the same way',
      code: createRepository("if (res.status === 422) {\n    // 422: the repository already exists\n    return;\n  }\n  if (!res.ok) throw new Error('create failed');"),
      findings: [],
    },
    {
      title: 'a 422 read as a validation error says nothing of a second create: reported',
      code: createRepository("if (res.status === 422) throw new Error('invalid name');\n  if (!res.ok) throw new Error('create failed');"),
      findings: [[12, 'missing-idempotency-key']],
    },
    {
      title: 'a create whose answer is only tested for ok: reported',
      code: createRepository("if (!res.ok) throw new Error(`create failed: ${res.status}`);"),
      findings: [[12, 'missing-idempotency-key']],
    },
    {
      title: 'a 409 caught from a client that throws is read too',
      code: `import axios from 'axios';
import axiosRetry from 'axios-retry';
const api = axios.create({ baseURL: 'https://git.example.com/api' });
axiosRetry(api, { retries: 3, retryDelay: axiosRetry.exponentialDelay, retryCondition: () => true });
export async function ensureRepository(name: string): Promise<void> {
  try {
    await api.post('/repos', { name });
  } catch (error) {
    if (error.response?.status === 409) return;
    throw error;
  }
}`,
      findings: [],
    },
  ]);
});
