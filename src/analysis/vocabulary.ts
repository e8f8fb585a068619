// The names real code uses for the things the rules look for. Without a type checker the names
// are the evidence, so they live in one place where they can be read and tuned together.

/** Functions that wait: `sleep(ms)`, `delay(ms)`, `wait(ms)`, `pause(ms)`, `backoff(attempt)`, `sleepWithJitter(…)`. */
export const WAIT_NAME = /^(sleep|delay|wait|pause|snooze|backoff|backOff|setTimeout|setTimeoutPromise|waitMs|waitFor(Ms|Millis|Delay)|\w*(Sleep|Delay|Backoff|BackOff|Wait))$|^(sleep|delay|backoff|wait)[A-Z_]\w*$/i;

/** Names that promise randomness: a wait or delay helper named for jitter is trusted to add it. */
export const JITTER_NAME = /jitter|random|rand[A-Z]|randomize/i;

/** Functions named for scheduling the next attempt: `scheduleReconnect`, `retryLater`, `reconnect`, `retryOrReject`. */
export const SCHEDULER_NAME = /retry|reconnect/i;

/** Calls that produce randomness. */
export const RANDOM_CALL = /^(random|randomInt|randomBytes|randomUUID|getRandomValues|randomFillSync|nextInt|jitter\w*|\w*Jitter\w*)$/;
/**
 * Reads of configuration (`core.getInput('retry-delay')`, `getenv('DELAY')`, `config.get('retry.delay')`,
 * `getSolanaNetworkConfig(network).retryInterval`, `loadSettings()`): the value is set once for every
 * client, so a delay built from it is not randomised.
 */
export const CONFIG_READ_CALL = /^(getInput|getenv|getEnv|getEnvVar|readEnv|(get|load|read|resolve)(\w*[a-z])?(Config|Configuration|Settings|Options))$/;
export const CONFIG_OBJECT = /(^|\.)(config|configuration|settings|configService|conf)$/i;

/** The words of calls that print a line: `logger.debug(…)`, `console.warn(…)`, the log levels `Logger.verbose(…)`, `log.silly(…)`. */
const PRINT_WORDS = 'log|debug|info|warn|warning|error|trace|fatal|verbose|silly|print|printf';
/** Calls that print a line: what their arguments compute is shown, not sent. */
export const PRINT_NAME = new RegExp(`^(${PRINT_WORDS})$`, 'i');
/** Calls that only tell of a failure: print it or hand it to an error tracker (`Sentry.captureException(err)`). */
export const TELLING_NAME = new RegExp(`^(${PRINT_WORDS}|capture\\w*)$`, 'i');
/** Logging and reporting calls: passing a counter to them caps nothing. */
export const LOG_NAME = new RegExp(`^(${PRINT_WORDS}|emit|capture\\w*|report\\w*|record\\w*|track\\w*|metric\\w*|increment|inc|observe|histogram|gauge|count|format\\w*|toString|push|set|add|write)$`, 'i');

/** Calls that only compute or perform a delay: a counter passed to them sizes the wait, not the number of tries. */
// The math functions by their whole name (`Math.min`): as parts they hide in other names (`adminGraphql`, `roundTrip`).
export const DELAY_CALC_NAME = /^(min|max|pow|round|floor|ceil)$|delay|backoff|sleep|wait|timeout|jitter|pause|interval/i;

/**
 * Calls that take a new item of work each time: a loop around them is a consumer, not a retry.
 * (Queue pops, stream reads, iterator steps, message receives, job claims.)
 */
export const NEW_INPUT_CALL = /^(pop|shift|dequeue|receive\w*|take|next|nextJob|nextMessage|nextTask|read|readLine|readMessage|claim\w*|lease\w*|reserve\w*|accept|consume|brpop|blpop|brpoplpush|blmove|xread\w*|getNext\w*|get(Job|Message|Task|Work|Item|Batch)s?|fetch(Job|Message|Task|Work|Batch|Next)\w*|poll(Job|Message|Queue|Task)s?|waitFor(Job|Message|Task)\w*)$/i;

/** Calls that pick where to send the same request (failover across nodes), not a new item of work: `getNextNode()`. */
export const NEXT_TARGET_CALL = /(Node|Host|Server|Endpoint|Url|URL|Replica|Peer|Address|Broker|Proxy)s?$/;

/**
 * Calls that hand a loop a new candidate input each time round: an interactive prompt (the user
 * types another password), or a generator of candidates (a new slug, code or name after a
 * unique-key clash). A loop that feeds their result to the call that fails is a search.
 * Key and id generators (`randomUUID`, `generateIdempotencyKey`) are not candidates: a fresh
 * key each attempt is what unstable-idempotency-key reports.
 */
export const FRESH_INPUT_CALL = /^(prompt\w*|password|question|input|ask(User|Question|For\w*)?|gen|generate|suggest\w*|(random|make|create|new|next|build)(Slug|Code|ShortCode|Name|Handle|Candidate|Word|Suffix|Port|Username)\w*|slugify\w*)$/i;

/**
 * Generators named for a candidate they make (`generateSlug`, `generateInviteCode`, `genUniqueName`, `generateRandomSuffix`),
 * by the words as written (case matters: `generateReport` makes a report, the same again, not a port): new input each round.
 */
export const GENERATED_CANDIDATE_CALL = /^gen(erate)?(Random|Unique|New)?([A-Z][a-z0-9]*)*(Slug|Code|Name|Handle|Candidate|Word|Suffix|Port|Username|Nickname|Password|Number|Pin|String|Id)s?([A-Z]\w*)?$|^gen(erate)?(Random|Unique|New)([A-Z]\w*)?$/;

/**
 * Generator names that make keys or ids, never search candidates; nor is a model's answer one (`generateContent`,
 * `generateText`, `generateReply`): asked again, the model is asked the same.
 */
export const NOT_FRESH_INPUT_CALL = /uuid|key|token|nonce|secret|request_?id|trace|span|^generate(Content|Text|Object|Images?|Reply|Response|Completion|Stream|Speech|Audio|Video|Embeddings?|Answer|Message|Summary)/i;

/** Answers that say "not yet" (the work is still under way), not that it failed: `authorization_pending`, `PROCESSING`. */
export const NOT_YET_ANSWER = /^(authorization_pending|slow_down|pending|not_?ready|in_?progress|processing|queued|running)$/i;

/**
 * Error codes and messages that say the thing is not there yet (still being made, not yet visible to this reader), not
 * that a call failed: `resource_missing`, `not found`, a node's `missing meta` for a transaction it has not indexed.
 */
export const NOT_THERE_YET = /^(resource_missing|not[ _-]?found|no_?such_?\w+|missing(?:[ _]\w+)?)$/i;

/** Names that say a counter counts attempts; such a counter is never the input of the call it is passed to. */
export const ATTEMPT_COUNTER_NAME = /attempt|retr|tries|try|count|round|iteration|^(n|num|times)$/i;

/** Property reads that advance a cursor: `page.next`, `res.nextCursor`, `data.pagination.after`, a redirect's `location`. */
export const CURSOR_TEXT = /next|cursor|offset|page|(?<!retry[-_]?)after|before|marker|continuation|last|start_?after|skip|location|redirect|\.length\s*-\s*1/i;

/** Names of deadlines and elapsed-time budgets. */
export const DEADLINE_NAME = /deadline|expir|elapsed|timeout|until|(end|stop|give_?up)_?(time|at)|time_?left|remaining_?(ms|time)|budget_?ms|max_?(elapsed|duration|time|wait)/i;

/**
 * Words a message uses to say the code will go round again (`'LND still dead, will try again in 20 s'`,
 * `` `retrying in ${ms} ms` ``, `'reconnecting…'`): the author's own account of a failure path that retries.
 */
export const TRIES_AGAIN_MESSAGE = /\b(?:try(?:ing)? again|retrying|will retry|reconnecting|will reconnect)\b/i;
/** A message that says it will not (`'will not retry'`, `'not retrying'`, `'no retries left'`). */
export const NO_MORE_TRIES_MESSAGE = /\b(?:not|no|never|without|won't|cannot|can't)\s{1,5}(?:\w{1,20}\s{1,5})?(?:try|retr|reconnect)/i;

/** Names that hold a decision to try again: `shouldRetry`, `canRetry`, `retryable`, `needsRetry`. */
export const RETRY_DECISION_NAME = /^(should|can|will|needs?)_?retry$|^(is_?)?retryable$/i;

/** Options that switch retrying on when true: `retry`, `retryOnTokenError`, `shouldRetry`, `allowRetries` (not `noRetry`). */
export const RETRY_OPTION_NAME = /^(retry|retries|retryOn\w{1,40}|(allow|should|can|auto|enable)_?retr(y|ies)\w{0,20})$/i;

/** Options that switch retrying off when true: `noRetry`, `skipRetries`, `disableRetry`, `withoutRetry`, `dontRetry`. */
export const NO_RETRY_OPTION_NAME = /^(no|skip|disable|without|dont|do_?not)_?retr(y|ies)$/i;

/** Local helpers whose name says they retry: `retry`, `withRetry`, `retrying`, `retryAsync`, `fetchWithRetry`. */
export const RETRY_HELPER_NAME = /^(retry|retrying|retryable|retried|retries)$|^(retry|retrying)[A-Z_$]\w*$|^with_?[Rr]etr(y|ies)\w*$|^\w+(Retry|Retries|Retrying|_retry)$|^\w+With[Rr]etr(y|ies)\w*$/;

/** What every name RETRY_HELPER_NAME takes holds (`retried`, `withRetries`, `fetchWithRetry`): a text without it names no retry helper. */
export const RETRY_HELPER_WORD = /[Rr]etr[iy]/;

/** Names that look like retry helpers but are predicates, callbacks or settings. */
export const NOT_RETRY_HELPER_NAME = /^(should|is|can|on|get|set|max|num|compute|calc|handle|parse|has|no|reset|clear|cancel|stop|disable|enable|count|log)/i;

/** Generators of unique ids: a body field set from one names its request (requests.ts). */
const ID_GENERATOR_NAMES = 'randomUUID|uuid|uuidv4|uuidV4|v4|v7|uuidv7|nanoid|ulid|cuid|cuid2|createId|generateUUID|generateUuid|genUuid|newUuid';
export const ID_GENERATOR = new RegExp(`^(${ID_GENERATOR_NAMES})$`);

/** Calls whose fresh result makes a new idempotency key each time they run. */
export const FRESH_KEY_CALL = new RegExp(`^(${ID_GENERATOR_NAMES}|randomBytes|random|now|uniqueId)$`);

/** Header and option names that carry an idempotency key, normalised (lower case, no `-` or `_`). */
export const IDEMPOTENCY_KEY_NAMES = new Set(['idempotencykey', 'xidempotencykey']);

/**
 * Header and option names, normalised, that carry a key the server deduplicates on, under the names
 * APIs give them: `Cko-Idempotency-Key`, `I-Twilio-Idempotency-Token`, `Repeatability-Request-ID`
 * (Azure), `PayPal-Request-Id`, a payload or deduplication id (`X-LaunchDarkly-Payload-ID`,
 * `MessageDeduplicationId`).
 */
const KEY_NAME_SHAPE = /(idempotencykey|idempotencytoken|payloadid|deduplicationid|dedupeid|dedupid|repeatabilityrequestid)$|^paypalrequestid$/;

/**
 * Header names, normalised, that name the event or delivery a webhook sends (`webhook-id` of the Standard Webhooks
 * spec, `X-Event-Id`, `Gateway-Event-Id`, `X-Delivery-Id`): receivers deduplicate on them as on a key. Only as
 * headers: a body field `eventId` may name the event a new record belongs to.
 */
export const DELIVERY_ID_HEADER = /(webhookid|eventid|deliveryid)$/;

/** Whether a normalised name is an idempotency key's: a known shape, or one the user configured. */
export function isKeyName(normalised: string, configured: ReadonlySet<string>): boolean {
  return configured.has(normalised) || KEY_NAME_SHAPE.test(normalised);
}

/** Normalises a header or option name for comparison: `X-Idempotency-Key` → xidempotencykey. */
export function normaliseKeyName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Names of lists a `for…of` retry loop walks, one attempt per entry: `retryDelays`, `backoffSchedule`, `timeouts`. */
export const ATTEMPT_LIST_NAME = /delay|backoff|interval|wait|timeout|retr|schedule/i;

/** Words the text of a retry loop (leading comments included) always holds: it handles a failure. */
export const LOOP_FAILURE_TEXT = /catch|\.ok\b|status|error|err\b|success|retr|fail/i;

/** Failure words in a condition: `err`, `error`, `failed`. */
export const ERROR_NAME = /^(e|err|error|ex|exception|failure|failed|fault|reason|cause)$/i;

/** Helpers that stop a retry when given the attempt count: `assertRetryBudget(n)`, `checkAttempts(n)`, `throwIfExhausted(n)`. */
export const CAP_HELPER_NAME = /assert|check|ensure|guard|verify|throwIf|giveUp|exhaust|budget|limit|maybeThrow|failAfter/i;

/** Calls that check a state and answer yes or no: `verifyComparisonTile`, `checkReady`, `isDeployed`, `hasArrived`. Their answer is no attempt's outcome (a poll). */
export const STATE_CHECK_CALL = /^(verify|check|is|has|exists)(?![a-z])/;
