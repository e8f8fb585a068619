import * as assert from 'node:assert/strict';
import { waitUntil } from '../../harness/observed-wait';
import { activeApi, lessonTabs } from '../extension-api';
import { evaluateInLesson, probeLesson, screenshot } from '../harness-client';

/** What the webview itself says, for a failure message: where it is, how big it is, whether it rendered. */
const WEBVIEW_STATE = `({ scrollY: window.scrollY, innerHeight: window.innerHeight, innerWidth: window.innerWidth,
  busy: document.getElementById('lesson')?.getAttribute('aria-busy'), readyState: document.readyState })`;

describe('after a window reload', () => {
  it('restores the lesson panel where the reader left it', async () => {
    await waitUntil(() => lessonTabs().length, (tabs) => tabs === 1, 'the restored lesson tab', 30_000);
    const api = await activeApi();
    await waitUntil(() => api.lessonPanel().open, Boolean, 'the serializer to revive the panel', 30_000);
    try {
      await waitUntil(() => {
        const { sectionInView, timeline } = api.lessonPanel();
        return { sectionInView, timeline };
      }, (panel) => panel.sectionInView === 'key-terms', 'the restored scroll position: "key-terms" in view', 30_000);
    } catch (error) {
      const webview = await probeLesson<unknown>(WEBVIEW_STATE);
      throw new Error(`${(error as Error).message}\n  the webview now: ${JSON.stringify(webview)}`, { cause: error });
    }
    const scrolled = await evaluateInLesson<number>('window.scrollY');
    assert.ok(scrolled > 0, 'the panel is not back at the top');
    await screenshot('lesson-after-reload');
  });
});
