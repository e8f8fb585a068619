import * as assert from 'node:assert/strict';
import { activeApi, lessonTabs } from '../extension-api';
import { evaluateInLesson, screenshot } from '../harness-client';
import { waitFor } from '../wait';

describe('after a window reload', () => {
  it('restores the lesson panel where the reader left it', async () => {
    await waitFor(() => lessonTabs().length === 1, 'the restored lesson tab', 30_000);
    const api = await activeApi();
    await waitFor(() => api.lessonPanel().open, 'the serializer to revive the panel', 30_000);
    await waitFor(() => api.lessonPanel().sectionInView === 'key-terms', `the restored scroll position (in view: ${api.lessonPanel().sectionInView})`, 30_000);
    const scrolled = await evaluateInLesson<number>('window.scrollY');
    assert.ok(scrolled > 0, 'the panel is not back at the top');
    await screenshot('lesson-after-reload');
  });
});
