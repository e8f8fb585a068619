// Invalid lesson content must show a clear error in the panel, never a blank one. The test breaks the
// content file the extension reads, so it keeps a backup that the harness restores if a run dies midway.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { CONTENT_BACKUP_FILE } from '../../harness/harness-protocol';
import { closeLessonPanel, EXTENSION_ID, lessonTabs } from '../extension-api';
import { harnessAvailable, probeLesson, screenshot } from '../harness-client';
import { waitFor } from '../wait';

describe('lesson panel with invalid content', function () {
  let contentFile = '';
  let backupFile = '';
  let original = '';

  before(function () {
    if (!harnessAvailable()) this.skip();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    contentFile = path.join(extension.extensionPath, 'content', 'integration-and-apis.json');
    backupFile = path.join(extension.extensionPath, CONTENT_BACKUP_FILE);
    original = readFileSync(contentFile, 'utf8');
  });

  after(async function () {
    if (!original) return;
    writeFileSync(contentFile, original);
    if (existsSync(backupFile)) rmSync(backupFile);
    await closeLessonPanel();
  });

  it('shows the validation errors, with their JSON paths, instead of a blank panel; and recovers', async () => {
    const broken = JSON.parse(original);
    broken.sections[3].title = 42;
    writeFileSync(backupFile, original);
    writeFileSync(contentFile, JSON.stringify(broken));
    await closeLessonPanel();
    await vscode.commands.executeCommand(Commands.openLesson);
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
    const shown = await waitFor(() => probeLesson<string>(`document.querySelector('.load-error')?.textContent ?? ''`), 'the error panel', 45_000);
    assert.match(shown, /could not be shown/);
    assert.match(shown, /\/sections\/3\/title must be string/);
    await screenshot('lesson-invalid-content');

    writeFileSync(contentFile, original);
    rmSync(backupFile);
    await closeLessonPanel();
    await vscode.commands.executeCommand(Commands.openLesson);
    await waitFor(() => probeLesson<boolean>(`document.querySelectorAll('.section').length === 19`), 'the lesson again', 45_000);
  });
});
