// A file whose analysis hangs or runs out of its time budget, in the real VS Code: the file gets a notice
// (a status bar note, shown only while it applies), and the other open files keep their diagnostics or,
// when edited meanwhile, get their new ones. The hostile file is generated at test time, never committed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi } from '../extension-api';
import { askHarness, harnessAvailable, screenshot } from '../harness-client';
import { waitFor } from '../wait';
import { analysed, closeAllEditors, describeDiagnostic, diagnosticsWhere, openFile, ourDiagnostics, RULE_FIXTURES, updateSetting, workspaceUri } from './editor-helpers';

const HOSTILE = 'generated/hostile-retries.ts';
/** Long enough for anything this test waits on: a hang runs to its timeout (about 10 s for this file) first. */
const LONG_WAIT_MS = 180_000;

/**
 * About 2.4 MB: 90 nested `while (true) { try {` (as deep as the core analyses) around 30,000 assignments
 * (far too slow for an analysis that is super-linear in nesting: it hangs until the worker's timeout),
 * then 2 MB of small retry loops (far more than a 100 ms budget can walk even when every analysis is linear).
 */
function hostileSource(): string {
  const open = 'while (true) { try {\n'.repeat(90);
  const body = Array.from({ length: 30_000 }, (_, i) => `x${i % 10} = ${i};\n`).join('');
  const close = '} catch (e) { await sleep(1); } }\n'.repeat(90);
  const loops: string[] = [];
  for (let i = 0, size = 0; size < 2 * 1024 * 1024; i++) {
    const loop = `export async function fetch${i}(op: () => Promise<unknown>) {\n  for (;;) {\n    try { return await op(); } catch (error) { await sleep(1000); }\n  }\n}\n`;
    loops.push(loop);
    size += loop.length;
  }
  return `let x0, x1, x2, x3, x4, x5, x6, x7, x8, x9;\nasync function nested() {\n${open}${body}${close}}\n${loops.join('')}`;
}

async function statusBarShows(text: string): Promise<boolean> {
  const expression = `[...document.querySelectorAll('.statusbar-item')].some((e) => e.textContent.includes(${JSON.stringify(text)}))`;
  return (await askHarness({ action: 'evaluate', frameWith: '.monaco-workbench', expression })).detail === 'true';
}

describe('editor: a file that hangs the analysis or exceeds its time budget', () => {
  after(async () => {
    await closeAllEditors();
    for (const key of ['timeBudgetMs', 'maxFileSizeKb']) await updateSetting(key, undefined);
    await vscode.workspace.fs.delete(workspaceUri('generated'), { recursive: true, useTrash: false });
  });

  it('shows a notice for that file while the other open files keep or get their diagnostics', async () => {
    const api = await activeApi();
    const [kept, edited] = [RULE_FIXTURES[0]!, RULE_FIXTURES[1]!];
    const keptDocument = (await openFile(kept.file)).document;
    const keptBefore = (await diagnosticsWhere(keptDocument.uri, 'the kept file\'s finding', (found) => found.length === 1)).map(describeDiagnostic);
    const editedDocument = (await openFile(edited.file)).document;
    await diagnosticsWhere(editedDocument.uri, 'the edited file\'s finding', (found) => found.length === 1);
    assert.equal(api.editor.analysisNote().visible, false, 'no note while every file is analysed');

    await updateSetting('maxFileSizeKb', 4096);
    await updateSetting('timeBudgetMs', 100);
    const hostileUri = workspaceUri(HOSTILE);
    await vscode.workspace.fs.writeFile(hostileUri, new TextEncoder().encode(hostileSource()));
    await vscode.commands.executeCommand('vscode.open', hostileUri);
    // Edited while the worker is on the hostile file: this request waits behind it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editedDocument.uri, new vscode.Position(0, 0), '// touched while the worker is busy\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const editedAt = performance.now();

    const editedAfter = await waitFor(() => {
      const found = ourDiagnostics(editedDocument.uri);
      return api.editor.analysedVersion(editedDocument.uri) === editedDocument.version && found.length === 1 ? found : undefined;
    }, 'the edited file\'s new diagnostics', LONG_WAIT_MS);
    const editedMs = Math.round(performance.now() - editedAt);
    assert.equal(editedAfter[0]!.range.start.line, edited.range[0] + 1, 'the finding of the edited text, one line down');
    const note = await waitFor(() => {
      const state = api.editor.analysisNote();
      return state.visible && state.tooltip.includes('hostile-retries.ts:') ? state : undefined;
    }, 'the notice for the hostile file', LONG_WAIT_MS);
    const noteMs = Math.round(performance.now() - editedAt);
    console.log(`[editor] hostile file: notice after ${noteMs} ms; the file edited meanwhile analysed after ${editedMs} ms; worker ${JSON.stringify(api.editor.workerStats())}`);
    assert.match(note.tooltip, /hostile-retries\.ts: (Analysis stopped after \d+ ?ms|Analysis did not finish within \d+ ms)/);
    assert.match(note.text, /not fully analysed/);
    assert.deepEqual((await analysed(keptDocument)).map(describeDiagnostic), keptBefore, 'the other file keeps its diagnostics');
    assert.equal(api.editor.workerStats().gaveUp, false, 'one hostile file does not stop the analysis of the others');
    if (harnessAvailable()) {
      await waitFor(() => statusBarShows('not fully analysed'), 'the note in the status bar');
      await screenshot('analysis-note');
    }

    // Once the file is fixed, the note no longer applies and goes away.
    const hostileDocument = vscode.workspace.textDocuments.find((document) => document.uri.toString() === hostileUri.toString());
    assert.ok(hostileDocument, 'the hostile file is open');
    const fix = new vscode.WorkspaceEdit();
    fix.replace(hostileUri, new vscode.Range(new vscode.Position(0, 0), hostileDocument.positionAt(hostileDocument.getText().length)), 'export const fixed = true;\n');
    assert.ok(await vscode.workspace.applyEdit(fix));
    assert.ok(await hostileDocument.save());
    await waitFor(() => !api.editor.analysisNote().visible, 'the note to go away', LONG_WAIT_MS);
    if (harnessAvailable()) await waitFor(async () => !(await statusBarShows('not fully analysed')), 'the note gone from the status bar');
  });
});
