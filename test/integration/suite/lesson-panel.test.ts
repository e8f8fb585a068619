import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SECTION_IDS } from '../../../src/lesson/content-types';
import { activeApi, closeLessonPanel, lessonTabs } from '../extension-api';
import { openFixture, openLessonAndWait, sectionInViewBecomes } from '../lesson-panel-helpers';
import { clickInLesson, evaluateInLesson, harnessAvailable, postFromLessonWebview, probeLesson, screenshot } from '../harness-client';
import { inEachTheme } from '../themes';
import { waitFor, waitUntil } from '../wait';

describe('lesson panel', function () {
  before(async function () {
    // The panel's content lives in a webview frame that only the browser harness can reach.
    if (!harnessAvailable()) this.skip();
    await closeLessonPanel();
    await openFixture('src/checkout.ts');
  });

  it('opens beside the TypeScript file and renders every section of the module in order', async () => {
    await openLessonAndWait();
    const [tab] = lessonTabs();
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'the lesson sits beside the code');
    assert.equal(vscode.window.visibleTextEditors[0]?.viewColumn, vscode.ViewColumn.One, 'the code stays visible');
    const ids = await evaluateInLesson<string[]>(`[...document.querySelectorAll('.section')].map((s) => s.id)`);
    assert.deepEqual(ids, SECTION_IDS);
    const diagrams = await evaluateInLesson<{ svgNodes: number; flowSteps: number }>(
      `({ svgNodes: document.querySelectorAll('.paths-diagram rect.node').length, flowSteps: document.querySelectorAll('.flow-step').length })`);
    assert.deepEqual(diagrams, { svgNodes: 6, flowSteps: 5 }, 'both diagrams are drawn from the content');
    await sectionInViewBecomes('module-header');
  });

  it('scrolls to a section (or an item of one) when opened with its id', async () => {
    await openLessonAndWait('verification-checklist');
    await sectionInViewBecomes('verification-checklist');
    await openLessonAndWait('mistake-missing-idempotency');
    await sectionInViewBecomes('mistake-missing-idempotency');
    const highlighted = await evaluateInLesson<boolean>(`document.getElementById('mistake-missing-idempotency').classList.contains('revealed')`);
    assert.ok(highlighted, 'the target carries the reveal mark');
    assert.equal(lessonTabs().length, 1, 'the same panel is reused');
  });

  it('opens the top of the lesson for an unknown section id', async () => {
    await closeLessonPanel();
    await openLessonAndWait('no-such-section');
    await sectionInViewBecomes('module-header');
  });

  it('keeps completion, checklist and opened cards across closing and reopening the panel', async () => {
    await openLessonAndWait('progress');
    const api = await activeApi();
    await clickInLesson('#module-complete');
    await waitUntil(() => api.lessonProgress(), (progress) => progress.completed, 'the completion to be stored');
    await clickInLesson('#checklist-check-error-semantics');
    await waitUntil(() => api.lessonProgress(), (progress) => progress.checklist['check-error-semantics'] === true, 'the checklist item to be stored');
    await clickInLesson('#q-retry-storm vscode-button');
    await waitFor(() => probeLesson<boolean>(`document.querySelector('.quiz-counter').textContent === '1 of 7 opened'`), 'the counter to count the opened card');
    await closeLessonPanel();
    await openLessonAndWait();
    const state = await evaluateInLesson<{ complete: boolean; checked: string[]; counter: string; seen: string[] }>(`({
      complete: document.getElementById('module-complete').checked,
      checked: [...document.querySelectorAll('.checklist li')].filter((li) => li.querySelector('vscode-checkbox').checked).map((li) => li.id),
      counter: document.querySelector('.quiz-counter').textContent,
      seen: [...document.querySelectorAll('.flip-card.seen')].map((card) => card.id),
    })`);
    assert.deepEqual(state, { complete: true, checked: ['check-error-semantics'], counter: '1 of 7 opened', seen: ['q-retry-storm'] });
  });

  it('drops an invalid message from the webview, logs it, and keeps working', async () => {
    const api = await activeApi();
    const before = api.lessonPanel().droppedMessages;
    // First a valid message on the same channel, to show the channel carries messages at all.
    await postFromLessonWebview({ type: 'openCard', questionId: 'q-why-version' });
    await waitFor(() => api.lessonProgress().openedCards.includes('q-why-version'), 'the valid message to be handled');
    const progressBefore = api.lessonProgress();
    await postFromLessonWebview({ type: 'setCompleted', completed: 'yes' });
    await postFromLessonWebview({ type: 'runShell', command: 'rm -rf /' });
    await waitUntil(
      () => ({ dropped: api.lessonPanel().droppedMessages - before, lastDropReason: api.lessonPanel().lastDropReason }),
      ({ dropped, lastDropReason }) => dropped === 2 && lastDropReason?.includes('runShell') === true,
      'both messages to be dropped',
    );
    assert.deepEqual(api.lessonProgress(), progressBefore, 'nothing was stored from them');
    await openLessonAndWait('key-terms');
    await sectionInViewBecomes('key-terms');
  });

  it('reads well in light, dark and high-contrast themes (screenshots)', async () => {
    await openFixture('src/checkout.ts');
    await openLessonAndWait('main-idea');
    await inEachTheme((theme) => screenshot(`lesson-${theme.short}`));
  });
});
