// The quick check's logic: question order, options, scoring, ending early and "retry missed".
// Plain TypeScript (no `vscode`), so the QuickPick is only a view over it and the rules are unit tested.
// A session is an immutable value: every step returns a new one, so a view can keep, compare or drop it freely.

import type { QuizQuestion } from '../lesson/content-types';
import { seededRandom, type Random } from '../shared/seeded-random';
import { missedQuestionIds, type QuizResults } from './quiz-state';

// The stored results are part of the same feature; one import gives a caller all of it.
export * from './quiz-state';

// ---------------------------------------------------------------------------------------------
// Randomness, injectable so tests can fix the order.

/** Returns a number in [0, 1), like `Math.random`. */
export type RandomSource = Random;

/** A deterministic generator for tests and reproducible runs; not meant to be unpredictable. */
export { seededRandom };

/** A shuffled copy (Fisher–Yates, so every order is equally likely); the input is left as it is. */
export function shuffle<T>(items: readonly T[], random: RandomSource = Math.random): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    // min(): a source that returns exactly 1 must not pick an index past the end.
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// A session.

export interface QuizOption {
  /**
   * Stable across runs and shuffles (`<questionId>#answer`, `<questionId>#distractor-<n>`), so a view
   * can hand back the picked option by id instead of by position or label.
   */
  readonly id: string;
  readonly text: string;
  readonly correct: boolean;
}

/** A question as this session asks it: its options in this session's order. */
export interface AskedQuestion {
  readonly question: QuizQuestion;
  /** The answer and the three distractors, shuffled; exactly one is correct. */
  readonly options: readonly QuizOption[];
}

export interface SessionAnswer {
  readonly questionId: string;
  readonly optionId: string;
  readonly correct: boolean;
}

export interface QuizSession {
  /** In asking order. */
  readonly questions: readonly AskedQuestion[];
  /** In the order given; the next question to ask is `questions[answers.length]`. */
  readonly answers: readonly SessionAnswer[];
  /** Set by `endEarly` (Escape): the questions not yet answered are neither asked nor counted. */
  readonly endedEarly: boolean;
}

/** What the learner sees right after choosing. */
export interface AnswerFeedback {
  readonly questionId: string;
  readonly correct: boolean;
  /** The module's answer, shown whether the choice was right or not. */
  readonly correctAnswer: string;
  readonly why: string;
  /** The section or item that teaches the answer, for "open the lesson there". */
  readonly sectionId: string;
}

export interface SessionOptions {
  /** Ask only these question ids (e.g. the missed ones); ids not among the questions are ignored. */
  readonly only?: readonly string[];
  readonly random?: RandomSource;
}

export interface SessionSummary {
  readonly answered: number;
  readonly correct: number;
  /** Questions in the session, answered or not. */
  readonly total: number;
  /** Answered wrong, in asking order. */
  readonly missedIds: readonly string[];
  /** Not reached because the session ended early; not counted as wrong. */
  readonly unansweredIds: readonly string[];
  readonly endedEarly: boolean;
}

/** A session over the questions (or only some of them) in a shuffled order, each with shuffled options. */
export function startSession(questions: readonly QuizQuestion[], options: SessionOptions = {}): QuizSession {
  const random = options.random ?? Math.random;
  const only = options.only === undefined ? undefined : new Set(options.only);
  const chosen = only === undefined ? questions : questions.filter((q) => only.has(q.id));
  return {
    questions: shuffle(chosen, random).map((question) => ({ question, options: shuffle(optionsOf(question), random) })),
    answers: [],
    endedEarly: false,
  };
}

/** The module's answer and its three distractors, unshuffled, with their stable ids. */
export function optionsOf(question: QuizQuestion): QuizOption[] {
  return [
    { id: `${question.id}#answer`, text: question.answer, correct: true },
    ...question.distractors.map((text, n) => ({ id: `${question.id}#distractor-${n}`, text, correct: false })),
  ];
}

/** The question to ask now, or undefined when the session is finished. */
export function current(session: QuizSession): AskedQuestion | undefined {
  return isFinished(session) ? undefined : session.questions[session.answers.length];
}

export function isFinished(session: QuizSession): boolean {
  return session.endedEarly || session.answers.length >= session.questions.length;
}

/**
 * Answers the current question with one of its options. Throws when the session is finished or the
 * option is not one of the current question's: both are a view's bug, not something a learner can do.
 */
export function answer(session: QuizSession, optionId: string): { session: QuizSession; feedback: AnswerFeedback } {
  const asked = current(session);
  if (asked === undefined) throw new Error('The quick check session is finished; there is no question to answer.');
  const option = asked.options.find((o) => o.id === optionId);
  if (option === undefined) {
    throw new Error(`'${optionId}' is not an option of the current question '${asked.question.id}'.`);
  }
  const { question } = asked;
  return {
    session: { ...session, answers: [...session.answers, { questionId: question.id, optionId, correct: option.correct }] },
    feedback: {
      questionId: question.id,
      correct: option.correct,
      correctAnswer: question.answer,
      why: question.why,
      sectionId: question.sectionId,
    },
  };
}

/** Escape: the answers given so far are kept; the rest are not asked and not counted as wrong. */
export function endEarly(session: QuizSession): QuizSession {
  return isFinished(session) ? session : { ...session, endedEarly: true };
}

/** Right answers so far. */
export function score(session: QuizSession): number {
  return session.answers.filter((a) => a.correct).length;
}

/**
 * The QuickPick title: "Question 3 of 7 · Score 2/2", where the score is right answers out of the
 * answered ones (so it never counts a question not yet seen). When finished: "Done · Score 5/7".
 */
export function progressTitle(session: QuizSession): string {
  const answered = session.answers.length;
  const scoreText = `Score ${score(session)}/${answered}`;
  if (isFinished(session)) return `${session.endedEarly ? 'Ended early' : 'Done'} · ${scoreText}`;
  return `Question ${answered + 1} of ${session.questions.length} · ${scoreText}`;
}

export function summary(session: QuizSession): SessionSummary {
  const answeredIds = new Set(session.answers.map((a) => a.questionId));
  return {
    answered: session.answers.length,
    correct: score(session),
    total: session.questions.length,
    missedIds: session.answers.filter((a) => !a.correct).map((a) => a.questionId),
    unansweredIds: session.questions.map((q) => q.question.id).filter((id) => !answeredIds.has(id)),
    endedEarly: session.endedEarly,
  };
}

/**
 * A new session over only the missed questions: those answered wrong in `from` when it is a session,
 * or those whose last stored answer was wrong when it is stored results. Unanswered questions are not
 * missed. With nothing missed the session is empty (and so already finished).
 */
export function retryMissed(
  questions: readonly QuizQuestion[],
  from: QuizSession | QuizResults,
  random: RandomSource = Math.random,
): QuizSession {
  const missed = isSession(from) ? summary(from).missedIds : missedQuestionIds(from, questions.map((q) => q.id));
  return startSession(questions, { only: missed, random });
}

function isSession(value: QuizSession | QuizResults): value is QuizSession {
  return 'answers' in value;
}
