// A file deleted on disk loses its findings, even while VS Code still holds the closed document; and a
// setting changed afterwards does not bring them back. Unsaved text for a deleted file keeps its findings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi } from '../extension-api';
import { waitFor } from '../wait';
import { analysed, closeAllEditors, openFile, ourDiagnostics, updateSetting, workspaceUri } from './editor-helpers';

const FOLDER = 'generated-deleted';
const WITNESS = 'rules/unbounded-retry.ts';
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
    await updateSetting('rules', undefined);
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('drops the findings of a closed file once it is deleted, and a setting change does not bring them back', async () => {
    const api = await activeApi();
    const document = await openWithFindings(`${FOLDER}/poll.ts`);
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri(FOLDER), { recursive: true, useTrash: false });
    await waitFor(() => ourDiagnostics(document.uri).length === 0, 'the deleted file to lose its findings');

    // A file in use shows when the setting change has been applied: its finding turns into an error.
    const witness = (await openFile(WITNESS)).document;
    assert.equal((await analysed(witness)).length, 1);
    await updateSetting('rules', { 'unbounded-retry': 'error' });
    await waitFor(() => ourDiagnostics(witness.uri).some((found) => found.severity === vscode.DiagnosticSeverity.Error), `${WITNESS} to be analysed again with the new severity`);
    assert.equal(ourDiagnostics(document.uri).length, 0, 'a setting change re-analyses the documents in use, not a deleted one');
    assert.equal(api.editor.analysedVersion(document.uri), undefined);
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
