// node-retry (`retry` on npm): `const op = retry.operation({ retries, randomize }); op.attempt(fn)`.
import ts from 'typescript';
import { calleeObject, namePath, unwrap } from '../ast';
import { callsNamed } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { calleeName, countBound, isRequireOf, libraryConstruct, moduleOf, optionsAt, randomizeOption, retriedFunction } from './option-reading';

export const nodeRetry: LibrarySpec = {
  id: 'retry',
  docs: 'https://github.com/tim-kos/node-retry#retryoperationoptions (retries 10, factor 2, minTimeout 1000, randomize false)',
  modules: ['retry'],
  entries: ['default', 'operation'],
  names: ['operation'],
  options: { attempts: 'retries', totalTime: 'maxRetryTime', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: 10, delay: '1 s, doubling', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || calleeName(site) !== 'operation') return false;
    const object = calleeObject(site);
    const name = object ? namePath(object) : undefined;
    // `require('retry').operation(opts)`: the module required where it is used.
    const required = object !== undefined && isRequireOf(unwrap(object), nodeRetry.modules);
    if (!required && (name === undefined || (moduleOf(index, name) !== 'retry' && name !== 'retry'))) return false;
    const options = optionsAt(site, 0, index);
    const scopes: ts.Node[] = [];
    const holder = site.parent && ts.isVariableDeclaration(site.parent) && ts.isIdentifier(site.parent.name) ? site.parent.name.text : undefined;
    if (holder) {
      for (const other of callsNamed(index, 'attempt')) {
        const attemptObject = calleeObject(other);
        if (attemptObject && namePath(attemptObject) === holder) scopes.push(...retriedFunction(other.arguments[0], index));
      }
    }
    facts.constructs.push(libraryConstruct(site, 'library', '`retry.operation()`', index, countBound(options, 'retries', nodeRetry.defaults.retries), randomizeOption(site, options, 'retry'), scopes));
    return true;
  },
};
