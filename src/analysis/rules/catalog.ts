// The rules, defined once: id, lesson section, default severity, description, message templates and
// options. Everything else that lists the rules derives from here: `RuleId`, the rules' meta (and so
// the ESLint plugin's rules and docs links, the SARIF rule list), the CLI's rule ids, the lesson's
// rule ids; the JSON files that cannot import it (package.json's settings, the lesson schema) are
// checked against it by test/unit/analysis/rules/catalog.test.ts.
//
// It imports nothing at run time: the CLI's main thread and the lesson webview read it without
// loading TypeScript or the analysis core.
//
// Messages: the first sentence (up to the first ". ") names the construct and the problem in at most
// 120 characters, as terminals, the Problems panel and inline-message extensions show that much; the
// explanation and the fix advice follow it. `{{name}}` placeholders are filled from the finding's data.
import type { JsonSchemaObject, RuleId, RuleMeta } from '../types';

/** The options a rule reads, by their `AnalyzeOptions` names. */
export type RuleOptionName = 'retryHelpers' | 'idempotencyHeaders' | 'flagUnretriedRequests';

export interface RuleCatalogEntry {
  readonly id: string;
  /** The lesson section that explains the rule (an id in content/integration-and-apis.json). */
  readonly lessonSection: string;
  readonly defaultSeverity: 'info' | 'warning' | 'error';
  /** One sentence, in the course module's words. */
  readonly description: string;
  /** Message id → text template. */
  readonly messages: Readonly<Record<string, string>>;
  /** The ESLint rule options it accepts (those in `SHARED_OPTIONS` only for one more release: they are settings now). */
  readonly options: readonly RuleOptionName[];
  /** Words code scanning filters by (SARIF `properties.tags`). */
  readonly tags: readonly string[];
}

/** Where unbounded-retry's messages add what the waits lack too (see `jitterGap`): one finding per construct. */
const ALSO_JITTER = '{{alsoJitter}}';

export const RULE_CATALOG = [
  {
    id: 'unbounded-retry',
    lessonSection: 'mistake-unbounded-retries',
    defaultSeverity: 'warning',
    description: 'Retries must be bounded: cap the number of attempts (or the time spent) so a failing dependency does not get a retry storm.',
    messages: {
      noCap: `This {{construct}} has no cap on attempts or elapsed time. While the dependency stays down it retries forever, adding load exactly when the dependency is weakest: a retry storm. Count attempts and give up after a named maximum, or stop at a deadline.${ALSO_JITTER}`,
      infiniteOption: `This {{construct}} is set to retry forever. In detail: {{detail}}. Under a failing dependency that is a retry storm. Set a finite number of retries (or a maximum retry time).${ALSO_JITTER}`,
      neverCompared: `This {{construct}} never compares its counter with a cap. It counts \`{{counter}}\` but nothing stops it: give up (rethrow the last error) when \`{{counter}}\` reaches a named cap.${ALSO_JITTER}`,
      moduloOnly: `This {{construct}} tests its counter only through \`%\`. \`{{counter}} % n\` comes round again instead of stopping, so nothing stops the retries. Give up when \`{{counter}}\` reaches a named cap.${ALSO_JITTER}`,
      delayOnly: `This {{construct}} uses its counter only to size its delay. Nothing stops the retries. Give up when \`{{counter}}\` reaches a named cap.${ALSO_JITTER}`,
      limitOff: `This {{construct}} compares its counter only with a cap that is off. In detail: {{detail}}. Nothing stops the retries. Give the cap a finite value, or give up when \`{{counter}}\` reaches a named maximum.${ALSO_JITTER}`,
      neverAdvanced: `This {{construct}} never advances the counter its cap tests. The cap is never reached. Increment \`{{counter}}\` on every failed attempt.${ALSO_JITTER}`,
      leak: `This {{construct}} has a cap that leaks on line {{line}}. On that path it goes round again without advancing \`{{counter}}\` or past its check, so it can retry forever. Advance and check the counter on every path that retries.${ALSO_JITTER}`,
      reset: `This {{construct}} starts its count over and goes round again on line {{line}}. It sets \`{{counter}}\` back to 0, so its cap only pauses it: it retries forever. Give up at the cap instead of starting the count over.${ALSO_JITTER}`,
      countPerCall: `This {{construct}} starts its count over on every call. Its cap is never reached: \`{{counter}}\` is declared inside the function, so each retry starts it at 0, and it retries forever. Hand the count to the next call, or keep it outside the function.${ALSO_JITTER}`,
    },
    options: ['retryHelpers'],
    tags: ['reliability', 'retry', 'resilience'],
  },
  {
    id: 'retry-without-jitter',
    lessonSection: 'mistake-unbounded-retries',
    defaultSeverity: 'warning',
    description: 'Retries must back off with jitter: randomise each wait so clients that failed together do not retry together.',
    messages: {
      noWait: 'This {{construct}} retries immediately, with no wait between attempts. Clients that failed together retry together and hit the dependency when it is weakest. Wait with jittered exponential backoff, e.g. `Math.random() * Math.min(cap, base * 2 ** attempt)`.',
      fixedWait: 'This {{construct}} waits a fixed delay between attempts, without jitter. Clients that failed together retry in lockstep. Use jittered exponential backoff, e.g. `Math.random() * Math.min(cap, base * 2 ** attempt)`.',
      noJitter: 'This {{construct}} backs off without jitter. Clients that failed together still retry in lockstep. Randomise each wait (full jitter: `Math.random() * delay`).',
      xorBackoff: 'This {{construct}} uses `^` (XOR, not a power) for its delay. In JavaScript `2 ^ attempt` is bitwise XOR and does not grow exponentially. Use `2 ** attempt`, and add jitter (`Math.random() * delay`).',
      ignoredDelay: 'This {{construct}} computes a delay but waits a different, fixed time. It computes `{{computed}}`, so its backoff is not real. Wait for `{{computed}}`, with jitter (`Math.random() * {{computed}}`).',
      delayAfterRetry: 'This {{construct}} is followed by `delay()`, which delays only successes. The retries themselves resubscribe immediately. Put a jittered delay in `retry({ count, delay })` instead.',
      libraryNoJitter: '{{subject}} no jitter. In detail: {{detail}}. Clients that failed together retry in lockstep; turn jitter on.',
      importedClientNoJitter: 'This request `{{request}}` is retried without jitter by a client set up in another file. It is the {{retry}}: {{detail}}. Clients that failed together retry in lockstep; turn jitter on where the client is configured.',
    },
    options: ['retryHelpers'],
    tags: ['reliability', 'retry', 'backoff'],
  },
  {
    id: 'missing-idempotency-key',
    lessonSection: 'mistake-missing-idempotency',
    defaultSeverity: 'warning',
    description: 'A retried request that changes state must carry an idempotency key, so a replay does not corrupt state with a duplicate.',
    messages: {
      missingKey: 'This {{method}} request `{{request}}` is retried without an idempotency key. It is retried by the {{retry}}: if a response is lost after the server acted, the retry does it again (a second order, a double charge). Create one key per operation before the retry and send it as an `Idempotency-Key` header.',
      missingKeyCallerMethod: 'This {{method}} request `{{request}}` is retried without an idempotency key. It sends the method its caller gives, {{method}} from `{{caller}}` on line {{line}}, and is retried by the {{retry}}: if a response is lost after the server acted, the retry does it again (a second order, a double charge). Create one key per operation before the retry and send it as an `Idempotency-Key` header.',
      missingKeyRetriedInside: 'This {{method}} request `{{request}}` is retried without an idempotency key. `{{sender}}` sends it and retries it with the {{retry}}: if a response is lost after the server acted, the retry does it again (a second order, a double charge). Create one key per operation before the retry and send it as an `Idempotency-Key` header.',
      missingKeyStripe: 'This Stripe call `{{request}}` is retried without an `idempotencyKey`. It is retried by the {{retry}}, and Stripe makes its automatic key per SDK call, so every attempt of this retry is a new operation to Stripe. Create one key before the retry and pass `{ idempotencyKey }`.',
      missingKeySdk: 'This {{sdk}} call `{{request}}` is retried with no key to recognise a repeat. It is retried by the {{retry}}: if the answer is lost after the service acted, the retry does it again (a second message, a second order). Pass the key the service deduplicates on where it takes one, or check what was done before sending again.',
      retriesPostOption: 'This {{construct}} also retries POST, with no idempotency key in sight. Its `{{option}}` adds POST: a POST whose response is lost is sent again, and the server acts twice (a second order, a double charge). Send an `Idempotency-Key` header made once per operation, or leave POST out of `{{option}}`.',
      missingKeyUnretried: 'This {{method}} request `{{request}}` sends no idempotency key. Any retry (yours, a proxy\'s, the user\'s) can repeat its effect. Send an `Idempotency-Key` header that stays the same across attempts.',
    },
    options: ['idempotencyHeaders', 'flagUnretriedRequests', 'retryHelpers'],
    tags: ['reliability', 'idempotency', 'data-integrity'],
  },
  {
    id: 'unstable-idempotency-key',
    lessonSection: 'mistake-missing-idempotency',
    defaultSeverity: 'warning',
    description: 'An idempotency key must stay the same across retries of one operation: create it once, before the retry.',
    messages: {
      freshKey: 'The idempotency key `{{key}}` is created anew on every attempt. It is made inside the {{retry}}, so every attempt sends a new key and the server cannot recognise the retry as a duplicate. Create the key once, before the retry, and reuse it on every attempt.',
    },
    options: ['idempotencyHeaders', 'retryHelpers'],
    tags: ['reliability', 'idempotency', 'data-integrity'],
  },
] as const satisfies readonly RuleCatalogEntry[];

/** The rule ids, in the order findings are reported. */
export const RULE_IDS: readonly RuleId[] = RULE_CATALOG.map((entry) => entry.id);

/**
 * Options that change what every rule sees. Hosts set them once for all rules (ESLint:
 * `settings['integration-coach']`; the CLI: one flag each; the editor: one setting each). As ESLint
 * rule options they are deprecated, still accepted for one release and merged with the settings.
 */
export const SHARED_OPTIONS = ['retryHelpers', 'idempotencyHeaders'] as const satisfies readonly RuleOptionName[];

const OPTION_SCHEMAS: Readonly<Record<RuleOptionName, JsonSchemaObject['properties'][string]>> = {
  retryHelpers: {
    type: 'array',
    items: { type: 'string' },
    description: "Deprecated: set `settings['integration-coach'].retryHelpers` (merged with this). Extra function names to treat as retry helpers.",
  },
  idempotencyHeaders: {
    type: 'array',
    items: { type: 'string' },
    description: "Deprecated: set `settings['integration-coach'].idempotencyHeaders` (merged with this). Extra header or option names that count as idempotency keys (matched case-insensitively).",
  },
  flagUnretriedRequests: { type: 'boolean', default: false, description: 'Flag every POST or PATCH without a key, not only retried ones.' },
};

/** A rule's meta, as the core's rules and their hosts read it: the catalog entry and its options' JSON Schema. */
export function ruleMeta(id: RuleId): RuleMeta {
  const entry: RuleCatalogEntry = RULE_CATALOG.find((candidate) => candidate.id === id)!;
  return {
    id,
    description: entry.description,
    defaultSeverity: entry.defaultSeverity,
    lessonSection: entry.lessonSection,
    messages: { ...entry.messages },
    schema: { type: 'object', properties: Object.fromEntries(entry.options.map((name) => [name, OPTION_SCHEMAS[name]])), additionalProperties: false },
    tags: [...entry.tags],
  };
}
