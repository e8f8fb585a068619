import * as assert from 'node:assert/strict';
import { validateLesson } from '../../../src/lesson/content';
import { checkToExtension, checkToWebview, type ToExtension, type ToWebview } from '../../../src/lesson/messages';
import { rawLesson } from './helpers';

const progress = { completed: true, checklist: { 'check-error-semantics': true }, openedCards: ['q-retry-storm'], quiz: { 'q-why-async': false } };

describe('messages between the lesson webview and the extension', () => {
  it('accepts every message the webview sends', () => {
    const real: ToExtension[] = [
      { type: 'ready' },
      { type: 'setCompleted', completed: true },
      { type: 'setChecklistItem', itemId: 'check-error-semantics', checked: false },
      { type: 'openCard', questionId: 'q-retry-storm' },
      { type: 'sectionInView', sectionId: 'mistake-missing-idempotency' },
    ];
    for (const message of real) assert.deepEqual(checkToExtension(message), { ok: true, message });
  });

  it('rejects malformed messages from the webview, saying where', () => {
    const cases: [unknown, RegExp][] = [
      [null, /must be object/],
      ['ready', /must be object/],
      [{ type: 'runShell', command: 'rm -rf /' }, /must/],
      [{ type: 'setCompleted', completed: 'yes' }, /must/],
      [{ type: 'setCompleted', completed: true, extra: 1 }, /must/],
      [{ type: 'openCard', questionId: '<img src=x onerror=alert(1)>' }, /must/],
      [{ type: 'sectionInView', sectionId: 'a'.repeat(500) }, /must/],
    ];
    for (const [message, pattern] of cases) {
      const result = checkToExtension(message);
      assert.equal(result.ok, false, JSON.stringify(message));
      if (!result.ok) assert.match(result.error, pattern);
    }
  });

  it('accepts the messages the extension sends, with the real lesson', () => {
    const loaded = validateLesson(rawLesson());
    assert.ok(loaded.ok);
    const real: ToWebview[] = [
      { type: 'init', lesson: loaded.lesson, progress, focusSection: 'key-terms' },
      { type: 'init', lesson: loaded.lesson, progress: { completed: false, checklist: {}, openedCards: [] }, restoreSection: 'main-idea' },
      { type: 'loadError', errors: ['content/integration-and-apis.json: /sections/3/title must be string'] },
      { type: 'progress', progress },
      { type: 'reveal', sectionId: 'verification-checklist' },
    ];
    for (const message of real) assert.equal(checkToWebview(message).ok, true, message.type);
  });

  it('rejects an init whose lesson does not match the content schema, and other malformed messages', () => {
    const broken = rawLesson();
    broken.sections[0].title = 42;
    const cases: unknown[] = [
      { type: 'init', lesson: broken, progress },
      { type: 'init', lesson: rawLesson(), progress: { completed: 'no', checklist: {}, openedCards: [] } },
      { type: 'loadError', errors: [] },
      { type: 'reveal' },
      { type: 'eval', code: 'alert(1)' },
    ];
    for (const message of cases) assert.equal(checkToWebview(message).ok, false, JSON.stringify(message).slice(0, 80));
  });
});
