// Corrupt lesson progress in globalState (another version, a sync, a hand edit) and the command that resets it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import type { LessonProgress } from '../../../src/lesson/messages';
import { waitUntil } from '../../harness/observed-wait';
import { activeApi, closeLessonPanel, lessonTabs } from '../extension-api';
import { harnessAvailable, probeLesson } from '../harness-client';

/** What the lesson page shows of the progress: the module's checkbox, the ticked checklist items, the opened cards. */
interface ShownProgress {
  complete: boolean;
  checked: string[];
  seen: string[];
}

const SHOWN_PROGRESS = `document.getElementById('lesson')?.getAttribute('aria-busy') !== 'false' ? undefined : ({
  complete: document.getElementById('module-complete').checked,
  checked: [...document.querySelectorAll('.checklist li')].filter((li) => li.querySelector('vscode-checkbox').checked).map((li) => li.id),
  seen: [...document.querySelectorAll('.flip-card.seen')].map((card) => card.id),
})`;

/** Waits until the rendered lesson shows `expected` and returns what it showed. */
async function lessonShows(expected: ShownProgress, what: string): Promise<void> {
  await waitUntil(() => probeLesson<ShownProgress>(SHOWN_PROGRESS), (shown) => JSON.stringify(shown) === JSON.stringify(expected), what, 45_000);
}

async function reopenLesson(): Promise<void> {
  await closeLessonPanel();
  await vscode.commands.executeCommand(Commands.openLesson);
  await waitUntil(() => lessonTabs().length, (tabs) => tabs === 1, 'the lesson panel');
}

describe('lesson progress', function () {
  // The panel's content lives in a webview frame that only the browser harness can reach.
  before(function () {
    if (!harnessAvailable()) this.skip();
  });

  // Each test stores what it needs; the progress the suite had is put back after it.
  let progressBefore: LessonProgress | undefined;
  beforeEach(async () => {
    progressBefore = (await activeApi()).lessonProgress();
  });
  afterEach(async () => {
    if (progressBefore) await (await activeApi()).storeRawLessonProgress(progressBefore);
  });

  it('opens the lesson with the valid parts of corrupt stored progress, not "Loading…"', async () => {
    const api = await activeApi();
    await api.storeRawLessonProgress({
      completed: true,
      checklist: { 'check-error-semantics': true, 'Not An Id': true, 'check-timeout-retry-budgets': 'yes' },
      openedCards: ['q-retry-storm', 42, 'q-retry-storm', '<img src=x onerror=alert(1)>'],
      quiz: 'broken',
      unknownField: { nested: [1, 2, 3] },
    });
    await reopenLesson();
    await lessonShows({ complete: true, checked: ['check-error-semantics'], seen: ['q-retry-storm'] }, 'the valid parts of the stored progress in the lesson');
    assert.deepEqual(api.lessonProgress(), { completed: true, checklist: { 'check-error-semantics': true }, openedCards: ['q-retry-storm'] });
  });

  it('opens the lesson with empty progress when the stored value is not progress at all', async () => {
    const api = await activeApi();
    await api.storeRawLessonProgress(['not', 'progress']);
    await reopenLesson();
    await lessonShows({ complete: false, checked: [], seen: [] }, 'the lesson with empty progress');
    assert.deepEqual(api.lessonProgress(), { completed: false, checklist: {}, openedCards: [] });
  });

  it('resets the progress after a confirmation, and an open panel shows it at once', async () => {
    const api = await activeApi();
    const stored: LessonProgress = { completed: true, checklist: { 'check-error-semantics': true }, openedCards: ['q-retry-storm', 'q-why-async'], quiz: { 'q-retry-storm': true } };
    await api.storeRawLessonProgress(stored);
    await reopenLesson();
    await lessonShows({ complete: true, checked: ['check-error-semantics'], seen: ['q-why-async', 'q-retry-storm'] }, 'the stored progress');
    const asked: { message: string; detail?: string; modal?: boolean; buttons: string[] }[] = [];
    let answer: string | undefined;
    const seam = api.replaceLessonResetConfirmation(async (message, options, ...buttons) => {
      asked.push({ message, detail: options.detail, modal: options.modal, buttons });
      return answer;
    });
    try {
      await vscode.commands.executeCommand(Commands.resetLessonProgress);
      assert.deepEqual(api.lessonProgress(), stored, 'dismissing the confirmation resets nothing');
      answer = 'Reset';
      await vscode.commands.executeCommand(Commands.resetLessonProgress);
    } finally {
      seam.dispose();
    }
    assert.equal(asked.length, 2);
    assert.equal(asked[0].modal, true, 'the confirmation is modal');
    assert.deepEqual(asked[0].buttons, ['Reset']);
    assert.match(asked[0].detail ?? '', /unticks 1 checklist item\(s\) and forgets 2 opened card\(s\)/);
    assert.deepEqual(api.lessonProgress(), { completed: false, checklist: {}, openedCards: [], quiz: { 'q-retry-storm': true } }, 'the quick check marks stay');
    await lessonShows({ complete: false, checked: [], seen: [] }, 'the open panel to show the reset progress');
  });
});
