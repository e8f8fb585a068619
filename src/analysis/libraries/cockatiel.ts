// cockatiel: `const policy = retry(handleAll, { maxAttempts, backoff }); policy.execute(fn)`.
// Without `maxAttempts` it retries forever; without `backoff` it does not wait; ExponentialBackoff is jittered.
import ts from 'typescript';
import { calleeObject, namePath, ownName } from '../ast';
import type { Backoff } from '../retry-model';
import { nodeText } from '../run-context';
import { callsNamed, type SourceIndex } from '../source-index';
import type { LibrarySpec } from './library-spec';
import { countBound, libraryConstruct, moduleOf, option, optionsAt, plainCalleeName, retriedFunction, type Options } from './option-reading';

export const cockatiel: LibrarySpec = {
  id: 'cockatiel',
  docs: 'https://github.com/connor4312/cockatiel#retry (maxAttempts unlimited, no backoff; ExponentialBackoff decorrelated jitter)',
  modules: ['cockatiel'],
  entries: ['retry'],
  names: ['cockatiel', 'handleAll', 'handleType', 'handleWhen', 'handleResultType', 'handleWhenResult'],
  options: { attempts: 'maxAttempts', delay: 'backoff' },
  defaults: { retries: 'unlimited', delay: 'none', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    if (!ts.isCallExpression(site) || name !== 'retry' || !isCockatiel(site, index)) return false;
    const options = optionsAt(site, 1, index);
    const holder = site.parent && ts.isVariableDeclaration(site.parent) && ts.isIdentifier(site.parent.name) ? site.parent.name.text : undefined;
    const scopes: ts.Node[] = [];
    if (holder) {
      for (const other of callsNamed(index, 'execute')) {
        const object = calleeObject(other);
        if (object && ownName(namePath(object) ?? '') === holder) scopes.push(...retriedFunction(other.arguments[0], index));
      }
    }
    facts.constructs.push(libraryConstruct(site, 'library', 'cockatiel `retry` policy', index, countBound(options, 'maxAttempts', cockatiel.defaults.retries), cockatielBackoff(options), scopes));
    return true;
  },
};

function isCockatiel(call: ts.CallExpression, index: SourceIndex): boolean {
  if (moduleOf(index, 'retry') === 'cockatiel') return true;
  if (index.functions.has('retry')) return false;
  const policy = call.arguments[0];
  return policy !== undefined && /^(handleAll|handleType|handleWhen|handleResultType|handleWhenResult)\b/.test(nodeText(policy));
}

function cockatielBackoff(options: Options): Backoff {
  if (options === 'opaque') return { kind: 'unknown' };
  const backoffOption = option(options, 'backoff');
  if (!backoffOption) return { kind: 'none' };
  const text = nodeText(backoffOption);
  if (/ExponentialBackoff/.test(text)) return /noJitterGenerator/.test(text) ? { kind: 'library-default', detail: 'cockatiel `ExponentialBackoff` with `noJitterGenerator` has no jitter' } : { kind: 'jittered' };
  if (/ConstantBackoff|IterableBackoff/.test(text)) return { kind: 'library-default', detail: 'cockatiel `ConstantBackoff` waits the same time for every client' };
  return { kind: 'unknown' };
}
