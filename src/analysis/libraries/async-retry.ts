// async-retry: `retry(async (bail, attempt) => …, { retries, randomize })`. Jittered by default.
import ts from 'typescript';
import { findProperty, isFunctionNode, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import {
  calleeName, countBound, isFalse, isImportedEntry, libraryConstruct, option, optionsAt, plainCalleeName, requiredEntryCall, retriedFunction, retriesZero, waitsNothing,
} from './option-reading';

export const asyncRetry: LibrarySpec = {
  id: 'async-retry',
  docs: 'https://github.com/vercel/async-retry#api (retries 10, factor 2, minTimeout 1000, randomize true)',
  modules: ['async-retry'],
  entries: ['default'],
  names: ['asyncRetry', 'bail'],
  options: { attempts: 'retries', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: 10, delay: '1 s, doubling', jitter: true, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    const required = requiredEntryCall(site, asyncRetry);
    if (!ts.isCallExpression(site) || (!name && !required)) return false;
    // Without an import, a local `retry(async (bail) => …)` is async-retry by its `bail` parameter.
    const byShape = name !== undefined && !index.imports.has(name) && ((name === 'retry' && !index.functions.has(name) && firstParameterIs(site, 'bail')) || name === 'asyncRetry');
    if (!required && !isImportedEntry(index, name!, asyncRetry) && !byShape) return false;
    const options = optionsAt(site, 1, index);
    if (retriesZero(options, 'retries', index)) return true;
    const randomize = typeof options === 'string' ? undefined : findProperty(options, 'randomize');
    const backoff: Backoff = waitsNothing(options) ? { kind: 'none' } : options !== 'opaque' && isFalse(option(options, 'randomize'))
      ? { kind: 'library-default', detail: 'async-retry has `randomize: false`, which turns its jitter off', fix: { title: 'Set `randomize: true`', target: options as ts.ObjectLiteralExpression, property: 'randomize: true', replace: randomize } }
      : { kind: 'jittered' };
    facts.constructs.push(libraryConstruct(site, 'library', `async-retry \`${required ?? calleeName(site)}\` call`, index, countBound(options, 'retries', asyncRetry.defaults.retries), backoff, retriedFunction(site.arguments[0], index)));
    return true;
  },
};

function firstParameterIs(call: ts.CallExpression, parameterName: string): boolean {
  const first = call.arguments[0];
  if (!first) return false;
  const inner = unwrap(first);
  if (!isFunctionNode(inner)) return false;
  const parameter = inner.parameters[0];
  return parameter !== undefined && ts.isIdentifier(parameter.name) && parameter.name.text === parameterName;
}
