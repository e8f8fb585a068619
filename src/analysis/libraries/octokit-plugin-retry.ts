// @octokit/plugin-retry: `Octokit.plugin(retry)`. Three retries, waiting (retryCount + 1)² seconds, no
// jitter, for most statuses of 400 and above, POST included. Options: `new MyOctokit({ retry: { retries, enabled } })`.
import ts from 'typescript';
import { calleeName, rootName } from '../ast';
import type { LibrarySpec } from './library-spec';
import { isFalse, isImportedEntry, libraryConstruct, option, resolveObject } from './option-reading';

export const octokitPluginRetry: LibrarySpec = {
  id: '@octokit/plugin-retry',
  docs: 'https://github.com/octokit/plugin-retry.js#usage (retries 3, retryAfterBaseValue 1000, delay (retryCount + 1)^2 s)',
  modules: ['@octokit/plugin-retry'],
  entries: ['retry'],
  names: [],
  options: { attempts: 'retries', delay: 'retryAfterBaseValue' },
  defaults: { retries: 3, delay: '(n + 1)² s', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || calleeName(site) !== 'plugin') return false;
    const retryPlugin = site.arguments.find((argument) => ts.isIdentifier(argument) && isImportedEntry(index, argument.text, octokitPluginRetry));
    if (!retryPlugin || retryDisabled(index)) return false;
    const detail = `@octokit/plugin-retry waits ${octokitPluginRetry.defaults.delay} between attempts, the same for every client`;
    facts.constructs.push(libraryConstruct(site, 'library', '`@octokit/plugin-retry`', index, { capped: true, by: 'library' }, { kind: 'library-default', detail }, []));
    return true;
  },
};

/** `new MyOctokit({ retry: { enabled: false } })` somewhere in the file turns the plugin off. */
function retryDisabled(index: Parameters<LibrarySpec['recognise']>[1]['index']): boolean {
  return index.newExpressions.some((created) => {
    if (!/Octokit/.test(rootName(created.expression) ?? '')) return false;
    const options = created.arguments?.[0] ? resolveObject(created.arguments[0], index) : undefined;
    const retry = options ? option(options, 'retry') : undefined;
    const retryOptions = retry ? resolveObject(retry, index) : undefined;
    return retryOptions !== undefined && isFalse(option(retryOptions, 'enabled'));
  });
}
