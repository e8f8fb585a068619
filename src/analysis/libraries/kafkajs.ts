// kafkajs: `new Kafka({ clientId, brokers, retry })`, and `kafka.producer({ retry })` / `kafka.consumer({ retry })`
// in a file that imports kafkajs. The retrier makes `retries` (5) attempts after the first, from
// `initialRetryTime` (300 ms) growing by `multiplier` (2) up to `maxRetryTime` (30 s), each wait
// randomised by `factor` (0.2). Reported: `retries` written as forever (`Infinity`,
// `Number.MAX_SAFE_INTEGER`), and `factor: 0`, which takes the randomness out of the waits. Also read where NestJS
// hands the options on to kafkajs: `{ transport: Transport.KAFKA, options: { client, consumer, producer } }`, each
// with its own `retry`.
import ts from 'typescript';
import { calleeName, numericValue, statementInList, walkTree } from '../ast';
import { nodeText } from '../run-context';
import { firstLineSpan } from '../spans';
import type { Backoff, Bound } from '../retry-model';
import type { LibrarySpec } from './library-spec';
import { fileImports, isFromLibrary, libraryConstruct, option, resolveObject } from './option-reading';

const MODULES = ['kafkajs'];
const CLIENT = 'Kafka';
const CLIENT_PARTS = /^(producer|consumer|admin)$/;
/** NestJS's name for the kafkajs transport (`Transport.KAFKA`), and the parts of its options that carry a `retry`. */
const NEST_TRANSPORT = 'KAFKA';
const NEST_PARTS = ['client', 'consumer', 'producer'] as const;

export const kafkajs: LibrarySpec = {
  id: 'kafkajs',
  docs: 'https://kafka.js.org/docs/configuration#retry (retries 5, initialRetryTime 300 ms, multiplier 2, maxRetryTime 30000 ms, factor 0.2 randomisation)',
  modules: MODULES,
  entries: [CLIENT],
  names: [CLIENT, NEST_TRANSPORT],
  options: { attempts: 'retries', totalTime: 'maxRetryTime', delay: 'initialRetryTime', jitter: 'factor' },
  defaults: { retries: 5, delay: '300 ms, doubling to 30 s', jitter: true, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = calleeName(site) ?? '';
    const isClient = ts.isNewExpression(site) && name === CLIENT && isFromLibrary(site, index, kafkajs);
    if (!isClient && !(ts.isCallExpression(site) && CLIENT_PARTS.test(name) && fileImports(index, MODULES))) return false;
    const options = site.arguments?.[0] ? resolveObject(site.arguments[0], index) : undefined;
    const retry = options ? resolveObject(option(options, 'retry') ?? options, index) : undefined;
    if (!options || !retry || option(options, 'retry') === undefined) return isClient;
    const judged = judgeRetry(retry);
    if (judged) facts.constructs.push(libraryConstruct(site, 'library', `kafkajs \`${isClient ? 'new Kafka' : name}(…)\` retry`, index, judged.bound, judged.backoff, []));
    return true;
  },
  recogniseFile({ index, facts }) {
    if (!index.names.has(NEST_TRANSPORT)) return;
    walkTree(index.sourceFile, undefined, (node) => {
      if (!ts.isObjectLiteralExpression(node) || !/\.KAFKA$/.test(nodeText(option(node, 'transport') ?? node))) return undefined;
      const options = resolveObject(option(node, 'options') ?? node, index);
      for (const part of NEST_PARTS) {
        const settings = options ? resolveObject(option(options, part) ?? options, index) : undefined;
        const retryValue = settings && settings !== options ? option(settings, 'retry') : undefined;
        const retry = retryValue ? resolveObject(retryValue, index) : undefined;
        const judged = retry && judgeRetry(retry);
        if (!judged) continue;
        facts.constructs.push({
          kind: 'library', label: `kafkajs \`${part}\` retry (NestJS)`, report: firstLineSpan(retryValue!.parent, index.sourceFile), scopes: [], rerunsScope: true,
          anchor: statementInList(node), bound: judged.bound, backoff: judged.backoff,
        });
      }
      return undefined;
    });
  },
};

/** A `retry` object that never stops or has no randomness, judged; undefined for one that is fine. */
function judgeRetry(retry: ts.ObjectLiteralExpression): { bound: Bound; backoff: Backoff } | undefined {
  const forever = numericValue(option(retry, 'retries')) === Infinity;
  const unrandomised = numericValue(option(retry, 'factor')) === 0;
  if (!forever && !unrandomised) return undefined;
  return {
    bound: forever ? { capped: false, reason: 'infinite-option', detail: '`retries` has no practical end' } : { capped: true, by: 'library' },
    backoff: unrandomised ? { kind: 'library-default', detail: '`factor: 0` takes the randomness out of its waits' } : { kind: 'jittered' },
  };
}
