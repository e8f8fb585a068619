// A retry's delay worked out by a function its options hold, where the options are built by spreading a defaults
// object of the file under the caller's (`const config = { ...DEFAULT_RETRY_CONFIG, ...retryConfig }`, then
// `config.retryDelay(attempt + 1)`): the default function is what the file shows, and it decides the jitter, as
// a parameter's default does. A defaults object out of sight (imported) leaves the delay unknown: silent.
import { runLibraryTable } from '../libraries/library-table';

/** A capped fetch retry whose wait is `config.retryDelay(attempt + 1)`, with `defaults` the file's defaults object (or an import). */
function fetchWithRetry(defaults: string): string {
  return `${defaults}
export async function fetchWithRetry(url, retryConfig = {}) {
  const config = { ...DEFAULT_RETRY_CONFIG, ...retryConfig };
  for (let attempt = 0; attempt <= config.retries; attempt++) {
    try {
      return await fetch(url);
    } catch (error) {
      if (attempt >= config.retries) throw error;
      const delay = config.retryDelay(attempt + 1);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}`;
}

describe('shapes: delay functions held by a defaults object spread into the options', () => {
  runLibraryTable([], [
    {
      title: 'a default delay function of fixed steps (0 ms, then 500 ms): capped, but without jitter',
      code: fetchWithRetry('const DEFAULT_RETRY_CONFIG = { retries: 3, retryDelay: (n) => (n === 1 ? 0 : 500) };'),
      findings: [[4, 'retry-without-jitter']],
    },
    {
      title: 'a default delay function with a random part: silent',
      code: fetchWithRetry('const DEFAULT_RETRY_CONFIG = { retries: 3, retryDelay: (n) => Math.random() * 500 * 2 ** n };'),
      findings: [],
    },
    {
      title: 'defaults imported from another module: the delay is out of sight, silent',
      code: fetchWithRetry("import { DEFAULT_RETRY_CONFIG } from './defaults';"),
      findings: [],
    },
    {
      title: 'the same property set after the spread (`{ ...DEFAULTS, retryDelay: jittered }`) is the one that counts: silent',
      code: fetchWithRetry('const DEFAULTS = { retries: 3, retryDelay: () => 500 };\nconst jittered = (n) => Math.random() * 500 * 2 ** n;').replace('{ ...DEFAULT_RETRY_CONFIG, ...retryConfig }', '{ ...DEFAULTS, retryDelay: jittered, ...retryConfig }'),
      findings: [],
    },
  ]);
});
