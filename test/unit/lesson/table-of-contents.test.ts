import assert from 'node:assert/strict';
import { SECTION_IDS, validateLesson, type Lesson } from '../../../src/lesson/content';
import type { LessonProgress } from '../../../src/lesson/messages';
import { emptyProgress } from '../../../src/lesson/progress-repair';
import { movedIndex, tableOfContents } from '../../../src/lesson/table-of-contents';
import { rawLesson } from './helpers';

function lesson(): Lesson {
  const result = validateLesson(rawLesson());
  if (!result.ok) assert.fail(result.errors.join('\n'));
  return result.lesson;
}

const completedIds = (progress: LessonProgress) => tableOfContents(lesson(), progress, undefined).filter((entry) => entry.completed).map((entry) => entry.id);

describe('table of contents', () => {
  it('lists every section in reading order with its title', () => {
    const entries = tableOfContents(lesson(), emptyProgress(), undefined);
    assert.deepEqual(entries.map((entry) => entry.id), SECTION_IDS);
    assert.equal(entries.find((entry) => entry.id === 'main-idea')?.title, 'Main idea at a glance');
  });

  it('marks the section in view as current, and the section holding an item in view', () => {
    const currentOf = (inView: string | undefined) => tableOfContents(lesson(), emptyProgress(), inView).filter((entry) => entry.current).map((entry) => entry.id);
    assert.deepEqual(currentOf('key-terms'), ['key-terms']);
    assert.deepEqual(currentOf('mistake-missing-idempotency'), ['common-mistakes']);
    assert.deepEqual(currentOf('q-retry-storm'), ['check-yourself']);
    assert.deepEqual(currentOf(undefined), []);
    assert.deepEqual(currentOf('no-such-section'), []);
  });

  it('marks nothing completed for a new reader', () => {
    assert.deepEqual(completedIds(emptyProgress()), []);
  });

  it('completes the progress section when the module is marked complete', () => {
    assert.deepEqual(completedIds({ ...emptyProgress(), completed: true }), ['progress']);
  });

  it('completes the checklist only when every item is ticked', () => {
    const allButOne = { 'check-timeout-retry-budgets': true, 'check-idempotent-retry-paths': true, 'check-error-semantics': true };
    assert.deepEqual(completedIds({ ...emptyProgress(), checklist: allButOne }), []);
    assert.deepEqual(completedIds({ ...emptyProgress(), checklist: { ...allButOne, 'check-version-event-schemas': false } }), []);
    assert.deepEqual(completedIds({ ...emptyProgress(), checklist: { ...allButOne, 'check-version-event-schemas': true } }), ['verification-checklist']);
  });

  it('completes "Check yourself" when every card has been opened', () => {
    const questions = ['q-sync-risk', 'q-why-async', 'q-backward-compat', 'q-retry-storm', 'q-why-version', 'q-message-queue'];
    assert.deepEqual(completedIds({ ...emptyProgress(), openedCards: questions }), []);
    assert.deepEqual(completedIds({ ...emptyProgress(), openedCards: [...questions, 'q-contract-defines'] }), ['check-yourself']);
  });

  it('moves with Up, Down, Home and End, and stops at either end', () => {
    assert.equal(movedIndex('ArrowDown', 3, 19), 4);
    assert.equal(movedIndex('ArrowUp', 3, 19), 2);
    assert.equal(movedIndex('ArrowUp', 0, 19), 0);
    assert.equal(movedIndex('ArrowDown', 18, 19), 18);
    assert.equal(movedIndex('Home', 7, 19), 0);
    assert.equal(movedIndex('End', 7, 19), 18);
    assert.equal(movedIndex('Enter', 7, 19), undefined);
  });
});
