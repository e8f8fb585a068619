// A minified bundle opened in the real VS Code: no diagnostics (names like `e` and `t` say nothing a reader
// could act on), and the status bar note says why the file was not analysed; formatted over short lines,
// the same code gets its finding. The bundle is generated at test time, never committed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi } from '../extension-api';
import { waitFor } from '../wait';
import { analysed, closeAllEditors, ourDiagnostics, workspaceUri } from './editor-helpers';

const BUNDLE = 'generated-minified/vendor.min.js';
const RETRY = 'async function f(){for(;;){try{return await fetch("/x",{method:"POST"})}catch(e){await sleep(1000)}}}';

describe('editor: a minified bundle', () => {
  after(async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(workspaceUri('generated-minified'), { recursive: true, useTrash: false });
    // The deletion reaches the extension through a file watcher, a moment later: the next suite counts without it.
    await waitFor(() => ourDiagnostics(workspaceUri(BUNDLE)).length === 0, 'the deleted bundle to lose its findings');
  });

  it('is not analysed, with a note that says it looks minified; the same code on short lines is', async () => {
    const api = await activeApi();
    const uri = workspaceUri(BUNDLE);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`/*! vendor */\n${'var a=1,b=2;'.repeat(500)}${RETRY}\n`));
    const document = (await vscode.window.showTextDocument(uri)).document;
    assert.deepEqual(await analysed(document), [], 'no findings in the bundle');
    const note = await waitFor(() => {
      const state = api.editor.analysisNote();
      return state.visible && state.tooltip.includes('vendor.min.js:') ? state : undefined;
    }, 'the note for the minified file');
    assert.match(note.tooltip, /looks minified/);

    const formatted = new vscode.WorkspaceEdit();
    formatted.replace(uri, new vscode.Range(new vscode.Position(0, 0), document.positionAt(document.getText().length)), document.getText().replace(/;/g, ';\n'));
    assert.ok(await vscode.workspace.applyEdit(formatted));
    const findings = await analysed(document);
    assert.ok(findings.some((diagnostic) => typeof diagnostic.code === 'object' && diagnostic.code.value === 'unbounded-retry'), 'the retry is found once the lines are short');
    await waitFor(() => !api.editor.analysisNote().visible, 'the note to go away');
  });
});
