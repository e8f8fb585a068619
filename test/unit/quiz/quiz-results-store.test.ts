import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { QUESTION_IDS } from '../../../src/lesson/content-types';
import { ProgressStore } from '../../../src/lesson/progress-store';
import { QUIZ_RESULTS_KEY, QUIZ_RESULTS_VERSION, emptyResults, type QuizResults } from '../../../src/quiz/quiz-logic';
import { QuizResultsStore, progressShows, quizProgress } from '../../../src/quiz/quiz-results-store';
import { FakeMemento } from '../fake-memento';

function fakeLog() {
  const lines: string[] = [];
  const log = {
    info: (line: string) => lines.push(`info ${line}`),
    warn: (line: string) => lines.push(`warn ${line}`),
    error: (line: string) => lines.push(`error ${line}`),
  } as unknown as vscode.LogOutputChannel;
  return { log, lines };
}

function setup(stored?: unknown) {
  const state = new FakeMemento();
  if (stored !== undefined) state.values.set(QUIZ_RESULTS_KEY, stored);
  const { log, lines } = fakeLog();
  const progress = new ProgressStore(state, log);
  let tick = 0;
  const store = new QuizResultsStore(state, progress, log, () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++)));
  return { state, progress, store, lines };
}

const [first, second, third] = QUESTION_IDS;

describe('quick check results store', () => {
  it('starts empty, without a note or a write', () => {
    const { store, lines, state } = setup();
    assert.deepEqual(store.get(), emptyResults());
    assert.deepEqual(lines, []);
    assert.equal(state.writes, 0);
  });

  it('records answers in globalState and mirrors them into the lesson progress', async () => {
    const { store, state, progress } = setup();
    const seen: QuizResults[] = [];
    store.onDidChange((results) => seen.push(results));
    await store.record([{ questionId: first, correct: true }]);
    await store.record([{ questionId: second, correct: false }]);
    const stored = state.get<QuizResults>(QUIZ_RESULTS_KEY);
    assert.equal(stored?.version, QUIZ_RESULTS_VERSION);
    assert.deepEqual(quizProgress(store.get()), { [first]: true, [second]: false });
    assert.deepEqual(progress.get().quiz, { [first]: true, [second]: false });
    assert.equal(seen.length, 2);
    assert.equal(store.get().results[first].answeredAt, '2025-01-01T00:00:00.000Z');
  });

  it('keeps both of two answers recorded without waiting in between', async () => {
    const { store } = setup();
    await Promise.all([store.record([{ questionId: first, correct: true }]), store.record([{ questionId: second, correct: true }])]);
    assert.deepEqual(Object.keys(store.get().results).sort(), [first, second].sort());
  });

  it('the latest answer to a question replaces the earlier one', async () => {
    const { store, progress } = setup();
    await store.record([{ questionId: first, correct: false }]);
    await store.record([{ questionId: first, correct: true }]);
    assert.deepEqual(progress.get().quiz, { [first]: true });
  });

  it('resets results and the lesson marks', async () => {
    const { store, progress } = setup();
    await store.record([{ questionId: first, correct: true }]);
    await store.reset();
    assert.deepEqual(store.get(), emptyResults());
    assert.deepEqual(progress.get().quiz, {});
  });

  it('migrates an old stored value once: logs the note and writes the repaired value back', async () => {
    const { store, state, lines } = setup({ version: 1, correct: [first, 'no-such-question'] });
    assert.deepEqual(quizProgress(store.get()), { [first]: true });
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^warn .*migrated from version 1.*no-such-question/);
    assert.equal(state.get<QuizResults>(QUIZ_RESULTS_KEY)?.version, QUIZ_RESULTS_VERSION, 'written back');
    store.get();
    assert.equal(lines.length, 1, 'noted once');
  });

  it('a repaired value written back does not overwrite an answer recorded right after', async () => {
    const { store } = setup('garbage');
    await store.record([{ questionId: third, correct: true }]);
    assert.deepEqual(quizProgress(store.get()), { [third]: true });
  });

  it('brings the lesson progress in step with the stored results', async () => {
    const stored = { version: QUIZ_RESULTS_VERSION, results: { [first]: { correct: true, answeredAt: '2025-01-01T00:00:00.000Z' } } };
    const { store, progress, state } = setup(stored);
    await store.syncProgress();
    assert.deepEqual(progress.get().quiz, { [first]: true });
    const writes = state.writes;
    await store.syncProgress();
    assert.equal(state.writes, writes, 'no write when already in step');
  });

  it('compares progress and results treating a missing quiz map as empty', () => {
    const progress = { completed: false, checklist: {}, openedCards: [] };
    assert.ok(progressShows(progress, emptyResults()));
    assert.ok(!progressShows({ ...progress, quiz: { [first]: false } }, emptyResults()));
  });
});
