// SDK clients that retry their own requests with bounded, jittered backoff: stripe-node
// (`maxNetworkRetries`, one retry by default since v13, adds an idempotency key to every POST), openai-node
// (`maxRetries`, retries POST without a key) and the AWS SDK v3 (`maxAttempts`, fills `ClientToken` fields).
// Their defaults are safe; only an unlimited count, or a custom AWS strategy without jitter, is reported.
import ts from 'typescript';
import { calleeName, numericValue, rootName, unwrap } from '../ast';
import type { Backoff } from '../retry-model';
import type { SourceIndex } from '../source-index';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { countBound, delayBackoff, libraryConstruct, moduleOf, option, optionsAt, type Options, type Site } from './option-reading';

/** The AWS SDK's `maxAttempts` counts the first attempt. */
const AWS_MAX_ATTEMPTS = 3;

export const stripe: LibrarySpec = {
  id: 'stripe',
  docs: 'https://github.com/stripe/stripe-node#network-retries (maxNetworkRetries 1 since v13, 0.5 s to 5 s with jitter, an idempotency key on every POST)',
  modules: ['stripe'],
  entries: ['default', 'Stripe'],
  names: ['maxNetworkRetries'],
  options: { attempts: 'maxNetworkRetries' },
  defaults: { retries: 1, delay: '0.5 s, doubling to 5 s', jitter: true, retriesPost: true, addsIdempotencyKey: true },
  recognise: (site, context) => sdkClient(site, context, stripe, 1, 'Stripe'),
};

export const openai: LibrarySpec = {
  id: 'openai',
  docs: 'https://github.com/openai/openai-node#retries (maxRetries 2, 0.5 s to 8 s with jitter; POST retried without a key)',
  modules: ['openai'],
  entries: ['default', 'OpenAI', 'AzureOpenAI'],
  names: ['maxRetries'],
  options: { attempts: 'maxRetries' },
  defaults: { retries: 2, delay: '0.5 s, doubling to 8 s', jitter: true, retriesPost: true, addsIdempotencyKey: false },
  recognise: (site, context) => sdkClient(site, context, openai, 0, 'OpenAI'),
};

export const awsSdk: LibrarySpec = {
  id: '@aws-sdk/client-*',
  title: 'AWS SDK v3',
  docs: 'https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (standard mode: 3 attempts, 100 ms base, 20 s cap, full jitter, a retry quota)',
  modules: [],
  entries: [],
  names: ['maxAttempts', 'ConfiguredRetryStrategy'],
  options: { attempts: 'maxAttempts', strategy: 'retryStrategy' },
  defaults: { retries: AWS_MAX_ATTEMPTS - 1, delay: '100 ms base, up to 20 s', jitter: true, retriesPost: true, addsIdempotencyKey: true },
  recognise(site, context) {
    if (!ts.isNewExpression(site)) return false;
    const root = rootName(site.expression);
    if (!root || !moduleOf(context.index, root)?.startsWith('@aws-sdk/client-')) return false;
    const options = optionsAt(site, 0, context.index);
    const strategy = option(options, 'retryStrategy');
    const backoff = strategy ? configuredStrategyBackoff(strategy, context.index) : { kind: 'jittered' } as Backoff;
    pushUnlessSafe(site, context, `\`new ${root}(…)\` retries`, countBound(options, 'maxAttempts', AWS_MAX_ATTEMPTS), backoff);
    return true;
  },
};

/** `new Stripe(key, { maxNetworkRetries })`, `Stripe(key, …)`, `new OpenAI({ maxRetries })`. */
function sdkClient(site: Site, context: LibraryContext, spec: LibrarySpec, position: number, className: string): boolean {
  const root = rootName(site.expression);
  if (!root || calleeName(site) !== root || moduleOf(context.index, root) === undefined || !spec.modules.includes(moduleOf(context.index, root)!)) return false;
  const options: Options = optionsAt(site, position, context.index);
  const count = spec.options.attempts!;
  pushUnlessSafe(site, context, `\`${className}\` client retries`, countBound(options, count, spec.defaults.retries as number), { kind: 'jittered' });
  return true;
}

function pushUnlessSafe(site: Site, { index, facts }: LibraryContext, label: string, bound: ReturnType<typeof countBound>, backoff: Backoff): void {
  if (bound.capped !== false && backoff.kind === 'jittered') return;
  facts.constructs.push(libraryConstruct(site, 'library', label, index, bound, backoff, []));
}

/** `new ConfiguredRetryStrategy(4, (attempt) => 100 + attempt * 1000)`: the delay function decides the jitter. */
function configuredStrategyBackoff(strategy: ts.Expression, index: SourceIndex): Backoff {
  const inner = unwrap(strategy);
  if (!ts.isNewExpression(inner) || calleeName(inner) !== 'ConfiguredRetryStrategy') return { kind: 'unknown' };
  const delay = inner.arguments?.[1];
  if (!delay) return { kind: 'library-default', detail: '`ConfiguredRetryStrategy` without a delay function waits a fixed 100 ms' };
  if (numericValue(delay) !== undefined) return { kind: 'library-default', detail: '`ConfiguredRetryStrategy` with a fixed delay has no jitter' };
  return delayBackoff(delay, index);
}
