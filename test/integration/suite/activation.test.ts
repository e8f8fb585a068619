import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, LESSON_VIEW_TYPE } from '../../../src/commands';
import { harnessAvailable, screenshot } from '../harness-client';
import { waitFor } from '../wait';

const EXTENSION_ID = 'integration-coach.integration-coach';

function lessonTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .filter((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(LESSON_VIEW_TYPE));
}

describe('activation', () => {
  it('runs in a VS Code the manifest supports (1.100.3 under the code-server harness)', () => {
    if (harnessAvailable()) assert.equal(vscode.version, '1.100.3');
    const [major, minor] = vscode.version.split('.').map(Number);
    assert.ok(major > 1 || (major === 1 && minor >= 100), `VS Code ${vscode.version} satisfies ^1.100.0`);
  });

  it('activates when a TypeScript file of the workspace opens', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed in the development host`);
    assert.equal(extension.isActive, false, 'nothing activates it before a TypeScript document opens');
    const [folder] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folder, 'the fixture workspace is open');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'src', 'checkout.ts'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'typescript');
    await waitFor(() => extension.isActive, 'the extension to activate');
  });

  it('registers every command it contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON.contributes.commands as { command: string }[]).map((entry) => entry.command);
    assert.deepEqual([...contributed].sort(), Object.values(Commands).sort());
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of contributed) assert.ok(registered.has(command), `${command} is registered`);
  });

  it('opens the lesson in a webview panel beside the editor', async () => {
    await vscode.commands.executeCommand(Commands.openLesson);
    const [tab] = await waitFor(() => (lessonTabs().length ? lessonTabs() : undefined), 'the lesson panel');
    assert.ok(tab.group.viewColumn > vscode.ViewColumn.One, 'the panel opens beside the code, not over it');
    await vscode.commands.executeCommand(Commands.openLesson);
    assert.equal(lessonTabs().length, 1, 'a second call reveals the same panel');
    await screenshot('lesson-panel-opened');
  });
});
