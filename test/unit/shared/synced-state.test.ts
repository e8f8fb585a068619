// Every globalState key the stores write is registered for Settings Sync: the stores are driven through
// their public methods over a Memento that records the keys written, and each must be in the synced list.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { QUESTION_IDS } from '../../../src/lesson/content-types';
import { ProgressStore } from '../../../src/lesson/progress-store';
import { QuickCheckStartedFlag } from '../../../src/quiz/quick-check-started';
import { QuizResultsStore } from '../../../src/quiz/quiz-results-store';
import { QUIZ_RESULTS_KEY } from '../../../src/quiz/quiz-state';
import { SYNCED_GLOBAL_STATE_KEYS } from '../../../src/synced-state';
import { FakeMemento } from '../fake-memento';

const silentLog = { info: () => undefined, warn: () => undefined, error: () => undefined } as unknown as vscode.LogOutputChannel;

describe('globalState keys synced across machines', () => {
  it('holds every key the lesson progress, the quick check results and the started flag write', async () => {
    const state = new FakeMemento();
    const progress = new ProgressStore(state, silentLog);
    await progress.update((current) => ({ ...current, completed: true }));
    await progress.reset();
    const results = new QuizResultsStore(state, progress, silentLog);
    await results.record([{ questionId: QUESTION_IDS[0]!, correct: true }]);
    await results.reset();
    await new QuickCheckStartedFlag(state).markStarted();
    for (const key of state.keysWritten) assert.ok(SYNCED_GLOBAL_STATE_KEYS.includes(key), `${key} is synced`);
    // And the other way: the list names no key that nothing writes (a renamed key left behind).
    assert.deepEqual([...state.keysWritten].sort(), [...SYNCED_GLOBAL_STATE_KEYS].sort());
  });

  it('a corrupt stored value repaired and written back lands under a synced key too', () => {
    const state = new FakeMemento();
    const progress = new ProgressStore(state, silentLog);
    const results = new QuizResultsStore(state, progress, silentLog);
    state.values.set(QUIZ_RESULTS_KEY, 'not results');
    results.get();
    for (const key of state.keysWritten) assert.ok(SYNCED_GLOBAL_STATE_KEYS.includes(key), `${key} is synced`);
    assert.ok(state.keysWritten.has(QUIZ_RESULTS_KEY), 'the repair was written back');
  });

  it('names each key once', () => {
    assert.equal(new Set(SYNCED_GLOBAL_STATE_KEYS).size, SYNCED_GLOBAL_STATE_KEYS.length);
  });
});
