// The names and strings that give a library, option or helper retry away, as retry-libraries.ts
// and requests.ts recognise them.
import { isRetryHelperName } from '../retry-libraries';
import { RETRY_HELPER_NAME } from '../vocabulary';

/** Text that every library, option and helper retry carries somewhere; without it, names need no checking. */
export const RETRY_TEXT = /retr|backoff|cockatiel|interceptors/i;

/** Names the library recognisers look for wherever they stand (a call, an import, an option key, `retry.operation`). */
const LIBRARY_NAMES = new Set(['pRetry', 'backOff', 'axiosRetry', 'fetchRetry', 'asyncRetry', 'retry', 'retryWhen', 'interceptors']);

/** The modules retry-libraries.ts recognises by name (`moduleOf`, `isRequireCall`): a string naming one is a library. */
const LIBRARY_MODULES = new Set(['p-retry', 'async-retry', 'retry', 'axios-retry', 'fetch-retry', 'exponential-backoff', 'cockatiel']);

/**
 * What a name or string says of retries: 'library' (a library, module or quoted name the
 * recognisers know, or a helper call in quotes), 'helper' (a retry helper's name: a retry if it
 * is called), or nothing. All of those names hold "etr" (`retry`, `pRetry`), "ackOff" or "interceptors".
 */
export function retryWord(value: string, isName: boolean, helpers: ReadonlySet<string>): 'library' | 'helper' | undefined {
  const named = helpers.has(value);
  if (!named && !value.includes('etr') && !value.includes('ackOff') && value !== 'interceptors' && !LIBRARY_MODULES.has(value)) return undefined;
  // isRetryHelperName() is what retry-libraries.ts asks; requests.ts takes any RETRY_HELPER_NAME
  // that sends (`setRequestWithRetry(`) for a helper that retries its request: either counts.
  const helperName = isRetryHelperName(value, helpers) || RETRY_HELPER_NAME.test(value);
  if (isName) {
    if (LIBRARY_NAMES.has(value)) return 'library';
    return helperName ? 'helper' : undefined;
  }
  // A module name, or a name in quotes (`{ 'retry': 2 }`, `api['withRetry'](…)`); not words in a message.
  return LIBRARY_MODULES.has(value) || LIBRARY_NAMES.has(value) || helperName ? 'library' : undefined;
}
