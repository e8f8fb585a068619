// The names and strings that give a library, option or helper retry away, as the registry
// (src/analysis/libraries/) and requests.ts recognise them.
import { LIBRARY_MODULES, LIBRARY_NAMES } from '../libraries';
import { isRetryHelperName } from '../retry-libraries';
import { RETRY_HELPER_NAME } from '../vocabulary';

/** The stems every helper name and most library names hold. */
const RETRY_STEM = /retr|backoff|interceptors/i;

/**
 * One pattern for the registry's other words, built from our own fixed strings (escaped): a word that
 * holds a stem, or another listed word (`ioredis` holds `redis`), adds nothing to it.
 */
const REGISTRY_TEXT = ((): RegExp => {
  const words = [...new Set([...LIBRARY_MODULES, ...LIBRARY_NAMES])].filter((word) => !RETRY_STEM.test(word));
  const needed = words.filter((word) => !words.some((other) => other !== word && word.includes(other)));
  return new RegExp(needed.map((word) => word.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
})();

/** Whether the text holds a word some library, option or helper retry is made of; without one, names need no checking. */
export function hasRetryText(text: string): boolean {
  return RETRY_STEM.test(text) || REGISTRY_TEXT.test(text);
}

/**
 * What a name or string says of retries: 'library' (a library, module or quoted name the
 * registry knows, or a helper call in quotes), 'helper' (a retry helper's name: a retry if it
 * is called), or nothing.
 */
export function retryWord(value: string, isName: boolean, helpers: ReadonlySet<string>): 'library' | 'helper' | undefined {
  if (LIBRARY_NAMES.has(value) || value === 'interceptors') return 'library';
  if (LIBRARY_MODULES.has(value)) return isName ? undefined : 'library';
  if (!helpers.has(value) && !value.includes('etr')) return undefined;
  // isRetryHelperName() is what retry-libraries.ts asks; requests.ts takes any RETRY_HELPER_NAME
  // that sends (`setRequestWithRetry(`) for a helper that retries its request: either counts.
  const helperName = isRetryHelperName(value, helpers) || RETRY_HELPER_NAME.test(value);
  if (isName) return helperName ? 'helper' : undefined;
  // A name in quotes (`api['withRetry'](…)`); not words in a message.
  return helperName ? 'library' : undefined;
}
