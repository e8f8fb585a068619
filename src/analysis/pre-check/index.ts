// A cheap, conservative test run before the parse when many files are scanned (the CLI, the
// workspace scan, the API): can this file hold a retry at all? Most files of a code base hold
// none, and TypeScript's tokenizer costs about a quarter of its parser, so a file that fails the
// test is passed by without a parse. It answers "maybe" whenever it is unsure; it answers "no"
// only when none of the shapes that retry-detection.ts recognises could be in the file:
//   - a library, operator, client option or helper: each is found by a name that
//     retry-libraries.ts looks for (`pRetry`, `backOff`, `retry`, `retryWhen`, an `interceptors`
//     handler, a function that takes an `AxiosError`), a module it knows by name in a string ('axios-retry', 'exponential-backoff',
//     'cockatiel'), or a call of a function named for retrying (`withRetry(`,
//     `this.retryRequest(`, a helper named in the options);
//   - a retry loop: retry-loops.ts requires the loop's text (leading comments included) to
//     match the same failure words as LOOP_FAILURE_TEXT, so each loop's extent is checked;
//   - recursion: a function that refers to its own name inside its body, on a failure path as
//     retry-recursion.ts reads one: in a catch, in the callback of `.catch`, `.then` or
//     `.on('error')`, in an `onclose = …` handler, in a branch of an `if` or `?:` whose
//     condition names an outcome (`err`, `res.ok`, `status`), or after such an `if` or a catch
//     block in the same block (`if (res.ok) return res; … retry()`). A function assigned from a
//     hook that returns it (`const connect = useCallback(() => …)`) is named by its variable.
//   - an error handler handed to `.catch(onError)` or `.then(ok, onError)` by name that calls the function
//     handing it on (`const run = () => command().catch(onError)`, `onError` calling `run()`).
//   - a reconnect through several functions: reconnect-chains.ts starts from a loss handler
//     (`onclose`, `onWebSocketClose`, `.on('close', …)`), whose words LOSS_HANDLER_TEXT finds, or
//     from a catch or an `if` that names an outcome, whose way back is put off to later by a wait or a timer.
//   - a second attempt in a catch (catch-retries.ts): a catch block that calls a wait and a name its
//     try block calls too.
//   - a reconnect that calls a function it was handed (handed-reconnects.ts): a loss handler (above), or a
//     function named for retrying or reconnecting in a file that calls `setTimeout(`.
//   - a failed record stored with the time of its next attempt (requeues.ts): a field named for it
//     (`nextRetryAt`, `next_attempt_at`), whose words NEXT_ATTEMPT_TEXT finds.
//   - a consumed message handed back to the broker (redeliveries.ts): a consumer registered
//     (`consume(`, `activateConsumer(`) in a file that nacks or rejects (`.nack(`, `.reject(`), whose
//     texts mayConsumeAndNack finds.
//   - a client the registry does not know, told to retry forever (unlimited-attempt-options.ts): an attempt cap
//     given `Infinity`, whose words mayGiveInfiniteAttempts finds.
//   - a retry in another file (with a project, `options.project`): a file whose imports bring in a
//     helper or a client that retries (project/project-index.ts reads the imported modules).
// tokens.ts reads the tokens and pairs the brackets; retry-words.ts, loops.ts and recursion.ts
// hold the three tests. Extents come from matching brackets over the token stream. Where the
// tokens do not say clearly where something ends, the extent runs to the end of the enclosing
// bracket pair, which only makes the answer "maybe" more often. JSX is tokenised only by the
// parser, so .tsx and .jsx files are always parsed.
import type { AnalyzeOptions } from '../types';
import { LOSS_HANDLER_TEXT, PART_LOSS_HANDLER_TEXT } from '../reconnect-chains';
import { NEXT_ATTEMPT_TEXT } from '../requeues';
import { mayConsumeAndNack } from '../redeliveries';
import { mayGiveInfiniteAttempts } from '../unlimited-attempt-options';
import { hasCatchRetryCandidate, hasDeferredFailurePath } from './catch-retries';
import { hasRetrySchedulerCandidate } from './handed-reconnects';
import { hasLoopCandidate } from './loops';
import { hasSelfReference } from './recursion';
import { tokenize } from './tokens';

/**
 * Whether the file may hold a retry, decided from its tokens without a parse. `true` means
 * "parse and analyse it"; `false` means the analysis would find nothing (also for a `text` that
 * is not a string).
 */
export function mayContainRetry(text: string, fileName: string, options: AnalyzeOptions = {}): boolean {
  // Nothing that is not text can hold a retry (analyzeSource says why it was not analysed).
  if (typeof text !== 'string') return false;
  if (options.flagUnretriedRequests || /\.[cm]?[jt]sx$/i.test(fileName)) return true;
  // A project index that read the file as a module already knows its own answer (and keeps this one).
  const own = options.project?.ownRetryCandidate
    ? options.project.ownRetryCandidate(fileName, text, options, () => mayHoldOwnRetry(text, options))
    : mayHoldOwnRetry(text, options);
  return own || importsRetries(text, fileName, options);
}

/** The pre-check of the file's own text: whether a retry of its own may be in it (without its imports). */
function mayHoldOwnRetry(text: string, options: AnalyzeOptions): boolean {
  // Every name and string is checked for retry words as it is read: a test of the whole text first
  // (to skip that check) cost more than it saved, and scans a file of one long name at regex speed.
  const tokens = tokenize(text, new Set(options.retryHelpers ?? []));
  if (tokens === 'retry-word' || tokens === undefined) return true;
  // A connection's loss handler may reconnect through other functions (reconnect-chains.ts); so may
  // a catch or a failed branch whose way back is put off to later (hasDeferredFailurePath).
  if (LOSS_HANDLER_TEXT.test(text) || PART_LOSS_HANDLER_TEXT.test(text)) return true;
  // A failed record stored with the time of its next attempt (`nextRetryAt: new Date(Date.now() + delay)`).
  if (NEXT_ATTEMPT_TEXT.test(text)) return true;
  // A consumed message nacked back to the broker, which delivers it again.
  if (mayConsumeAndNack(text)) return true;
  // A client told to retry forever (`max_reconnects: Infinity`).
  if (mayGiveInfiniteAttempts(text)) return true;
  return hasLoopCandidate(text, tokens) || hasSelfReference(tokens) || hasCatchRetryCandidate(tokens) || hasDeferredFailurePath(tokens)
    || hasRetrySchedulerCandidate(tokens);
}

/** A request through a client configured to retry in another file, or a call of an imported retry helper. */
function importsRetries(text: string, fileName: string, options: AnalyzeOptions): boolean {
  return options.project !== undefined && options.project.importsRetries(fileName, text);
}
