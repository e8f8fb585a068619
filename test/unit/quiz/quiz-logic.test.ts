import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LESSON_CONTENT_PATH, QUESTION_IDS, getSection, type Lesson, type QuizQuestion } from '../../../src/lesson/content-types';
import {
  MIGRATED_ANSWER_TIME,
  QUIZ_RESULTS_VERSION,
  answer,
  current,
  emptyResults,
  endEarly,
  isFinished,
  isMastered,
  masteredCount,
  masteredQuestionIds,
  missedQuestionIds,
  optionsOf,
  parseStoredResults,
  progressTitle,
  recordAnswers,
  retryMissed,
  seededRandom,
  shuffle,
  startSession,
  statusText,
  summary,
  type QuizResults,
  type QuizSession,
} from '../../../src/quiz/quiz-logic';
import { repoRoot } from '../lesson/helpers';

/** The real questions; the lesson's own tests validate the file, so a cast is enough here. */
function realQuestions(): readonly QuizQuestion[] {
  const lesson = JSON.parse(readFileSync(path.join(repoRoot(), LESSON_CONTENT_PATH), 'utf8')) as Lesson;
  return getSection(lesson, 'check-yourself').questions;
}

const questions = realQuestions();
const allIds = questions.map((q) => q.id);

function optionIdFor(session: QuizSession, correct: boolean): string {
  const asked = current(session);
  assert.ok(asked, 'expected a current question');
  const option = asked.options.find((o) => o.correct === correct);
  assert.ok(option);
  return option.id;
}

/** Answers the next questions right (true) or wrong (false), in turn. */
function play(session: QuizSession, ...rights: boolean[]): QuizSession {
  return rights.reduce((s, right) => answer(s, optionIdFor(s, right)).session, session);
}

const NOW = new Date('2025-03-04T05:06:07.000Z');

describe('quick check logic', () => {
  it('reads the seven questions of the real content', () => {
    assert.deepEqual([...allIds].sort(), [...QUESTION_IDS].sort());
  });

  describe('shuffle', () => {
    it('returns a permutation and leaves the input alone', () => {
      const input = Object.freeze([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      for (let seed = 0; seed < 50; seed++) {
        const out = shuffle(input, seededRandom(seed));
        assert.deepEqual([...out].sort((a, b) => a - b), [...input]);
      }
      assert.deepEqual(input, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('is deterministic for a seed and varies between seeds', () => {
      const input = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
      assert.deepEqual(shuffle(input, seededRandom(42)), shuffle(input, seededRandom(42)));
      const orders = new Set(Array.from({ length: 20 }, (_, seed) => shuffle(input, seededRandom(seed)).join('')));
      assert.ok(orders.size > 10, `expected varied orders, got ${orders.size}`);
    });

    it('stays in range when the source returns 0 or almost 1', () => {
      assert.deepEqual(shuffle([1, 2, 3], () => 0).sort(), [1, 2, 3]);
      assert.deepEqual(shuffle([1, 2, 3], () => 0.9999999999).sort(), [1, 2, 3]);
      assert.deepEqual(shuffle([1, 2, 3], () => 1).sort(), [1, 2, 3]);
      assert.deepEqual(shuffle([], seededRandom(1)), []);
    });
  });

  describe('a session', () => {
    it('asks every question once, in a seeded shuffled order', () => {
      const session = startSession(questions, { random: seededRandom(7) });
      const order = session.questions.map((q) => q.question.id);
      assert.deepEqual([...order].sort(), [...allIds].sort());
      assert.deepEqual(startSession(questions, { random: seededRandom(7) }), session);
      const orders = new Set(Array.from({ length: 20 }, (_, seed) => startSession(questions, { random: seededRandom(seed) }).questions.map((q) => q.question.id).join()));
      assert.ok(orders.size > 10, 'the order should change from run to run');
    });

    it('shows exactly four options per question: the answer, once correct, and the three distractors', () => {
      for (let seed = 0; seed < 10; seed++) {
        for (const { question, options } of startSession(questions, { random: seededRandom(seed) }).questions) {
          assert.equal(options.length, 4);
          const correct = options.filter((o) => o.correct);
          assert.equal(correct.length, 1);
          assert.equal(correct[0].text, question.answer);
          assert.deepEqual(
            options.filter((o) => !o.correct).map((o) => o.text).sort(),
            [...question.distractors].sort(),
          );
          assert.equal(new Set(options.map((o) => o.id)).size, 4, 'option ids are distinct');
        }
      }
    });

    it('keeps option ids stable across runs while the option order changes', () => {
      const question = questions[0];
      const stable = optionsOf(question).map((o) => o.id);
      assert.deepEqual(stable, [`${question.id}#answer`, `${question.id}#distractor-0`, `${question.id}#distractor-1`, `${question.id}#distractor-2`]);
      const correctPositions = new Set<number>();
      for (let seed = 0; seed < 40; seed++) {
        const asked = startSession(questions, { random: seededRandom(seed) }).questions.find((q) => q.question.id === question.id);
        assert.ok(asked);
        assert.deepEqual(asked.options.map((o) => o.id).sort(), [...stable].sort());
        correctPositions.add(asked.options.findIndex((o) => o.correct));
      }
      assert.deepEqual([...correctPositions].sort(), [0, 1, 2, 3], 'the answer should appear in every position');
    });

    it('scores answers and titles the QuickPick with the question number and the running score', () => {
      let session = startSession(questions, { random: seededRandom(3) });
      assert.equal(progressTitle(session), 'Question 1 of 7 · Score 0/0');

      const first = current(session);
      assert.ok(first);
      const right = answer(session, optionIdFor(session, true));
      assert.deepEqual(right.feedback, {
        questionId: first.question.id,
        correct: true,
        correctAnswer: first.question.answer,
        why: first.question.why,
        sectionId: first.question.sectionId,
      });
      session = right.session;
      assert.equal(progressTitle(session), 'Question 2 of 7 · Score 1/1');

      const second = current(session);
      assert.ok(second);
      const wrong = answer(session, optionIdFor(session, false));
      assert.equal(wrong.feedback.correct, false);
      assert.equal(wrong.feedback.correctAnswer, second.question.answer, 'a wrong choice still shows the module answer');
      assert.equal(wrong.feedback.why, second.question.why);
      assert.equal(wrong.feedback.sectionId, second.question.sectionId);
      session = wrong.session;
      assert.equal(progressTitle(session), 'Question 3 of 7 · Score 1/2');

      session = play(session, true, true, false, true, true);
      assert.ok(isFinished(session));
      assert.equal(current(session), undefined);
      assert.equal(progressTitle(session), 'Done · Score 5/7');
      const result = summary(session);
      assert.equal(result.answered, 7);
      assert.equal(result.correct, 5);
      assert.equal(result.total, 7);
      assert.deepEqual(result.missedIds, [session.questions[1].question.id, session.questions[4].question.id]);
      assert.deepEqual(result.unansweredIds, []);
      assert.equal(result.endedEarly, false);
    });

    it('does not change the session it was given', () => {
      const session = startSession(questions, { random: seededRandom(1) });
      const copy = structuredClone(session);
      answer(session, optionIdFor(session, true));
      endEarly(session);
      assert.deepEqual(session, copy);
    });

    it('refuses an option of another question and an answer after the end', () => {
      const session = startSession(questions, { random: seededRandom(1) });
      const other = session.questions[1].options[0].id;
      assert.throws(() => answer(session, other), /not an option of the current question/);
      assert.throws(() => answer(endEarly(session), optionIdFor(session, true)), /finished/);
    });

    it('ending early keeps the answers given and counts no unanswered question as wrong', () => {
      const played = play(startSession(questions, { random: seededRandom(9) }), true, false);
      const ended = endEarly(played);
      assert.ok(isFinished(ended));
      assert.equal(current(ended), undefined);
      assert.equal(progressTitle(ended), 'Ended early · Score 1/2');
      const result = summary(ended);
      assert.equal(result.answered, 2);
      assert.equal(result.correct, 1);
      assert.equal(result.total, 7);
      assert.deepEqual(result.missedIds, [ended.questions[1].question.id]);
      assert.deepEqual(result.unansweredIds, ended.questions.slice(2).map((q) => q.question.id));
      assert.equal(result.endedEarly, true);

      const stored = recordAnswers(emptyResults(), ended.answers, NOW);
      assert.deepEqual(Object.keys(stored.results).sort(), [ended.questions[0].question.id, ended.questions[1].question.id].sort());
    });

    it('ending before the first answer records nothing', () => {
      const ended = endEarly(startSession(questions, { random: seededRandom(2) }));
      assert.deepEqual(summary(ended).missedIds, []);
      assert.equal(summary(ended).answered, 0);
      assert.equal(progressTitle(ended), 'Ended early · Score 0/0');
      assert.deepEqual(recordAnswers(emptyResults(), ended.answers, NOW), emptyResults());
    });

    it('can be limited to some question ids, ignoring unknown ones', () => {
      const session = startSession(questions, { only: ['q-why-version', 'q-nope', 'q-sync-risk'], random: seededRandom(5) });
      assert.deepEqual(session.questions.map((q) => q.question.id).sort(), ['q-sync-risk', 'q-why-version']);
      assert.equal(progressTitle(session), 'Question 1 of 2 · Score 0/0');
    });
  });

  describe('retry missed', () => {
    it('asks only the questions missed in a session', () => {
      const first = play(startSession(questions, { random: seededRandom(11) }), false, true, true, false, true, true, false);
      const missed = summary(first).missedIds;
      assert.equal(missed.length, 3);
      const retry = retryMissed(questions, first, seededRandom(12));
      assert.deepEqual(retry.questions.map((q) => q.question.id).sort(), [...missed].sort());
      assert.equal(progressTitle(retry), 'Question 1 of 3 · Score 0/0');
      assert.ok(retry.questions.every((q) => q.options.length === 4));
    });

    it('does not ask the questions left unanswered by ending early', () => {
      const ended = endEarly(play(startSession(questions, { random: seededRandom(13) }), false, true));
      const retry = retryMissed(questions, ended, seededRandom(1));
      assert.deepEqual(retry.questions.map((q) => q.question.id), [ended.questions[0].question.id]);
    });

    it('asks only the questions whose last stored answer was wrong', () => {
      let results = recordAnswers(emptyResults(), [
        { questionId: 'q-sync-risk', correct: false },
        { questionId: 'q-why-async', correct: false },
        { questionId: 'q-retry-storm', correct: true },
      ], NOW);
      // Answered right later: no longer missed.
      results = recordAnswers(results, [{ questionId: 'q-why-async', correct: true }], NOW);
      assert.deepEqual(missedQuestionIds(results, allIds), ['q-sync-risk']);
      const retry = retryMissed(questions, results, seededRandom(1));
      assert.deepEqual(retry.questions.map((q) => q.question.id), ['q-sync-risk']);
    });

    it('gives an empty, finished session when nothing was missed', () => {
      const perfect = play(startSession(questions, { random: seededRandom(4) }), true, true, true, true, true, true, true);
      const retry = retryMissed(questions, perfect);
      assert.equal(retry.questions.length, 0);
      assert.ok(isFinished(retry));
      assert.equal(current(retry), undefined);
    });
  });

  describe('stored results', () => {
    it('records the last answer per question with its time', () => {
      const first = recordAnswers(emptyResults(), [
        { questionId: 'q-sync-risk', correct: true },
        { questionId: 'q-why-async', correct: false },
      ], NOW);
      assert.deepEqual(first, {
        version: 2,
        results: {
          'q-sync-risk': { correct: true, answeredAt: '2025-03-04T05:06:07.000Z' },
          'q-why-async': { correct: false, answeredAt: '2025-03-04T05:06:07.000Z' },
        },
      });
      const later = new Date('2025-03-05T00:00:00.000Z');
      const second = recordAnswers(first, [{ questionId: 'q-sync-risk', correct: false }], later);
      assert.deepEqual(second.results['q-sync-risk'], { correct: false, answeredAt: later.toISOString() });
      assert.deepEqual(second.results['q-why-async'], first.results['q-why-async'], 'unanswered questions keep their result');
      assert.equal(Object.keys(first.results).length, 2, 'the input is not changed');
    });

    it('counts mastered questions (last answer right) and builds the status text', () => {
      const results = recordAnswers(emptyResults(), [
        { questionId: 'q-sync-risk', correct: true },
        { questionId: 'q-why-async', correct: false },
        { questionId: 'q-why-version', correct: true },
      ], NOW);
      assert.equal(masteredCount(results), 2);
      assert.equal(masteredCount(emptyResults()), 0);
      assert.deepEqual(masteredQuestionIds(results, allIds), allIds.filter((id) => id === 'q-sync-risk' || id === 'q-why-version'));
      assert.equal(isMastered(results, 'q-sync-risk'), true);
      assert.equal(isMastered(results, 'q-why-async'), false);
      assert.equal(isMastered(results, 'q-retry-storm'), false);
      assert.equal(isMastered(results, 'constructor'), false, 'inherited keys are not results');
      assert.equal(statusText(results, 7), 'Quick check 2/7');
      assert.equal(statusText(emptyResults(), 7), 'Quick check 0/7');
    });

    it('survives a round trip through JSON (what globalState does) unchanged and without a note', () => {
      const session = play(startSession(questions, { random: seededRandom(21) }), true, false, true, true, false, true, true);
      const results = recordAnswers(emptyResults(), session.answers, NOW);
      const parsed = parseStoredResults(JSON.parse(JSON.stringify(results)), allIds);
      assert.deepEqual(parsed, { results });
      assert.equal(parsed.note, undefined);
      assert.equal(parsed.results.version, QUIZ_RESULTS_VERSION);
      assert.equal(masteredCount(parsed.results), 5);
    });

    it('treats nothing stored as empty results, without a note', () => {
      assert.deepEqual(parseStoredResults(undefined, allIds), { results: emptyResults() });
    });

    it('migrates version 1 to version 2 with the epoch as answer time, and says so', () => {
      const parsed = parseStoredResults({ version: 1, correct: ['q-sync-risk', 'q-why-version'] }, allIds);
      assert.deepEqual(parsed.results, {
        version: 2,
        results: {
          'q-sync-risk': { correct: true, answeredAt: '1970-01-01T00:00:00.000Z' },
          'q-why-version': { correct: true, answeredAt: MIGRATED_ANSWER_TIME },
        },
      });
      assert.match(parsed.note ?? '', /migrated from version 1 to 2/);
      assert.equal(statusText(parsed.results, 7), 'Quick check 2/7');
    });

    it('migrates version 1 while dropping unknown question ids, with both notes', () => {
      const parsed = parseStoredResults({ version: 1, correct: ['q-sync-risk', 'q-gone'] }, allIds);
      assert.deepEqual(Object.keys(parsed.results.results), ['q-sync-risk']);
      assert.match(parsed.note ?? '', /migrated from version 1/);
      assert.match(parsed.note ?? '', /unknown question ids: 'q-gone'/);
    });

    it('drops results for unknown question ids and keeps the rest, with a note', () => {
      const stored = {
        version: 2,
        results: {
          'q-sync-risk': { correct: true, answeredAt: NOW.toISOString() },
          'q-removed': { correct: false, answeredAt: NOW.toISOString() },
          __proto__x: { correct: true, answeredAt: NOW.toISOString() },
        },
      };
      const parsed = parseStoredResults(stored, allIds);
      assert.deepEqual(parsed.results, { version: 2, results: { 'q-sync-risk': { correct: true, answeredAt: NOW.toISOString() } } });
      assert.match(parsed.note ?? '', /unknown question ids: 'q-removed', '__proto__x'/);
    });

    it('ignores a stored "__proto__" key rather than touching the prototype', () => {
      const raw = JSON.parse(`{"version":2,"results":{"__proto__":{"correct":true,"answeredAt":"${NOW.toISOString()}"}}}`) as unknown;
      const parsed = parseStoredResults(raw, allIds);
      assert.equal(masteredCount(parsed.results), 0);
      assert.match(parsed.note ?? '', /__proto__/);
      assert.equal(Object.getPrototypeOf(parsed.results.results), Object.prototype);
    });

    const corrupt: [string, unknown, RegExp][] = [
      ['null', null, /was null, not an object/],
      ['a string', 'q-sync-risk', /was a string/],
      ['a number', 2, /was a number/],
      ['a boolean', true, /was a boolean/],
      ['an array', [{ version: 2, results: {} }], /was an array/],
      ['an object without a version', { results: {} }, /unknown version \(missing\)/],
      ['a version that is a string', { version: '2', results: {} }, /unknown version \(a string\)/],
      ['version 0', { version: 0, results: {} }, /unknown version/],
      ['a fractional version', { version: 1.5, correct: [] }, /unknown version/],
      ['a future version 99', { version: 99, results: {} }, /version 99, newer than this build/],
      ['version 2 without results', { version: 2 }, /'results' that is missing/],
      ['version 2 with results as an array', { version: 2, results: [] }, /'results' that is an array/],
      ['version 2 with results as null', { version: 2, results: null }, /'results' that is null/],
      ['an entry that is a boolean', { version: 2, results: { 'q-sync-risk': true } }, /ill-typed result for 'q-sync-risk'/],
      ['an entry with correct as a string', { version: 2, results: { 'q-sync-risk': { correct: 'yes', answeredAt: NOW.toISOString() } } }, /ill-typed/],
      ['an entry without a time', { version: 2, results: { 'q-sync-risk': { correct: true } } }, /ill-typed/],
      ['an entry with an unparseable time', { version: 2, results: { 'q-sync-risk': { correct: true, answeredAt: 'yesterday-ish' } } }, /ill-typed/],
      ['an entry with a numeric time', { version: 2, results: { 'q-sync-risk': { correct: true, answeredAt: 0 } } }, /ill-typed/],
      ['version 1 without correct', { version: 1 }, /version 1 but 'correct' is missing/],
      ['version 1 with correct as a string', { version: 1, correct: 'q-sync-risk' }, /version 1 but 'correct' is a string/],
      ['version 1 with a non-string id', { version: 1, correct: ['q-sync-risk', 7] }, /version 1 but 'correct' is an array, not a list of question ids/],
    ];
    for (const [what, raw, reason] of corrupt) {
      it(`resets ${what} to empty results with a note, without throwing`, () => {
        const parsed = parseStoredResults(raw, allIds);
        assert.deepEqual(parsed.results, emptyResults());
        assert.ok(parsed.note, 'expected a note');
        assert.match(parsed.note, /were reset/);
        assert.match(parsed.note, reason);
      });
    }

    it('resets even a value whose properties throw when read', () => {
      const hostile = new Proxy({}, { get: () => { throw new Error('boom'); } });
      const parsed = parseStoredResults(hostile, allIds);
      assert.deepEqual(parsed.results, emptyResults());
      assert.match(parsed.note ?? '', /could not be read \(boom\)/);
    });

    it('gives results that a later parse accepts as they are', () => {
      for (const raw of [null, { version: 1, correct: ['q-sync-risk', 'q-gone'] }, { version: 99 }]) {
        const first = parseStoredResults(raw, allIds).results;
        assert.deepEqual(parseStoredResults(JSON.parse(JSON.stringify(first)), allIds), { results: first });
      }
    });

    it('accepts the known ids as a set too', () => {
      const results: QuizResults = recordAnswers(emptyResults(), [{ questionId: 'q-sync-risk', correct: true }], NOW);
      assert.deepEqual(parseStoredResults(results, new Set(allIds)), { results });
    });
  });
});
