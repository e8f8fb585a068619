// The quick check's stored results: the format kept in globalState, how an old or broken stored
// value is turned back into a usable one, and the counts the lesson panel and status bar show.
// Plain TypeScript (no `vscode`): the caller reads and writes globalState and logs the notes.

/** The globalState key the quick check, the lesson panel and the status bar share. */
export const QUIZ_RESULTS_KEY = 'integrationCoach.quickCheckResults';

/** Bump when the stored shape changes, and teach `parseStoredResults` to migrate the old one. */
export const QUIZ_RESULTS_VERSION = 2;

/**
 * Version 1 kept only the ids of questions answered right, without times. Nothing writes it any more;
 * it is described here so that a value left by an older build is migrated rather than lost.
 */
export interface QuizResultsV1 {
  readonly version: 1;
  readonly correct: readonly string[];
}

/** The outcome of the last answer given to one question. */
export interface QuestionResult {
  /** Whether the last answer was right: a question is mastered while this is true. */
  readonly correct: boolean;
  /** When that answer was given, as an ISO 8601 string. */
  readonly answeredAt: string;
}

export interface QuizResults {
  readonly version: typeof QUIZ_RESULTS_VERSION;
  /** By question id; a question never answered has no entry. */
  readonly results: Readonly<Record<string, QuestionResult>>;
}

/** One answer of a session, as far as the stored results care. */
export interface AnsweredQuestion {
  readonly questionId: string;
  readonly correct: boolean;
}

/** What `parseStoredResults` made of a stored value; `note` says what was migrated, reset or dropped. */
export interface ParsedResults {
  readonly results: QuizResults;
  readonly note?: string;
}

/** Version 1 had no times, so migrated answers get the earliest time there is rather than a made-up one. */
export const MIGRATED_ANSWER_TIME = new Date(0).toISOString();

export function emptyResults(): QuizResults {
  return { version: QUIZ_RESULTS_VERSION, results: {} };
}

/**
 * The results after a session: each answered question's entry is replaced by its latest answer, so
 * a question once missed and now answered right counts as mastered. Unanswered questions keep their entry.
 */
export function recordAnswers(results: QuizResults, answers: readonly AnsweredQuestion[], now: Date): QuizResults {
  const answeredAt = now.toISOString();
  const next: Record<string, QuestionResult> = { ...results.results };
  for (const { questionId, correct } of answers) next[questionId] = { correct, answeredAt };
  return { version: QUIZ_RESULTS_VERSION, results: next };
}

/** Whether the last answer to the question was right. */
export function isMastered(results: QuizResults, questionId: string): boolean {
  return hasOwn(results.results, questionId) && results.results[questionId].correct;
}

/** Ids of the mastered questions (last answer right), in the order of `allIds`. */
export function masteredQuestionIds(results: QuizResults, allIds: readonly string[]): string[] {
  return allIds.filter((id) => isMastered(results, id));
}

/** How many questions are mastered (last answer right). */
export function masteredCount(results: QuizResults): number {
  return Object.values(results.results).filter((result) => result.correct).length;
}

/**
 * Ids of the questions whose last answer was wrong, in the order of `allIds`. A question never
 * answered is not missed: "retry missed" should only ask what the learner got wrong.
 */
export function missedQuestionIds(results: QuizResults, allIds: readonly string[]): string[] {
  return allIds.filter((id) => hasOwn(results.results, id) && !results.results[id].correct);
}

/** The status bar text, e.g. "Quick check 3/7". */
export function statusText(results: QuizResults, total: number): string {
  return `Quick check ${masteredCount(results)}/${total}`;
}

// ---------------------------------------------------------------------------------------------
// Reading a stored value. Whatever globalState holds (an older format, a value written by a newer
// build, a hand-edited or half-written one) must give usable results and a note, never an exception:
// a broken store must not take the quick check, the lesson panel or the status bar down with it.

/**
 * Turns a stored value into current results. The current version is kept (minus unknown question
 * ids); version 1 is migrated; anything else is reset to empty. `note` is set whenever something
 * was migrated, reset or dropped, for the caller to log. Nothing stored (`undefined`) is simply empty.
 */
export function parseStoredResults(raw: unknown, knownQuestionIds: Iterable<string>): ParsedResults {
  try {
    return parseOrThrow(raw, new Set(knownQuestionIds));
  } catch (error) {
    // Only a hostile value (a throwing getter, a proxy) gets here; reset rather than fail.
    return reset(`could not be read (${error instanceof Error ? error.message : String(error)})`);
  }
}

function parseOrThrow(raw: unknown, known: ReadonlySet<string>): ParsedResults {
  if (raw === undefined) return { results: emptyResults() };
  if (!isPlainObject(raw)) return reset(`was ${describe(raw)}, not an object`);
  const version = raw.version;
  if (version === QUIZ_RESULTS_VERSION) return parseCurrent(raw, known);
  if (version === 1) return migrateFromV1(raw, known);
  if (typeof version === 'number' && Number.isInteger(version) && version > QUIZ_RESULTS_VERSION) {
    return reset(`has version ${version}, newer than this build understands (${QUIZ_RESULTS_VERSION})`);
  }
  return reset(`has an unknown version (${describe(version)})`);
}

function parseCurrent(raw: Record<string, unknown>, known: ReadonlySet<string>): ParsedResults {
  const stored = raw.results;
  if (!isPlainObject(stored)) return reset(`has 'results' that is ${describe(stored)}, not an object`);
  const results: Record<string, QuestionResult> = {};
  const unknown: string[] = [];
  for (const [id, entry] of Object.entries(stored)) {
    // One ill-typed entry means the value was not written by this code, so none of it is trusted.
    if (!isQuestionResult(entry)) return reset(`has an ill-typed result for '${id}'`);
    if (!known.has(id)) unknown.push(id);
    else results[id] = { correct: entry.correct, answeredAt: entry.answeredAt };
  }
  return { results: { version: QUIZ_RESULTS_VERSION, results }, ...noteFor([], unknown) };
}

function migrateFromV1(raw: Record<string, unknown>, known: ReadonlySet<string>): ParsedResults {
  const correct = raw.correct;
  if (!Array.isArray(correct) || !correct.every((id) => typeof id === 'string')) {
    return reset(`has version 1 but 'correct' is ${describe(correct)}, not a list of question ids`);
  }
  const results: Record<string, QuestionResult> = {};
  const unknown: string[] = [];
  for (const id of correct as string[]) {
    if (!known.has(id)) unknown.push(id);
    else results[id] = { correct: true, answeredAt: MIGRATED_ANSWER_TIME };
  }
  const migrated = `Quick check results migrated from version 1 to ${QUIZ_RESULTS_VERSION} (answer times unknown, set to ${MIGRATED_ANSWER_TIME}).`;
  return { results: { version: QUIZ_RESULTS_VERSION, results }, ...noteFor([migrated], unknown) };
}

function reset(reason: string): ParsedResults {
  return { results: emptyResults(), note: `The stored quick check results ${reason}; they were reset.` };
}

/** Joins the notes, adding one for dropped question ids; no `note` key when there is nothing to say. */
function noteFor(notes: string[], unknownIds: string[]): { note?: string } {
  const all = [...notes];
  if (unknownIds.length > 0) {
    const ids = unknownIds.map((id) => `'${id}'`).join(', ');
    all.push(`Dropped stored quick check results for unknown question ids: ${ids}.`);
  }
  return all.length > 0 ? { note: all.join(' ') } : {};
}

function isQuestionResult(value: unknown): value is QuestionResult {
  return (
    isPlainObject(value) &&
    typeof value.correct === 'boolean' &&
    typeof value.answeredAt === 'string' &&
    !Number.isNaN(Date.parse(value.answeredAt))
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a value's type for a note: "null", "an array", "a string". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** Own keys only: a stored id such as "constructor" or "__proto__" must not find Object.prototype. */
function hasOwn(record: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(record, key);
}
