import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import type { PracticeResult } from '../../../src/lesson/messages';
import { activeApi, lessonTabs } from '../extension-api';
import { clickInLesson, harnessAvailable, probeLesson, screenshot } from '../harness-client';
import { waitFor } from '../wait';

describe('optional practice: the retry-storm simulator', function () {
  before(function () {
    if (!harnessAvailable()) this.skip();
  });

  it('draws the load on B and changes its figures when a preset is pressed', async () => {
    const api = await activeApi();
    await vscode.commands.executeCommand(Commands.openLesson, 'optional-practice');
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
    await waitFor(() => probeLesson<boolean>(`document.querySelector('#optional-practice .load-plot path.capacity-line') !== null`), 'the plot', 45_000);

    const summaryText = () => probeLesson<string>(`document.querySelector('.practice-summary').textContent`);
    await clickInLesson('#preset-capped-jitter');
    await waitFor(() => api.practiceResult()?.preset === 'capped-jitter', 'the capped preset to run');
    const capped = api.practiceResult() as PracticeResult;
    const cappedText = await summaryText();

    await clickInLesson('#preset-retry-storm');
    await waitFor(() => api.practiceResult()?.preset === 'retry-storm', 'the storm preset to run');
    const storm = api.practiceResult() as PracticeResult;
    const stormText = await summaryText();

    assert.notEqual(stormText, cappedText, 'the summary in words changed');
    assert.ok(stormText?.includes(storm.summary.peakAmplification.toFixed(1)), `the words quote the figure (${stormText})`);
    assert.ok(storm.summary.peakAmplification > 2 * capped.summary.peakAmplification, 'the storm amplifies load far more than capped, jittered retries');
    await vscode.commands.executeCommand(Commands.openLesson, 'optional-practice');
    await screenshot('practice-retry-storm');
  });

  it('creates a decision note with the workspace findings and the simulator figures', async () => {
    const api = await activeApi();
    const [folder] = vscode.workspace.workspaceFolders ?? [];
    const checkout = vscode.Uri.joinPath(folder.uri, 'src', 'checkout.ts');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(checkout), vscode.ViewColumn.One);
    await waitFor(() => vscode.languages.getDiagnostics(checkout).some((d) => d.source === 'Integration Coach'), 'the findings of src/checkout.ts');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>(Commands.createDecisionNote);
    const note = editor.document.getText();
    assert.equal(editor.document.languageId, 'markdown');
    assert.ok(editor.document.isUntitled, 'the user chooses whether to save it');
    assert.equal(editor.document.uri.path, vscode.Uri.joinPath(folder.uri, `decision-note-${new Date().toISOString().slice(0, 10)}.md`).path, 'Save proposes the workspace root');
    assert.match(note, /^# Decision note/);
    assert.match(note, /## Evidence/);
    assert.ok(note.includes(`${api.practiceResult()?.summary.peakAmplification.toFixed(1)}× the client rate`), 'the simulator figures are quoted');
    assert.match(note, /- \*\*unbounded-retry\*\*: \d+ findings?/, 'findings are listed by rule');
    assert.ok(note.includes('[src/checkout.ts:3](src/checkout.ts#L3)'), `each finding links to its file and line, relative to the note: ${note}`);
    assert.ok(!note.includes('file://'), 'no absolute link that breaks once the note is committed');
    assert.equal(editor.viewColumn, vscode.ViewColumn.One, 'the note opens with the code, not over the lesson');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
