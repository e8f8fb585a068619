// One user action, one notification: a settings change that makes several settings invalid at once is said in
// one warning that names them all, not in a stack of warnings.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activeApi } from '../extension-api';
import { askHarness, harnessAvailable } from '../harness-client';
import { waitFor } from '../wait';
import { closeAllEditors, openFile, RULE_FIXTURES, tidyWorkbench, updateSetting } from './editor-helpers';

/** The notifications on screen (toasts and the notification centre's list alike), by their text. */
async function notificationsOnScreen(): Promise<string[]> {
  const expression = `[...document.querySelectorAll('.notification-list-item-message')].map((e) => e.textContent)`;
  return JSON.parse((await askHarness({ action: 'evaluate', expression, frameWith: '.monaco-workbench' })).detail ?? '[]') as string[];
}

describe('notifications: one per user action', () => {
  after(async () => {
    await updateSetting('idempotencyHeaders', undefined);
    await updateSetting('retryHelpers', undefined);
    await closeAllEditors();
    await tidyWorkbench();
  });

  it('says in one warning that two settings changed at once are invalid', async () => {
    const api = await activeApi();
    const [folder] = vscode.workspace.workspaceFolders ?? [];
    assert.ok(folder);
    await openFile(RULE_FIXTURES[0]!.file);
    await vscode.commands.executeCommand('notifications.clearAll');
    const before = api.editor.settingWarnings().length;
    // One write of the settings file: one change event with both values wrong, as when a user pastes them in.
    const settingsFile = vscode.Uri.joinPath(folder.uri, '.vscode', 'settings.json');
    const current = await vscode.workspace.fs.readFile(settingsFile).then((bytes) => JSON.parse(Buffer.from(bytes).toString('utf8') || '{}') as Record<string, unknown>, () => ({}));
    const wrong = { ...current, 'integrationCoach.idempotencyHeaders': 42, 'integrationCoach.retryHelpers': 'retry' };
    await vscode.workspace.fs.writeFile(settingsFile, Buffer.from(JSON.stringify(wrong, null, 2)));
    const [warning] = await waitFor(() => {
      const added = api.editor.settingWarnings().slice(before);
      return added.some((text) => text.includes('retryHelpers')) && added.some((text) => text.includes('idempotencyHeaders')) ? added : undefined;
    }, 'the warnings about both settings');
    assert.equal(api.editor.settingWarnings().length, before + 1, `one warning: ${JSON.stringify(api.editor.settingWarnings().slice(before))}`);
    assert.match(warning!, /"integrationCoach\.idempotencyHeaders" is invalid/);
    assert.match(warning!, /"integrationCoach\.retryHelpers" is invalid/);
    if (harnessAvailable()) {
      const ours = await waitFor(async () => {
        const shown = (await notificationsOnScreen()).filter((text) => text.includes('integrationCoach.idempotencyHeaders') || text.includes('integrationCoach.retryHelpers'));
        return shown.length > 0 ? shown : undefined;
      }, 'the warning on screen');
      assert.equal(ours.length, 1, `one notification on screen: ${JSON.stringify(ours)}`);
    }
  });
});
