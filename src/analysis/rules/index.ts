// The four rules, in the order findings are reported.
import type { Rule } from '../rule-kit';
import type { RuleMeta } from '../types';
import { rule as missingIdempotencyKey } from './missing-idempotency-key';
import { rule as retryWithoutJitter } from './retry-without-jitter';
import { rule as unboundedRetry } from './unbounded-retry';
import { rule as unstableIdempotencyKey } from './unstable-idempotency-key';

export const allRules: readonly Rule[] = [unboundedRetry, retryWithoutJitter, missingIdempotencyKey, unstableIdempotencyKey];

/** The rules' metadata, for hosts (ESLint plugin, settings, lesson links). */
export const rules: readonly RuleMeta[] = allRules.map((rule) => rule.meta);
