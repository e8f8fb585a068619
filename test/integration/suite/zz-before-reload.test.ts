// Leaves the lesson open at a known section; the harness then reloads the window and the
// suite-after-reload checks that the panel and its scroll position came back.
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { activeApi, lessonTabs } from '../extension-api';
import { harnessAvailable } from '../harness-client';
import { waitFor } from '../wait';

describe('before the window reloads', function () {
  before(function () {
    if (!harnessAvailable()) this.skip();
  });

  it('leaves the lesson open at the key terms', async () => {
    const api = await activeApi();
    await vscode.commands.executeCommand(Commands.openLesson, 'key-terms');
    await waitFor(() => lessonTabs().length === 1 && api.lessonPanel().sectionInView === 'key-terms', 'the lesson at key-terms');
  });
});
