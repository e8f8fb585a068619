// Bottleneck: `limiter.on('failed', async (error, jobInfo) => { … return delayMs })`. Returning a number
// retries the job after that many ms; nothing is retried unless the handler returns one, so the handler
// is a retry strategy: unbounded unless it can stop (typically on `jobInfo.retryCount`).
import ts from 'typescript';
import { calleeName, stringValue } from '../ast';
import type { LibrarySpec } from './library-spec';
import { fileImports, libraryConstruct } from './option-reading';
import { strategyBackoff, strategyBound, strategyFunction, strategyReturnsNothing } from './strategy-function';

export const bottleneck: LibrarySpec = {
  id: 'bottleneck',
  title: 'Bottleneck',
  docs: 'https://github.com/SGrondin/bottleneck#retries (no retry unless the failed handler returns a delay)',
  modules: ['bottleneck'],
  entries: ['default'],
  names: ['Bottleneck'],
  options: { strategy: 'failed' },
  defaults: { retries: 0, delay: 'the number the `failed` handler returns', jitter: false, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    if (!ts.isCallExpression(site) || calleeName(site) !== 'on' || stringValue(site.arguments[0]) !== 'failed') return false;
    if (!fileImports(index, bottleneck.modules) && !index.text.includes('Bottleneck')) return false;
    const handler = strategyFunction(site.arguments[1], index);
    // A handler whose block never returns a value retries nothing.
    if (!handler || strategyReturnsNothing(handler)) return true;
    facts.constructs.push(libraryConstruct(site, 'library', 'Bottleneck `failed` handler', index, strategyBound(handler, 'failed'), strategyBackoff(handler, 'failed', index), []));
    return true;
  },
};
