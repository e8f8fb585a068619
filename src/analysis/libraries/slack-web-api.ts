// @slack/web-api: `new WebClient(token, { retryConfig })` retries every Web API call with p-retry, whose
// options are node-retry's. Without `retryConfig` a client uses `retryPolicies.tenRetriesInAboutThirtyMinutes`
// (10 retries, randomised): safe. The other named policies are not randomised, and a policy object of the
// app's is read like node-retry's options: no `randomize: true` is no jitter, `forever: true` never stops.
// The policy is also given as `clientOptions.retryConfig` (Bolt's `App`, the socket-mode client), or set on
// the options before the client is made (`options.retryConfig = { retries: 100, factor: 1.3 }`).
// Every call is a POST, and Slack's API takes no idempotency key: the calls are not reported for one.
import ts from 'typescript';
import { findProperty, namePath, statementInList } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { firstLineSpan } from '../spans';
import type { LibraryContext, LibrarySpec } from './library-spec';
import { countBound, fileImports, isFromLibrary, option, randomizeOption, resolveObject, retriesZero } from './option-reading';

const RETRY_CONFIG = 'retryConfig';

/** The policies the package exports, as its source defines them (packages/web-api/src/retry-policies.ts). */
const NAMED_POLICIES: Readonly<Record<string, { retries: number; randomize: boolean }>> = {
  tenRetriesInAboutThirtyMinutes: { retries: 10, randomize: true },
  fiveRetriesInFiveMinutes: { retries: 5, randomize: false },
  // node-retry's default count (10), waits of 0 to 1 ms.
  rapidRetryPolicy: { retries: 10, randomize: false },
};

export const slackWebApi: LibrarySpec = {
  id: '@slack/web-api',
  docs: 'https://tools.slack.dev/node-slack-sdk/web-api/#automatic-retries (retryConfig: node-retry options; default tenRetriesInAboutThirtyMinutes: 10 retries, factor 1.96821, randomize: true)',
  modules: ['@slack/web-api', '@slack/bolt', '@slack/socket-mode'],
  entries: ['WebClient', 'App', 'SocketModeClient'],
  names: [RETRY_CONFIG, 'retryPolicies'],
  options: { attempts: 'retries', delay: 'minTimeout', jitter: 'randomize' },
  defaults: { retries: NAMED_POLICIES.tenRetriesInAboutThirtyMinutes!.retries, delay: '1 s, ×1.97 each time', jitter: true, retriesPost: true, addsIdempotencyKey: false },
  recognise(site, context) {
    if (!ts.isNewExpression(site) || !isFromLibrary(site, context.index, slackWebApi)) return false;
    // `new WebClient(token, options)`; `new App(options)` and `new SocketModeClient(options)` keep the client's in `clientOptions`.
    const last = site.arguments?.[site.arguments.length - 1];
    const options = last ? resolveObject(last, context.index) : undefined;
    const nested = options ? option(options, 'clientOptions') : undefined;
    const holder = (nested ? resolveObject(nested, context.index) : undefined) ?? options;
    const policy = holder ? findProperty(holder, RETRY_CONFIG) : undefined;
    if (policy && ts.isPropertyAssignment(policy)) readPolicy(policy.initializer, policy, context);
    return true;
  },
  recogniseFile(context) {
    if (!fileImports(context.index, slackWebApi.modules)) return;
    for (const [path, assignments] of context.index.assignments) {
      if (!path.endsWith(`.${RETRY_CONFIG}`)) continue;
      for (const assignment of assignments) readPolicy(assignment.right, assignment, context);
    }
  },
};

/** One `retryConfig` value: a named policy, or a node-retry options object. */
function readPolicy(value: ts.Expression, owner: ts.Node, { index, facts, claimed }: LibraryContext): void {
  if (claimed.has(owner)) return;
  claimed.add(owner);
  const named = namePath(value)?.split('.').pop();
  const known = named ? NAMED_POLICIES[named] : undefined;
  let bound: Bound;
  let backoff: Backoff;
  if (known) {
    bound = { capped: true, by: 'library' };
    backoff = known.randomize ? { kind: 'jittered' } : { kind: 'library-default', detail: `\`retryPolicies.${named}\` is not randomised` };
  } else {
    const object = resolveObject(value, index);
    // `retryConfig: { retries: 0 }` turns the client's retries off.
    if (!object || retriesZero(object, 'retries', index)) return;
    bound = countBound(object, 'retries', NAMED_POLICIES.tenRetriesInAboutThirtyMinutes!.retries);
    backoff = randomizeOption(undefined, object, 'a Slack `retryConfig`');
  }
  if (bound.capped !== false && backoff.kind === 'jittered') return;
  facts.constructs.push({
    kind: 'library', label: `Slack client's \`${RETRY_CONFIG}\``, report: firstLineSpan(owner, index.sourceFile), scopes: [], rerunsScope: true,
    anchor: statementInList(owner), bound, backoff,
  });
}

