// `npm start`'s first screen (src/editor/first-screen.ts): the demo's sample file with its warnings, the cursor
// on the first, and the lesson beside it at the section that warning links to; checked on screen, where the
// browser harness runs, and kept as test-results/screenshots/first-screen.png (the README's first picture).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE } from '../../../src/commands';
import { FIRST_SCREEN_FILE } from '../../harness/harness-protocol';
import { activeApi, closeLessonPanel, lessonTabs } from '../extension-api';
import { askHarness, evaluateInLesson, harnessAvailable, probeLesson, screenshot } from '../harness-client';
import { waitFor, waitUntil } from '../wait';

/** The section a diagnostic's lesson link opens: `command:integrationCoach.openLesson?["<section>"]`. */
function linkedSection(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code as { target: vscode.Uri };
  return (JSON.parse(decodeURIComponent(code.target.query)) as string[])[0]!;
}

/** Evaluates an expression in the workbench page itself (not a webview). */
async function evaluateInWorkbench<T>(expression: string): Promise<T> {
  const answer = await askHarness({ action: 'evaluate', expression, frameWith: '.monaco-workbench' });
  return JSON.parse(answer.detail ?? 'null') as T;
}

describe('the first screen of npm start', () => {
  const [folder] = vscode.workspace.workspaceFolders ?? [];
  const file = vscode.Uri.joinPath(folder!.uri, FIRST_SCREEN_FILE);

  before(async () => {
    await closeLessonPanel();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(() => closeLessonPanel());

  it('opens the sample at its first warning, with the lesson beside it at the section that warning links to', async () => {
    const api = await activeApi();
    const shown = await api.editor.showFirstScreen(file);
    const first = vscode.languages
      .getDiagnostics(file)
      .filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE)
      .sort((a, b) => a.range.start.compareTo(b.range.start))[0];
    assert.ok(first, `${FIRST_SCREEN_FILE} has warnings`);
    assert.deepEqual(shown, { file: file.fsPath, line: first.range.start.line + 1, sectionId: linkedSection(first) });

    const editor = vscode.window.visibleTextEditors.find((visible) => visible.document.uri.toString() === file.toString());
    assert.equal(editor?.viewColumn, vscode.ViewColumn.One, 'the code is on the left');
    assert.deepEqual(editor?.selection.active, first.range.start, 'the cursor is on the first warning');
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
    assert.equal(lessonTabs()[0]!.group.viewColumn, vscode.ViewColumn.Two, 'the lesson sits beside the code');
    await waitUntil(() => api.lessonPanel().sectionInView, (inView) => inView === shown.sectionId, `the lesson to show ${shown.sectionId}`);
  });

  it('shows the underlined warning and the lesson section on screen', async function () {
    if (!harnessAvailable()) this.skip();
    const sectionId = linkedSection(vscode.languages.getDiagnostics(file).find((d) => d.source === DIAGNOSTIC_SOURCE)!);
    await waitFor(() => probeLesson<boolean>(`document.getElementById('lesson')?.getAttribute('aria-busy') === 'false'`), 'the lesson to render', 45_000);
    const squiggles = await waitFor(
      () => evaluateInWorkbench<number>(`document.querySelectorAll('.editor-group-container .monaco-editor .squiggly-warning').length`),
      'a warning underlined in the editor',
    );
    assert.ok(squiggles > 0);
    const top = await evaluateInLesson<number>(`document.getElementById(${JSON.stringify(sectionId)}).getBoundingClientRect().top`);
    const height = await evaluateInLesson<number>('window.innerHeight');
    assert.ok(top >= -1 && top < height / 2, `the section starts in the upper half of the panel (top ${top} of ${height})`);
    await screenshot('first-screen');
  });
});
