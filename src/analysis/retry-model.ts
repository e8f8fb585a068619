// What the retry recognisers find, in a shape the rules consume. One list per file, computed once.
import type ts from 'typescript';
import type { SummaryWaits } from './project/module-summary';

/** A span of the analysed text, as offsets. */
export interface Span {
  start: number;
  end: number;
}

/** Whether and how a retry stops. */
export type Bound =
  /**
   * `request-deadline`: a client that retries without a count, used only with requests that a timer aborts: its
   * failures are retried until then (unlike a `deadline` poll, these are retries, and their waits matter).
   */
  | { capped: true; by: 'counter' | 'deadline' | 'once-flag' | 'finite-list' | 'library' | 'helper' | 'one-more-attempt' | 'request-deadline' }
  | { capped: false; reason: UncappedReason; detail?: string; counter?: string; leak?: ts.Node }
  /**
   * We cannot see the cap (options passed in from elsewhere, for instance): say nothing. `decidedElsewhere`:
   * the stop is decided in code the retry calls (a count advanced there, or a function its caller passed
   * in), where its waits may be too.
   */
  | { capped: 'unknown'; decidedElsewhere?: true };

export type UncappedReason =
  | 'no-cap'
  | 'never-compared'
  | 'modulo-only'
  | 'delay-only'
  /** Compared only with a limit that never stops it: `Infinity`, or a 0 that turns the cap off (`!n || i < n`). */
  | 'limit-off'
  | 'never-advanced'
  | 'leak'
  /** A way round that sets the count back to its start first (a cool-down after the cap, then the count starts over). */
  | 'reset'
  /** A count declared inside the function that calls itself again: each call starts it at 0, so the cap is never reached. */
  | 'count-per-call'
  | 'infinite-option';

/** How a retry waits between attempts. */
export type Backoff =
  | { kind: 'jittered' }
  /** Waits come from elsewhere (an imported helper, options passed in): say nothing. */
  | { kind: 'unknown' }
  | { kind: 'none'; waits?: undefined }
  | { kind: 'fixed' | 'growing' | 'xor'; waits: WaitSite[] }
  | { kind: 'ignored'; computed: string; waits: WaitSite[] }
  | { kind: 'delay-after-retry' }
  /** A library whose own delays are not randomised unless an option says so. */
  | { kind: 'library-default'; detail: string; fix?: LibraryOptionFix };

/** One place the code waits, with the expression that sizes the wait (if it has one). */
export interface WaitSite {
  /** The wait: a `setTimeout`, a `sleep`, or a timer object built to run a callback later (`new Timer(cb, delayFn)`). */
  call: ts.CallExpression | ts.NewExpression;
  delay?: ts.Expression;
}

/** An option the rule can add or change on a library call to turn jitter on. */
export interface LibraryOptionFix {
  title: string;
  /** The options object to add the property to, or the call to append an options argument to. */
  target: ts.ObjectLiteralExpression | ts.CallExpression;
  property: string;
  /** An existing property to replace instead of adding one. */
  replace?: ts.ObjectLiteralElementLike;
}

/** What every retry construct states, whatever its kind: how it is named and reported, what repeats, its cap and its waits. */
interface ConstructBase {
  /** How messages name it, already quoted: "`while (true)` retry loop", "`pRetry` call". */
  label: string;
  /** The text span findings underline: a loop's header, a call's first line. */
  report: Span;
  /** The code that runs again on every attempt. Requests inside are retried. */
  scopes: ts.Node[];
  /**
   * Whether each attempt re-runs the code in `scopes` (so a key made there is new each time).
   * False for rxjs, which re-subscribes to an observable built once.
   */
  rerunsScope: boolean;
  /** The statement to put new code before (a key, a cap), when it sits in a statement list. */
  anchor?: ts.Statement;
  /**
   * It goes round from a connection's loss handler (`ws.on('close', connect)`): what it runs again is the connecting,
   * with whatever the connection does once it is up, rather than one failed call.
   */
  reconnects?: boolean;
  /**
   * A status poll that also goes round after an answer that is not final yet (`if (job.done) return job;`): it sends
   * its request again after successes by design, so the request is one that is safe to repeat.
   */
  pollsUntilDone?: boolean;
  bound: Bound;
  backoff: Backoff;
}

/** A loop that goes round after a failure (retry-loops.ts). */
export interface LoopRetry extends ConstructBase {
  kind: 'loop';
  /** The loop statement, so the cap fix can edit it. */
  loop: ts.IterationStatement;
}

/** A function that calls itself again from its failure path (retry-recursion.ts). */
export interface RecursiveRetry extends ConstructBase {
  kind: 'recursion';
  /** The calls with which it goes round again. */
  selfCalls: readonly ts.Node[];
}

/** A connection's loss handler that connects again through other functions (reconnect-chains.ts). */
export interface HandlerRetry extends ConstructBase {
  kind: 'handler';
}

/** An axios response interceptor that re-sends the failed request's config (retry-recursion.ts). */
export interface InterceptorRetry extends ConstructBase {
  kind: 'interceptor';
  /** The calls that send the request again. */
  selfCalls: readonly ts.Node[];
}

/** A retrying library, client or operator, read with its documented defaults (libraries/). */
export interface LibraryRetry extends ConstructBase {
  kind: 'library' | 'rxjs';
  /** The call or `new` the retry was read from. */
  site?: ts.CallExpression | ts.NewExpression;
  /** The retry is set by options on the request call itself (got/ky `retry`): messages name "the retry options of this call". */
  optionsOfCall?: boolean;
  /** The option that adds POST (or PATCH) to the methods the library retries (retry-axios `httpMethodsToRetry`), and its name. */
  retriesPost?: { option: ts.Node; name: string };
  /** It goes round only after the server refused to act (promise-retry's `retry(err)` called only on a 429): refusals.ts. */
  onlyOnRefusal?: boolean;
}

/** A catch that waits and makes the failed call once more (catch-retries.ts). */
export interface CatchRetry extends ConstructBase {
  kind: 'catch-retry';
}

/**
 * A catch that hands the failed job back to its queue after a wait, its attempt count raised, or a failed record
 * stored with the time of its next attempt (requeues.ts); or a consumed message nacked back to its broker (redeliveries.ts).
 */
export interface RequeueRetry extends ConstructBase {
  kind: 'requeue';
}

/** A call of a local helper named for retrying, whose cap and waits are out of sight (retry-libraries.ts). */
export interface HelperRetry extends ConstructBase {
  kind: 'helper-call';
  /** The call of the helper. */
  site?: ts.CallExpression | ts.NewExpression;
  /** Which of its arguments the helper runs again, where another file shows it (an imported helper). */
  callbackArgument?: number;
  /** The file the helper's retry lives in, when another file shows it (an imported helper). */
  retryWhere?: string;
  /** It runs the callback again only after the server refused to act (a 429, a 409), as another file shows it. */
  onlyOnRefusal?: boolean;
}

/** Every retry the analysis finds: rules read only this. */
export type RetryConstruct = LoopRetry | RecursiveRetry | HandlerRetry | InterceptorRetry | LibraryRetry | HelperRetry | CatchRetry | RequeueRetry;

export type RetryKind = RetryConstruct['kind'];

/** A client or wrapped function whose own retries re-send requests, including POST if `coversPost`. */
export interface RetriedClient {
  /** The name path requests are made through: `client`, `axios`, `this.http`, `fetchWithRetry`. */
  name: string;
  label: string;
  coversPost: boolean;
  /** Calls through the client that turn its retries off for themselves (fetch-retry `f(url, { retries: 0 })`). */
  notRetried?: ReadonlySet<ts.Node>;
  /** The one call through it, for a client built and called at once (`fetchRetry(fetch)(url, init)`): others of its name are other clients. */
  only?: ReadonlySet<ts.Node>;
  /** Where this file sets its retries up (the library's call): findings at the requests it re-sends point there. */
  at?: Span;
  /** How the client waits between its retries, where the file configures it. */
  backoff?: Backoff;
  /** For a client configured in another file: its waits, as that file's jitter finding reads them. */
  imported?: { waits: SummaryWaits };
  /**
   * Where the requests it retries are reported, once for all of them: an interceptor's re-send (`this.client.request(config)`),
   * the one place that sends each of them again and where a key kept for the retries belongs.
   */
  reportedAt?: ts.CallExpression;
}

export interface RetryFacts {
  constructs: RetryConstruct[];
  clients: RetriedClient[];
  /** Imported functions that another file shows re-run nothing they are handed: their names are not taken for retry helpers. */
  notRetrying?: ReadonlySet<string>;
  /** Imported request helpers that always send one method (`callServer(url, body)` always POSTs), by local name. */
  importedMethods?: ReadonlyMap<string, string>;
}
