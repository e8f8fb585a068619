// The rule ids, known to the main thread without loading the analysis core (and TypeScript):
// with workers, only they load it. The type check below fails if a rule is added to `RuleId`
// and not here; a unit test checks the list against the core's `rules`.
import type { RuleId } from '../analysis/types';

export const RULE_IDS = ['unbounded-retry', 'retry-without-jitter', 'missing-idempotency-key', 'unstable-idempotency-key'] as const satisfies readonly RuleId[];

type Missing = Exclude<RuleId, (typeof RULE_IDS)[number]>;
const everyRuleListed: [Missing] extends [never] ? true : Missing = true;
void everyRuleListed;
