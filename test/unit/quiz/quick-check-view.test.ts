import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LESSON_CONTENT_PATH, getSection, sectionTitle, type Lesson } from '../../../src/lesson/content-types';
import { answer, current, endEarly, seededRandom, startSession, type QuizSession } from '../../../src/quiz/quiz-logic';
import {
  PLACEHOLDER_WIDTH, QUIZ_SECTION_ID, ROW_WIDTH, asQuestion, endedEarlyMessage, escapeIcons, feedbackScreen, pausedMessage,
  questionScreen, rowText, splitQuestion, summaryScreen, wrapText, type Screen,
} from '../../../src/quiz/quick-check-view';
import { repoRoot } from '../lesson/helpers';

const lesson = JSON.parse(readFileSync(path.join(repoRoot(), LESSON_CONTENT_PATH), 'utf8')) as Lesson;
const questions = getSection(lesson, 'check-yourself').questions;
const titleOf = (id: string) => sectionTitle(lesson, id) ?? id;

/** Answers the current question right or wrong; returns what the feedback screen needs. */
function answerCurrent(session: QuizSession, right: boolean) {
  const asked = current(session);
  assert.ok(asked);
  const chosen = asked.options.find((option) => option.correct === right);
  assert.ok(chosen);
  return { ...answer(session, chosen.id), chosen, question: asked.question };
}

function play(session: QuizSession, ...rights: boolean[]): QuizSession {
  return rights.reduce((s, right) => answerCurrent(s, right).session, session);
}

const labels = (screen: Screen) => screen.rows.filter((row) => !row.separator).map((row) => row.label);

describe('quick check view', () => {
  describe('the question step', () => {
    it('shows the question, its four options in the session order, and the progress title', () => {
      const session = startSession(questions, { random: seededRandom(3) });
      const screen = questionScreen(session, false);
      const asked = current(session);
      assert.ok(asked);
      assert.equal(screen.step, 'question');
      assert.equal(screen.title, 'Question 1 of 7 · Score 0/0');
      assert.equal(screen.placeholder, splitQuestion(asked.question).ask);
      const options = screen.rows.filter((row) => row.action.kind === 'answer');
      assert.deepEqual(options.map(rowText), asked.options.map((option) => option.text));
      assert.deepEqual(options.map((row) => row.action), asked.options.map((option) => ({ kind: 'answer', optionId: option.id })));
      assert.equal(screen.rows[screen.activeIndex], options[0], 'the first option is highlighted');
    });

    it('keeps a long question readable: the question proper in the placeholder, its scenario in a row above the options', () => {
      const scenario = questions.find((q) => q.id === 'q-retry-storm');
      assert.ok(scenario);
      const screen = questionScreen(startSession(questions, { only: [scenario.id] }), false);
      assert.equal(screen.placeholder, 'What failure pattern can you trigger?');
      assert.deepEqual(screen.rows.slice(0, 3).map((row) => [row.label, row.separator === true]), [
        ['Scenario', true],
        ['$(info) Service B is slow and Service A retries aggressively.', false],
        ['', true],
      ]);
      assert.equal(screen.rows[screen.activeIndex].action.kind, 'answer');
      const answerRow = screen.rows.find((row) => row.action.kind === 'answer' && rowText(row) === scenario.answer);
      assert.ok(answerRow?.detail, 'the long answer continues on the line below its label');
    });

    it('fits every question in the placeholder and every option label on its row', () => {
      for (const question of questions) {
        const screen = questionScreen(startSession(questions, { only: [question.id] }), false);
        assert.ok(screen.placeholder.length <= PLACEHOLDER_WIDTH, screen.placeholder);
        for (const row of screen.rows.filter((r) => !r.separator)) assert.ok(row.label.length <= ROW_WIDTH + 8, row.label);
      }
    });

    it('says "Retry" in the title while retrying the missed questions', () => {
      const session = startSession(questions, { only: ['q-why-version'] });
      assert.equal(questionScreen(session, true).title, 'Retry · Question 1 of 1 · Score 0/0');
    });

    it('refuses a finished session', () => {
      assert.throws(() => questionScreen(endEarly(startSession(questions)), false), /question left/);
    });
  });

  describe('the feedback step', () => {
    it('after a right answer: the verdict, the answer, the why, and "Next question" highlighted', () => {
      const start = play(startSession(questions, { random: seededRandom(5) }), true);
      const { session, feedback, chosen, question } = answerCurrent(start, true);
      const screen = feedbackScreen(session, feedback, chosen, question, false, titleOf);
      assert.equal(screen.title, '✓ Right · Question 2 of 7 · Score 2/2');
      assert.equal(screen.placeholder, splitQuestion(question).ask);
      const rows = labels(screen);
      assert.ok(!screen.rows.some((row) => row.label === 'Your answer'), 'no "your answer" when it was right');
      assert.equal(rows.filter((label) => label.startsWith('$(pass) ')).length, 1);
      assert.equal(joinedText(screen, "The module's answer"), question.answer);
      assert.equal(joinedText(screen, 'Why'), question.why);
      assert.equal(screen.rows[screen.activeIndex].label, '$(arrow-right) Next question');
      assert.deepEqual(screen.rows[screen.activeIndex].action, { kind: 'next' });
      const lessonRow = screen.rows.find((row) => row.action.kind === 'openLesson');
      assert.equal(lessonRow?.label, `$(book) Open lesson: ${titleOf(question.sectionId)}`);
      assert.deepEqual(lessonRow?.action, { kind: 'openLesson', sectionId: question.sectionId, pause: true });
    });

    it('after a wrong answer: "Not quite", the learner\'s choice and the module\'s answer', () => {
      const { session, feedback, chosen, question } = answerCurrent(startSession(questions, { random: seededRandom(9) }), false);
      const screen = feedbackScreen(session, feedback, chosen, question, false, titleOf);
      assert.equal(screen.title, '✗ Not quite · Question 1 of 7 · Score 0/1');
      assert.equal(joinedText(screen, 'Your answer'), chosen.text);
      assert.equal(joinedText(screen, "The module's answer"), question.answer);
    });

    it('offers "See your score" after the last question', () => {
      const start = play(startSession(questions, { random: seededRandom(1) }), true, true, true, true, true, true);
      const { session, feedback, chosen, question } = answerCurrent(start, true);
      const screen = feedbackScreen(session, feedback, chosen, question, false, titleOf);
      assert.equal(screen.rows[screen.activeIndex].label, '$(arrow-right) See your score');
      assert.equal(screen.title, '✓ Right · Question 7 of 7 · Score 7/7');
    });

    it('keeps every row of text within the width a QuickPick row shows', () => {
      for (const question of questions) {
        const session = startSession(questions, { only: [question.id] });
        const { session: after, feedback, chosen } = answerCurrent(session, false);
        const screen = feedbackScreen(after, feedback, chosen, question, false, titleOf);
        screen.rows.forEach((row, i) => {
          if (row.action.kind !== 'none' || row.separator) return;
          // The first row of a group shares its line with the group's name.
          const heading = screen.rows[i - 1].separator ? screen.rows[i - 1].label.length + 6 : 0;
          assert.ok(row.label.replace(/^\$\([a-z-]+\) /, '').length + heading <= ROW_WIDTH, `${question.id}: "${row.label}"`);
        });
      }
    });
  });

  describe('the summary step', () => {
    it('shows the score, "Retry missed (n)" first, and each missed question with its section', () => {
      const session = play(startSession(questions, { random: seededRandom(2) }), false, true, true, false, true, true, true);
      const screen = summaryScreen(session, false, 'Mastered overall: 5 of 7', titleOf);
      assert.equal(screen.step, 'summary');
      assert.equal(screen.title, 'Done · Score 5/7');
      assert.equal(screen.placeholder, 'You got 5 of 7 right. Mastered overall: 5 of 7.');
      assert.equal(screen.rows[screen.activeIndex].label, '$(debug-restart) Retry missed (2)');
      const missed = [session.questions[0].question, session.questions[3].question];
      const missedRows = screen.rows.filter((row) => row.label.startsWith('$(error) '));
      const oneLine = (q: typeof missed[number]) => {
        const parts = splitQuestion(q);
        return parts.leadIn === undefined ? parts.ask : `${parts.leadInHeading}: ${parts.ask}`;
      };
      assert.deepEqual(missedRows.map((row) => row.label), missed.map((q) => `$(error) ${oneLine(q)}`));
      assert.deepEqual(missedRows.map((row) => row.detail), missed.map((q) => `Open lesson: ${titleOf(q.sectionId)}`));
      assert.deepEqual(missedRows.map((row) => row.action), missed.map((q) => ({ kind: 'openLesson', sectionId: q.sectionId, pause: false })));
      assert.ok(labels(screen).includes('$(book) Open lesson'));
    });

    it('has no retry row when nothing was missed', () => {
      const session = play(startSession(questions, { random: seededRandom(2) }), true, true, true, true, true, true, true);
      const screen = summaryScreen(session, false, 'Mastered overall: 7 of 7', titleOf);
      assert.equal(screen.placeholder, 'You got all 7 right. Mastered overall: 7 of 7.');
      assert.ok(!labels(screen).some((label) => label.includes('Retry missed')));
      assert.deepEqual(screen.rows[screen.activeIndex].action, { kind: 'openLesson', sectionId: QUIZ_SECTION_ID, pause: false });
    });
  });

  describe('notifications', () => {
    it('reports an early end with the score so far and the questions not asked', () => {
      const session = endEarly(play(startSession(questions), true, false, true));
      assert.equal(endedEarlyMessage(session), 'Quick check ended early. You got 2 of 3 right. 4 questions were not asked. Your answers are saved.');
      assert.equal(endedEarlyMessage(endEarly(startSession(questions))), undefined, 'nothing to report when nothing was answered');
      const one = endEarly(play(startSession(questions), true, true, true, true, true, true));
      assert.match(endedEarlyMessage(one) ?? '', /1 question was not asked/);
    });

    it('says where a paused check stands and how to go on', () => {
      assert.match(pausedMessage(play(startSession(questions), true, true)), /^Quick check paused after question 2 of 7\. To go on, run the quick check again/);
    });
  });

  describe('text helpers', () => {
    it('wraps at spaces within the width, keeping every word', () => {
      const text = 'The caller waits on the callee, so one slow or failing service stalls or fails every service up the chain.';
      const lines = wrapText(text, 30);
      assert.ok(lines.every((line) => line.length <= 30), lines.join('|'));
      assert.equal(lines.join(' '), text);
      assert.deepEqual(wrapText('short', 30), ['short']);
      assert.deepEqual(wrapText('', 30), []);
      assert.deepEqual(wrapText('a supercalifragilistic b', 5), ['a', 'supercalifragilistic', 'b']);
      assert.deepEqual(wrapText('one two three four', 10, 4), ['one', 'two three', 'four']);
    });

    it('escapes icon syntax so content text shows literally', () => {
      assert.equal(escapeIcons('costs $(money) and $x'), 'costs \\$(money) and $x');
    });

    it('adds a question mark only where the module has none', () => {
      assert.equal(asQuestion({ ...questions[0], question: 'Why' }), 'Why?');
      assert.equal(asQuestion({ ...questions[0], question: 'Why?' }), 'Why?');
    });
  });
});

/** The text of the rows under a separator, joined back into one string without the icons. */
function joinedText(screen: Screen, heading: string): string {
  const start = screen.rows.findIndex((row) => row.separator && row.label === heading);
  assert.ok(start >= 0, `no "${heading}" group`);
  const rows = [];
  for (const row of screen.rows.slice(start + 1)) {
    if (row.separator) break;
    rows.push(row.label.replace(/^\$\([a-z-]+\) /, ''));
  }
  return rows.join(' ');
}
