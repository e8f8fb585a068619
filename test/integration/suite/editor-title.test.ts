// The "Open lesson" button ($(book)) in the title bar of TypeScript and JavaScript editors: contributed, shown
// for those languages only, and a click on it opens the lesson, as a user would click it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { closeLessonPanel, lessonTabs } from '../extension-api';
import { askHarness, harnessAvailable, screenshot } from '../harness-client';
import { waitFor } from '../wait';
import { RULE_FIXTURES, closeAllEditors, openFile, tidyWorkbench } from './editor-helpers';

/** The button in the active editor group's title bar (VS Code draws a menu entry's $(book) icon as codicon-book). */
const BOOK_BUTTON = '.editor-group-container.active .editor-actions a.action-label.codicon-book';

async function bookButtonShown(): Promise<boolean> {
  const answer = await askHarness({ action: 'evaluate', expression: `document.querySelector('${BOOK_BUTTON}') !== null`, frameWith: '.monaco-workbench' });
  return answer.detail === 'true';
}

describe('editor: "Open lesson" in the editor title bar', () => {
  before(async () => {
    await closeLessonPanel();
    await closeAllEditors();
  });
  after(async () => {
    await closeLessonPanel();
    await closeAllEditors();
    await tidyWorkbench();
  });

  it('runs the contributed command', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes(Commands.openLesson), 'the command is registered');
    await openFile(RULE_FIXTURES[0]!.file);
    await vscode.commands.executeCommand(Commands.openLesson);
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel');
    await closeLessonPanel();
  });

  it('shows the button on a TypeScript editor, and a click on it opens the lesson', async function () {
    if (!harnessAvailable()) this.skip();
    await openFile(RULE_FIXTURES[0]!.file);
    await waitFor(bookButtonShown, 'the book button in the editor title bar');
    await screenshot('editor-title-open-lesson');
    await askHarness({ action: 'click', selector: BOOK_BUTTON });
    await waitFor(() => lessonTabs().length === 1, 'the lesson panel after the click');
    await closeLessonPanel();
  });

  it('shows no button on an editor of another language', async function () {
    if (!harnessAvailable()) this.skip();
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# not code\n' });
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    // The title bar follows the active editor: wait until it shows this one, then look for the button.
    await waitFor(() => vscode.window.activeTextEditor?.document === document, 'the Markdown editor to be active');
    await waitFor(async () => !(await bookButtonShown()), 'no book button on a Markdown editor');
    await openFile(RULE_FIXTURES[0]!.file);
    await waitFor(bookButtonShown, 'the button back on the TypeScript editor');
    await vscode.window.showTextDocument(document, vscode.ViewColumn.One);
    await waitFor(async () => !(await bookButtonShown()), 'the button gone again on the Markdown editor');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
