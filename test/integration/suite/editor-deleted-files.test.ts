// A file deleted on disk loses its findings, even while VS Code still holds the closed document; and a
// setting changed afterwards does not bring them back. Unsaved text for a deleted file keeps its findings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi } from '../extension-api';
import { waitFor, waitUntil } from '../wait';
import { analysed, closeAllEditors, ourDiagnostics, updateSetting, workspaceUri } from './editor-helpers';

const FOLDER = 'generated-deleted';
const RETRY = [
  'export async function getStatus(): Promise<Response> {',
  '  for (;;) {',
  '    try {',
  "      return await fetch('/status');",
  '    } catch {',
  '      await new Promise((resolve) => setTimeout(resolve, 1000));',
  '    }',
  '  }',
  '}',
  '',
].join('\n');

async function openWithFindings(relativePath: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(RETRY));
  const document = (await vscode.window.showTextDocument(uri)).document;
  assert.ok((await analysed(document)).length > 0, `${relativePath} has findings while open`);
  return document;
}

describe('editor: deleted files', () => {
  after(async () => {
    await closeAllEditors();
    await updateSetting('debounceMs', undefined);
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('drops the findings of a closed file once it is deleted, and a setting change does not bring them back', async () => {
    const api = await activeApi();
    const before = api.editor.statusBar().count;
    const document = await openWithFindings(`${FOLDER}/poll.ts`);
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false });
    await waitFor(() => ourDiagnostics(document.uri).length === 0, 'the deleted file to lose its findings');

    await updateSetting('debounceMs', 150);
    await waitUntil(() => api.editor.statusBar().count, (count) => count === before, `the status bar to count ${before} again`);
    assert.equal(ourDiagnostics(document.uri).length, 0, 'a setting change re-analyses the documents in use, not a deleted one');
  });

  it('keeps the findings of a deleted file whose unsaved text is still open', async () => {
    const gone = await openWithFindings(`${FOLDER}/gone.ts`);
    const draft = await openWithFindings(`${FOLDER}/draft.ts`);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(draft.uri, new vscode.Position(0, 0), '// draft\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(draft.isDirty);
    const findings = (await analysed(draft)).length;
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false });
    // The deletion reaches the extension through a file watcher: the saved sibling losing its findings shows it has.
    await waitFor(() => ourDiagnostics(gone.uri).length === 0, 'the deleted sibling to lose its findings');
    assert.equal(ourDiagnostics(draft.uri).length, findings, 'the unsaved document keeps its findings');
  });
});
