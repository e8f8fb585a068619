// Temporal's TypeScript SDK: `proxyActivities({ startToCloseTimeout, retry: { … } })` (and `proxyLocalActivities`) in a
// workflow. Activities are retried by default with the server's policy: the first wait `initialInterval` (1 s), each
// next one `backoffCoefficient` (2) times longer up to `maximumInterval` (100 × the first), with no randomness, and
// `maximumAttempts` 0, which means no limit (only `scheduleToCloseTimeout` then ends it). Decision: as with other
// clients, only a policy written in the file is read; activities left on the defaults are not reported.
import ts from 'typescript';
import { findProperty, numericValue, statementInList } from '../ast';
import type { Backoff, Bound } from '../retry-model';
import { firstLineSpan } from '../spans';
import type { LibrarySpec } from './library-spec';
import { isImportedEntry, option, optionsAt, plainCalleeName, resolveObject } from './option-reading';

export const temporal: LibrarySpec = {
  id: '@temporalio/workflow',
  title: 'Temporal',
  docs: 'https://docs.temporal.io/encyclopedia/retry-policies (initialInterval 1 s, backoffCoefficient 2, maximumInterval 100 × initialInterval, maximumAttempts 0 = unlimited)',
  modules: ['@temporalio/workflow'],
  entries: ['proxyActivities', 'proxyLocalActivities'],
  names: [],
  options: { attempts: 'maximumAttempts', totalTime: 'scheduleToCloseTimeout', delay: 'initialInterval' },
  defaults: { retries: 'unlimited', delay: '1 s, doubling to 100 s', jitter: false, retriesPost: 'not-http', addsIdempotencyKey: false },
  recognise(site, { index, facts }) {
    const name = plainCalleeName(site);
    if (!ts.isCallExpression(site) || !name || !isImportedEntry(index, name, temporal)) return false;
    const options = optionsAt(site, 0, index);
    const retry = typeof options === 'string' ? undefined : option(options, 'retry');
    const policy = retry ? resolveObject(retry, index) : undefined;
    if (typeof options === 'string' || !policy || numericValue(option(policy, 'maximumAttempts')) === 1) return true;
    facts.constructs.push({
      kind: 'library', label: `Temporal \`${name}\` retry policy`, report: firstLineSpan(findProperty(options, 'retry')!, index.sourceFile),
      scopes: [], rerunsScope: true, anchor: statementInList(site), bound: policyBound(policy, options), backoff: POLICY_BACKOFF,
    });
    return true;
  },
};

/** The waits of every Temporal retry policy: each a fixed multiple of the last, the same for every workflow. */
const POLICY_BACKOFF: Backoff = { kind: 'library-default', detail: 'Temporal waits `initialInterval` × `backoffCoefficient`ⁿ between attempts, without randomness' };

/** `maximumAttempts` caps it (0, or none, is no limit), else the activity's `scheduleToCloseTimeout` ends it. */
function policyBound(policy: ts.ObjectLiteralExpression, options: ts.ObjectLiteralExpression): Bound {
  const attempts = option(policy, 'maximumAttempts');
  const count = attempts ? numericValue(attempts) : 0;
  if (count === undefined) return { capped: 'unknown' };
  if (count > 0) return { capped: true, by: 'library' };
  // The server ends the activity's retries at its schedule-to-close timeout: a limit the library keeps.
  if (option(options, 'scheduleToCloseTimeout') !== undefined) return { capped: true, by: 'library' };
  const written = attempts ? '`maximumAttempts: 0` (no limit)' : 'no `maximumAttempts` (no limit)';
  return { capped: false, reason: 'infinite-option', detail: `${written} and no \`scheduleToCloseTimeout\`` };
}
