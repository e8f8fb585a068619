// The rules' checks, in the catalog's order (the order findings are reported).
import type { Rule } from '../rule-kit';
import type { RuleId, RuleMeta } from '../types';
import { RULE_IDS } from './catalog';
import { rule as missingIdempotencyKey } from './missing-idempotency-key';
import { rule as retryWithoutJitter } from './retry-without-jitter';
import { rule as unboundedRetry } from './unbounded-retry';
import { rule as unstableIdempotencyKey } from './unstable-idempotency-key';

/** One check per catalog id: the type fails to compile when the catalog gains a rule without one. */
const RULE_BY_ID: Record<RuleId, Rule> = {
  'unbounded-retry': unboundedRetry,
  'retry-without-jitter': retryWithoutJitter,
  'missing-idempotency-key': missingIdempotencyKey,
  'unstable-idempotency-key': unstableIdempotencyKey,
};

export const allRules: readonly Rule[] = RULE_IDS.map((id) => RULE_BY_ID[id]);

/** The rules' metadata, for hosts (ESLint plugin, SARIF, lesson links). */
export const rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta);
