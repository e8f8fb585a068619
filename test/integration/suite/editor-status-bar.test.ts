// The status bar items show as integrationCoach.statusBar.findings and integrationCoach.statusBar.quickCheck say:
// "auto" (the default) only while they have something to say, "always", "never". Each test sets what it relies
// on (a file with a finding open, the quick check's started flag), so no count or state left by another suite matters.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/commands';
import { activeApi } from '../extension-api';
import { askHarness, harnessAvailable } from '../harness-client';
import { waitFor, waitUntil } from '../wait';
import { RULE_FIXTURES, closeAllEditors, diagnosticsWhere, openFile, tidyWorkbench, updateSetting } from './editor-helpers';

/** Whether the workbench draws a status bar entry whose accessible label starts so (what a person sees). */
async function drawn(labelStart: string): Promise<boolean | undefined> {
  if (!harnessAvailable()) return undefined;
  const expression = `[...document.querySelectorAll('.statusbar-item [aria-label]')].some((e) => e.getAttribute('aria-label').startsWith(${JSON.stringify(labelStart)}) && e.offsetParent !== null)`;
  return (await askHarness({ action: 'evaluate', expression, frameWith: '.monaco-workbench' })).detail === 'true';
}

const FINDINGS_LABEL = 'Integration Coach: ';
const QUICK_CHECK_LABEL = 'Integration and APIs: ';

describe('status bar items, as their settings say', () => {
  after(async () => {
    await updateSetting('statusBar.findings', undefined);
    await updateSetting('statusBar.quickCheck', undefined);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await closeAllEditors();
    await tidyWorkbench();
  });

  it('findings: "auto" shows the item with findings in the workspace, "never" hides it, "always" shows it', async () => {
    const api = await activeApi();
    const { document } = await openFile(RULE_FIXTURES[0]!.file);
    await diagnosticsWhere(document.uri, 'a finding', (found) => found.length > 0);
    await updateSetting('statusBar.findings', undefined);
    await waitUntil(() => api.editor.statusBar(), (bar) => bar.count > 0 && bar.visible, 'the item shown, with findings, on "auto"');
    if (harnessAvailable()) await waitFor(() => drawn(FINDINGS_LABEL), 'the item drawn');
    await updateSetting('statusBar.findings', 'never');
    await waitUntil(() => api.editor.statusBar(), (bar) => bar.count > 0 && !bar.visible, 'the item hidden on "never", findings or not');
    if (harnessAvailable()) await waitFor(async () => (await drawn(FINDINGS_LABEL)) === false, 'the item gone from the status bar');
    await updateSetting('statusBar.findings', 'always');
    await waitUntil(() => api.editor.statusBar(), (bar) => bar.visible, 'the item shown on "always"');
  });

  it('findings: on "auto" the item is shown exactly while the count is above zero', async () => {
    const api = await activeApi();
    await updateSetting('statusBar.findings', 'auto');
    // Whatever other suites left in the Problems panel: the rule holds for the count there is.
    await waitUntil(() => api.editor.statusBar(), (bar) => bar.visible === bar.count > 0, 'the item shown exactly when there are findings');
  });

  it('quick check: "auto" shows the item only once the quick check was started; "always" and "never" decide alone', async () => {
    const api = await activeApi();
    await updateSetting('statusBar.quickCheck', 'auto');
    await api.forgetQuickCheckStarted();
    await waitUntil(() => api.quickCheck().statusBar, (bar) => !bar.visible, 'no item before the quick check was ever started');
    await updateSetting('statusBar.quickCheck', 'always');
    await waitUntil(() => api.quickCheck().statusBar, (bar) => bar.visible, 'the item on "always", never started or not');
    await updateSetting('statusBar.quickCheck', 'auto');
    await waitUntil(() => api.quickCheck().statusBar, (bar) => !bar.visible, 'hidden again on "auto"');
    await vscode.commands.executeCommand(Commands.quickCheck);
    await waitFor(() => api.quickCheck().active, 'the quick check to start');
    await waitUntil(() => api.quickCheck().statusBar, (bar) => bar.visible, 'the item once the quick check started');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => !api.quickCheck().active, 'the quick check to close');
    assert.ok(api.quickCheck().statusBar.visible, 'started once is enough: the item stays');
    if (harnessAvailable()) await waitFor(() => drawn(QUICK_CHECK_LABEL), 'the quick check item drawn');
    await updateSetting('statusBar.quickCheck', 'never');
    await waitUntil(() => api.quickCheck().statusBar, (bar) => !bar.visible, 'hidden on "never"');
    if (harnessAvailable()) await waitFor(async () => (await drawn(QUICK_CHECK_LABEL)) === false, 'the quick check item gone');
  });

  it('an invalid value warns, naming the setting, and falls back to "auto"', async () => {
    const api = await activeApi();
    const before = api.editor.settingWarnings().length;
    await updateSetting('statusBar.quickCheck', 'sometimes');
    await waitFor(() => api.editor.settingWarnings().slice(before).find((warning) => warning.includes('"integrationCoach.statusBar.quickCheck" is invalid')), 'the warning');
    assert.ok(api.quickCheck().statusBar.visible, 'on "auto", after a start: shown');
  });
});
