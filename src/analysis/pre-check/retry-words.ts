// The names and strings that give a library, option or helper retry away, as the registry
// (src/analysis/libraries/) and requests.ts recognise them.
import { LIBRARY_MODULES, LIBRARY_NAMES, packageOf } from '../libraries';
import { isRetryHelperName } from '../retry-libraries';
import { AXIOS_ERROR_TYPE } from '../retry-recursion';
import { RETRY_HELPER_NAME } from '../vocabulary';

/**
 * What a name or string says of retries: 'library' (a library, module or quoted name the
 * registry knows, or a helper call in quotes), 'helper' (a retry helper's name: a retry if it
 * is called), or nothing.
 */
export function retryWord(value: string, isName: boolean, helpers: ReadonlySet<string>): 'library' | 'helper' | undefined {
  // An interceptor put on an instance, or an error handler of axios written for one (findInterceptorRetries).
  if (LIBRARY_NAMES.has(value) || value === 'interceptors' || value === AXIOS_ERROR_TYPE) return 'library';
  // A file inside a library's package (`require('socket.io-client/dist/socket.io')`) is the library too.
  if (LIBRARY_MODULES.has(value) || (value.includes('/') && LIBRARY_MODULES.has(packageOf(value)))) return isName ? undefined : 'library';
  if (!helpers.has(value) && !value.includes('etr')) return undefined;
  // isRetryHelperName() is what retry-libraries.ts asks; requests.ts takes any RETRY_HELPER_NAME
  // that sends (`setRequestWithRetry(`) for a helper that retries its request: either counts.
  const helperName = isRetryHelperName(value, helpers) || RETRY_HELPER_NAME.test(value);
  if (isName) return helperName ? 'helper' : undefined;
  // A name in quotes (`api['withRetry'](…)`); not words in a message.
  return helperName ? 'library' : undefined;
}
