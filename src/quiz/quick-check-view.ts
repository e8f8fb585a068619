// What the quick check's QuickPick shows at each step, as plain data: titles, placeholders, rows and
// what choosing a row does. No `vscode` here, so the wording and layout are unit tested; quick-check.ts
// only turns these rows into QuickPickItems and carries out the actions.

import type { QuizQuestion } from '../lesson/content-types';
import { current, progressTitle, summary, type AnswerFeedback, type QuizOption, type QuizSession, type SessionSummary } from './quiz-logic';

/** What choosing a row does. `none`: a row of text (the answer, the why) that is only there to be read. */
export type QuickCheckAction =
  | { readonly kind: 'answer'; readonly optionId: string }
  | { readonly kind: 'next' }
  | { readonly kind: 'openLesson'; readonly sectionId: string; readonly pause: boolean }
  | { readonly kind: 'retryMissed' }
  | { readonly kind: 'restart' }
  | { readonly kind: 'close' }
  | { readonly kind: 'none' };

export interface ScreenRow {
  readonly label: string;
  readonly description?: string;
  /** A second line under the label, for text that does not fit on one. */
  readonly detail?: string;
  /** A separator row (QuickPickItemKind.Separator): its label names the group below it. */
  readonly separator?: boolean;
  readonly action: QuickCheckAction;
}

export type ScreenStep = 'question' | 'feedback' | 'summary';

export interface Screen {
  readonly step: ScreenStep;
  readonly title: string;
  readonly placeholder: string;
  readonly rows: readonly ScreenRow[];
  /** The row the QuickPick highlights first, so Enter does the likely thing. */
  readonly activeIndex: number;
}

/** Turns an id (a section, mistake, checklist item or question) into the title the lesson shows for it. */
export type SectionTitleOf = (id: string) => string;

/** The section the general "Open lesson" row opens: the quiz cards, where mastered questions are marked. */
export const QUIZ_SECTION_ID = 'check-yourself';

/**
 * QuickPick rows are one line each and are cut off with an ellipsis at the widget's 600 px, about
 * 78 characters of label. The answer and the why are longer than that, so they are wrapped over rows.
 * The first row of a group also carries the group's name at its right, so it gets that much less.
 */
export const ROW_WIDTH = 72;

/** Room the group's name takes on the first row, beyond its own characters (padding, icon). */
const HEADING_ROOM = 6;

/** About what the QuickPick's input shows of a placeholder before cutting it off. */
export const PLACEHOLDER_WIDTH = 80;

const NOTHING: QuickCheckAction = { kind: 'none' };

// ---------------------------------------------------------------------------------------------
// The steps.

/** "Retry · " in front of the title while retrying the missed questions, so it is clear why there are fewer. */
function titlePrefix(retrying: boolean): string {
  return retrying ? 'Retry · ' : '';
}

/** The module words its questions without a question mark. */
export function asQuestion(question: QuizQuestion): string {
  return /[?.!]$/.test(question.question) ? question.question : `${question.question}?`;
}

/** A question split for the screen: the question proper, and the sentences that set it up, if any. */
export interface QuestionParts {
  /** The last sentence, with its question mark: what the placeholder asks. */
  readonly ask: string;
  /** The sentences before it ("Service B is slow …"), shown as a row when the whole does not fit. */
  readonly leadIn?: string;
  /** What the lead-in is ("Scenario" when the module starts it with "Scenario."). */
  readonly leadInHeading?: string;
}

/**
 * The whole question when it fits the placeholder; otherwise its last sentence, with the sentences
 * before it as a lead-in. The module's scenario question is the one that needs this.
 */
export function splitQuestion(question: QuizQuestion): QuestionParts {
  const whole = asQuestion(question);
  const lastBreak = whole.lastIndexOf('. ');
  if (whole.length <= PLACEHOLDER_WIDTH || lastBreak < 0) return { ask: whole };
  const leadIn = whole.slice(0, lastBreak + 1);
  const scenario = /^Scenario\.\s*/.exec(leadIn);
  return {
    ask: whole.slice(lastBreak + 2),
    leadIn: scenario ? leadIn.slice(scenario[0].length) : leadIn,
    leadInHeading: scenario ? 'Scenario' : 'Context',
  };
}

/** The current question and its four options, in the session's shuffled order. */
export function questionScreen(session: QuizSession, retrying: boolean): Screen {
  const asked = current(session);
  if (asked === undefined) throw new Error('questionScreen needs a session with a question left to ask.');
  const parts = splitQuestion(asked.question);
  const leadIn = parts.leadIn === undefined ? [] : [...textRows(parts.leadInHeading ?? 'Context', 'info', parts.leadIn), separatorRow('')];
  return {
    step: 'question',
    title: `${titlePrefix(retrying)}${progressTitle(session)}`,
    placeholder: parts.ask,
    rows: [...leadIn, ...asked.options.map(optionRow)],
    activeIndex: leadIn.length,
  };
}

/** An option to choose: its text on the label, and what does not fit on one line in the detail below. */
function optionRow(option: QuizOption): ScreenRow {
  const [first, ...rest] = wrapText(option.text, ROW_WIDTH);
  const action: QuickCheckAction = { kind: 'answer', optionId: option.id };
  return rest.length === 0 ? { label: escapeIcons(first), action } : { label: escapeIcons(first), detail: escapeIcons(rest.join(' ')), action };
}

/** The text an option row shows, label then detail: the option's own text. */
export function rowText(row: ScreenRow): string {
  return row.detail === undefined ? row.label : `${row.label} ${row.detail}`;
}

/**
 * Right after a choice: right or not in the title, then the learner's wrong choice (if it was wrong),
 * the module's answer and the why, then "Next question" (highlighted) and the lesson section that teaches it.
 */
export function feedbackScreen(
  session: QuizSession,
  feedback: AnswerFeedback,
  chosen: QuizOption,
  question: QuizQuestion,
  retrying: boolean,
  sectionTitleOf: SectionTitleOf,
): Screen {
  const verdict = feedback.correct ? '✓ Right' : '✗ Not quite';
  const rows: ScreenRow[] = [
    ...(feedback.correct ? [] : textRows('Your answer', 'error', chosen.text)),
    ...textRows("The module's answer", 'pass', feedback.correctAnswer),
    ...textRows('Why', 'info', feedback.why),
    separatorRow(''),
  ];
  const activeIndex = rows.length;
  const last = session.answers.length >= session.questions.length;
  rows.push(
    { label: last ? '$(arrow-right) See your score' : '$(arrow-right) Next question', action: { kind: 'next' } },
    {
      label: `$(book) Open lesson: ${sectionTitleOf(feedback.sectionId)}`,
      detail: 'Pauses the check: run the quick check again to go on.',
      action: { kind: 'openLesson', sectionId: feedback.sectionId, pause: true },
    },
  );
  return {
    step: 'feedback',
    title: `${verdict} · ${answeredTitle(session)}`,
    placeholder: splitQuestion(question).ask,
    rows,
    activeIndex,
  };
}

/** "Question 3 of 7 · Score 2/3" for the question just answered (progressTitle already names the next one). */
function answeredTitle(session: QuizSession): string {
  const answered = session.answers.length;
  const right = session.answers.filter((a) => a.correct).length;
  return `Question ${answered} of ${session.questions.length} · Score ${right}/${answered}`;
}

/**
 * The end of a session: the score, "Retry missed (n)" when something was missed (highlighted), the
 * lesson, a fresh run, and each missed question with the section that teaches it.
 */
export function summaryScreen(session: QuizSession, retrying: boolean, masteredText: string, sectionTitleOf: SectionTitleOf): Screen {
  const result = summary(session);
  const missed = session.questions.filter((asked) => result.missedIds.includes(asked.question.id)).map((asked) => asked.question);
  const rows: ScreenRow[] = [];
  if (missed.length > 0) rows.push({ label: `$(debug-restart) ${retryMissedLabel(missed.length)}`, action: { kind: 'retryMissed' } });
  rows.push(
    {
      label: '$(book) Open lesson',
      description: `${sectionTitleOf(QUIZ_SECTION_ID)}, with your mastered questions marked`,
      action: { kind: 'openLesson', sectionId: QUIZ_SECTION_ID, pause: false },
    },
    { label: '$(refresh) Start again with all questions', action: { kind: 'restart' } },
    { label: '$(close) Close', action: { kind: 'close' } },
  );
  if (missed.length > 0) {
    rows.push(separatorRow('Missed'));
    for (const question of missed) {
      rows.push({
        label: `$(error) ${escapeIcons(shortQuestion(question))}`,
        detail: `Open lesson: ${sectionTitleOf(question.sectionId)}`,
        action: { kind: 'openLesson', sectionId: question.sectionId, pause: false },
      });
    }
  }
  return {
    step: 'summary',
    title: `${titlePrefix(retrying)}${progressTitle(session)}`,
    placeholder: `${scoreSentence(result)} ${masteredText}.`,
    rows,
    activeIndex: 0,
  };
}

/** The question on one row: whole when it fits, else "Scenario: What failure pattern can you trigger?". */
function shortQuestion(question: QuizQuestion): string {
  const parts = splitQuestion(question);
  return parts.leadIn === undefined ? parts.ask : `${parts.leadInHeading}: ${parts.ask}`;
}

export function retryMissedLabel(missed: number): string {
  return `Retry missed (${missed})`;
}

/** "You got 5 of 7 right." or "You got all 7 right." */
function scoreSentence(result: SessionSummary): string {
  if (result.answered === 0) return 'No questions answered.';
  if (result.correct === result.answered && result.answered === result.total) return `You got all ${result.total} right.`;
  return `You got ${result.correct} of ${result.answered} right.`;
}

/**
 * The notification shown when the learner leaves with Escape: the score so far, and how many were
 * not asked. Undefined when nothing was answered (there is nothing to report).
 */
export function endedEarlyMessage(session: QuizSession): string | undefined {
  const result = summary(session);
  if (result.answered === 0) return undefined;
  const notAsked = result.unansweredIds.length;
  const rest = notAsked === 0 ? '' : ` ${notAsked} ${notAsked === 1 ? 'question was' : 'questions were'} not asked.`;
  const what = result.endedEarly ? 'Quick check ended early' : 'Quick check done';
  return `${what}. ${scoreSentence(result)}${rest} Your answers are saved.`;
}

/** The notification shown when "Open lesson" pauses a session, saying how to go on. */
export function pausedMessage(session: QuizSession): string {
  return `Quick check paused after question ${session.answers.length} of ${session.questions.length}. To go on, run the quick check again or click it in the status bar.`;
}

// ---------------------------------------------------------------------------------------------
// Text over rows.

/** A separator naming the text, then the text wrapped over rows: an icon on the first, a blank on the rest. */
function textRows(heading: string, icon: string, text: string): ScreenRow[] {
  const lines = wrapText(text, ROW_WIDTH, ROW_WIDTH - heading.length - HEADING_ROOM);
  return [
    separatorRow(heading),
    ...lines.map((line, i) => ({ label: `$(${i === 0 ? icon : 'blank'}) ${escapeIcons(line)}`, action: NOTHING })),
  ];
}

function separatorRow(label: string): ScreenRow {
  return { label, separator: true, action: NOTHING };
}

/**
 * Splits text into lines of at most `width` characters (`firstWidth` for the first) at spaces. A word
 * longer than the width gets a line of its own rather than being cut: an ellipsis beats a broken word.
 */
export function wrapText(text: string, width: number, firstWidth = width): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const room = lines.length === 0 ? firstWidth : width;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= room) line = `${line} ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** QuickPick labels render `$(name)` as an icon; content text must show it literally. */
export function escapeIcons(text: string): string {
  return text.replace(/\$\(/g, '\\$(');
}
