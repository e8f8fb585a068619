// @octokit/plugin-retry: `Octokit.plugin(retry)`, or in a GitHub Action `github.getOctokit(token, options, retry)`
// (@actions/github hands its arguments after the options to `GitHub.plugin`). Three retries, waiting (retryCount + 1)²
// seconds, no jitter, for most statuses of 400 and above, POST included. Options: `new MyOctokit({ retry: { retries, enabled } })`.
import ts from 'typescript';
import { calleeName, rootName } from '../ast';
import type { SourceIndex } from '../source-index';
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
    const name = ts.isCallExpression(site) ? calleeName(site) : undefined;
    if (!ts.isCallExpression(site) || (name !== 'plugin' && name !== GET_OCTOKIT)) return false;
    // `getOctokit(token, options, ...plugins)`: the plugins come after the options (an `additionalPlugins` option is not read).
    const plugins = name === GET_OCTOKIT ? site.arguments.slice(2) : site.arguments;
    const retryPlugin = plugins.find((argument) => ts.isIdentifier(argument) && isImportedEntry(index, argument.text, octokitPluginRetry));
    if (!retryPlugin || retryDisabled(index) || (name === GET_OCTOKIT && !retryOptionsInSight(site.arguments[1], index))) return false;
    const detail = `@octokit/plugin-retry waits ${octokitPluginRetry.defaults.delay} between attempts, the same for every client`;
    facts.constructs.push(libraryConstruct(site, 'library', '`@octokit/plugin-retry`', index, { capped: true, by: 'library' }, { kind: 'library-default', detail }, []));
    return true;
  },
};

/** @actions/github's factory of a client with plugins. */
const GET_OCTOKIT = 'getOctokit';

/** `new MyOctokit({ retry: { enabled: false } })` somewhere in the file turns the plugin off. */
function retryDisabled(index: SourceIndex): boolean {
  return index.newExpressions.some((created) => /Octokit/.test(rootName(created.expression) ?? '') && disabledIn(created.arguments?.[0], index));
}

/**
 * Whether the options handed to `getOctokit` say what the plugin does: none, or an object whose `retry` is absent
 * or written out and left on (`retry: retryOpts` from a helper is out of sight, and so are options that are).
 */
function retryOptionsInSight(argument: ts.Expression | undefined, index: SourceIndex): boolean {
  if (!argument) return true;
  const options = resolveObject(argument, index);
  const retry = options ? option(options, 'retry') : undefined;
  return options !== undefined && (retry === undefined || (resolveObject(retry, index) !== undefined && !disabledIn(argument, index)));
}

/** Options whose `retry: { enabled: false }` turns the plugin off. */
function disabledIn(argument: ts.Expression | undefined, index: SourceIndex): boolean {
  const options = argument ? resolveObject(argument, index) : undefined;
  const retry = options ? option(options, 'retry') : undefined;
  const retryOptions = retry ? resolveObject(retry, index) : undefined;
  return retryOptions !== undefined && isFalse(option(retryOptions, 'enabled'));
}
