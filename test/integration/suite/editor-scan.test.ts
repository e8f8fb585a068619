// The workspace scan: totals, excludes (.gitignore and integrationCoach.exclude), the Problems panel,
// the status bar item, and cancellation.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import type { ScanSummary } from '../../../src/editor/workspace-scan';
import { activeApi } from '../extension-api';
import { askHarness, harnessAvailable, screenshot } from '../harness-client';
import { waitFor } from '../wait';
import { RULE_FIXTURES, closeAllEditors, ourDiagnostics, tidyWorkbench, updateSetting, workspaceUri } from './editor-helpers';

const GITIGNORE = '.gitignore';

/** What the scan must find under rules/: one finding per rule fixture, nothing in look-alikes or excluded folders. */
const EXPECTED_UNDER_RULES = Object.fromEntries(RULE_FIXTURES.map((fixture) => [fixture.file, 1]));

function underRules(byFile: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(byFile).filter(([file]) => file.startsWith('rules/')));
}

async function evaluateInWorkbench<T>(expression: string): Promise<T> {
  const answer = await askHarness({ action: 'evaluate', expression, frameWith: '.monaco-workbench' });
  return JSON.parse(answer.detail ?? 'null') as T;
}

describe('editor: workspace scan', () => {
  before(async () => {
    await closeAllEditors();
    await updateSetting('exclude', ['rules/generated/**']);
    await vscode.workspace.fs.writeFile(workspaceUri(GITIGNORE), new TextEncoder().encode('# vendored code\nrules/vendor/\n'));
  });
  after(async () => {
    (await activeApi()).editor.setScanHooks({});
    await updateSetting('exclude', undefined);
    await vscode.workspace.fs.delete(workspaceUri(GITIGNORE));
    await tidyWorkbench();
  });

  it('analyses every source file not excluded, fills the Problems panel and reports the totals', async () => {
    const api = await activeApi();
    const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
    assert.ok(summary, 'the scan returns its summary');
    assert.equal(summary.cancelled, false);
    assert.deepEqual(underRules(summary.byFile), EXPECTED_UNDER_RULES, 'one finding per rule fixture; none in look-alikes, rules/generated (setting) or rules/vendor (.gitignore)');
    assert.equal(summary.scannedFiles, summary.totalFiles);
    assert.equal(summary.findings, Object.values(summary.byFile).reduce((a, b) => a + b, 0));
    assert.equal(summary.byRule['unstable-idempotency-key'], 1);
    assert.ok(summary.byRule['retry-without-jitter'] >= 2);
    assert.deepEqual(api.editor.lastScan(), summary);
    for (const fixture of RULE_FIXTURES) {
      assert.equal(ourDiagnostics(workspaceUri(fixture.file)).length, 1, `${fixture.file} is in the Problems panel without being opened`);
    }
    assert.equal(ourDiagnostics(workspaceUri('rules/vendor/retry.js')).length, 0);
    await waitFor(() => api.editor.statusBar().count === summary.findings, `the status bar to count ${summary.findings} (it says ${api.editor.statusBar().text})`);
    assert.equal(api.editor.statusBar().text, `$(warning) ${summary.findings} retry issues`);
    if (harnessAvailable()) {
      const messages = () => evaluateInWorkbench<string[]>(`[...document.querySelectorAll('.notification-list-item-message')].map((e) => e.textContent)`);
      await waitFor(async () => (await messages()).some((text) => text.startsWith(`Integration Coach: Scanned ${summary.totalFiles} files: ${summary.findings} findings (`)), 'the totals in a notification');
    }
  });

  it('opens the Problems panel from the status bar item', async function () {
    if (!harnessAvailable()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await askHarness({ action: 'click', selector: '.statusbar-item [aria-label^="Integration Coach:"]' });
    await waitFor(() => evaluateInWorkbench<boolean>(`(() => { const p = document.querySelector('.markers-panel'); return !!p && p.getBoundingClientRect().height > 0; })()`), 'the Problems panel');
    await screenshot('problems-panel-scan');
  });

  it('stops when cancelled and says how far it got', async () => {
    const api = await activeApi();
    api.editor.setScanHooks({ beforeBatch: (scanned) => (scanned > 0 ? api.editor.cancelScan() : undefined) });
    const summary = await vscode.commands.executeCommand<ScanSummary>(Commands.scanWorkspace);
    assert.equal(summary.cancelled, true);
    assert.ok(summary.scannedFiles > 0 && summary.scannedFiles < summary.totalFiles, `scanned ${summary.scannedFiles} of ${summary.totalFiles}`);
  });
});
